/** Representatives browse wizard sessions by status and furthest step, and read a session's step timeline. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, WizardClient } from '../support/wizard';

let h: Harness;
let analyst: string;
let first: WizardClient;
let second: WizardClient;
let orderId: string;
let otherOrderId: string;

const SESSIONS = `query ($filter: SessionFilter, $sort: SessionSort, $page: PageInput) {
  provisioningSessions(filter: $filter, sort: $sort, page: $page) {
    totalCount
    nodes { id status furthestStep order { id } }
  }
}`;

async function sessions(variables: Record<string, unknown>) {
  const result = await h.gql(SESSIONS, variables, { token: analyst });
  expect(result.errors).toBeUndefined();
  return result.data.provisioningSessions as { totalCount: number; nodes: { id: string; status: string; furthestStep: string }[] };
}

beforeAll(async () => {
  h = await startHarness();
  analyst = await h.staffToken('ANALYST');
  const booked = await bookOrder(h);
  orderId = booked.order.id;
  first = await WizardClient.open(h, booked.linkToken!);
  await first.step('ChooseRole', { role: 'CUSTOMER' });
  h.clock.advanceMinutes(5);
  // Opening the link again supersedes the first session.
  second = await WizardClient.open(h, booked.linkToken!);
  h.clock.advanceMinutes(1);
  await second.step('ChooseRole', { role: 'PARTNER' });
  h.clock.advanceMinutes(1);
  await second.step('ChooseSetupPerformer', { performer: 'SELF' });
  const other = await bookOrder(h);
  otherOrderId = other.order.id;
  h.clock.advanceMinutes(1);
  await WizardClient.open(h, other.linkToken!);
});

afterAll(() => h.close());

test('the list shows every session, newest first, with its total', async () => {
  const page = await sessions({});
  expect(page.totalCount).toBe(3);
  expect(page.nodes.map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE', 'SUPERSEDED']);
  expect(page.nodes[1].id).toBe(second.sessionId);
});

test('filters by status, furthest step and order, and sorts oldest first when asked', async () => {
  expect((await sessions({ filter: { status: ['SUPERSEDED'] } })).nodes.map((s) => s.id)).toEqual([first.sessionId]);
  expect((await sessions({ filter: { furthestStep: ['PARTNER_ORG'] } })).nodes.map((s) => s.id)).toEqual([second.sessionId]);
  const ofOrder = await sessions({ filter: { orderId }, sort: { field: 'STARTED_AT', direction: 'ASC' } });
  expect(ofOrder.nodes.map((s) => s.id)).toEqual([first.sessionId, second.sessionId]);
  expect((await sessions({ filter: { orderId: otherOrderId, status: ['SUPERSEDED'] } })).totalCount).toBe(0);
  expect((await sessions({ filter: { orderId: 'not-an-id' } })).totalCount).toBe(0);
});

test('a session shows its step timeline, oldest first', async () => {
  const result = await h.gql(
    `query ($id: ID!) { provisioningSessionById(id: $id) { events { kind step occurredAt } } }`,
    { id: second.sessionId },
    { token: analyst },
  );
  expect(result.errors).toBeUndefined();
  const events = result.data.provisioningSessionById.events;
  expect(events.map((e: { kind: string; step: string | null }) => [e.kind, e.step])).toEqual([
    ['STARTED', null],
    ['STEP_ANSWERED', 'ROLE'],
    ['STEP_ANSWERED', 'SETUP_PERFORMER'],
  ]);
  expect(new Date(events[2].occurredAt).getTime()).toBeGreaterThan(new Date(events[0].occurredAt).getTime());
});

test('a page beyond 200 is refused, and the wizard cannot read the timeline of its own session', async () => {
  const tooMany = await h.gql(SESSIONS, { page: { offset: 0, limit: 500 } }, { token: analyst });
  expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const own = await h.gql(`{ provisioningSession { id events { kind } } }`, {}, { token: second.sessionToken });
  expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
