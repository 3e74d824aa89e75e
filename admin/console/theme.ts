/** react-admin's default theme in darker blues, so that white text on the app bar and links on white are easy to read (WCAG AA). */
import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#0d47a1' },
    secondary: { main: '#07325e' },
  },
};
