/** What the server refused that belongs to no one input (a stale version, an order past the point of no return), above the form. */
import { Alert } from '@mui/material';
import { useFormState } from 'react-hook-form';

export function ServerError() {
  const { errors } = useFormState();
  const serverError = errors.root?.serverError?.message;
  if (typeof serverError !== 'string') return null;
  return (
    <Alert severity="error" role="alert" data-testid="server-error" sx={{ mb: 2, width: '100%' }}>
      {serverError}
    </Alert>
  );
}
