/**
 * react-admin's default theme in darker colours, so that white text on the app bar, links on white and error
 * texts on the grey of filled inputs are easy to read (WCAG AA contrast); a sidebar wide enough for the menu's
 * longest Bulgarian label ("Партньорски организации"), whose labels wrap rather than end in "…" when one is longer.
 */
import { createTheme, type Theme } from '@mui/material/styles';
import { bgBG, enUS } from '@mui/material/locale';
import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#0d47a1' },
    secondary: { main: '#07325e' },
    error: { main: '#b71c1c' },
  },
  sidebar: { width: 270, closedWidth: 55 },
  components: {
    ...defaultTheme.components,
    RaMenuItemLink: {
      styleOverrides: {
        // react-admin's label is a noWrap Typography: let it wrap instead of ending in an ellipsis.
        root: { minHeight: 40, '& .MuiTypography-noWrap': { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.3 } },
      },
    },
  },
};

/**
 * MUI's own texts in the console's language, over the theme: its Bulgarian locale (the autocomplete's "no options",
 * "clear", ...), and the page buttons' names of react-admin's pagination on a phone, which react-admin leaves to
 * MUI's English ("Go to next page") where on a wider screen it passes its own translated ones.
 */
export function localeTheme(locale: string, translate: (key: string) => string) {
  return (outer: Theme) =>
    createTheme(outer, locale === 'bg' ? bgBG : enUS, {
      components: {
        MuiTablePagination: {
          defaultProps: { getItemAriaLabel: (type: 'first' | 'last' | 'next' | 'previous') => translate(`ra.navigation.${type}`) },
        },
      },
    });
}
