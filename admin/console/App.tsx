/**
 * The admin console: react-admin on our GraphQL API, under /admin/. One <Resource> per thing a representative
 * or an analyst browses; the role decides which of them show (access.ts).
 */
import { Admin, Resource } from 'react-admin';
import { createBrowserRouter, RouterProvider } from 'react-router';
import apiKeys from './apiKeys';
import audit from './audit';
import { createAuthProvider } from './authProvider';
import cases from './cases';
import countries from './countries';
import customerOrgs from './customerOrgs';
import { Dashboard } from './dashboard/Dashboard';
import { createApolloClient } from './dataProvider/client';
import { createDataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { Layout } from './Layout';
import orders from './orders';
import outbox from './outbox';
import emailPreviews from './outbox/previews';
import partnerOrgs from './partnerOrgs';
import sessions from './sessions';
import staff from './staff';
import { theme } from './theme';

const client = createApolloClient(() => i18nProvider.getLocale());
const authProvider = createAuthProvider(client);
const dataProvider = createDataProvider(client);

function Console() {
  return (
    <Admin
      title="Webex Contact Center"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={Layout}
      theme={theme}
      requireAuth
      disableTelemetry
    >
      <Resource name="orders" {...orders} />
      <Resource name="cases" {...cases} />
      <Resource name="customerOrgs" {...customerOrgs} />
      <Resource name="partnerOrgs" {...partnerOrgs} />
      <Resource name="sessions" {...sessions} />
      <Resource name="outbox" {...outbox} />
      <Resource name="emailPreviews" {...emailPreviews} />
      <Resource name="audit" {...audit} />
      <Resource name="countries" {...countries} />
      <Resource name="staff" {...staff} />
      <Resource name="apiKeys" {...apiKeys} />
    </Admin>
  );
}

// A browser router (real paths, /admin/orders/...) rather than react-admin's default hash router; a data
// router, so that react-admin can warn about unsaved changes.
const router = createBrowserRouter([{ path: '*', element: <Console /> }], { basename: '/admin' });

export function App() {
  return <RouterProvider router={router} />;
}
