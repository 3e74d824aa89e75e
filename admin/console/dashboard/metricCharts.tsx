/**
 * One block per onboarding metric: a chart of the range (BarsChart, plain SVG), a table of the groups, and
 * its CSV export. Every figure is written by the console's formatters (common/format.ts) and every group named in
 * the console's language: a week by its days, a month by its name, a country by Intl's name for it.
 */
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { useGetList, useTranslate, type RaRecord } from 'react-admin';
import type { DurationStatsFieldsFragment } from '../../generated/console';
import { ENUMS } from '../common/enums';
import type { Formatters } from '../common/format';
import { useFormat } from '../common/useFormat';
import { readCredentials } from '../credentials';
import { exportUrl, PERIOD_GROUPINGS, type MetricFilter } from '../dataProvider/metrics';
import { BarsChart, type BarRow } from './BarsChart';

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
  const { data, error } = useGetList(resource, { filter, pagination: { page: 1, perPage: 1000 } }, { retry: false });
  // The chart and the table are drawn in a render React can interrupt (one of its transitions), not in the one that
  // takes the answer, so that a phone keeps answering taps while the five metrics arrive.
  const groups = useDeferredValue(data);
  return (
    <Box component="section" data-testid={`metric-${resource}`} aria-label={translate(title)} sx={{ minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 1 }}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(title)}
        </Typography>
        <ExportButton resource={resource} filter={filter} />
      </Box>
      {error && <Alert severity="warning">{translate('console.metrics.unavailable', { error: error.message })}</Alert>}
      {!groups && !error && <Typography>{translate('ra.page.loading')}</Typography>}
      {groups && (groups.length === 0 ? <Typography>{translate('console.metrics.empty')}</Typography> : children(groups))}
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

/**
 * The figures of every group, in full: the page scrolls, not the table, so no row is cut in half; a table wider
 * than the screen scrolls sideways on its own (it takes the keyboard focus to scroll by keys).
 */
function GroupTable({
  label,
  head,
  rows,
  textColumns = 1,
}: {
  label: string;
  head: ReactNode[];
  rows: { key: string; cells: ReactNode[] }[];
  /** How many columns, from the first, hold names (left-aligned, wrapping); the others hold figures. */
  textColumns?: number;
}) {
  return (
    <TableContainer sx={{ overflowX: 'auto', overflowY: 'visible', mt: 1 }} tabIndex={0} role="region" aria-label={label}>
      <Table size="small">
        <TableHead>
          <TableRow>
            {head.map((cell, index) => (
              <TableCell
                key={index}
                align={index === 0 ? 'left' : 'right'}
                sx={{ verticalAlign: 'bottom', minWidth: index === 0 ? 150 : 80 }}
              >
                {cell}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key}>
              {row.cells.map((cell, index) => (
                <TableCell
                  key={index}
                  align={index < textColumns ? 'left' : 'right'}
                  sx={{ whiteSpace: index < textColumns ? 'normal' : 'nowrap' }}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Table rows: periods newest first, where an analyst looks; a dimension's top groups as the server ranks them, then OTHERS. */
function forTable(groups: RaRecord[], filter: MetricFilter): RaRecord[] {
  return PERIOD_GROUPINGS.includes(filter.groupBy) ? [...groups].reverse() : groups;
}

/**
 * A group's name in the console's language: a period by its dates, a country by Intl's name, a region by the
 * console's name for it, "not known yet" translated; an offer, a partner org and OTHERS as the server names them.
 */
export function groupName(groupBy: string, group: { key: string; label: string }, format: Formatters, translate: Translate): string {
  if (group.key === 'UNKNOWN') return translate('console.metrics.unknownGroup');
  if (group.key === 'OTHERS') return group.label;
  if (groupBy === 'COUNTRY') return format.country(group.key);
  if (groupBy === 'REGION') return translate(`console.enum.Region.${group.key}`, { _: group.label });
  return format.period(groupBy, group.key, group.label);
}

const COLORS = { blue: '#1565c0', orange: '#e65100', purple: '#7b1fa2', red: '#c62828', green: '#2e7d32', teal: '#00695c' };

export function FunnelChart({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <MetricBlock title="console.metrics.funnel" resource="onboardingFunnel" filter={filter}>
      {(groups) => {
        const rows: BarRow[] = ENUMS.FunnelStage.map((stage) => ({
          name: translate(`console.enum.FunnelStage.${stage}`),
          orders: groups.reduce(
            (sum, group) => sum + (group.stages.find((found: { stage: string }) => found.stage === stage)?.orders ?? 0),
            0,
          ),
        }));
        // The reminders before a setup window closes: a side path beside the stages (an order mapped without one never
        // passes through it), shown when the server counts them.
        const reminded = groups.every((group) => group.reminders)
          ? (['ordersReminded', 'remindersSent', 'ordersMappedAfterReminder'] as const).map((count) =>
              groups.reduce((sum, group) => sum + group.reminders[count], 0),
            )
          : null;
        return (
          <>
            {reminded && (
              <Typography variant="body2" data-testid="funnel-reminders" sx={{ mb: 1 }}>
                {translate('console.metrics.reminders.summary', {
                  reminded: format.number(reminded[0]),
                  sent: format.number(reminded[1]),
                  mapped: format.number(reminded[2]),
                  rate: format.percent(reminded[0] === 0 ? null : reminded[2] / reminded[0]),
                })}
              </Typography>
            )}
            <BarsChart
              label={translate('console.metrics.funnel')}
              rows={rows}
              series={[{ key: 'orders', name: translate('console.metrics.orders'), color: COLORS.blue }]}
              format={format.number}
              testId="chart-onboardingFunnel"
            />
            <GroupTable
              label={translate('console.metrics.funnel')}
              head={[
                translate('console.metrics.group'),
                ...ENUMS.FunnelStage.map((stage) => translate(`console.enum.FunnelStage.${stage}`)),
                ...(reminded
                  ? [translate('console.metrics.reminders.ordersReminded'), translate('console.metrics.reminders.mappedAfter')]
                  : []),
              ]}
              rows={forTable(groups, filter).map((group) => ({
                key: String(group.id),
                cells: [
                  groupName(filter.groupBy, group.group, format, translate),
                  ...ENUMS.FunnelStage.map((stage) => {
                    const found = group.stages.find((candidate: { stage: string }) => candidate.stage === stage);
                    return found ? `${format.number(found.orders)} (${format.percent(found.rateFromPrevious)})` : '-';
                  }),
                  ...(reminded
                    ? [
                        format.number(group.reminders.ordersReminded),
                        `${format.number(group.reminders.ordersMappedAfterReminder)} (${format.percent(group.reminders.mappedRate)})`,
                      ]
                    : []),
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
  const format = useFormat();
  return (
    <MetricBlock title="console.metrics.dropOff" resource="onboardingDropOff" filter={filter}>
      {(groups) => {
        const sessionsAt = (side: 'abandoned' | 'expired', step: string) =>
          groups.reduce((sum, group) => sum + (group[side].find((found: { step: string }) => found.step === step)?.sessions ?? 0), 0);
        const rows = ENUMS.WizardStep.filter((step) => step !== 'DONE').map((step) => {
          const abandoned = sessionsAt('abandoned', step);
          const expired = sessionsAt('expired', step);
          return { name: translate(`console.enum.WizardStep.${step}`), abandoned, expired, total: abandoned + expired };
        });
        return (
          <>
            <BarsChart
              label={translate('console.metrics.dropOff')}
              rows={rows}
              series={[
                { key: 'abandoned', name: translate('console.enum.SessionStatus.ABANDONED'), color: COLORS.orange, stack: 'ended' },
                { key: 'expired', name: translate('console.enum.SessionStatus.EXPIRED'), color: COLORS.purple, stack: 'ended' },
              ]}
              format={format.number}
              testId="chart-onboardingDropOff"
            />
            <GroupTable
              label={translate('console.metrics.dropOff')}
              head={[
                translate('resources.sessions.fields.furthestStep'),
                translate('console.enum.SessionStatus.ABANDONED'),
                translate('console.enum.SessionStatus.EXPIRED'),
              ]}
              rows={rows.map((row) => ({ key: row.name, cells: [row.name, format.number(row.abandoned), format.number(row.expired)] }))}
            />
          </>
        );
      }}
    </MetricBlock>
  );
}

type Measure = 'emailToMapping' | 'firstOpeningToMapping';

/** Marks for a duration axis up to `max` seconds at round numbers of the unit it is written in (days, hours or minutes). */
function durationTicks(max: number): number[] {
  const unit = max >= 2 * 86_400 ? 86_400 : max >= 3600 ? 3600 : 60;
  const rough = Math.max(max / unit / 4, unit === 60 ? 1 : 0.5);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((times) => times * magnitude).find((candidate) => candidate >= rough)!;
  const ticks = [0];
  while (ticks.at(-1)! < max) ticks.push((Math.round((ticks.length * step + Number.EPSILON) * 100) / 100) * unit);
  return ticks;
}

export function DurationTable({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  const format = useFormat();
  const [measure, setMeasure] = useState<Measure>('emailToMapping');
  const cells = (counted: DurationStatsFieldsFragment | null | undefined) => [
    format.number(counted?.orders ?? 0),
    format.duration(counted?.medianSeconds),
    format.duration(counted?.p90Seconds),
  ];
  return (
    <MetricBlock title="console.metrics.durations" resource="provisioningDurations" filter={filter}>
      {(groups) => {
        // The chart shows the groups where an order was mapped (the table shows every one), in the table's order.
        const rows: BarRow[] = forTable(groups, filter)
          .filter((group) => (group[measure]?.orders ?? 0) > 0)
          .map((group) => ({
            name: groupName(filter.groupBy, group.group, format, translate),
            median: group[measure]?.medianSeconds ?? 0,
            p90: group[measure]?.p90Seconds ?? 0,
          }));
        return (
          <>
            <ToggleButtonGroup
              exclusive
              size="small"
              value={measure}
              onChange={(_, chosen: Measure | null) => chosen && setMeasure(chosen)}
              aria-label={translate('console.metrics.measure')}
              sx={{ mb: 1, flexWrap: 'wrap' }}
            >
              <ToggleButton value="emailToMapping">{translate('console.metrics.emailToMapping.name')}</ToggleButton>
              <ToggleButton value="firstOpeningToMapping">{translate('console.metrics.firstOpeningToMapping.name')}</ToggleButton>
            </ToggleButtonGroup>
            {rows.length === 0 ? (
              <Typography>{translate('console.metrics.noneMapped')}</Typography>
            ) : (
              <BarsChart
                label={`${translate('console.metrics.durations')}: ${translate(`console.metrics.${measure}.name`)}`}
                rows={rows}
                series={[
                  { key: 'median', name: translate(`console.metrics.${measure}.median`), color: COLORS.teal },
                  { key: 'p90', name: translate(`console.metrics.${measure}.p90`), color: COLORS.blue },
                ]}
                format={format.duration}
                ticks={durationTicks(Math.max(...rows.map((row) => Number(row.p90))))}
                testId="chart-provisioningDurations"
              />
            )}
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
                cells: [
                  groupName(filter.groupBy, group.group, format, translate),
                  ...cells(group.emailToMapping),
                  ...cells(group.firstOpeningToMapping),
                ],
              }))}
            />
          </>
        );
      }}
    </MetricBlock>
  );
}

export function TrialMetrics({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  const format = useFormat();
  const counts = ['started', 'expired', 'extended', 'converted'] as const;
  return (
    <MetricBlock title="console.metrics.trials" resource="trialMetrics" filter={filter}>
      {(groups) => {
        const total = (count: (typeof counts)[number]) => groups.reduce((sum, group) => sum + (group[count] ?? 0), 0);
        const started = total('started');
        return (
          <>
            <Typography variant="body2" data-testid="trial-conversion">
              {translate('console.metrics.trial.conversionOverall', {
                rate: format.percent(started === 0 ? null : total('converted') / started),
              })}
            </Typography>
            <BarsChart
              label={translate('console.metrics.trials')}
              rows={counts.map((count) => ({ name: translate(`console.metrics.trial.${count}`), trials: total(count) }))}
              series={[{ key: 'trials', name: translate('console.metrics.trials'), color: COLORS.blue }]}
              format={format.number}
              testId="chart-trialMetrics"
            />
            <GroupTable
              label={translate('console.metrics.trials')}
              head={[
                translate('console.metrics.group'),
                ...counts.map((count) => translate(`console.metrics.trial.${count}`)),
                translate('console.metrics.trial.conversionRate'),
              ]}
              rows={forTable(groups, filter).map((group) => ({
                key: String(group.id),
                cells: [
                  groupName(filter.groupBy, group.group, format, translate),
                  ...counts.map((count) => format.number(group[count])),
                  format.percent(group.conversionRate),
                ],
              }))}
            />
          </>
        );
      }}
    </MetricBlock>
  );
}

type KindCounts = { kind: string; opened: number; resolved: number; medianSecondsToResolve: number | null };

export function CaseMetrics({ filter }: { filter: MetricFilter }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <MetricBlock title="console.metrics.cases" resource="caseMetrics" filter={filter}>
      {(groups) => {
        const rows: BarRow[] = ENUMS.CaseKind.map((kind) => {
          const of = (field: 'opened' | 'resolved') =>
            groups.reduce((sum, group) => sum + (group.byKind.find((found: KindCounts) => found.kind === kind)?.[field] ?? 0), 0);
          return { name: translate(`console.enum.CaseKind.${kind}`), opened: of('opened'), resolved: of('resolved') };
        });
        return (
          <>
            <BarsChart
              label={translate('console.metrics.cases')}
              rows={rows}
              series={[
                { key: 'opened', name: translate('console.metrics.case.opened'), color: COLORS.orange },
                { key: 'resolved', name: translate('console.metrics.case.resolved'), color: COLORS.green },
              ]}
              format={format.number}
              testId="chart-caseMetrics"
            />
            <GroupTable
              label={translate('console.metrics.cases')}
              textColumns={2}
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
                    groupName(filter.groupBy, group.group, format, translate),
                    translate('console.metrics.case.allKinds'),
                    format.number(group.opened),
                    format.number(group.resolved),
                    format.duration(group.medianSecondsToResolve),
                  ],
                },
                // A kind with no case opened or resolved in the group would be a row of zeros.
                ...group.byKind
                  .filter((kind: KindCounts) => kind.opened > 0 || kind.resolved > 0)
                  .map((kind: KindCounts) => ({
                    key: `${group.id}-${kind.kind}`,
                    cells: [
                      '',
                      translate(`console.enum.CaseKind.${kind.kind}`),
                      format.number(kind.opened),
                      format.number(kind.resolved),
                      format.duration(kind.medianSecondsToResolve),
                    ],
                  })),
              ])}
            />
          </>
        );
      }}
    </MetricBlock>
  );
}
