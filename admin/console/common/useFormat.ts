/** The console's formatters (format.ts) in the console's language; a new set when the language menu changes it. */
import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { formatters, type Formatters } from './format';

export function useFormat(): Formatters {
  const [locale] = useLocaleState();
  return useMemo(() => formatters(locale), [locale]);
}
