/**
 * A secret the server returns once and never again (a generated password, a new API key): shown in a
 * dialog until the administrator closes it, then gone from the page.
 */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslate } from 'react-admin';

interface ShownOnceProps {
  /** Message keys: the dialog's title and its explanation. */
  title: string;
  explanation: string;
  secret: string | null;
  onClose: () => void;
}

export function ShownOnce({ title, explanation, secret, onClose }: ShownOnceProps) {
  const translate = useTranslate();
  return (
    <Dialog open={secret !== null} onClose={onClose} aria-labelledby="shown-once-title">
      <DialogTitle id="shown-once-title">{translate(title)}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate(explanation)}</DialogContentText>
        <DialogContentText component="code" data-testid="shown-once" sx={{ display: 'block', mt: 2, fontSize: 16, wordBreak: 'break-all' }}>
          {secret}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">
          {translate('console.shownOnce.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
