/** A dashboard card: how many records match, and the first few of them, each linking to its page. */
import { Card, CardContent, CardHeader, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { useCreatePath, useGetList, useTranslate, type RaRecord, type SortPayload } from 'react-admin';

interface RecentCardProps {
  /** A message key: the card's title, followed by how many records match (`console.dashboard.count`). */
  title: string;
  resource: string;
  filter: Record<string, unknown>;
  sort?: SortPayload;
  /** Where the card's "see all" goes: the list with the same filter. */
  listFilter?: Record<string, unknown>;
  primary: (record: RaRecord) => ReactNode;
  secondary: (record: RaRecord) => ReactNode;
  link: 'show' | 'edit';
  testId: string;
}

export function RecentCard({ title, resource, filter, sort, listFilter, primary, secondary, link, testId }: RecentCardProps) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data, total, isPending, error } = useGetList(resource, { filter, sort, pagination: { page: 1, perPage: 5 } });
  const listPath = `${createPath({ resource, type: 'list' })}?filter=${encodeURIComponent(JSON.stringify(listFilter ?? filter))}`;
  return (
    <Card component="section" data-testid={testId} sx={{ flex: '1 1 320px' }}>
      <CardHeader
        title={
          // The count once known: none while the records load, rather than a zero that is not true yet.
          <>
            {translate(title)}
            {isPending ? null : <span> {translate('console.dashboard.count', { smart_count: total ?? 0 })}</span>}
          </>
        }
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {error ? <Typography color="error">{error.message}</Typography> : null}
        {!isPending && !error && data?.length === 0 && <Typography>{translate('console.dashboard.none')}</Typography>}
        <List dense disablePadding>
          {data?.map((record) => (
            <ListItem key={record.id} disableGutters>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={createPath({ resource, id: record.id, type: link })}>
                    {primary(record)}
                  </Link>
                }
                secondary={secondary(record)}
              />
            </ListItem>
          ))}
        </List>
        <Link component={RouterLink} to={listPath}>
          {translate('console.dashboard.seeAll')}
        </Link>
      </CardContent>
    </Card>
  );
}
