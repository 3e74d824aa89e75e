/**
 * A small form for one business action on the record in context, such as "extend by N days" or "resolve
 * with this resolution". Refusals show under the input they name, or above the inputs.
 */
import { Box, Button } from '@mui/material';
import type { ReactNode } from 'react';
import { Form, useRecordContext, useTranslate } from 'react-admin';
import { useFormState } from 'react-hook-form';
import { ServerError } from './ServerError';
import { useAction } from './useAction';

interface ActionFormProps {
  resource: string;
  action: string;
  /** The submit button's label (a message key). */
  label: string;
  defaultValues?: Record<string, unknown>;
  onDone?: () => void;
  children: ReactNode;
}

export function ActionForm({ resource, action, label, defaultValues = {}, onDone, children }: ActionFormProps) {
  const record = useRecordContext();
  const { run } = useAction(resource, action);
  if (!record) return null;
  return (
    <Form
      record={defaultValues}
      onSubmit={async (values: Record<string, unknown>) => {
        const errors = await run(record, values);
        if (!errors) onDone?.();
        return errors;
      }}
    >
      <ServerError />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        {children}
        <SubmitButton label={label} />
      </Box>
    </Form>
  );
}

function SubmitButton({ label }: { label: string }) {
  const translate = useTranslate();
  const { isSubmitting } = useFormState();
  return (
    <Button type="submit" variant="contained" disabled={isSubmitting} sx={{ mt: 1 }}>
      {translate(label)}
    </Button>
  );
}
