/**
 * The onboarding metrics: the analyst picks a date range and a grouping (week, month, quarter, country, region,
 * offer, partner org) and, for a dimension, how many top groups to show; each metric comes back as one row per group
 * (the rest of a dimension's as one, OTHERS). Charts show the totals over the range; the tables beside them show the
 * groups; each metric's export holds every group.
 */
import { Box, Card, CardContent, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { MetricGrouping } from '../../generated/schema';
import { DateTextField } from '../common/DateField';
import { ENUMS } from '../common/enums';
import { PERIOD_GROUPINGS, type MetricFilter } from '../dataProvider/metrics';
import { CaseMetrics, DropOffChart, DurationTable, FunnelChart, TrialMetrics } from './metricCharts';

const DAY = 86_400_000;
/** The server's bounds on `top`, and its default. */
const TOP = { min: 1, max: 500, initial: 25 };

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function MetricsPanel() {
  const translate = useTranslate();
  const [filter, setFilter] = useState<MetricFilter>(() => ({
    from: isoDate(new Date(Date.now() - 84 * DAY)),
    to: isoDate(new Date()),
    groupBy: 'WEEK',
    top: TOP.initial,
  }));
  const valid = filter.from !== '' && filter.to !== '' && filter.from <= filter.to;
  return (
    <Card component="section" sx={{ mt: 2 }} aria-labelledby="metrics-title">
      <CardContent>
        <Typography id="metrics-title" variant="h6" component="h2" gutterBottom>
          {translate('console.metrics.title')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
          <DateTextField
            label={translate('console.metrics.from')}
            value={filter.from}
            onChange={(day) => setFilter({ ...filter, from: day ?? '' })}
            size="small"
            sx={{ width: 170 }}
          />
          <DateTextField
            label={translate('console.metrics.to')}
            value={filter.to}
            onChange={(day) => setFilter({ ...filter, to: day ?? '' })}
            size="small"
            sx={{ width: 170 }}
          />
          <TextField
            select
            label={translate('console.metrics.groupBy')}
            value={filter.groupBy}
            onChange={(event) => setFilter({ ...filter, groupBy: event.target.value as MetricGrouping })}
            size="small"
            fullWidth={false}
            sx={{ minWidth: 180 }}
          >
            {ENUMS.MetricGrouping.map((grouping) => (
              <MenuItem key={grouping} value={grouping}>
                {translate(`console.enum.MetricGrouping.${grouping}`)}
              </MenuItem>
            ))}
          </TextField>
          {!PERIOD_GROUPINGS.includes(filter.groupBy) && (
            <TextField
              type="number"
              label={translate('console.metrics.top')}
              value={filter.top}
              onChange={(event) => {
                const top = Math.round(Number(event.target.value));
                setFilter({ ...filter, top: Number.isFinite(top) ? Math.min(TOP.max, Math.max(TOP.min, top)) : TOP.initial });
              }}
              slotProps={{ htmlInput: { min: TOP.min, max: TOP.max } }}
              size="small"
              fullWidth={false}
              sx={{ width: 140 }}
            />
          )}
        </Box>
        {valid ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 520px), 1fr))', gap: 3 }}>
            <FunnelChart filter={filter} />
            <DropOffChart filter={filter} />
            <DurationTable filter={filter} />
            <TrialMetrics filter={filter} />
            <CaseMetrics filter={filter} />
          </Box>
        ) : (
          <Typography color="error">{translate('console.metrics.invalidRange')}</Typography>
        )}
      </CardContent>
    </Card>
  );
}
