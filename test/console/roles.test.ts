/**
 * The console follows the role. An analyst reads everything a representative fixes but is offered no change
 * (no edit pages, no action buttons, no audit log), and a mutation forged with the analyst's own token is
 * refused by the server (FORBIDDEN), changing nothing. An administrator also manages staff and API keys; a
 * new key is shown once.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';
import { consoleToken, consoleUrl, createStaff, dashboardAnswered, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

const menuName = (resource: string) => say(`resources.${resource}.name`, { smart_count: 2 });

test('an analyst sees no edit buttons, and a forged mutation with the analyst token is refused', async () => {
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName: 'Wingtip Toys', countryCode: 'FR', adminEmail: 'it@wingtip.example', days: 10 } },
    { token: fixture.h.commerceKey },
  );
  const orgId = started.data.customerOrgStartTrial.customerOrg.id;
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'kim@wingtip.example' });
  const wizard = await WizardClient.open(fixture.h, linkToken!);
  const reported = await wizard.step('ReportProblem', { kind: 'OTHER', message: 'We need the order split in two.' }, 'case { id }');
  const caseId = reported.case.id;
  const [before] = await fixture.h.db.query(`SELECT trial_expires_at, version FROM customer_org WHERE id = $1`, [orgId]);

  const analyst = await createStaff(fixture.h, StaffRole.ANALYST);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-roles', prefix: 'analyst' });
  try {
    await signIn(page, fixture.h, analyst);
    await page.getByRole('menuitem', { name: menuName('orders') }).waitFor();
    for (const resource of ['cases', 'customerOrgs', 'partnerOrgs', 'sessions', 'outbox', 'countries']) {
      expect(await page.getByRole('menuitem', { name: menuName(resource) }).count()).toBe(1);
    }
    for (const resource of ['audit', 'staff', 'apiKeys']) {
      expect(await page.getByRole('menuitem', { name: menuName(resource) }).count()).toBe(0);
    }
    await record('dashboard');

    // The order: every fact, no action.
    await page.goto(consoleUrl(fixture.h, `/orders/${order.id}/show`));
    await page.getByText(order.subscriptionId).first().waitFor();
    await page.getByTestId('order-links').waitFor();
    for (const action of ['resendSetupEmail', 'changeProvisioningContact', 'cancel', 'reopen']) {
      expect(await page.getByRole('button', { name: say(`console.orders.action.${action}`) }).count()).toBe(0);
    }
    expect(await page.getByText(say('console.audit.trail')).count()).toBe(0);
    await record('order');

    // The customer org opens read-only: no save, no trial fixes; its edit page is refused.
    await page.goto(consoleUrl(fixture.h, '/customerOrgs'));
    await page.getByRole('row', { name: /Wingtip Toys/ }).click();
    await page.waitForURL(consoleUrl(fixture.h, `/customerOrgs/${orgId}/show`));
    await page.getByTestId('trial-panel').getByText(say('console.enum.TrialStatus.ACTIVE'), { exact: true }).waitFor();
    for (const button of [
      say('ra.action.edit'),
      say('ra.action.save'),
      say('console.customerOrgs.trial.extend30'),
      say('console.customerOrgs.trial.extend'),
    ]) {
      expect(await page.getByRole('button', { name: button, exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: button, exact: true }).count()).toBe(0);
    }
    await record('customer-org');
    await page.goto(consoleUrl(fixture.h, `/customerOrgs/${orgId}`));
    await page.getByText(say('ra.page.access_denied')).first().waitFor();
    expect(await page.getByLabel(say('resources.customerOrgs.fields.name')).count()).toBe(0);

    // The case: no resolution form.
    await page.goto(consoleUrl(fixture.h, `/cases/${caseId}/show`));
    await page.getByText('We need the order split in two.').waitFor();
    expect(await page.getByRole('button', { name: say('console.cases.resolveSubmit') }).count()).toBe(0);

    // A mutation forged from the analyst's browser with the analyst's token: FORBIDDEN, and nothing changes.
    const token = await consoleToken(page);
    const forged = await page.evaluate(
      async ({ token, orgId }) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query:
              'mutation ($id: ID!) { customerOrgExtendTrial(input: { id: $id, days: 90 }) { customerOrg { id } userErrors { code } } }',
            variables: { id: orgId },
          }),
        });
        return response.json();
      },
      { token, orgId },
    );
    expect(forged.data).toBeNull();
    expect(forged.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect(await fixture.h.db.query(`SELECT trial_expires_at, version FROM customer_org WHERE id = $1`, [orgId])).toEqual([before]);
  } finally {
    await close();
  }
});

/** Every page, each a screenshot and an axe check: more than jest's default 30 s on a busy machine. */
const WALK_TIMEOUT = 180_000;

test(
  'an administrator opens every page, manages staff and API keys; a new key is shown once and then works',
  async () => {
    // Something on every page: a trial org, an order with a wizard session, its emails and its audit trail.
    await fixture.h.gql(
      `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { ${USER_ERRORS} } }`,
      { input: { companyName: 'Tailspin Toys', countryCode: 'IE', adminEmail: 'it@tailspin.example', days: 30 } },
      { token: fixture.h.commerceKey },
    );
    const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'ash@tailspin.example' });
    const wizard = await WizardClient.open(fixture.h, linkToken!);
    await wizard.step('ChooseRole', { role: 'PARTNER' });

    const admin = await createStaff(fixture.h, StaffRole.ADMIN);
    const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-roles', prefix: 'admin' });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    try {
      await signIn(page, fixture.h, admin);
      const pages: [string, string][] = [
        ['orders', order.subscriptionId],
        ['customerOrgs', 'Tailspin Toys'],
        ['sessions', 'ash@tailspin.example'],
        ['outbox', 'ash@tailspin.example'],
        ['audit', say('console.audit.actions.order.submit')],
        ['countries', 'Bulgaria'],
        ['staff', admin.email],
      ];
      for (const [resource, shown] of pages) {
        await page.getByRole('menuitem', { name: menuName(resource) }).click();
        await page.getByRole('main').getByText(shown, { exact: false }).first().waitFor();
        await record(resource);
      }

      await page.getByRole('menuitem', { name: menuName('apiKeys') }).click();
      // The staff list before it has a Create link too: wait for the API keys' list (a chunk of its own) to replace it.
      await page.waitForURL((url) => url.pathname === '/admin/apiKeys');
      await page
        .getByRole('link', { name: say('ra.action.create') })
        .and(page.locator('[href$="/apiKeys/create"]'))
        .click();
      await page.getByLabel(say('resources.apiKeys.fields.name')).fill('CCW staging');
      await page.getByRole('button', { name: say('ra.action.save') }).click();
      const shown = page.getByTestId('shown-once');
      await shown.waitFor();
      const key = (await shown.textContent())!;
      await record('key-shown-once');

      // The key works for the commerce integration; the console keeps no copy once the dialog is closed.
      const asCommerce = await fixture.h.gql(`{ order(id: "${order.id}") { id } }`, {}, { token: key });
      expect(asCommerce).toEqual({ data: { order: { id: order.id } } });
      await page.getByRole('button', { name: say('console.shownOnce.done') }).click();
      await page.getByRole('row', { name: /CCW staging/ }).waitFor();
      expect(await page.getByText(key).count()).toBe(0);
      await record('keys');
      expect(failures).toEqual([]);
    } finally {
      await close();
    }
  },
  WALK_TIMEOUT,
);

test('a staff token past its 8 hours sends the user back to the login page', async () => {
  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-roles', prefix: 'expired' });
  try {
    await signIn(page, fixture.h, rep);
    // Every dashboard request answered first: one still open when the clock moves would sign out before the click.
    await dashboardAnswered(page);
    // The server's clock decides when a token expires; the console learns it from the refusal (UNAUTHENTICATED).
    fixture.h.clock.advanceMinutes(8 * 60 + 1);
    await page.getByRole('menuitem', { name: menuName('orders') }).click();
    await page.waitForURL(consoleUrl(fixture.h, '/login'));
    await page.getByRole('button', { name: say('ra.auth.sign_in') }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('wxcc-console:credentials'))).toBeNull();
    await record('signed-out');
    // Signing in again returns to the page asked for.
    await page.getByLabel(say('ra.auth.username')).fill(rep.email);
    await page.getByLabel(say('ra.auth.password')).first().fill(rep.password);
    await page.getByRole('button', { name: say('ra.auth.sign_in') }).click();
    await page.waitForURL(consoleUrl(fixture.h, '/orders'));
    await page.getByRole('banner').getByText(menuName('orders'), { exact: true }).waitFor();
  } finally {
    await close();
  }
});
