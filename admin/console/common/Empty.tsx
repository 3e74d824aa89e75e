/** What a table inside a record's page says when it has no rows (react-admin's default names the page's resource). */
import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

export function Empty({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="body2" sx={{ py: 1 }}>
      {translate(message)}
    </Typography>
  );
}
