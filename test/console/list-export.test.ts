/**
 * The Export button of a list downloads the list's current filter as CSV, every row (not only the page shown),
 * with the signed-in staff member's token: the orders filtered to CANCELLED, more of them than a page holds, and
 * the customer orgs searched by a name.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { parseCsv } from '../support/metrics-plain-sql';
import { bookOrder, USER_ERRORS } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

/** Clicks Export and reads the file it saves: its name and rows (header first), its UTF-8 BOM checked. */
async function exported(page: Page): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-export').click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { name: download.suggestedFilename(), rows: parseCsv(bytes.subarray(3).toString('utf-8')) };
}

test('Export downloads every order and org of the current filter as CSV', async () => {
  const { h } = fixture;
  const rep = await h.staffToken('REP');
  const cancelled: string[] = [];
  for (let i = 0; i < 30; i += 1) {
    const { order } = await bookOrder(h);
    if (i % 10 === 9) continue;
    await h.gql(
      `mutation ($input: OrderActionInput!) { orderCancel(input: $input) { ${USER_ERRORS} } }`,
      { input: { orderId: order.id } },
      { token: rep },
    );
    cancelled.push(order.subscriptionId);
  }
  for (const name of ['Export Alpha', 'Export Beta', 'Other Gamma']) {
    await h.gql(
      `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { ${USER_ERRORS} } }`,
      { input: { companyName: name, countryCode: 'BG', adminEmail: `${name.replace(' ', '.').toLowerCase()}@export.example`, days: 30 } },
      { token: rep },
    );
  }

  const analyst = await createStaff(h, StaffRole.ANALYST);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-list-export' });
  try {
    await signIn(page, h, analyst);
    // The list shows 25 a page; the export holds all 27 cancelled orders.
    await page.goto(consoleUrl(h, `/orders?filter=${encodeURIComponent(JSON.stringify({ status: ['CANCELLED'] }))}&perPage=25`));
    await page.getByRole('row', { name: /Sub-/ }).nth(24).waitFor();
    await page.getByText(say('ra.navigation.page_range_info', { offsetBegin: 1, offsetEnd: 25, total: 27 })).waitFor();
    expect(await page.getByRole('row', { name: /Sub-/ }).count()).toBe(25);
    await record('orders-filtered');
    const orders = await exported(page);
    expect(orders.name).toBe('orders.csv');
    const [header, ...rows] = orders.rows;
    const column = (name: string) => header.indexOf(name);
    expect(rows.map((row) => row[column('status')])).toEqual(cancelled.map(() => 'CANCELLED'));
    // The test's clock stands still, so they share a createdAt: compared as a set.
    expect(rows.map((row) => row[column('subscription_id')]).sort()).toEqual([...cancelled].sort());

    await page.goto(consoleUrl(h, `/customerOrgs?filter=${encodeURIComponent(JSON.stringify({ q: 'export' }))}`));
    await page.getByRole('row', { name: /Export Alpha/ }).waitFor();
    const orgs = await exported(page);
    expect(orgs.name).toBe('customer-orgs.csv');
    expect(orgs.rows.slice(1).map((row) => row[orgs.rows[0].indexOf('name')])).toEqual(['Export Alpha', 'Export Beta', 'Other Gamma']);
  } finally {
    await close();
  }
}, 120_000);
