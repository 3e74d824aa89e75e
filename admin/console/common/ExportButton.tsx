/**
 * Export: the list's current filter (and sort) as CSV, every row, streamed by the server from
 * /exports/<file>.csv. A link cannot send the staff bearer token, so the file is fetched and saved from a blob.
 */
import DownloadIcon from '@mui/icons-material/GetApp';
import { useState } from 'react';
import { Button, useListContext, useNotify } from 'react-admin';
import { readCredentials } from '../credentials';
import { FILTER_KEYS } from '../dataProvider/resources';

/** The export of each console resource that has one, and the API filter names its list's filters become. */
const EXPORTS: Record<string, { file: string; keys: readonly string[]; sorts?: string[] }> = {
  orders: {
    file: 'orders.csv',
    keys: FILTER_KEYS.orders,
    sorts: ['requestedStartDate', 'createdAt', 'subscriptionId', 'status', 'windowClosesAt'],
  },
  customerOrgs: { file: 'customer-orgs.csv', keys: FILTER_KEYS.customerOrgs },
  cases: { file: 'cases.csv', keys: FILTER_KEYS.cases },
};

/** Where the list's export is for a filter and sort as react-admin holds them (`q` is the API's `search`). */
export function exportUrl(resource: string, filter: Record<string, unknown>, sort?: { field: string; order: string }): string {
  const spec = EXPORTS[resource];
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    const name = key === 'q' ? 'search' : key;
    if (!spec.keys.includes(name) || value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  if (sort && spec.sorts?.includes(sort.field)) {
    query.set('sort', sort.field);
    query.set('order', sort.order === 'ASC' ? 'ASC' : 'DESC');
  }
  return `/exports/${spec.file}?${query}`;
}

export function ExportButton() {
  const { resource, filterValues, sort, total } = useListContext();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!resource || !EXPORTS[resource]) return null;
  const download = async () => {
    setBusy(true);
    try {
      const response = await fetch(exportUrl(resource, filterValues, sort), {
        headers: { authorization: `Bearer ${readCredentials()?.token ?? ''}` },
      });
      if (!response.ok) {
        const refusal = await response.json().catch(() => null);
        throw new Error(refusal?.errors?.[0]?.message ?? response.statusText);
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = EXPORTS[resource].file;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      notify('console.metrics.exportFailed', { type: 'warning', messageArgs: { error: (error as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="ra.action.export" onClick={download} disabled={busy || total === 0} data-testid="list-export">
      <DownloadIcon />
    </Button>
  );
}
