/**
 * The onboarding metrics: the analyst picks a date range and a grouping (week, month, country, region, offer,
 * partner org); each metric comes back as one row per group. Charts show the totals over the range; the tables
 * beside them show every group.
 */
import { Box, Card, CardContent, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { MetricGrouping } from '../../generated/schema';
import { ENUMS } from '../common/enums';
import type { MetricFilter } from '../dataProvider/metrics';
import { CaseMetrics, DropOffChart, DurationTable, FunnelChart, TrialMetrics } from './metricCharts';

const DAY = 86_400_000;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function MetricsPanel() {
  const translate = useTranslate();
  const [filter, setFilter] = useState<MetricFilter>(() => ({
    from: isoDate(new Date(Date.now() - 84 * DAY)),
    to: isoDate(new Date()),
    groupBy: 'WEEK',
  }));
  const valid = filter.from !== '' && filter.to !== '' && filter.from <= filter.to;
  return (
    <Card component="section" sx={{ mt: 2 }} aria-labelledby="metrics-title">
      <CardContent>
        <Typography id="metrics-title" variant="h6" component="h2" gutterBottom>
          {translate('console.metrics.title')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
          <TextField
            type="date"
            label={translate('console.metrics.from')}
            value={filter.from}
            onChange={(event) => setFilter({ ...filter, from: event.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            size="small"
            fullWidth={false}
          />
          <TextField
            type="date"
            label={translate('console.metrics.to')}
            value={filter.to}
            onChange={(event) => setFilter({ ...filter, to: event.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            size="small"
            fullWidth={false}
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
        </Box>
        {valid ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: 3 }}>
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
