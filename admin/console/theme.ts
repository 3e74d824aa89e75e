/**
 * react-admin's default theme in darker colours, so that white text on the app bar, links on white and error
 * texts on the grey of filled inputs are easy to read (WCAG AA contrast).
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
};
