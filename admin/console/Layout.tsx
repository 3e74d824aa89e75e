/**
 * react-admin's layout with two changes: the page's `lang` follows the console's language (screen readers
 * read Bulgarian as Bulgarian), and the app bar's busy spinner has a name, as assistive technology needs.
 */
import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton, useLocaleState, useTranslate } from 'react-admin';

function ConsoleAppBar() {
  const translate = useTranslate();
  return (
    <AppBar
      toolbar={
        <>
          <LocalesMenuButton />
          <LoadingIndicator aria-label={translate('ra.page.loading')} />
        </>
      }
    />
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <RaLayout appBar={ConsoleAppBar}>{children}</RaLayout>;
}
