/**
 * What every console page shares: the API client, the sign-in (authProvider.ts), the languages, the theme and
 * react-admin's <Admin> set up with them. The login page renders it bare (main.tsx); the signed-in console, a
 * chunk of its own loaded after the login (App.tsx), adds the resources, the dashboard and the layout.
 */
import type { ComponentProps } from 'react';
import { Admin } from 'react-admin';
import { createAuthProvider } from './authProvider';
import { readCredentials } from './credentials';
import { i18nProvider } from './i18n';
import { theme } from './theme';

/** Told when this tab drops its credentials (authProvider.ts); another tab's changes come as `storage` events. */
const credentialsChanged = new EventTarget();

export function subscribeToCredentials(changed: () => void): () => void {
  credentialsChanged.addEventListener('change', changed);
  window.addEventListener('storage', changed);
  return () => {
    credentialsChanged.removeEventListener('change', changed);
    window.removeEventListener('storage', changed);
  };
}

export const isSignedIn = () => readCredentials() !== null;

const authProvider = createAuthProvider(
  () => import('./dataProvider/client').then(({ consoleClient }) => consoleClient()),
  () => credentialsChanged.dispatchEvent(new Event('change')),
);

export function ConsoleAdmin(props: Omit<ComponentProps<typeof Admin>, 'authProvider' | 'i18nProvider' | 'theme'>) {
  return (
    <Admin title="Webex Contact Center" authProvider={authProvider} i18nProvider={i18nProvider} theme={theme} disableTelemetry {...props} />
  );
}
