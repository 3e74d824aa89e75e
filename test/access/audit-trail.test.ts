/**
 * The audit trail: who changed what, when, before and after. The database keeps it append-only;
 * representatives read it newest first, filtered and paged; a correction and its audit row commit together.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
let rita: { id: string; token: string };
let rob: { id: string; token: string };

const USER_ERRORS = 'userErrors { field code message }';
const ORG = 'id name countryCode dataResidencyRegion contactCenterDataLocation version trialStatus';
const START_TRIAL = `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { ${ORG} } ${USER_ERRORS} } }`;
const UPDATE = `mutation ($input: CustomerOrgUpdateInput!) { customerOrgUpdate(input: $input) { customerOrg { ${ORG} } ${USER_ERRORS} } }`;
const EXTEND = `mutation ($input: CustomerOrgExtendTrialInput!) { customerOrgExtendTrial(input: $input) { customerOrg { ${ORG} } ${USER_ERRORS} } }`;
const AUDIT_EVENTS = `query ($filter: AuditEventFilter, $page: PageInput) {
  auditEvents(filter: $filter, page: $page) { totalCount nodes { id occurredAt actorKind actorId action entityType entityId before after } }
}`;

async function staff(email: string, role: StaffRole) {
  const created = await h.services.staff.createStaff(email, 'a password long enough', role);
  const { token } = await h.services.staff.login(email, 'a password long enough', '127.0.0.1');
  return { id: created.id, token };
}

async function as(who: { token: string }, query: string, variables: Record<string, unknown> = {}) {
  const result = await h.gql(query, variables, { token: who.token });
  expect(result.errors).toBeUndefined();
  return result.data;
}

let trials = 0;
async function startTrial(who: { token: string }, name: string) {
  trials += 1;
  const data = await as(who, START_TRIAL, {
    input: { companyName: name, countryCode: 'DE', adminEmail: `admin${trials}@audit-trial.example`, days: 30 },
  });
  expect(data.customerOrgStartTrial.userErrors).toEqual([]);
  return data.customerOrgStartTrial.customerOrg as { id: string; name: string; version: number };
}

beforeAll(async () => {
  h = await startHarness();
  rita = await staff('rita@cisco.test', StaffRole.REP);
  rob = await staff('rob@cisco.test', StaffRole.ADMIN);
});
afterAll(() => h.close());

describe('the audit_event table is append-only', () => {
  test('UPDATE, DELETE and TRUNCATE are refused by the database and the row stays as it was', async () => {
    const org = await startTrial(rita, 'Append Only GmbH');
    const [event] = await h.db.query(`SELECT * FROM audit_event WHERE entity_id = $1`, [org.id]);
    expect(event).toMatchObject({ actor_kind: 'STAFF', actor_id: rita.id, action: 'customerOrg.startTrial', entity_type: 'CustomerOrg' });

    await expect(h.db.query(`UPDATE audit_event SET action = 'nothing.happened' WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(h.db.query(`UPDATE audit_event SET after = NULL`)).rejects.toThrow(/append-only/);
    await expect(h.db.query(`DELETE FROM audit_event WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(h.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(h.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await expect(h.db.query(`TRUNCATE audit_event RESTART IDENTITY CASCADE`)).rejects.toThrow(/append-only/);

    expect(await h.db.query(`SELECT * FROM audit_event WHERE id = $1`, [event.id])).toEqual([event]);
  });
});

describe('auditEvents', () => {
  let first: { id: string };
  let second: { id: string };
  const t = (minutes: number) => new Date(Date.parse('2026-11-24T09:00:00Z') + minutes * 60_000).toISOString();

  beforeAll(async () => {
    // A small history on two orgs, by two people, a few minutes apart.
    h.clock.set(t(100));
    first = await startTrial(rita, 'Filter One Ltd');
    h.clock.set(t(110));
    await as(rita, UPDATE, { input: { id: first.id, version: 1, name: 'Filter One Limited' } });
    h.clock.set(t(120));
    second = await startTrial(rob, 'Filter Two Ltd');
    h.clock.set(t(130));
    await as(rob, EXTEND, { input: { id: first.id, days: 60 } });
    h.clock.set(t(140));
    await as(rob, UPDATE, { input: { id: second.id, version: 1, contactCenterDataLocation: 'eu1' } });
  });

  test('lists every event newest first, with the total count', async () => {
    const all = (await as(rita, AUDIT_EVENTS, { page: { limit: 200 } })).auditEvents;
    expect(all.totalCount).toBe(all.nodes.length);
    const times = all.nodes.map((node: { occurredAt: string }) => node.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const ids = all.nodes.map((node: { id: string }) => Number(node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.nodes[0]).toMatchObject({
      occurredAt: t(140),
      actorKind: 'STAFF',
      actorId: rob.id,
      action: 'customerOrg.update',
      entityType: 'CustomerOrg',
      entityId: second.id,
      before: { contactCenterDataLocation: 'eu2', version: 1 },
      after: { contactCenterDataLocation: 'eu1', version: 2 },
    });
  });

  test('filters by entity, action, actor and time, combined with AND', async () => {
    const list = async (filter: Record<string, string>) =>
      (await as(rita, AUDIT_EVENTS, { filter, page: { limit: 200 } })).auditEvents.nodes.map(
        (node: { action: string; occurredAt: string }) => `${node.occurredAt} ${node.action}`,
      );

    expect(await list({ entityType: 'CustomerOrg', entityId: first.id })).toEqual([
      `${t(130)} customerOrg.extendTrial`,
      `${t(110)} customerOrg.update`,
      `${t(100)} customerOrg.startTrial`,
    ]);
    expect(await list({ entityType: 'PartnerOrg', entityId: first.id })).toEqual([]);
    expect(await list({ action: 'customerOrg.update' })).toEqual([`${t(140)} customerOrg.update`, `${t(110)} customerOrg.update`]);
    expect(await list({ actorId: rob.id })).toEqual([
      `${t(140)} customerOrg.update`,
      `${t(130)} customerOrg.extendTrial`,
      `${t(120)} customerOrg.startTrial`,
    ]);
    // `from` is inclusive, `to` exclusive.
    expect(await list({ from: t(110), to: t(130) })).toEqual([`${t(120)} customerOrg.startTrial`, `${t(110)} customerOrg.update`]);
    expect(await list({ from: t(110), to: t(140), entityId: first.id })).toEqual([
      `${t(130)} customerOrg.extendTrial`,
      `${t(110)} customerOrg.update`,
    ]);
  });

  test('pages through the filtered events', async () => {
    const filter = { from: t(100), to: t(141) };
    const page = async (offset: number, limit: number) => (await as(rita, AUDIT_EVENTS, { filter, page: { offset, limit } })).auditEvents;
    const one = await page(0, 2);
    const two = await page(2, 2);
    const three = await page(4, 2);
    expect([one.totalCount, two.totalCount, three.totalCount]).toEqual([5, 5, 5]);
    expect([...one.nodes, ...two.nodes, ...three.nodes].map((node: { occurredAt: string }) => node.occurredAt)).toEqual([
      t(140),
      t(130),
      t(120),
      t(110),
      t(100),
    ]);
    expect(three.nodes).toHaveLength(1);
  });

  test('a malformed instant or page is a BAD_USER_INPUT error', async () => {
    const badFrom = await h.gql(AUDIT_EVENTS, { filter: { from: 'last tuesday' } }, { token: rita.token });
    expect(badFrom.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badPage = await h.gql(AUDIT_EVENTS, { page: { offset: 0, limit: 201 } }, { token: rita.token });
    expect(badPage.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('analysts and the commerce integration may not read it', async () => {
    const analyst = await staff('andy@cisco.test', StaffRole.ANALYST);
    for (const token of [analyst.token, h.commerceKey]) {
      const refused = await h.gql(AUDIT_EVENTS, {}, { token });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    expect((await h.gql(AUDIT_EVENTS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('a correction by a representative', () => {
  test('records who changed what, before and after', async () => {
    const org = await startTrial(rita, 'Correctme GmbH');
    const corrected = await as(rita, UPDATE, { input: { id: org.id, version: 1, name: 'Corrected GmbH', countryCode: 'GB' } });
    expect(corrected.customerOrgUpdate).toMatchObject({
      customerOrg: { name: 'Corrected GmbH', countryCode: 'GB', dataResidencyRegion: 'eu1', contactCenterDataLocation: 'eu1', version: 2 },
      userErrors: [],
    });
    const rows = await h.db.query(`SELECT * FROM audit_event WHERE entity_id = $1 AND action = 'customerOrg.update'`, [org.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_kind: 'STAFF',
      actor_id: rita.id,
      entity_type: 'CustomerOrg',
      occurred_at: h.clock.now(),
      before: { name: 'Correctme GmbH', countryCode: 'DE', dataResidencyRegion: 'eu2', contactCenterDataLocation: 'eu2', version: 1 },
      after: { name: 'Corrected GmbH', countryCode: 'GB', dataResidencyRegion: 'eu1', contactCenterDataLocation: 'eu1', version: 2 },
    });
  });

  test('a refused correction changes nothing and writes no audit row', async () => {
    const org = await startTrial(rita, 'Refused GmbH');
    const refusals = [
      [{ version: 7, name: 'Stale Name' }, 'STALE_VERSION'],
      [{ version: 1, countryCode: 'CU' }, 'COUNTRY_NOT_SUPPORTED'],
      [{ version: 1, name: 'Half Applied', countryCode: 'KP' }, 'COUNTRY_NOT_SUPPORTED'],
      [{ version: 1, contactCenterDataLocation: 'mars1' }, 'INVALID_REGION'],
      [{ version: 1, trialExpiresAt: 'soon' }, 'INVALID_INSTANT'],
    ] as const;
    for (const [change, code] of refusals) {
      const refused = await as(rita, UPDATE, { input: { id: org.id, ...change } });
      expect(refused.customerOrgUpdate.customerOrg).toBeNull();
      expect(refused.customerOrgUpdate.userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
    }
    expect(await h.db.query(`SELECT name, country_code, version FROM customer_org WHERE id = $1`, [org.id])).toEqual([
      { name: 'Refused GmbH', country_code: 'DE', version: 1 },
    ]);
    expect(await h.db.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [org.id])).toEqual([
      { action: 'customerOrg.startTrial' },
    ]);
  });

  test('the change and its audit row commit together: when the audit row cannot be written, the change is undone', async () => {
    const org = await startTrial(rita, 'Together GmbH');
    // A fault in the audit insert, injected by a constraint that only new rows must meet.
    await h.db.query(
      `ALTER TABLE audit_event ADD CONSTRAINT test_no_update_audit CHECK (action <> 'customerOrg.update' OR entity_id <> '${org.id}') NOT VALID`,
    );
    try {
      const failed = await h.gql(UPDATE, { input: { id: org.id, version: 1, name: 'Never Saved GmbH' } }, { token: rita.token });
      expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await h.db.query(`ALTER TABLE audit_event DROP CONSTRAINT test_no_update_audit`);
    }
    expect(await h.db.query(`SELECT name, version FROM customer_org WHERE id = $1`, [org.id])).toEqual([
      { name: 'Together GmbH', version: 1 },
    ]);
    expect(await h.db.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [org.id])).toEqual([
      { action: 'customerOrg.startTrial' },
    ]);

    // Without the fault the same correction goes through, with its row.
    const saved = await as(rita, UPDATE, { input: { id: org.id, version: 1, name: 'Saved GmbH' } });
    expect(saved.customerOrgUpdate).toMatchObject({ customerOrg: { name: 'Saved GmbH', version: 2 }, userErrors: [] });
    expect(await h.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [org.id])).toEqual([
      { action: 'customerOrg.startTrial' },
      { action: 'customerOrg.update' },
    ]);
  });
});
