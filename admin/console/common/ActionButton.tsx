/**
 * A button for one business action without inputs (resend the email, retry an email, revoke a key). Hidden
 * from whoever may not do it; disabled, with the reason written beside it, when the record's state forbids it;
 * asks first when `confirm` is given.
 */
import { Box, Button, FormHelperText } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { Confirm, useCanAccess, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { useAction } from './useAction';

interface ActionButtonProps {
  action: string;
  /** A message key. */
  label: string;
  resource?: string;
  data?: Record<string, unknown>;
  /** A message key saying why the action is not possible now; the button is then disabled and the reason shown. */
  disabledReason?: string;
  /** Disabled for a reason shown elsewhere on the page. */
  disabled?: boolean;
  /** A message key for the question asked before acting. */
  confirm?: string;
  icon?: ReactNode;
}

export function ActionButton({ action, label, resource: given, data, disabledReason, disabled = false, confirm, icon }: ActionButtonProps) {
  const record = useRecordContext();
  const contextResource = useResourceContext();
  const resource = given ?? contextResource ?? '';
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource, action, record });
  const { run, isPending } = useAction(resource, action);
  const [asking, setAsking] = useState(false);
  const reasonId = useId();
  if (!record || !canAccess) return null;

  const act = async () => {
    setAsking(false);
    await run(record, data);
  };
  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', maxWidth: 320 }}>
      <Button
        variant="outlined"
        size="small"
        startIcon={icon}
        disabled={disabled || Boolean(disabledReason) || isPending}
        aria-describedby={disabledReason ? reasonId : undefined}
        onClick={(event) => {
          // In a list row, the row's own click would open the record.
          event.stopPropagation();
          if (confirm) setAsking(true);
          else void act();
        }}
      >
        {translate(label)}
      </Button>
      {disabledReason && <FormHelperText id={reasonId}>{translate(disabledReason)}</FormHelperText>}
      {confirm && (
        <Confirm isOpen={asking} loading={isPending} title={label} content={confirm} onConfirm={act} onClose={() => setAsking(false)} />
      )}
    </Box>
  );
}
