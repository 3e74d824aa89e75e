/**
 * react-admin's layout with three changes: the page's `lang` follows the console's language (screen readers
 * read Bulgarian as Bulgarian), the app bar's busy spinner has a name, as assistive technology needs, and the
 * app bar has the global search (common/GlobalSearch.tsx).
 */
import { ThemeProvider } from '@mui/material/styles';
import { useEffect, useMemo, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton, useLocaleState, useTranslate } from 'react-admin';
import { localeTheme } from './theme';
import { GlobalSearch } from './common/GlobalSearch';

function ConsoleAppBar() {
  const translate = useTranslate();
  return (
    <AppBar
      toolbar={
        <>
          <GlobalSearch />
          <LocalesMenuButton />
          <LoadingIndicator aria-label={translate('ra.page.loading')} />
        </>
      }
    />
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  // MUI's own texts (pagination on a phone, the autocomplete's) in the console's language (theme.ts).
  const theme = useMemo(() => localeTheme(locale, translate), [locale, translate]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ThemeProvider theme={theme}>
      <RaLayout appBar={ConsoleAppBar}>{children}</RaLayout>
    </ThemeProvider>
  );
}
