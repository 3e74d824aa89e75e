/** One block per onboarding metric: a chart of the range's totals (recharts), a table of the groups, and its CSV export. */
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useGetList, useTranslate, type RaRecord } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DurationStatsFieldsFragment } from '../../generated/console';
import { ENUMS } from '../common/enums';
import { readCredentials } from '../credentials';
import { exportUrl, PERIOD_GROUPINGS, type MetricFilter } from '../dataProvider/metrics';

type Translate = ReturnType<typeof useTranslate>;

/** Loads one metric for the filter and hands its groups to the block's body. */
function MetricBlock({
  title,
  resource,
  filter,
  children,
}: {
  title: string;
  resource: string;
  filter: MetricFilter;
  children: (groups: RaRecord[]) => ReactNode;
}) {
  const translate = useTranslate();
  // A failed metric stays failed on retry (the range is wrong, or the server lacks the metric): say so at once.
  const { data, isPending, error } = useGetList(resource, { filter, pagination: { page: 1, perPage: 1000 } }, { retry: false });
  return (
    <Box component="section" data-testid={`metric-${resource}`} aria-label={translate(title)}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 1 }}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(title)}
        </Typography>
        <ExportButton resource={resource} filter={filter} />
      </Box>
      {error && <Alert severity="warning">{translate('console.metrics.unavailable', { error: error.message })}</Alert>}
      {isPending && !error && <Typography>{translate('ra.page.loading')}</Typography>}
      {data && (data.length === 0 ? <Typography>{translate('console.metrics.empty')}</Typography> : children(data))}
    </Box>
  );
}

/**
 * Downloads the metric's CSV (every group of the range) with the signed-in staff member's token: a link cannot send
 * the bearer header, so the file is fetched and saved from a blob.
 */
function ExportButton({ resource, filter }: { resource: string; filter: MetricFilter }) {
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch(exportUrl(resource, filter), { headers: { authorization: `Bearer ${readCredentials()?.token ?? ''}` } });
      if (!response.ok) {
        const refusal = await response.json().catch(() => null);
        throw new Error(refusal?.errors?.[0]?.message ?? response.statusText);
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = `${resource}-${filter.groupBy}-${filter.from}-${filter.to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Button size="small" startIcon={<DownloadIcon />} onClick={download} disabled={busy} data-testid={`export-${resource}`}>
        {translate('console.metrics.export')}
      </Button>
      {failure && (
        <Alert severity="warning" role="alert">
          {translate('console.metrics.exportFailed', { error: failure })}
        </Alert>
      )}
    </Box>
  );
}

/** The figures of every group; it scrolls within the dashboard, so it takes the keyboard focus to scroll by keys. */
function GroupTable({ label, head, rows }: { label: string; head: ReactNode[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <TableContainer sx={{ maxHeight: 320 }} tabIndex={0} role="region" aria-label={label}>
      <Table size="small" stickyHeader>
        <TableHead>
          <TableRow>
            {head.map((cell, index) => (
              <TableCell key={index}>{cell}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key}>
              {row.cells.map((cell, index) => (
                <TableCell key={index}>{cell}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Chart({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box role="img" aria-label={label} sx={{ width: '100%', height: 260 }}>
      <ResponsiveContainer>{children as React.ReactElement}</ResponsiveContainer>
    </Box>
  );
}

/** Table rows: periods newest first, where an analyst looks; a dimension's top groups as the server ranks them, then OTHERS. */
function forTable(groups: RaRecord[], filter: MetricFilter): RaRecord[] {
  return PERIOD_GROUPINGS.includes(filter.groupBy) ? [...groups].reverse() : groups;
}

function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '-' : `${Math.round(rate * 1000) / 10}%`;
}

/** A duration as people read it: minutes, hours or days. */
function duration(seconds: number | null | undefined, translate: Translate): string {
  if (seconds === null || seconds === undefined) return '-';
  if (seconds < 3600) return translate('console.metrics.minutes', { n: Math.round(seconds / 60) });
  if (seconds < 86_400 * 2) return translate('console.metrics.hours', { n: Math.round(seconds / 360) / 10 });
  return translate('console.metrics.days', { n: Math.round(seconds / 8640) / 10 });
}

export function FunnelChart({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  return (
    <MetricBlock title="console.metrics.funnel" resource="onboardingFunnel" filter={filter}>
      {(groups) => {
        const totals = ENUMS.FunnelStage.map((stage) => ({
          stage: translate(`console.enum.FunnelStage.${stage}`),
          orders: groups.reduce(
            (sum, group) => sum + (group.stages.find((found: { stage: string }) => found.stage === stage)?.orders ?? 0),
            0,
          ),
        }));
        return (
          <>
            <Chart label={translate('console.metrics.funnel')}>
              <BarChart data={totals} layout="vertical" margin={{ left: 40 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="stage" width={160} tick={{ fontSize: 11 }} interval={0} />
                <Tooltip />
                <Bar dataKey="orders" name={translate('console.metrics.orders')} fill="#1976d2" />
              </BarChart>
            </Chart>
            <GroupTable
              label={translate('console.metrics.funnel')}
              head={[
                translate('console.metrics.group'),
                ...ENUMS.FunnelStage.map((stage) => translate(`console.enum.FunnelStage.${stage}`)),
              ]}
              rows={forTable(groups, filter).map((group) => ({
                key: String(group.id),
                cells: [
                  group.group.label,
                  ...ENUMS.FunnelStage.map((stage) => {
                    const found = group.stages.find((candidate: { stage: string }) => candidate.stage === stage);
                    return found ? `${found.orders} (${percent(found.rateFromPrevious)})` : '-';
                  }),
                ],
              }))}
            />
          </>
        );
      }}
    </MetricBlock>
  );
}

export function DropOffChart({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  return (
    <MetricBlock title="console.metrics.dropOff" resource="onboardingDropOff" filter={filter}>
      {(groups) => {
        const sessionsAt = (side: 'abandoned' | 'expired', step: string) =>
          groups.reduce((sum, group) => sum + (group[side].find((found: { step: string }) => found.step === step)?.sessions ?? 0), 0);
        const totals = ENUMS.WizardStep.filter((step) => step !== 'DONE').map((step) => ({
          step: translate(`console.enum.WizardStep.${step}`),
          abandoned: sessionsAt('abandoned', step),
          expired: sessionsAt('expired', step),
        }));
        return (
          <>
            <Chart label={translate('console.metrics.dropOff')}>
              <BarChart data={totals}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="step" tick={{ fontSize: 11 }} interval={0} angle={-20} textAnchor="end" height={60} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="abandoned" stackId="ended" name={translate('console.enum.SessionStatus.ABANDONED')} fill="#ed6c02" />
                <Bar dataKey="expired" stackId="ended" name={translate('console.enum.SessionStatus.EXPIRED')} fill="#9c27b0" />
              </BarChart>
            </Chart>
            <GroupTable
              label={translate('console.metrics.dropOff')}
              head={[
                translate('resources.sessions.fields.furthestStep'),
                translate('console.enum.SessionStatus.ABANDONED'),
                translate('console.enum.SessionStatus.EXPIRED'),
              ]}
              rows={totals.map((total) => ({ key: total.step, cells: [total.step, total.abandoned, total.expired] }))}
            />
          </>
        );
      }}
    </MetricBlock>
  );
}

export function DurationTable({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  const cells = (counted: DurationStatsFieldsFragment | null | undefined) => [
    counted?.orders ?? 0,
    duration(counted?.medianSeconds, translate),
    duration(counted?.p90Seconds, translate),
  ];
  return (
    <MetricBlock title="console.metrics.durations" resource="provisioningDurations" filter={filter}>
      {(groups) => (
        <GroupTable
          label={translate('console.metrics.durations')}
          head={[
            translate('console.metrics.group'),
            translate('console.metrics.emailToMapping.orders'),
            translate('console.metrics.emailToMapping.median'),
            translate('console.metrics.emailToMapping.p90'),
            translate('console.metrics.firstOpeningToMapping.orders'),
            translate('console.metrics.firstOpeningToMapping.median'),
            translate('console.metrics.firstOpeningToMapping.p90'),
          ]}
          rows={forTable(groups, filter).map((group) => ({
            key: String(group.id),
            cells: [group.group.label, ...cells(group.emailToMapping), ...cells(group.firstOpeningToMapping)],
          }))}
        />
      )}
    </MetricBlock>
  );
}

export function TrialMetrics({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  const counts = ['started', 'expired', 'extended', 'converted'] as const;
  return (
    <MetricBlock title="console.metrics.trials" resource="trialMetrics" filter={filter}>
      {(groups) => (
        <>
          <Chart label={translate('console.metrics.trials')}>
            <BarChart data={groups.map((group) => ({ ...group, label: group.group.label }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {counts.map((count, index) => (
                <Bar
                  key={count}
                  dataKey={count}
                  name={translate(`console.metrics.trial.${count}`)}
                  fill={['#1976d2', '#d32f2f', '#ed6c02', '#2e7d32'][index]}
                />
              ))}
            </BarChart>
          </Chart>
          <GroupTable
            label={translate('console.metrics.trials')}
            head={[
              translate('console.metrics.group'),
              ...counts.map((count) => translate(`console.metrics.trial.${count}`)),
              translate('console.metrics.trial.conversionRate'),
            ]}
            rows={forTable(groups, filter).map((group) => ({
              key: String(group.id),
              cells: [group.group.label, ...counts.map((count) => group[count]), percent(group.conversionRate)],
            }))}
          />
        </>
      )}
    </MetricBlock>
  );
}

export function CaseMetrics({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  return (
    <MetricBlock title="console.metrics.cases" resource="caseMetrics" filter={filter}>
      {(groups) => (
        <GroupTable
          label={translate('console.metrics.cases')}
          head={[
            translate('console.metrics.group'),
            translate('console.metrics.case.kind'),
            translate('console.metrics.case.opened'),
            translate('console.metrics.case.resolved'),
            translate('console.metrics.case.medianToResolve'),
          ]}
          rows={forTable(groups, filter).flatMap((group) => [
            {
              key: `${group.id}`,
              cells: [
                group.group.label,
                translate('console.metrics.case.allKinds'),
                group.opened,
                group.resolved,
                duration(group.medianSecondsToResolve, translate),
              ],
            },
            ...group.byKind.map((kind: { kind: string; opened: number; resolved: number; medianSecondsToResolve: number | null }) => ({
              key: `${group.id}-${kind.kind}`,
              cells: [
                '',
                translate(`console.enum.CaseKind.${kind.kind}`),
                kind.opened,
                kind.resolved,
                duration(kind.medianSecondsToResolve, translate),
              ],
            })),
          ])}
        />
      )}
    </MetricBlock>
  );
}
