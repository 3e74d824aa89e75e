/**
 * One business action on every selected row (resend several Set up now emails, retry several emails): asks first,
 * naming how many, then runs the action's own mutation for each record in turn and shows each one's outcome:
 * done, or refused in the server's words. Nothing refused is dropped silently; the done ones are unselected.
 */
import { Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import { useState, type ReactElement, type ReactNode } from 'react';
import { Button, Confirm, type RaRecord, useCanAccess, useDataProvider, useListContext, useRefresh, useTranslate } from 'react-admin';

interface Outcome {
  id: RaRecord['id'];
  name: string;
  refusal: string | null;
}

export interface BulkActionButtonProps {
  /** The data provider's update action (meta.action), e.g. resendSetupEmail. */
  action: string;
  /** Message keys: the button, and the question (with %{smart_count}). */
  label: string;
  confirm: string;
  /** How an outcome names its record (a subscription id, a recipient). */
  describe: (record: RaRecord | undefined, id: RaRecord['id']) => string;
  icon?: ReactNode;
}

/**
 * The list's bulk action, or false (no row checkboxes) for whoever may not take it: an analyst ticks nothing.
 */
export function useBulkAction(resource: string, action: string, button: ReactElement): ReactElement | false {
  const { canAccess } = useCanAccess({ resource, action });
  return canAccess ? button : false;
}

export function BulkActionButton({ action, label, confirm, describe, icon }: BulkActionButtonProps) {
  const { selectedIds, data, resource, onUnselectItems, onSelect } = useListContext();
  const { canAccess } = useCanAccess({ resource, action });
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  if (!canAccess || !resource) return null;

  const run = async () => {
    setAsking(false);
    setRunning(true);
    const results: Outcome[] = [];
    for (const id of selectedIds) {
      const record = data?.find((row) => row.id === id);
      try {
        await dataProvider.update(resource, { id, data: { version: record?.version }, previousData: record ?? { id }, meta: { action } });
        results.push({ id, name: describe(record, id), refusal: null });
      } catch (failure) {
        results.push({
          id,
          name: describe(record, id),
          refusal: (failure instanceof Error && failure.message) || translate('ra.notification.http_error'),
        });
      }
    }
    setRunning(false);
    setOutcomes(results);
    // The refused stay selected, to try again or look at; the done are unselected.
    const refused = results.filter((r) => r.refusal).map((r) => r.id);
    if (refused.length) onSelect(refused);
    else onUnselectItems();
    refresh();
  };

  const done = outcomes?.filter((o) => !o.refusal).length ?? 0;
  return (
    <>
      <Button label={label} onClick={() => setAsking(true)} disabled={running} data-testid={`bulk-${action}`}>
        <>{icon}</>
      </Button>
      <Confirm
        isOpen={asking}
        loading={running}
        title={label}
        content={translate(confirm, { smart_count: selectedIds.length })}
        onConfirm={run}
        onClose={() => setAsking(false)}
      />
      <Dialog open={outcomes !== null} onClose={() => setOutcomes(null)} aria-labelledby="bulk-outcome-title" fullWidth maxWidth="sm">
        <DialogTitle id="bulk-outcome-title">
          {translate('console.bulk.outcome', { done, refused: (outcomes?.length ?? 0) - done })}
        </DialogTitle>
        <DialogContent>
          <List dense data-testid="bulk-outcomes">
            {outcomes?.map((outcome) => (
              <ListItem key={String(outcome.id)} disableGutters>
                <ListItemText
                  primary={outcome.name}
                  secondary={
                    outcome.refusal ? translate('console.bulk.refused', { reason: outcome.refusal }) : translate('console.bulk.done')
                  }
                  slotProps={{ secondary: { color: outcome.refusal ? 'error' : 'text.secondary' } }}
                />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOutcomes(null)} />
        </DialogActions>
      </Dialog>
    </>
  );
}
