/**
 * orderPreflight: the commerce integration asks what the wizard will meet before it books an order. Each finding is
 * checked against the wizard itself: the same order booked and walked through the wizard is refused at the same step
 * with the same code. What a finding may reveal (the kind of org, never which one), the bad input, who may call it
 * and the per-key limit are checked too; the last two on the server as deployed.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { Deployed, startDeployed } from '../support/deployed';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

const PREFLIGHT = `query ($input: OrderPreflightInput!) {
  orderPreflight(input: $input) {
    findings { code message field step }
    contactMembership customerAdminMembership customerAdminTrialStatus countrySold trialMatches
    ${USER_ERRORS}
  }
}`;

interface Finding {
  code: string;
  message: string;
  field: string[] | null;
  step: string | null;
}

interface PreflightInput {
  provisioningContactEmail: string;
  customerAdminEmail?: string | null;
  countryCode?: string | null;
  trialCustomerOrgId?: string | null;
}

let h: Harness;
let sequence = 0;
const next = () => ++sequence;

// Orgs made as production makes them: a partner org and a customer org by mapping an order, trials by a REP.
const PARTNER_CONTACT = 'dana@fabrikam-partners.example';
const PARTNER_ADMIN = 'admin@fabrikam-partners.example';
const PARTNER_NAME = 'Northwind Partners';
const CUSTOMER_ADMIN = 'it@adventure-works.example';
const CUSTOMER_NAME = 'Contoso GmbH';
const TRIAL_ADMIN = 'head@graphic-design.example';
const TRIAL_NAME = 'Graphic Design Institute';
const EXPIRING_ADMIN = 'boss@lapsed.example';
let trialId: string;
let expiringTrialId: string;

beforeAll(async () => {
  h = await startHarness();
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: PARTNER_CONTACT });
  const wizard = await WizardClient.open(h, linkToken!);
  expect((await partnerReadyToConfirm(wizard, { partnerAdmin: PARTNER_ADMIN, customerAdmin: CUSTOMER_ADMIN })).userErrors).toEqual([]);
  expect((await wizard.confirm()).userErrors).toEqual([]);
  trialId = await startTrial(TRIAL_NAME, 'JP', TRIAL_ADMIN, 30);
  expiringTrialId = await startTrial('Lapsed Ltd', 'GB', EXPIRING_ADMIN, 1);
  // The second trial's day runs out (the sweep has not marked it yet: the wizard's effective state says EXPIRED).
  h.clock.advanceMinutes(2 * 24 * 60);
});
afterAll(() => h.close());

async function startTrial(companyName: string, countryCode: string, adminEmail: string, days: number): Promise<string> {
  const started = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName, countryCode, adminEmail, days } },
    // A token of the clock's moment (the clock moves days, past a token's 8 hours).
    { token: await h.staffToken(StaffRole.REP) },
  );
  expect(started.data.customerOrgStartTrial.userErrors).toEqual([]);
  return started.data.customerOrgStartTrial.customerOrg.id;
}

async function preflight(input: PreflightInput, language = 'en') {
  const result = await h.gql(PREFLIGHT, { input }, { token: h.commerceKey, language });
  expect(result.errors).toBeUndefined();
  return result.data.orderPreflight;
}

/**
 * The same order booked and walked through the wizard as a partner (a contact without a partner org describes a new
 * one): the first refusal it meets, as { step, code }, or null when the order could be confirmed.
 */
async function wizardMeets(input: PreflightInput): Promise<{ step: string | null; code: string } | null> {
  const booked = await h.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id } ${USER_ERRORS} } }`,
    {
      input: {
        subscriptionId: `Sub-pre-${process.pid}-${next()}`,
        commerceOrderNumber: `CCW-pre-${sequence}`,
        offerCode: 'WXCC-STD',
        seats: 10,
        requestedStartDate: h.clock.now().toISOString().slice(0, 10),
        provisioningContactEmail: input.provisioningContactEmail,
        trialCustomerOrgId: input.trialCustomerOrgId ?? null,
      },
    },
    { token: h.commerceKey },
  );
  if (booked.data.orderSubmit.userErrors.length) return { step: null, code: booked.data.orderSubmit.userErrors[0].code };
  await h.deliverMail();
  const link = h.setupEmails.filter((mail) => mail.to === input.provisioningContactEmail).pop()!;
  const wizard = await WizardClient.open(h, link.token);
  const steps: [string, string, Record<string, unknown>][] = [
    ['ROLE', 'ChooseRole', { role: 'PARTNER' }],
    ['SETUP_PERFORMER', 'ChooseSetupPerformer', { performer: 'SELF' }],
  ];
  for (const [step, name, answer] of steps) {
    const refused = (await wizard.step(name, answer)).userErrors[0];
    if (refused) return { step, code: refused.code };
  }
  const review = await h.gql(`{ provisioningSession { partnerOrgForReview { id } } }`, {}, { token: wizard.sessionToken });
  const partnerAnswer = review.data.provisioningSession.partnerOrgForReview
    ? { useExisting: true }
    : { useExisting: false, adminEmail: `new-partner-admin${next()}@partner.example`, companyName: 'New Partner', countryCode: 'DE' };
  const later: [string, string, Record<string, unknown>][] = [
    ['PARTNER_ORG', 'SetPartnerOrg', partnerAnswer],
    ['CUSTOMER_ADMIN', 'SetCustomerAdmin', { adminEmail: input.customerAdminEmail }],
    ['CUSTOMER_COMPANY', 'SetCustomerCompany', { companyName: 'Some Company', countryCode: input.countryCode ?? 'DE' }],
  ];
  for (const [step, name, answer] of later) {
    const refused = (await wizard.step(name, answer)).userErrors[0];
    if (refused) return { step, code: refused.code };
  }
  const offered = await h.gql(`{ provisioningSession { customerOrgChoices } }`, {}, { token: wizard.sessionToken });
  const choice = offered.data.provisioningSession.customerOrgChoices[0] ?? 'NEW';
  const chosen = (await wizard.step('ChooseCustomerOrg', { choice })).userErrors[0];
  if (chosen) return { step: 'CUSTOMER_ORG', code: chosen.code };
  const confirmed = (await wizard.confirm()).userErrors[0];
  return confirmed ? { step: 'CONFIRM', code: confirmed.code } : null;
}

/** A fresh contact with no org, for an order whose wizard run must not disturb another's. */
const freshContact = () => `buyer${next()}@reseller${sequence}.example`;

describe('each finding is what the wizard meets with the same order', () => {
  test('nothing in the way: no findings, and the facts say why', async () => {
    // The partner org's administrator belongs to it (the contact who set it up does not, until added).
    const input = {
      provisioningContactEmail: PARTNER_ADMIN,
      customerAdminEmail: `new-admin${next()}@woodgrove.example`,
      countryCode: 'DE',
    };
    const answer = await preflight(input);
    expect(answer).toEqual({
      findings: [],
      contactMembership: 'PARTNER_ORG',
      customerAdminMembership: 'NO_ORG',
      customerAdminTrialStatus: null,
      countrySold: true,
      trialMatches: null,
      userErrors: [],
    });
    expect(await wizardMeets(input)).toBeNull();
  });

  test('a contact with no partner org yet describes a new one: not in the way', async () => {
    const input = { provisioningContactEmail: freshContact(), customerAdminEmail: `admin${next()}@tailspin.example`, countryCode: 'BG' };
    const answer = await preflight(input);
    expect(answer).toMatchObject({ findings: [], contactMembership: 'NO_ORG', customerAdminMembership: 'NO_ORG', countrySold: true });
    expect(await wizardMeets(input)).toBeNull();
  });

  test('an administrator already in a customer org is offered it at step 6: not in the way', async () => {
    const input = { provisioningContactEmail: freshContact(), customerAdminEmail: CUSTOMER_ADMIN, countryCode: 'DE' };
    const answer = await preflight(input);
    expect(answer).toMatchObject({ findings: [], customerAdminMembership: 'CUSTOMER_ORG', customerAdminTrialStatus: 'NONE' });
    expect(await wizardMeets(input)).toBeNull();
  });

  test('USER_IN_OTHER_ORG at step 4: the administrator belongs to a partner org, named by its kind only', async () => {
    const input = { provisioningContactEmail: freshContact(), customerAdminEmail: PARTNER_ADMIN.toUpperCase(), countryCode: 'DE' };
    const answer = await preflight(input);
    expect(answer.findings).toEqual([
      {
        code: 'USER_IN_OTHER_ORG',
        step: 'CUSTOMER_ADMIN',
        field: ['input', 'customerAdminEmail'],
        message:
          'This email address already belongs to another Webex organization (a partner organization). A user can belong to only one Webex organization at a time.',
      },
    ]);
    expect(answer.customerAdminMembership).toBe('PARTNER_ORG');
    expect(await wizardMeets(input)).toEqual({ step: 'CUSTOMER_ADMIN', code: 'USER_IN_OTHER_ORG' });
  });

  test('USER_IN_OTHER_ORG at step 3: a contact in a customer org cannot set up as a partner', async () => {
    const input = { provisioningContactEmail: CUSTOMER_ADMIN, countryCode: 'DE' };
    const answer = await preflight(input);
    expect(answer.findings).toEqual([
      expect.objectContaining({ code: 'USER_IN_OTHER_ORG', step: 'PARTNER_ORG', field: ['input', 'provisioningContactEmail'] }),
    ]);
    expect(answer.findings[0].message).toContain('(a customer organization)');
    expect(answer.contactMembership).toBe('CUSTOMER_ORG');
    expect(await wizardMeets({ ...input, customerAdminEmail: `x${next()}@y.example` })).toEqual({
      step: 'PARTNER_ORG',
      code: 'USER_IN_OTHER_ORG',
    });
  });

  test('COUNTRY_NOT_SUPPORTED at step 5: a country in the table where Contact Center is not sold', async () => {
    const [{ code }] = await h.db.query(`SELECT code FROM supported_country WHERE NOT contact_center_sold ORDER BY code LIMIT 1`);
    const input = {
      provisioningContactEmail: freshContact(),
      customerAdminEmail: `a${next()}@unsold.example`,
      countryCode: code.toLowerCase(),
    };
    const answer = await preflight(input);
    expect(answer.findings).toEqual([
      {
        code: 'COUNTRY_NOT_SUPPORTED',
        step: 'CUSTOMER_COMPANY',
        field: ['input', 'countryCode'],
        message: 'Webex Contact Center is not sold in this country.',
      },
    ]);
    expect(answer.countrySold).toBe(false);
    expect(await wizardMeets(input)).toEqual({ step: 'CUSTOMER_COMPANY', code: 'COUNTRY_NOT_SUPPORTED' });
  });

  test('a trial converted with its own administrator: no findings, the trial matches', async () => {
    const input = {
      provisioningContactEmail: freshContact(),
      customerAdminEmail: TRIAL_ADMIN,
      countryCode: 'JP',
      trialCustomerOrgId: trialId,
    };
    const answer = await preflight(input);
    expect(answer).toMatchObject({
      findings: [],
      customerAdminMembership: 'CUSTOMER_ORG',
      customerAdminTrialStatus: 'ACTIVE',
      trialMatches: true,
    });
  });

  test("TRIAL_ADMIN_EMAIL_MISMATCH at step 4: it names the trial's administrator, which the key reads on the trial org", async () => {
    const input = {
      provisioningContactEmail: freshContact(),
      customerAdminEmail: `other${next()}@graphic-design.example`,
      countryCode: 'JP',
      trialCustomerOrgId: trialId,
    };
    const answer = await preflight(input);
    expect(answer.findings).toEqual([
      {
        code: 'TRIAL_ADMIN_EMAIL_MISMATCH',
        step: 'CUSTOMER_ADMIN',
        field: ['input', 'customerAdminEmail'],
        message: `This order converts a trial: the customer administrator must be the trial administrator, ${TRIAL_ADMIN}.`,
      },
    ]);
    expect(answer.trialMatches).toBe(false);
    const read = await h.gql(`query ($id: ID!) { customerOrg(id: $id) { trialAdminEmail } }`, { id: trialId }, { token: h.commerceKey });
    expect(read.data.customerOrg.trialAdminEmail).toBe(TRIAL_ADMIN);
    expect(await wizardMeets(input)).toEqual({ step: 'CUSTOMER_ADMIN', code: 'TRIAL_ADMIN_EMAIL_MISMATCH' });
  });

  test('TRIAL_EXPIRED at step 6: the trial ran out (by the clock, before any sweep marked it)', async () => {
    const input = {
      provisioningContactEmail: freshContact(),
      customerAdminEmail: EXPIRING_ADMIN,
      countryCode: 'GB',
      trialCustomerOrgId: expiringTrialId,
    };
    const answer = await preflight(input);
    expect(answer.findings).toEqual([
      {
        code: 'TRIAL_EXPIRED',
        step: 'CUSTOMER_ORG',
        field: ['input', 'customerAdminEmail'],
        message: 'The trial of this organization has expired. Report a problem so that a Cisco representative can extend it.',
      },
    ]);
    expect(answer).toMatchObject({ customerAdminTrialStatus: 'EXPIRED', trialMatches: true });
    expect(await wizardMeets(input)).toEqual({ step: 'CUSTOMER_ORG', code: 'TRIAL_EXPIRED' });
  });

  test('NOT_A_TRIAL from orderSubmit itself: the org named is not a trial (step null)', async () => {
    const [{ id }] = await h.db.query(`SELECT id FROM customer_org WHERE lower(admin_email) = lower($1)`, [CUSTOMER_ADMIN]);
    const input = { provisioningContactEmail: freshContact(), trialCustomerOrgId: id };
    const answer = await preflight(input);
    expect(answer.findings).toEqual([expect.objectContaining({ code: 'NOT_A_TRIAL', step: null, field: ['input', 'trialCustomerOrgId'] })]);
    expect(await wizardMeets({ ...input, customerAdminEmail: CUSTOMER_ADMIN })).toEqual({ step: null, code: 'NOT_A_TRIAL' });
  });

  test('TRIAL_CONVERTED from orderSubmit itself: a trial an earlier order already converted (step null)', async () => {
    const convertedId = await startTrial('Converted Co', 'FR', 'boss@converted.example', 30);
    const first = {
      provisioningContactEmail: freshContact(),
      customerAdminEmail: 'boss@converted.example',
      countryCode: 'FR',
      trialCustomerOrgId: convertedId,
    };
    expect((await preflight(first)).findings).toEqual([]);
    expect(await wizardMeets(first)).toBeNull();
    const again = { ...first, provisioningContactEmail: freshContact() };
    const answer = await preflight(again);
    expect(answer.findings).toEqual([
      expect.objectContaining({ code: 'TRIAL_CONVERTED', step: null, field: ['input', 'trialCustomerOrgId'] }),
    ]);
    expect(answer.customerAdminTrialStatus).toBe('CONVERTED');
    expect(await wizardMeets(again)).toEqual({ step: null, code: 'TRIAL_CONVERTED' });
  });

  test('in Bulgarian, with the org still named by its kind', async () => {
    const answer = await preflight({ provisioningContactEmail: freshContact(), customerAdminEmail: PARTNER_ADMIN }, 'bg');
    expect(answer.findings[0].message).toBe(
      'Този имейл адрес вече принадлежи на друга организация в Webex (партньорска организация). Потребител може да принадлежи само на една организация в Webex в даден момент.',
    );
  });
});

test('it reveals the kind of org, never which: no org id, name or email the caller did not send is in any answer', async () => {
  const orgs: { id: string; name: string; admin_email: string }[] = await h.db.query(
    `SELECT id, name, admin_email FROM customer_org UNION ALL SELECT id, name, admin_email FROM partner_org`,
  );
  expect(orgs.map((org) => org.name)).toEqual(expect.arrayContaining([PARTNER_NAME, CUSTOMER_NAME, TRIAL_NAME]));
  const probes: PreflightInput[] = [
    { provisioningContactEmail: PARTNER_CONTACT, customerAdminEmail: CUSTOMER_ADMIN, countryCode: 'DE' },
    { provisioningContactEmail: CUSTOMER_ADMIN, customerAdminEmail: PARTNER_ADMIN, countryCode: 'DE' },
    { provisioningContactEmail: PARTNER_ADMIN, customerAdminEmail: TRIAL_ADMIN, countryCode: 'JP' },
    { provisioningContactEmail: TRIAL_ADMIN, customerAdminEmail: CUSTOMER_ADMIN, trialCustomerOrgId: trialId },
  ];
  for (const input of probes) {
    for (const language of ['en', 'bg']) {
      const text = JSON.stringify(await preflight(input, language));
      const sent = Object.values(input).map((value) => String(value).toLowerCase());
      for (const org of orgs) {
        expect(text).not.toContain(org.id);
        expect(text).not.toContain(org.name);
        // An email appears only when the caller sent it, or as the administrator of the trial it named.
        if (!sent.includes(org.admin_email.toLowerCase()) && !(input.trialCustomerOrgId && org.id === input.trialCustomerOrgId)) {
          expect(text.toLowerCase()).not.toContain(org.admin_email.toLowerCase());
        }
      }
    }
  }
});

describe('bad input is refused with userErrors naming the field', () => {
  test.each([
    [
      'a malformed contact email',
      { provisioningContactEmail: 'dana at fabrikam' },
      [['input', 'provisioningContactEmail'], 'INVALID_EMAIL'],
    ],
    ['a blank contact email', { provisioningContactEmail: '  ' }, [['input', 'provisioningContactEmail'], 'REQUIRED']],
    [
      'a malformed administrator email',
      { provisioningContactEmail: PARTNER_CONTACT, customerAdminEmail: 'it@' },
      [['input', 'customerAdminEmail'], 'INVALID_EMAIL'],
    ],
    [
      'a country code that names no country',
      { provisioningContactEmail: PARTNER_CONTACT, countryCode: 'XQ' },
      [['input', 'countryCode'], 'UNKNOWN_COUNTRY'],
    ],
    [
      'a country name instead of a code',
      { provisioningContactEmail: PARTNER_CONTACT, countryCode: 'Germany' },
      [['input', 'countryCode'], 'UNKNOWN_COUNTRY'],
    ],
    [
      'a trial org id that is no id',
      { provisioningContactEmail: PARTNER_CONTACT, trialCustomerOrgId: 'trial-1' },
      [['input', 'trialCustomerOrgId'], 'NOT_FOUND'],
    ],
    [
      'a trial org that does not exist',
      { provisioningContactEmail: PARTNER_CONTACT, trialCustomerOrgId: '00000000-0000-4000-8000-000000000000' },
      [['input', 'trialCustomerOrgId'], 'NOT_FOUND'],
    ],
  ])('%s', async (_name, input, [field, code]) => {
    const answer = await preflight(input as PreflightInput);
    expect(answer.userErrors).toEqual([{ field, code, message: expect.any(String) }]);
    expect(answer).toMatchObject({ findings: [], contactMembership: null, countrySold: null });
  });

  test('every problem of the input at once, with its message', async () => {
    const answer = await preflight({ provisioningContactEmail: 'x', customerAdminEmail: 'y', countryCode: 'ZZ' });
    expect(answer.userErrors).toEqual([
      { field: ['input', 'provisioningContactEmail'], code: 'INVALID_EMAIL', message: 'Enter a valid email address.' },
      { field: ['input', 'customerAdminEmail'], code: 'INVALID_EMAIL', message: 'Enter a valid email address.' },
      {
        field: ['input', 'countryCode'],
        code: 'UNKNOWN_COUNTRY',
        message: 'No country has this code. Enter a two-letter ISO 3166 country code, as supportedCountries lists them.',
      },
    ]);
  });
});

describe('on the server as deployed (NODE_ENV=production)', () => {
  let d: Deployed;
  const input = { provisioningContactEmail: 'someone@example.com', countryCode: 'DE' };

  beforeAll(async () => {
    d = await startDeployed();
  }, 120_000);
  afterAll(() => d?.close());

  test('only the COMMERCE key may ask: staff and the wizard are FORBIDDEN, no credential UNAUTHENTICATED', async () => {
    const allowed = await d.gql(PREFLIGHT, { input }, { token: d.commerceKey });
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.orderPreflight).toMatchObject({
      findings: [],
      contactMembership: 'NO_ORG',
      countrySold: true,
      userErrors: [],
    });
    const { sessionToken } = await d.openWizard();
    const callers: [string, string | null, string][] = [
      ['ADMIN', await d.login('ADMIN'), 'FORBIDDEN'],
      ['REP', await d.login('REP'), 'FORBIDDEN'],
      ['ANALYST', await d.login('ANALYST'), 'FORBIDDEN'],
      ['WIZARD', sessionToken, 'FORBIDDEN'],
      ['none', null, 'UNAUTHENTICATED'],
    ];
    for (const [name, token, code] of callers) {
      const refused = await d.gql(PREFLIGHT, { input }, { token });
      expect([
        name,
        refused.status,
        refused.body.data?.orderPreflight ?? null,
        refused.body.errors?.map((e) => e.extensions?.code),
      ]).toEqual([name, 200, null, [code]]);
    }
  });

  test('60 calls a minute per key: the 61st is RATE_LIMITED (HTTP 429) with the wait; another key is not held back', async () => {
    const created = await d.gql(
      `mutation { apiKeyCreate(input: { name: "preflight limit" }) { key userErrors { code } } }`,
      {},
      { token: await d.login('ADMIN') },
    );
    const key = created.body.data.apiKeyCreate.key as string;
    const statuses: number[] = [];
    for (let call = 0; call < 60; call++) statuses.push((await d.gql(PREFLIGHT, { input }, { token: key })).status);
    expect(statuses).toEqual(Array(60).fill(200));
    const refused = await d.gql(PREFLIGHT, { input }, { token: key });
    expect(refused.status).toBe(429);
    expect(refused.body.data?.orderPreflight ?? null).toBeNull();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Too many orderPreflight calls with this key\. Try again in \d+ seconds\.$/),
        extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }),
      }),
    ]);
    // Bad input counts too: probing with malformed emails is no way around the limit.
    expect((await d.gql(PREFLIGHT, { input: { provisioningContactEmail: 'x' } }, { token: key })).status).toBe(429);
    const other = await d.gql(PREFLIGHT, { input }, { token: d.commerceKey });
    expect(other.status).toBe(200);
    expect(other.body.data.orderPreflight.userErrors).toEqual([]);
  });
});
