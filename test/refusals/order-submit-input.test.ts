/**
 * The commerce integration submits orders: malformed input is refused field by field (all problems
 * at once) and writes nothing; a missing, wrong or under-privileged credential is a GraphQL error;
 * a valid order is booked, and its Set up now email goes out at once when it is due.
 */
import { newToken, TOKEN_PREFIX } from '../../server/platform/tokens';
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SUBMIT = `mutation ($input: OrderSubmitInput!) {
  orderSubmit(input: $input) {
    order { id subscriptionId status offerCode seats requestedStartDate provisioningContactEmail setupWindowDays setupEmailSentAt windowClosesAt }
    ${USER_ERRORS}
  }
}`;

let sequence = 0;
const TODAY = '2026-11-24'; // the harness clock starts at 2026-11-24T09:00:00Z and this file never moves it

function validInput(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    subscriptionId: `Sub-submit-${sequence}`,
    commerceOrderNumber: `CCW-${5000 + sequence}`,
    offerCode: 'WXCC-STD',
    seats: 50,
    requestedStartDate: TODAY,
    provisioningContactEmail: `buyer${sequence}@tailspin.example`,
    ...overrides,
  };
}

/** Submits, then lets the outbox deliver what the submission queued. */
async function submit(input: Record<string, unknown>, token: string | null = h.commerceKey) {
  const result = await h.gql(SUBMIT, { input }, { token });
  await h.deliverMail();
  return result;
}

/** What an order submission may write: orders, their links, their audit, and the emails sent. */
async function writes() {
  return {
    orders: await h.db.query(`SELECT * FROM orders ORDER BY id`),
    links: await h.db.query(`SELECT * FROM setup_link ORDER BY id`),
    audit: await h.db.query(`SELECT * FROM audit_event ORDER BY id`),
    emails: h.setupEmails.length,
    outbox: await h.db.query(`SELECT * FROM outbox_email ORDER BY id`),
  };
}

/** Submits input that must be refused; checks that nothing was written and returns the user errors. */
async function refused(input: Record<string, unknown>) {
  const before = await writes();
  const result = await submit(input);
  expect(result.errors).toBeUndefined();
  const payload = result.data.orderSubmit;
  expect(payload.order).toBeNull();
  expect(payload.userErrors.length).toBeGreaterThan(0);
  for (const error of payload.userErrors) {
    expect(error.field).toEqual(['input', expect.any(String)]);
    expect(error.message).toMatch(/[A-Za-z]{3,}/);
  }
  expect(await writes()).toEqual(before);
  return payload.userErrors as { field: string[]; message: string; code: string }[];
}

const codesByField = (errors: { field: string[]; code: string }[]) => Object.fromEntries(errors.map((e) => [e.field[1], e.code]));

describe('malformed input is refused, naming the field, and writes nothing', () => {
  test.each(['ABC-123', 'Sub', 'Sub 12', 'Sub_12', 'Subscription!'])(
    'subscription id %p: INVALID_SUBSCRIPTION_ID',
    async (subscriptionId) => {
      const errors = await refused(validInput({ subscriptionId }));
      expect(errors).toEqual([{ field: ['input', 'subscriptionId'], code: 'INVALID_SUBSCRIPTION_ID', message: expect.any(String) }]);
    },
  );

  test('empty required fields: each one REQUIRED, all reported at once', async () => {
    const errors = await refused(
      validInput({ subscriptionId: '', commerceOrderNumber: '  ', offerCode: '', requestedStartDate: '', provisioningContactEmail: '' }),
    );
    expect(codesByField(errors)).toEqual({
      subscriptionId: 'REQUIRED',
      commerceOrderNumber: 'REQUIRED',
      offerCode: 'REQUIRED',
      requestedStartDate: 'REQUIRED',
      provisioningContactEmail: 'REQUIRED',
    });
    expect(errors).toHaveLength(5);
  });

  test.each(['buyer.tailspin.example', 'buyer@', '@tailspin.example', 'buyer @tailspin.example'])(
    'contact email %p: INVALID_EMAIL',
    async (email) => {
      const errors = await refused(validInput({ provisioningContactEmail: email }));
      expect(errors).toEqual([{ field: ['input', 'provisioningContactEmail'], code: 'INVALID_EMAIL', message: expect.any(String) }]);
    },
  );

  test.each(['2026-02-30', '24/11/2026', '2026-13-01', '2026-11-24T00:00:00Z', 'tomorrow'])('start date %p: INVALID_DATE', async (date) => {
    const errors = await refused(validInput({ requestedStartDate: date }));
    expect(errors).toEqual([{ field: ['input', 'requestedStartDate'], code: 'INVALID_DATE', message: expect.any(String) }]);
  });

  test.each([0, -1, 100001])('seats %p: OUT_OF_RANGE', async (seats) => {
    const errors = await refused(validInput({ seats }));
    expect(errors).toEqual([{ field: ['input', 'seats'], code: 'OUT_OF_RANGE', message: expect.stringMatching(/1.*100[ ,.]?000/) }]);
  });

  test('several problems in one submission are all reported at once', async () => {
    const errors = await refused(
      validInput({ subscriptionId: 'X-1', provisioningContactEmail: 'not-an-email', requestedStartDate: '2026-02-30', seats: 0 }),
    );
    expect(codesByField(errors)).toEqual({
      subscriptionId: 'INVALID_SUBSCRIPTION_ID',
      provisioningContactEmail: 'INVALID_EMAIL',
      requestedStartDate: 'INVALID_DATE',
      seats: 'OUT_OF_RANGE',
    });
    expect(errors).toHaveLength(4);
  });

  test('a subscription id already booked: DUPLICATE_SUBSCRIPTION_ID, and the first order stays the only one', async () => {
    const first = validInput();
    const booked = await submit(first);
    expect(booked.data.orderSubmit.userErrors).toEqual([]);

    const errors = await refused({ ...validInput(), subscriptionId: first.subscriptionId });
    expect(errors).toEqual([{ field: ['input', 'subscriptionId'], code: 'DUPLICATE_SUBSCRIPTION_ID', message: expect.any(String) }]);
    const rows = await h.db.query(`SELECT id FROM orders WHERE subscription_id = $1`, [first.subscriptionId]);
    expect(rows).toEqual([{ id: booked.data.orderSubmit.order.id }]);
  });

  test('a trial customer org that does not exist: NOT_FOUND on trialCustomerOrgId', async () => {
    const errors = await refused(validInput({ trialCustomerOrgId: '00000000-0000-4000-8000-000000000000' }));
    expect(errors).toEqual([{ field: ['input', 'trialCustomerOrgId'], code: 'NOT_FOUND', message: expect.any(String) }]);
    const notAnId = await refused(validInput({ trialCustomerOrgId: 'org-42' }));
    expect(notAnId).toEqual([{ field: ['input', 'trialCustomerOrgId'], code: 'NOT_FOUND', message: expect.any(String) }]);
  });
});

describe('only the commerce integration and representatives may submit orders', () => {
  async function deniedWith(token: string | null, code: 'UNAUTHENTICATED' | 'FORBIDDEN') {
    const before = await writes();
    const result = await submit(validInput(), token);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe(code);
    expect(result.data?.orderSubmit ?? null).toBeNull();
    expect(await writes()).toEqual(before);
  }

  test('no credential: UNAUTHENTICATED', () => deniedWith(null, 'UNAUTHENTICATED'));

  test('a wrong bearer: UNAUTHENTICATED', async () => {
    await deniedWith('not-a-real-key', 'UNAUTHENTICATED');
    await deniedWith(newToken(TOKEN_PREFIX.apiKey), 'UNAUTHENTICATED');
  });

  test("a wizard session token: FORBIDDEN (a provisioning contact can't book orders)", async () => {
    const { linkToken } = await bookOrder(h);
    const wizard = await WizardClient.open(h, linkToken!);
    await deniedWith(wizard.sessionToken, 'FORBIDDEN');
  });

  test('an ANALYST login: FORBIDDEN (analysts only read)', async () => {
    await deniedWith(await h.staffToken(StaffRole.ANALYST), 'FORBIDDEN');
  });

  test('a REP login may submit', async () => {
    const result = await submit(validInput(), await h.staffToken(StaffRole.REP));
    expect(result.errors).toBeUndefined();
    expect(result.data.orderSubmit.userErrors).toEqual([]);
    expect(result.data.orderSubmit.order.status).toBe('AWAITING_PROVISIONING_DETAILS');
  });
});

describe('a valid order is booked', () => {
  const emailsFor = (subscriptionId: string) => h.setupEmails.filter((mail) => mail.subscriptionId === subscriptionId);

  test('a start date in the future: BOOKED, and no email yet', async () => {
    const input = validInput({ requestedStartDate: '2026-12-15' });
    const result = await submit(input);
    expect(result.data.orderSubmit.userErrors).toEqual([]);
    expect(result.data.orderSubmit.order).toMatchObject({
      subscriptionId: input.subscriptionId,
      status: 'BOOKED',
      requestedStartDate: '2026-12-15',
      setupEmailSentAt: null,
      windowClosesAt: null,
    });
    expect(emailsFor(input.subscriptionId)).toHaveLength(0);
    const links = await h.db.query(`SELECT id FROM setup_link WHERE order_id = $1`, [result.data.orderSubmit.order.id]);
    expect(links).toHaveLength(0);
  });

  test("today's start date: AWAITING_PROVISIONING_DETAILS, and exactly one Set up now email to the contact", async () => {
    const input = validInput();
    const result = await submit(input);
    expect(result.data.orderSubmit.userErrors).toEqual([]);
    expect(result.data.orderSubmit.order).toMatchObject({
      status: 'AWAITING_PROVISIONING_DETAILS',
      setupEmailSentAt: '2026-11-24T09:00:00.000Z',
      setupWindowDays: 30,
      windowClosesAt: '2026-12-24T09:00:00.000Z',
    });
    const emails = emailsFor(input.subscriptionId);
    expect(emails).toHaveLength(1);
    expect(emails[0].to).toBe(input.provisioningContactEmail);
    const links = await h.db.query(`SELECT revoked_at FROM setup_link WHERE order_id = $1`, [result.data.orderSubmit.order.id]);
    expect(links).toEqual([{ revoked_at: null }]);
  });

  test('a start date already past: the email goes out at once too', async () => {
    const input = validInput({ requestedStartDate: '2026-11-01' });
    const result = await submit(input);
    expect(result.data.orderSubmit.order.status).toBe('AWAITING_PROVISIONING_DETAILS');
    expect(emailsFor(input.subscriptionId)).toHaveLength(1);
  });

  test.each([
    ['A-FLEX-WXCC', 7, '2026-12-01T09:00:00.000Z'],
    ['WXCC-STD', 30, '2026-12-24T09:00:00.000Z'],
    ['WXCC-PREMIUM', 30, '2026-12-24T09:00:00.000Z'],
  ])('offer %p: a setup window of %p days', async (offerCode, days, closes) => {
    const result = await submit(validInput({ offerCode }));
    expect(result.data.orderSubmit.userErrors).toEqual([]);
    expect(result.data.orderSubmit.order).toMatchObject({ offerCode, setupWindowDays: days, windowClosesAt: closes });
  });

  test('seats at the edges of the range are accepted', async () => {
    for (const seats of [1, 100000]) {
      const result = await submit(validInput({ seats }));
      expect(result.data.orderSubmit.userErrors).toEqual([]);
      expect(result.data.orderSubmit.order.seats).toBe(seats);
    }
  });
});

describe('errors never leak internals', () => {
  test('a GraphQL syntax error carries no stack trace', async () => {
    const result = await h.gql(`mutation { orderSubmit(input: { subscriptionId: "Sub-1" ) { order { id } }`, {}, { token: h.commerceKey });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors![0].extensions).not.toHaveProperty('stacktrace');
    expect(JSON.stringify(result)).not.toMatch(/node_modules|\.ts:\d+|at .+\(/);
  });

  test('a query naming an unknown field, and a variable of the wrong type, carry no stack trace either', async () => {
    const unknownField = await h.gql(`{ order(id: "x") { secretColumn } }`, {}, { token: h.commerceKey });
    expect(unknownField.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknownField.errors![0].extensions).not.toHaveProperty('stacktrace');

    const wrongType = await submit({ ...validInput(), seats: 'many' });
    expect(wrongType.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongType.errors![0].extensions).not.toHaveProperty('stacktrace');
  });
});
