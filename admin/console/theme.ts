/**
 * react-admin's default theme in darker colours, so that white text on the app bar, links on white and error
 * texts on the grey of filled inputs are easy to read (WCAG AA contrast); a sidebar wide enough for the menu's
 * longest Bulgarian label ("Партньорски организации"), whose labels wrap rather than end in "…" when one is longer.
 */
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
        root: { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.3, minHeight: 40 },
      },
    },
  },
};
