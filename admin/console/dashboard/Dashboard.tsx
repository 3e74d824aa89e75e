/**
 * The console's first page: what needs a representative now (open cases, orders whose setup window closes
 * soonest, trials expiring this week), then the onboarding metrics for the range and grouping an analyst picks.
 */
import { Box } from '@mui/material';
import { lazy, Suspense, useDeferredValue, useMemo } from 'react';
import { Title, useCanAccess, useTranslate } from 'react-admin';
import { useFormat } from '../common/useFormat';
import { RecentCard } from './RecentCard';

const DAY = 86_400_000;

// The metrics (their form, charts and tables) load after the cards: a representative opening the console for a case need
// not wait for them.
const MetricsPanel = lazy(() => import('./MetricsPanel').then((module) => ({ default: module.MetricsPanel })));

export function Dashboard() {
  const translate = useTranslate();
  const { canAccess: canEditOrgs } = useCanAccess({ resource: 'customerOrgs', action: 'edit' });
  // Computed once per visit: a new instant on every render would make a new query on every render.
  const weekAhead = useMemo(() => new Date(Date.now() + 7 * DAY).toISOString(), []);
  const format = useFormat();
  const when = (iso: unknown) => format.dateTime(iso ? String(iso) : null);
  // The cards are drawn in a second render that React can interrupt (a transition), not in the one that mounts the
  // page along with the layout, so that a phone keeps answering taps while the console starts.
  const started = useDeferredValue(true, false);
  if (!started) return <Title title={translate('console.dashboard.title')} />;
  return (
    <Box sx={{ my: 2 }}>
      <Title title={translate('console.dashboard.title')} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <RecentCard
          testId="open-cases"
          title="console.dashboard.openCases"
          resource="cases"
          filter={{ status: 'OPEN' }}
          link="show"
          primary={(found) => translate(`console.enum.CaseKind.${found.kind}`)}
          secondary={(found) => `${found.order?.subscriptionId ?? ''} · ${when(found.createdAt)}`}
        />
        <RecentCard
          testId="awaiting-setup"
          title="console.dashboard.awaitingSetup"
          resource="orders"
          filter={{ status: ['AWAITING_PROVISIONING_DETAILS'] }}
          sort={{ field: 'windowClosesAt', order: 'ASC' }}
          link="show"
          primary={(order) => order.subscriptionId}
          secondary={(order) => translate('console.dashboard.windowCloses', { when: when(order.windowClosesAt) })}
        />
        <RecentCard
          testId="expiring-trials"
          title="console.dashboard.expiringTrials"
          resource="customerOrgs"
          filter={{ trialStatus: 'ACTIVE', trialExpiresBefore: weekAhead }}
          link={canEditOrgs ? 'edit' : 'show'}
          primary={(org) => org.name}
          secondary={(org) => translate('console.dashboard.trialExpires', { when: when(org.trialExpiresAt) })}
        />
      </Box>
      <Suspense fallback={null}>
        <MetricsPanel />
      </Suspense>
    </Box>
  );
}
