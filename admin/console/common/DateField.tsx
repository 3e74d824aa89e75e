/**
 * react-admin's DateField in the console's language (it would otherwise follow the browser's), with the time
 * unless `dateOnly`: a calendar date (YYYY-MM-DD) is shown as it is, in UTC, so no time zone moves it a day.
 */
import { DateField as RaDateField, useLocaleState, type DateFieldProps } from 'react-admin';

export function DateField({ dateOnly = false, ...props }: DateFieldProps & { dateOnly?: boolean }) {
  const [locale] = useLocaleState();
  return <RaDateField locales={locale} showTime={!dateOnly} options={dateOnly ? { timeZone: 'UTC' } : undefined} {...props} />;
}
