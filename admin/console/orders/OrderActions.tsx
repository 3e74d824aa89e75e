/**
 * What a representative does to an order: resend the Set up now email, change the provisioning contact,
 * cancel, reopen. Past the point of no return (MAPPED) each is disabled with the reason beside it.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormHelperText } from '@mui/material';
import { useId, useState } from 'react';
import { email, required, TextInput, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import { ActionForm } from '../common/ActionForm';
import { useAction } from '../common/useAction';
import { unavailableBecause, type OrderAction } from './orderActions';

export function OrderActions() {
  const order = useRecordContext();
  const translate = useTranslate();
  if (!order) return null;
  const status = String(order.status);
  // Mapped or cancelled, nothing may change: one reason for all four, rather than the same one four times.
  const final = status === 'MAPPED' || status === 'CANCELLED' ? unavailableBecause('cancel', status) : undefined;
  const reason = (action: OrderAction) => (final ? undefined : unavailableBecause(action, status));
  return (
    <Box component="section" aria-label={translate('console.orders.action.label')} sx={{ my: 2 }}>
      {final && (
        <Alert severity="info" data-testid="order-final" sx={{ mb: 2 }}>
          {translate(final)}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <ActionButton
          resource="orders"
          action="resendSetupEmail"
          label="console.orders.action.resendSetupEmail"
          disabled={Boolean(final)}
          disabledReason={reason('resendSetupEmail')}
        />
        <ChangeContactButton disabled={Boolean(final)} disabledReason={reason('changeProvisioningContact')} />
        <CancelOrderButton disabled={Boolean(final)} disabledReason={reason('cancel')} />
        <ActionButton
          resource="orders"
          action="reopen"
          label="console.orders.action.reopen"
          disabled={Boolean(final)}
          disabledReason={reason('reopen')}
        />
      </Box>
    </Box>
  );
}

function ChangeContactButton({ disabled, disabledReason }: { disabled: boolean; disabledReason?: string }) {
  const order = useRecordContext();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'changeProvisioningContact', record: order });
  const [open, setOpen] = useState(false);
  if (!order || !canAccess) return null;
  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', maxWidth: 320 }}>
      <Button
        variant="outlined"
        size="small"
        disabled={disabled || Boolean(disabledReason)}
        aria-describedby={disabledReason ? 'change-contact-reason' : undefined}
        onClick={() => setOpen(true)}
      >
        {translate('console.orders.action.changeProvisioningContact')}
      </Button>
      {disabledReason && <FormHelperText id="change-contact-reason">{translate(disabledReason)}</FormHelperText>}
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="change-contact-title" fullWidth>
        <DialogTitle id="change-contact-title">{translate('console.orders.action.changeProvisioningContact')}</DialogTitle>
        <DialogContent>
          <p>{translate('console.orders.action.changeProvisioningContactHelp')}</p>
          <ActionForm
            resource="orders"
            action="changeProvisioningContact"
            label="console.orders.action.changeProvisioningContactSubmit"
            defaultValues={{ provisioningContactEmail: order.provisioningContactEmail }}
            onDone={() => setOpen(false)}
          >
            <TextInput
              source="provisioningContactEmail"
              resource="orders"
              type="email"
              validate={[required(), email()]}
              sx={{ minWidth: 320 }}
            />
          </ActionForm>
        </DialogContent>
      </Dialog>
    </Box>
  );
}

/**
 * Cancelling asks first, naming the order and what cancelling it does; the answers say what they do ("Keep order",
 * "Cancel order", not Cancel and Confirm), the destructive one in the error colour, and the safe one has the focus.
 */
function CancelOrderButton({ disabled, disabledReason }: { disabled: boolean; disabledReason?: string }) {
  const order = useRecordContext();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'cancel', record: order });
  const { run, isPending } = useAction('orders', 'cancel');
  const [asking, setAsking] = useState(false);
  const ids = useId();
  if (!order || !canAccess) return null;
  const cancel = async () => {
    setAsking(false);
    await run(order);
  };
  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', maxWidth: 320 }}>
      <Button
        variant="outlined"
        color="error"
        size="small"
        disabled={disabled || Boolean(disabledReason) || isPending}
        aria-describedby={disabledReason ? `${ids}-reason` : undefined}
        onClick={() => setAsking(true)}
      >
        {translate('console.orders.action.cancel')}
      </Button>
      {disabledReason && <FormHelperText id={`${ids}-reason`}>{translate(disabledReason)}</FormHelperText>}
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-consequence`}
        role="alertdialog"
      >
        <DialogTitle id={`${ids}-title`}>
          {translate('console.orders.action.cancelTitle', { subscriptionId: order.subscriptionId })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText id={`${ids}-consequence`}>{translate('console.orders.action.cancelConsequence')}</DialogContentText>
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
          <Button autoFocus onClick={() => setAsking(false)}>
            {translate('console.orders.action.cancelKeep')}
          </Button>
          <Button variant="contained" color="error" disabled={isPending} onClick={() => void cancel()}>
            {translate('console.orders.action.cancelConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
