/**
 * A country by its code, named in the console's language by the browser's Intl.DisplayNames ("BG" reads
 * "България" in Bulgarian, "Bulgaria" in English), with the code beside it; the supported-country table keeps the
 * English name an administrator set.
 */
import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';
import { useFormat } from '../common/useFormat';

export function CountryField({ source = 'countryCode', withCode = true, ...props }: FieldProps & { source?: string; withCode?: boolean }) {
  const code = useFieldValue({ ...props, source }) as string | null | undefined;
  const format = useFormat();
  if (!code) return <Typography variant="body2">-</Typography>;
  return (
    <Typography component="span" variant="body2" lang={format.locale}>
      {withCode ? `${format.country(code)} (${code})` : format.country(code)}
    </Typography>
  );
}
