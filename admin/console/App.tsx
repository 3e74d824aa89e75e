/**
 * The signed-in console: react-admin on our GraphQL API, under /admin/. One <Resource> per thing a representative
 * or an analyst browses; the role decides which of them show (access.ts). A chunk of its own (main.tsx loads it
 * once signed in), so the login page does not wait for the lists, forms and pages behind it.
 */
import { Resource } from 'react-admin';
import apiKeys from './apiKeys';
import audit from './audit';
import cases from './cases';
import countries from './countries';
import customerOrgs from './customerOrgs';
import { Dashboard } from './dashboard/Dashboard';
import { ConsoleAdmin } from './ConsoleAdmin';
import { createDataProvider } from './dataProvider';
import { consoleClient } from './dataProvider/client';
import { Layout } from './Layout';
import orders from './orders';
import outbox from './outbox';
import emailPreviews from './outbox/previews';
import partnerOrgs from './partnerOrgs';
import sessions from './sessions';
import staff from './staff';
import webhooks from './webhooks';

const dataProvider = createDataProvider(consoleClient());

export default function SignedInConsole() {
  return (
    <ConsoleAdmin dataProvider={dataProvider} dashboard={Dashboard} layout={Layout} requireAuth>
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
      <Resource name="webhooks" {...webhooks} />
      <Resource name="webhookDeliveries" />
      <Resource name="webhookEvents" />
    </ConsoleAdmin>
  );
}
