/**
 * Realistic generated data for demos and benchmarks: partners, orders and everything the Set up now
 * email and the wizard leave behind (links, sessions, events, orgs, trials, cases), as the server
 * would have written them over two years before `now`. Every row is made by set-based SQL inside one
 * transaction, so a million orders load in minutes; docs/demo-data.md gives the
 * distributions.
 *
 * Randomness is a hash of (seed, purpose, row key) rather than random() after setseed(): random()
 * hands out values in whatever order the plan evaluates rows, which changes with joins, sorts and
 * table sizes, while a hash gives the same value to the same row whatever the plan.
 */
import type { ClientBase } from 'pg';
import { rebuildMetrics } from '../../metrics/rollups';
import { ORDER_TALLY_SQL } from '../../orders/order-tally';
import { setupWindowDays } from '../../orders/order.entity';
import { pathOf, SetupRole, WizardStep } from '../../provisioning/steps';

export interface GenerationOptions {
  orders: number;
  seed: number;
  now: Date;
}

export interface GenerationSummary {
  orders: number;
  ordersByStatus: Record<string, number>;
  partnerOrgs: number;
  customerOrgs: number;
  trials: number;
  webexUsers: number;
  setupLinks: number;
  sessions: number;
  events: number;
  cases: number;
}

export const MAX_ORDERS = 10_000_000;

/** The seed's rows are in the database already: loading them again would repeat their keys. */
export class SeedTaken extends Error {
  constructor(seed: number) {
    super(`seed ${seed} was already loaded into this database: choose another seed`);
  }
}

/** The generator marks its orders with this subscription id prefix; the seed follows it. */
export function subscriptionPrefix(seed: number): string {
  return `SubG${seed}-`;
}

// ---------------------------------------------------------------------------------------------
// The shape of the data: every share and weight in one place (docs/demo-data.md repeats them).

const HISTORY_DAYS = 730;
/** Bookings double each year: the density of created_at grows exponentially towards now. */
const GROWTH_PER_YEAR = 2;

/** Offer codes, their weights and median seats; the setup window follows from the code as for real orders. */
const OFFERS: { code: string; weight: number; medianSeats: number }[] = [
  { code: 'A-FLEX-WXCC-STANDARD', weight: 26, medianSeats: 15 },
  { code: 'A-FLEX-WXCC-PREMIUM', weight: 12, medianSeats: 25 },
  { code: 'WXCC-STANDARD-AGENT', weight: 24, medianSeats: 20 },
  { code: 'WXCC-PREMIUM-AGENT', weight: 16, medianSeats: 40 },
  { code: 'WXCC-CONCURRENT-AGENT', weight: 12, medianSeats: 60 },
  { code: 'WXCC-IVR-ONLY', weight: 6, medianSeats: 10 },
  { code: 'WXCC-TRIAL-CONVERSION', weight: 4, medianSeats: 10 },
];
const SEATS_SIGMA = 1.1;

/** Percent of accounts per country for the big markets; the other sold countries share the rest. */
const TOP_COUNTRIES: Record<string, number> = { US: 30, GB: 9, DE: 8, FR: 6, AU: 5, JP: 5, IN: 5, CA: 5 };
const SECOND_TIER = ['NL', 'ES', 'IT', 'SE', 'CH', 'BR', 'MX', 'SG', 'NZ', 'IE', 'BE', 'PL', 'KR', 'AE', 'ZA'];

/** An account is the customer behind orders; this share of orders is another order for an existing account. */
const REPEAT_ORDER_SHARE = 0.15;
/** Accounts whose provisioning contact is the customer (the customer path) rather than the partner. */
const CUSTOMER_CONTACT_SHARE = 0.15;
/** Accounts whose org started as a trial (their one order converts it), and trials that never got an order (per order). */
const TRIAL_SHARE = 0.04;
const TRIALS_WITHOUT_ORDER_SHARE = 0.02;
const CANCEL_SHARE = 0.015;
/** Of the emailed orders, the share whose link gets opened. */
const OPEN_SHARE = 0.87;
/** Of the opened orders, the share whose contact means to finish (the setup window may still run out). */
const MAP_SHARE = 0.85;
/** Of the orders with a session, the share with a support case. */
const CASE_SHARE = 0.038;

/** Hours from the email to the first opening: log-normal. */
const OPEN_DELAY = { medianHours: 3, sigma: 1.7 };
/** Hours between one session's end and the next: log-normal. */
const SESSION_GAP = { medianHours: 18, sigma: 1.3 };
/** Seconds per answered step: log-normal, at least 3. */
const ANSWER_TIME = { medianSeconds: 40, sigma: 0.8 };
/** Hours from a case to its resolution: log-normal. */
const RESOLVE_TIME = { medianHours: 20, sigma: 1.2 };
const IDLE_SECONDS = 3600;

/** Sessions per opened order, for orders that will be mapped and for those that will not. */
const SESSIONS_WHEN_MAPPING = [
  [1, 25],
  [2, 40],
  [3, 35],
] as const;
const SESSIONS_OTHERWISE = [
  [1, 35],
  [2, 35],
  [3, 30],
] as const;

/**
 * The stops of each path: answering stop i moves a session to stop i + 1. A customer's role answer
 * also fills the customer admin with the contact's own email (the wizard's default), so their
 * sessions go from ROLE straight to CUSTOMER_COMPANY.
 */
const PARTNER_STOPS: WizardStep[] = [...pathOf({ role: SetupRole.PARTNER }), WizardStep.CONFIRM, WizardStep.DONE];
const CUSTOMER_STOPS: WizardStep[] = [
  ...pathOf({ role: SetupRole.CUSTOMER }).filter((step) => step !== WizardStep.CUSTOMER_ADMIN),
  WizardStep.CONFIRM,
  WizardStep.DONE,
];

/** Where sessions that do not confirm stop (index into the stops): weights per stop, up to CONFIRM. */
const PARTNER_DROP_OFF = [24, 8, 14, 13, 15, 14, 12];
const CUSTOMER_DROP_OFF = [35, 25, 22, 18];

/** How a session that a later one follows ended. DELEGATED only for a partner's first session. */
const EARLIER_SESSION_ENDS = { DELEGATED: 0.06, EXPIRED: 0.45, ABANDONED: 0.27 } as const; // the rest SUPERSEDED
const LAST_SESSION_EXPIRED_SHARE = 0.65; // the rest ABANDONED

const TRIAL_DAYS = [
  [30, 50],
  [14, 15],
  [60, 20],
  [90, 15],
] as const;
const TRIAL_EXTENDED_SHARE = 0.35;
const TRIAL_EXTENSION_DAYS = 30;

/** The kinds of the cases from a first session; a partner-org case needs a partner contact (else it is about the customer org). */
const CASE_KINDS = { PARTNER_ORG_INCORRECT: 0.35, CUSTOMER_ORG_INCORRECT: 0.3 } as const; // the rest OTHER
/** Of the orders whose contact met their lapsed trial, the share who reported it. */
const TRIAL_EXPIRED_CASE_SHARE = 0.6;
const TRIAL_EXTENDED_RESOLUTION = 'Extended the trial by 30 days.';

const COMPANY_FIRST = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Woodgrove',
  'Litware',
  'Adatum',
  'Proseware',
  'Lucerne',
  'Wingtip',
  'Alpine',
  'Blue',
  'Coastal',
  'Crescent',
  'Evergreen',
  'Granite',
  'Harbor',
  'Ironwood',
  'Juniper',
  'Keystone',
  'Lakeside',
  'Meridian',
  'Northstar',
  'Oakridge',
  'Pinnacle',
  'Quantum',
  'Redwood',
  'Summit',
  'Trident',
  'Vertex',
];
const COMPANY_SECOND = [
  'Traders',
  'Logistics',
  'Health',
  'Insurance',
  'Retail',
  'Energy',
  'Travel',
  'Foods',
  'Bank',
  'Telecom',
  'Motors',
  'Media',
  'Pharma',
  'Airlines',
  'Hotels',
  'Utilities',
  'Realty',
  'Learning',
  'Outfitters',
  'Games',
];
const COMPANY_SUFFIX = ['Inc', 'Ltd', 'GmbH', 'SA', 'Group', 'Holdings', 'Co', 'AG'];
const PARTNER_SECOND = ['Communications', 'Networks', 'Systems', 'Technologies', 'Solutions', 'Integration', 'Consulting', 'Telecom'];
/** Each partner org has these users; the provisioning contact is one of them, a delegate another. */
const PARTNER_USERS = ['admin', 'provisioning', 'ops'];

const CASE_MESSAGES: Record<string, string[]> = {
  PARTNER_ORG_INCORRECT: [
    'Our partner org shows an old company name.',
    'The partner org listed is not ours; we were acquired last year.',
    'The country of our partner org is wrong.',
  ],
  CUSTOMER_ORG_INCORRECT: [
    'The customer org found for this admin belongs to a different subsidiary.',
    "The customer's company name is misspelled in their org.",
  ],
  TRIAL_EXPIRED: ["The customer's trial expired before we could set up the order.", 'Trial expired; please extend so we can convert it.'],
  OTHER: [
    'The Set up now page did not load on our network.',
    'We need to change the seat count before setting up.',
    'Who should we contact about data residency?',
  ],
};
const CASE_RESOLUTIONS: Record<string, string[]> = {
  PARTNER_ORG_INCORRECT: ['Corrected the partner org name.', 'Updated the partner org country.'],
  CUSTOMER_ORG_INCORRECT: ['Corrected the customer org details.', 'Confirmed the org is right; explained to the partner.'],
  TRIAL_EXPIRED: ['The customer will not continue the trial; closed.', 'Asked sales whether the trial may be extended; closed here.'],
  OTHER: ['Answered by email.', 'Resent the Set up now email.', 'Explained the data residency options.'],
};

const DEMO_REP_EMAIL = 'rep@demo.invalid';

// ---------------------------------------------------------------------------------------------
// SQL building blocks

/** Every use of randomness has a purpose; its index keeps the streams apart. */
const PURPOSES = [
  'fresh',
  'repeatOf',
  'trial',
  'customerContact',
  'partner',
  'country',
  'name1',
  'name2',
  'name3',
  'age',
  'startOffset',
  'startOffsetDays',
  'emailJitter',
  'offer',
  'seats',
  'contact',
  'delegate',
  'purchaseOrder',
  'cancel',
  'cancelAt',
  'opens',
  'openDelay',
  'maps',
  'sessionCount',
  'endKind',
  'reach',
  'answerTime',
  'abandonDelay',
  'expireJitter',
  'gap',
  'supersedeDelay',
  'trialDays',
  'trialLead',
  'trialExtended',
  'trialExtendAt',
  'trialSweep',
  'partnerCountry',
  'partnerAge',
  'partnerName1',
  'partnerName2',
  'case',
  'caseKind',
  'caseDelay',
  'caseMessage',
  'resolveTime',
  'resolution',
  'closeJitter',
  'trialCase',
] as const;
type Purpose = (typeof PURPOSES)[number];

/** SQL expressions for uniform, normal and log-normal values of a row key, for one seed. */
class Randomness {
  constructor(private readonly seed: number) {}

  /** Uniform in (0, 1). */
  u(key: string, purpose: Purpose, stream = 0): string {
    const salt = BigInt(this.seed) * 256n + BigInt(PURPOSES.indexOf(purpose) * 2 + stream);
    return `(((hashint8extended((${key})::bigint, ${salt}) & 9007199254740991)::float8 + 0.5) / 9007199254740992::float8)`;
  }

  normal(key: string, purpose: Purpose): string {
    return `(sqrt(-2 * ln(${this.u(key, purpose)})) * cos(2 * pi() * ${this.u(key, purpose, 1)}))`;
  }

  logNormal(key: string, purpose: Purpose, median: number, sigma: number): string {
    return `(${median}::float8 * exp(${sigma}::float8 * ${this.normal(key, purpose)}))`;
  }

  /** A whole number in [0, count). */
  below(key: string, purpose: Purpose, count: string | number): string {
    return `floor(${this.u(key, purpose)} * (${count}))::int`;
  }

  /** A value of `slots` (a text[] or int[] literal), each as likely as the share of slots it fills. */
  pick(slots: string, key: string, purpose: Purpose): string {
    return `(${slots})[1 + floor(${this.u(key, purpose)} * cardinality(${slots}))::int]`;
  }
}

/** A literal array of `size` slots, each value filling a share of them proportional to its weight. */
function slotArray<T extends string | number>(weights: readonly (readonly [T, number])[], type: 'text' | 'int', size = 1000): string {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const slots: T[] = [];
  let cumulative = 0;
  for (const [value, weight] of weights) {
    cumulative += weight;
    const until = Math.round((cumulative / total) * size);
    while (slots.length < until) slots.push(value);
  }
  return `'{${slots.map((value) => (type === 'text' ? `"${value}"` : value)).join(',')}}'::${type}[]`;
}

function textArray(values: readonly string[]): string {
  return `ARRAY[${values.map(literal).join(', ')}]::text[]`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A deterministic uuid for a generated row: the md5 of the seed, the kind of row and its key, with the version (4)
 * and variant bits of a random uuid, as the API accepts only RFC 4122 ids.
 */
function uuidOf(seed: number, kind: string, key: string): string {
  return `overlay(overlay(md5('${seed}:${kind}:' || (${key})) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid`;
}

/** 32 bytes standing for the hash of a token nobody holds: generated links and sessions cannot be opened. */
function tokenHashOf(seed: number, kind: string, key: string): string {
  return `sha256(convert_to('${seed}:${kind}:' || (${key}), 'UTF8'))`;
}

// ---------------------------------------------------------------------------------------------

/**
 * Loads `orders` generated orders (and their partners, orgs, links, sessions, events, trials and
 * cases) into the tables on the client's search_path, in one transaction of its own. The same
 * seed and `now` give the same rows; a seed already loaded into the database is refused.
 */
export async function generateData(client: ClientBase, options: GenerationOptions): Promise<GenerationSummary> {
  const { orders, seed, now } = options;
  if (!Number.isInteger(orders) || orders < 1 || orders > MAX_ORDERS) {
    throw new RangeError(`orders must be a whole number from 1 to ${MAX_ORDERS}, not ${orders}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    throw new RangeError(`seed must be a whole number from 0 to 2147483647, not ${seed}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');

  await client.query('BEGIN');
  try {
    const summary = await load(client, options);
    await client.query('COMMIT');
    return summary;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * How many partner orgs sell to the generated customers. The partners selling Webex Contact Center are a market
 * of about two thousand, however many orders a data set holds, so a bigger data set has bigger partners rather
 * than more of them. A small one (a test's, a demo's) gets one partner per five orders at most, so that most of
 * its partners have orders.
 */
export const PARTNER_POPULATION = 2000;

export function partnerPopulation(orders: number): number {
  return Math.min(PARTNER_POPULATION, Math.max(1, Math.ceil(orders / 5)));
}

/** What every stage's SQL needs. */
interface Stage {
  client: ClientBase;
  r: Randomness;
  seed: number;
  now: Date;
  orders: number;
  partners: number;
  countrySlots: string;
}

/** The tables that receive generated rows by the thousand (the temp tables gen_* link one stage to the next). */
const BULK_TABLES = [
  'partner_org',
  'customer_org',
  'webex_user',
  'orders',
  'setup_link',
  'provisioning_session',
  'provisioning_event',
  'support_case',
];

async function load(client: ClientBase, { orders, seed, now }: GenerationOptions): Promise<GenerationSummary> {
  const taken = await client.query('SELECT 1 FROM orders WHERE subscription_id = $1', [`${subscriptionPrefix(seed)}1`]);
  if (taken.rowCount) throw new SeedTaken(seed);

  // Triggers (foreign keys included) are skipped: the rows are consistent by construction, and
  // whatever triggers maintain is rebuilt from the tables at the end.
  await client.query('SET LOCAL session_replication_role = replica');
  await client.query(`SET LOCAL work_mem = '256MB'`);
  await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);

  const sold: string[] = (await client.query('SELECT code FROM supported_country WHERE contact_center_sold ORDER BY code')).rows.map(
    (row) => row.code,
  );
  if (sold.length === 0) throw new Error('no country is sold in supported_country: there is nowhere to put customers');
  const stage: Stage = {
    client,
    r: new Randomness(seed),
    seed,
    now,
    orders,
    partners: partnerPopulation(orders),
    countrySlots: slotArray(countryWeights(sold), 'text'),
  };

  const indexes = await dropSecondaryIndexes(client, BULK_TABLES);
  // The planner needs statistics on each temp table to join the next ones sensibly.
  for (const [plan, table] of [
    [planOrders, 'gen_order'],
    [planSessions, 'gen_session'],
    [planOutcomes, 'gen_final'],
    [planAccounts, 'gen_account'],
  ] as const) {
    await plan(stage);
    await client.query(`ANALYZE ${table}`);
  }
  const staffId = await demoRep(stage);
  const partnerOrgs = await insertPartners(stage);
  const customerOrgs = await insertCustomerOrgs(stage);
  const webexUsers = partnerOrgs * PARTNER_USERS.length + customerOrgs;
  const orderRows = await insertOrders(stage);
  const setupLinks = await insertLinks(stage);
  const sessions = await insertSessions(stage);
  const events = await insertEvents(stage);
  const cases = await insertCases(stage, staffId);
  for (const definition of indexes) await client.query(definition);
  await client.query(`ANALYZE ${BULK_TABLES.join(', ')}`);
  // The triggers that keep the order tally and mark the metrics' days stale did not run: both are
  // recomputed from the rows.
  await client.query(ORDER_TALLY_SQL.rebuild);
  await rebuildMetrics(client);

  const byStatus = await client.query('SELECT status, count(*)::int AS count FROM gen_final GROUP BY status ORDER BY status');
  const trials = await client.query('SELECT count(*)::int AS count FROM gen_account WHERE is_trial');
  return {
    orders: orderRows,
    ordersByStatus: Object.fromEntries(byStatus.rows.map((row) => [row.status, row.count])),
    partnerOrgs,
    customerOrgs,
    trials: trials.rows[0].count,
    webexUsers,
    setupLinks,
    sessions,
    events,
    cases,
  };
}

function partnerWords(r: Randomness, k: string): { first: string; second: string } {
  return { first: r.pick(textArray(COMPANY_FIRST), k, 'partnerName1'), second: r.pick(textArray(PARTNER_SECOND), k, 'partnerName2') };
}

function partnerDomain(stage: Stage, k: string): string {
  const { first, second } = partnerWords(stage.r, k);
  return `lower(${first} || '-' || ${second}) || '-p' || (${k}) || '-s${stage.seed}.example'`;
}

/**
 * A lateral subquery `alias` with the attributes of the account keyed by `acc`: whether the
 * contact is the customer, the partner, the country, the company and its admin's email.
 */
function accountOf(stage: Stage, acc: string, alias: string): string {
  const { r, seed, partners } = stage;
  return `CROSS JOIN LATERAL (
     SELECT w.customer_contact, w.partner, w.country, w.first_word || ' ' || w.second_word || ' ' || w.suffix AS company,
            'admin@' || lower(w.first_word || '-' || w.second_word) || '-c' || (${acc}) || '-s${seed}.example' AS admin_email
       FROM (SELECT ${r.u(acc, 'customerContact')} < ${CUSTOMER_CONTACT_SHARE} AS customer_contact,
                    -- Zipf-like: partner k gets a share of the accounts of about 1/k.
                    least(${partners}, floor(exp(${r.u(acc, 'partner')} * ln(${partners + 1}))))::int AS partner,
                    ${r.pick(stage.countrySlots, acc, 'country')} AS country,
                    ${r.pick(textArray(COMPANY_FIRST), acc, 'name1')} AS first_word,
                    ${r.pick(textArray(COMPANY_SECOND), acc, 'name2')} AS second_word,
                    ${r.pick(textArray(COMPANY_SUFFIX), acc, 'name3')} AS suffix) w) ${alias}`;
}

/** An instant in the history, by the inverse distribution function of a density growing exponentially towards now. */
function instantInHistory(stage: Stage, key: string): string {
  const growth = Math.log(GROWTH_PER_YEAR) / 365;
  return `($1::timestamptz - interval '1 day' * (-ln(1 - ${stage.r.u(key, 'age')} * (1 - exp(${-growth * HISTORY_DAYS}))) / ${growth}))`;
}

/** How long a trial runs before it lapses, unless extended. */
function trialLength(stage: Stage, acc: string): string {
  return `interval '1 day' * ${stage.r.pick(slotArray(TRIAL_DAYS, 'int', 100), acc, 'trialDays')}`;
}

/**
 * gen_order: every order's decisions. An order belongs to an account (the customer behind it,
 * keyed by its first order), which fixes the partner, the country, the company and whether the
 * contact is the partner or the customer. A trial account has one order, booked during the trial
 * or after it lapsed.
 */
async function planOrders(stage: Stage): Promise<void> {
  const { r, orders } = stage;
  const offerIndex = slotArray(
    OFFERS.map((offer, i) => [i, offer.weight] as const),
    'int',
  );
  const ofOffer = (values: (string | number)[], type: 'text' | 'int') =>
    `(${type === 'text' ? textArray(values as string[]) : `'{${values.join(',')}}'::int[]`})[b.offer_index + 1]`;
  const users = textArray(PARTNER_USERS);
  await stage.client.query(
    `CREATE TEMP TABLE gen_order ON COMMIT DROP AS
     SELECT g.n, acct.acc, acct.is_trial, a.customer_contact, a.partner, a.country, a.company, a.admin_email,
            b.created_at, c.start_date, c.offer, c.window_days, c.seats, c.purchase_order,
            CASE WHEN a.customer_contact THEN a.admin_email
                 ELSE (${users})[c.contact_index + 1] || '@' || ${partnerDomain(stage, 'a.partner')} END AS contact,
            CASE WHEN NOT a.customer_contact
                 THEN (${users})[(c.contact_index + 1 + ${r.below('g.n', 'delegate', PARTNER_USERS.length - 1)}) % ${PARTNER_USERS.length} + 1]
                      || '@' || ${partnerDomain(stage, 'a.partner')} END AS delegate,
            x.cancel_at, m.email_at, m.email_at + c.window_days * interval '1 day' AS window_closes_at,
            CASE WHEN m.email_at IS NOT NULL AND x.cancel_at IS NULL AND ${r.u('g.n', 'opens')} < ${OPEN_SHARE}
                  AND m.open_at < least($1::timestamptz, m.email_at + c.window_days * interval '1 day') THEN m.open_at END AS open_at,
            m.maps,
            CASE WHEN m.maps THEN ${r.pick(slotArray(SESSIONS_WHEN_MAPPING, 'int', 100), 'g.n', 'sessionCount')}
                 ELSE ${r.pick(slotArray(SESSIONS_OTHERWISE, 'int', 100), 'g.n', 'sessionCount')} END AS planned_sessions,
            t.trial_started_at, t.trial_started_at + ${trialLength(stage, 'acct.acc')} AS trial_lapsed_at
       FROM generate_series(1, ${orders}::bigint) g(n)
       CROSS JOIN LATERAL (SELECT 1 + floor(${r.u('g.n', 'repeatOf')} * greatest(g.n - 1, 1))::bigint AS m) rep
       CROSS JOIN LATERAL (
         SELECT CASE WHEN ${r.u('g.n', 'fresh')} >= ${REPEAT_ORDER_SHARE} OR g.n = 1 THEN g.n
                     -- Another order of an earlier account; a trial account keeps its one order.
                     WHEN ${r.u('rep.m', 'fresh')} >= ${REPEAT_ORDER_SHARE} AND ${r.u('rep.m', 'trial')} >= ${TRIAL_SHARE} THEN rep.m
                     ELSE g.n END AS acc) acc
       CROSS JOIN LATERAL (SELECT acc.acc, ${r.u('acc.acc', 'trial')} < ${TRIAL_SHARE} AS is_trial) acct
       ${accountOf(stage, 'acct.acc', 'a')}
       CROSS JOIN LATERAL (SELECT ${instantInHistory(stage, 'g.n')} AS created_at, ${r.pick(offerIndex, 'g.n', 'offer')} AS offer_index) b
       CROSS JOIN LATERAL (
         SELECT CASE WHEN acct.is_trial
                     THEN b.created_at - interval '1 day' * (1 + 44 * ${r.u('acct.acc', 'trialLead')}) END AS trial_started_at) t
       CROSS JOIN LATERAL (
         SELECT (b.created_at AT TIME ZONE 'UTC')::date + CASE
                  WHEN ${r.u('g.n', 'startOffset')} < 0.05 THEN -1 - ${r.below('g.n', 'startOffsetDays', 14)}
                  WHEN ${r.u('g.n', 'startOffset')} < 0.20 THEN 0
                  WHEN ${r.u('g.n', 'startOffset')} < 0.93 THEN 1 + ${r.below('g.n', 'startOffsetDays', 30)}
                  ELSE 31 + ${r.below('g.n', 'startOffsetDays', 60)} END AS start_date,
                ${ofOffer(
                  OFFERS.map((o) => o.code),
                  'text',
                )} AS offer,
                ${ofOffer(
                  OFFERS.map((o) => setupWindowDays(o.code)),
                  'int',
                )} AS window_days,
                least(100000, greatest(1, round(${ofOffer(
                  OFFERS.map((o) => o.medianSeats),
                  'int',
                )} * exp(${SEATS_SIGMA} * ${r.normal('g.n', 'seats')}))))::int AS seats,
                ${r.below('g.n', 'contact', PARTNER_USERS.length)} AS contact_index,
                CASE WHEN ${r.u('g.n', 'purchaseOrder')} < 0.6 THEN 'PO-' || (100000 + ${r.below('g.n', 'purchaseOrder', 900000)}) END
                  AS purchase_order) c
       CROSS JOIN LATERAL (
         -- The Set up now email goes at booking when the start date has come, else with the first sweep of that date (UTC).
         SELECT CASE WHEN c.start_date <= (b.created_at AT TIME ZONE 'UTC')::date THEN b.created_at
                     ELSE (c.start_date::timestamp AT TIME ZONE 'UTC') + interval '1 second' * (1 + ${r.below('g.n', 'emailJitter', 59)})
                     END AS planned_email_at) e
       CROSS JOIN LATERAL (
         SELECT CASE WHEN ${r.u('g.n', 'cancel')} < ${CANCEL_SHARE}
                     THEN b.created_at + (least($1::timestamptz, e.planned_email_at + c.window_days * interval '1 day') - b.created_at)
                          * ${r.u('g.n', 'cancelAt')} END AS cancel_at) x
       CROSS JOIN LATERAL (
         SELECT CASE WHEN e.planned_email_at <= coalesce(x.cancel_at, $1::timestamptz) THEN e.planned_email_at END AS email_at,
                e.planned_email_at + interval '1 hour' * ${r.logNormal('g.n', 'openDelay', OPEN_DELAY.medianHours, OPEN_DELAY.sigma)}
                  AS open_at,
                ${r.u('g.n', 'maps')} < ${MAP_SHARE} AS maps) m`,
    [stage.now],
  );
}

/** Text[] literals of the stops of each path, for SQL. */
const STOPS_SQL = { partner: textArray(PARTNER_STOPS), customer: textArray(CUSTOMER_STOPS) };

/**
 * gen_session: the sessions of each opened order, as the wizard and the idle sweep would have
 * ended them. A plan gives each session its answers, pace and ending; the plan's sessions follow
 * one another from the first opening; then the clock cuts: no session starts after now or after the
 * window closed, and the last one keeps only the answers given before then (it is still ACTIVE when
 * its last answer is under an hour old, else the sweep EXPIRED it).
 */
async function planSessions(stage: Stage): Promise<void> {
  const { r, seed } = stage;
  const ends = EARLIER_SESSION_ENDS;
  await stage.client.query(
    `CREATE TEMP TABLE gen_session ON COMMIT DROP AS
     WITH plan AS (
       SELECT o.n, j.j, k.key, o.customer_contact, o.open_at, least($1::timestamptz, o.window_closes_at) AS cutoff, o.trial_lapsed_at,
              p.kind, p.answer_secs, q.answers, t.terminal_secs, t.span_secs, t.expire_secs
         FROM gen_order o
         CROSS JOIN LATERAL generate_series(1, o.planned_sessions) j(j)
         CROSS JOIN LATERAL (SELECT o.n * 4 + j.j AS key) k
         CROSS JOIN LATERAL (
           SELECT CASE WHEN o.maps AND j.j = o.planned_sessions THEN 'COMPLETED'
                       WHEN j.j < o.planned_sessions THEN CASE
                         WHEN j.j = 1 AND NOT o.customer_contact AND ${r.u('k.key', 'endKind')} < ${ends.DELEGATED} THEN 'DELEGATED'
                         WHEN ${r.u('k.key', 'endKind')} < ${ends.DELEGATED + ends.EXPIRED} THEN 'EXPIRED'
                         WHEN ${r.u('k.key', 'endKind')} < ${ends.DELEGATED + ends.EXPIRED + ends.ABANDONED} THEN 'ABANDONED'
                         ELSE 'SUPERSEDED' END
                       WHEN ${r.u('k.key', 'endKind')} < ${LAST_SESSION_EXPIRED_SHARE} THEN 'EXPIRED'
                       ELSE 'ABANDONED' END AS kind,
                  greatest(3, ${r.logNormal('k.key', 'answerTime', ANSWER_TIME.medianSeconds, ANSWER_TIME.sigma)}) AS answer_secs) p
         CROSS JOIN LATERAL (
           SELECT CASE WHEN p.kind = 'COMPLETED' AND o.customer_contact THEN ${CUSTOMER_STOPS.length - 2}
                       WHEN p.kind = 'COMPLETED' THEN ${PARTNER_STOPS.length - 2}
                       -- Delegating is answering "someone else" at SETUP_PERFORMER, right after the role.
                       WHEN p.kind = 'DELEGATED' THEN 1
                       WHEN o.customer_contact THEN ${r.pick(slotArray(indexed(CUSTOMER_DROP_OFF), 'int', 100), 'k.key', 'reach')}
                       ELSE ${r.pick(slotArray(indexed(PARTNER_DROP_OFF), 'int', 100), 'k.key', 'reach')} END AS answers) q
         CROSS JOIN LATERAL (
           SELECT CASE p.kind WHEN 'COMPLETED' THEN (q.answers + 1) * p.answer_secs
                              WHEN 'DELEGATED' THEN (q.answers + 1) * p.answer_secs
                              WHEN 'ABANDONED' THEN q.answers * p.answer_secs + a.abandon_secs END AS terminal_secs,
                  CASE p.kind WHEN 'EXPIRED' THEN q.answers * p.answer_secs + ${IDLE_SECONDS} + a.expire_jitter + a.gap_secs
                              WHEN 'ABANDONED' THEN q.answers * p.answer_secs + a.abandon_secs + a.gap_secs
                              WHEN 'SUPERSEDED' THEN q.answers * p.answer_secs + a.supersede_secs
                              WHEN 'DELEGATED' THEN (q.answers + 1) * p.answer_secs + a.gap_secs
                              ELSE 0 END AS span_secs,
                  ${IDLE_SECONDS} + a.expire_jitter AS expire_secs
             FROM (SELECT 5 + 295 * ${r.u('k.key', 'abandonDelay')} AS abandon_secs,
                          -- The idle sweep runs each minute.
                          59 * ${r.u('k.key', 'expireJitter')} AS expire_jitter,
                          3600 * ${r.logNormal('k.key', 'gap', SESSION_GAP.medianHours, SESSION_GAP.sigma)} AS gap_secs,
                          -- Opened again within the hour, in another tab or on another device.
                          60 + 3240 * ${r.u('k.key', 'supersedeDelay')} AS supersede_secs) a) t
        WHERE o.open_at IS NOT NULL),
     timed AS (
       SELECT plan.*, plan.open_at + interval '1 second' * (sum(plan.span_secs) OVER w - plan.span_secs) AS started_at,
              first_value(plan.kind) OVER w AS first_kind
         FROM plan WINDOW w AS (PARTITION BY plan.n ORDER BY plan.j)),
     held AS (
       SELECT timed.*, count(*) OVER (PARTITION BY timed.n) AS held,
              lead(timed.started_at) OVER (PARTITION BY timed.n ORDER BY timed.j) AS next_started_at
         FROM timed WHERE timed.started_at < timed.cutoff),
     cut AS (
       SELECT held.*, c.reached, held.started_at + interval '1 second' * held.terminal_secs AS terminal_at
         FROM held
         CROSS JOIN LATERAL (
           SELECT CASE WHEN held.j < held.held THEN held.answers
                       ELSE least(held.answers, greatest(0, ceil(extract(epoch FROM held.cutoff - held.started_at) / held.answer_secs)::int - 1))
                       END AS reached) c),
     capped AS (
       SELECT cut.*, m.completes,
              -- A lapsed trial refuses its org at CUSTOMER_ORG until a representative extends it: sessions that do not map stop there.
              CASE WHEN NOT m.completes AND cut.trial_lapsed_at
                          <= cut.started_at + interval '1 second' * (${customerOrgAnswer('cut')}) * cut.answer_secs
                   THEN least(cut.reached, ${customerOrgAnswer('cut')} - 1) ELSE cut.reached END AS answered
         FROM cut
         CROSS JOIN LATERAL (
           SELECT cut.j = cut.held AND cut.kind = 'COMPLETED' AND cut.reached = cut.answers AND cut.terminal_at < cut.cutoff AS completes) m),
     ended AS (
       SELECT capped.*,
              CASE WHEN capped.j < capped.held THEN capped.kind
                   WHEN capped.completes THEN 'COMPLETED'
                   WHEN capped.kind IN ('DELEGATED', 'ABANDONED') AND capped.reached = capped.answers AND capped.terminal_at < capped.cutoff
                     THEN capped.kind
                   WHEN capped.started_at + interval '1 second' * (capped.answered * capped.answer_secs + ${IDLE_SECONDS}) <= $1::timestamptz
                     THEN 'EXPIRED'
                   ELSE 'ACTIVE' END AS status
         FROM capped)
     SELECT ended.n, ended.j, ended.key, ${uuidOf(seed, 'session', 'ended.key')} AS id, ${uuidOf(seed, 'order', 'ended.n')} AS order_id,
            ended.customer_contact, ended.status,
            ended.answered, ended.answer_secs, ended.started_at,
            CASE WHEN ended.j > 1 AND ended.first_kind = 'DELEGATED' THEN 2 ELSE 1 END AS link_no,
            CASE ended.status WHEN 'COMPLETED' THEN ended.terminal_at
                 ELSE ended.started_at + interval '1 second' * ended.answered * ended.answer_secs END AS last_activity_at,
            CASE ended.status WHEN 'ACTIVE' THEN NULL
                 WHEN 'SUPERSEDED' THEN ended.next_started_at
                 WHEN 'EXPIRED' THEN least($1::timestamptz, ended.started_at + interval '1 second' * (ended.answered * ended.answer_secs + ended.expire_secs))
                 ELSE ended.terminal_at END AS finished_at,
            CASE WHEN ended.status = 'COMPLETED' THEN '${WizardStep.DONE}'
                 WHEN ended.customer_contact THEN (${STOPS_SQL.customer})[ended.answered + 1]
                 ELSE (${STOPS_SQL.partner})[ended.answered + 1] END AS furthest_step
       FROM ended
      ORDER BY ended.started_at, ended.key`,
    [stage.now],
  );
}

/** Which answer of a session (1, 2, ...) chooses the customer org, on the session's path. */
function customerOrgAnswer(session: string): string {
  return `CASE WHEN ${session}.customer_contact THEN ${CUSTOMER_STOPS.indexOf(WizardStep.CUSTOMER_ORG) + 1}
               ELSE ${PARTNER_STOPS.indexOf(WizardStep.CUSTOMER_ORG) + 1} END`;
}

/** [index, weight] pairs of a list of weights. */
function indexed(weights: number[]): [number, number][] {
  return weights.map((weight, i) => [i, weight]);
}

/**
 * gen_final: each order with what its sessions made of it: mapped (by the COMPLETED session),
 * delegated (a second link to the colleague), its links' openings, and its status by the clock.
 */
async function planOutcomes(stage: Stage): Promise<void> {
  const { r, seed } = stage;
  await stage.client.query(
    `CREATE TEMP TABLE gen_final ON COMMIT DROP AS
     SELECT o.*, ${uuidOf(seed, 'order', 'o.n')} AS id, s.mapped_at, s.mapped_by, s.customer_org_chosen_at, s.delegated_at,
            s.link1_opened_at, coalesce(s.link1_opens, 0) AS link1_opens, s.link2_opened_at, coalesce(s.link2_opens, 0) AS link2_opens,
            CASE WHEN o.cancel_at IS NOT NULL THEN 'CANCELLED'
                 WHEN o.email_at IS NULL THEN 'BOOKED'
                 WHEN s.mapped_at IS NOT NULL THEN 'MAPPED'
                 WHEN o.window_closes_at <= $1::timestamptz THEN 'CLOSED'
                 ELSE 'AWAITING_PROVISIONING_DETAILS' END AS status,
            -- The sweep closes an order within the minute its window runs out.
            least($1::timestamptz, o.window_closes_at + interval '1 second' * ${r.below('o.n', 'closeJitter', 60)}) AS closed_at
       FROM gen_order o
       LEFT JOIN (
         SELECT n, max(finished_at) FILTER (WHERE status = 'COMPLETED') AS mapped_at,
                max(id::text) FILTER (WHERE status = 'COMPLETED')::uuid AS mapped_by,
                max(started_at + interval '1 second' * (${customerOrgAnswer('gen_session')}) * answer_secs)
                  FILTER (WHERE status = 'COMPLETED') AS customer_org_chosen_at,
                max(finished_at) FILTER (WHERE status = 'DELEGATED') AS delegated_at,
                min(started_at) FILTER (WHERE link_no = 1) AS link1_opened_at, count(*) FILTER (WHERE link_no = 1) AS link1_opens,
                min(started_at) FILTER (WHERE link_no = 2) AS link2_opened_at, count(*) FILTER (WHERE link_no = 2) AS link2_opens
           FROM gen_session GROUP BY n) s ON s.n = o.n`,
    [stage.now],
  );
}

/**
 * gen_account: the customer orgs, one per account with a mapped order or a trial, and trials that
 * never got an order. The first mapping creates the org (NEW), later ones land on it (EXISTING); a
 * trial's org exists from the trial's start. Its one order converts it when mapped; when the trial
 * had lapsed by then, a representative extended it shortly before the customer org was chosen.
 * Some unconverted lapsed trials were extended too.
 */
async function planAccounts(stage: Stage): Promise<void> {
  const { r, seed, orders } = stage;
  const trialsWithoutOrder = Math.round(orders * TRIALS_WITHOUT_ORDER_SHARE);
  await stage.client.query(
    `CREATE TEMP TABLE gen_account ON COMMIT DROP AS
     WITH accounts AS (
       SELECT acc, bool_or(is_trial) AS is_trial, bool_or(customer_contact) AS customer_contact, min(partner) AS partner,
              min(country) AS country, min(company) AS company, min(admin_email) AS admin_email,
              min(trial_started_at) AS trial_started_at, min(trial_lapsed_at) AS trial_lapsed_at,
              count(mapped_at)::int AS mapped_orders, min(mapped_at) AS first_mapped_at, max(mapped_at) AS last_mapped_at,
              min(customer_org_chosen_at) AS customer_org_chosen_at
         FROM gen_final GROUP BY acc HAVING bool_or(is_trial) OR count(mapped_at) > 0
       UNION ALL
       SELECT t.acc, true, a.customer_contact, a.partner, a.country, a.company, a.admin_email,
              s.trial_started_at, s.trial_started_at + ${trialLength(stage, 't.acc')}, 0, NULL, NULL, NULL
         FROM generate_series(${orders + 1}::bigint, ${orders + trialsWithoutOrder}::bigint) t(acc)
         ${accountOf(stage, 't.acc', 'a')}
         CROSS JOIN LATERAL (SELECT ${instantInHistory(stage, 't.acc')} AS trial_started_at) s)
     SELECT a.*, ${uuidOf(seed, 'customer', 'a.acc')} AS id,
            coalesce(a.trial_started_at, a.first_mapped_at) AS created_at,
            t.trial_status, t.trial_expires_at, t.trial_extended_at, coalesce(t.trial_extension_count, 0) AS trial_extension_count,
            CASE WHEN a.trial_lapsed_at <= coalesce(a.first_mapped_at, $1::timestamptz) THEN a.trial_lapsed_at END AS trial_expired_at,
            CASE WHEN a.is_trial THEN a.first_mapped_at END AS trial_converted_at,
            greatest(coalesce(a.trial_started_at, a.first_mapped_at), a.last_mapped_at, t.trial_extended_at, t.marked_expired_at) AS updated_at,
            -- Created by the trial or at the first mapping; then each mapping and each extension counts.
            CASE WHEN a.is_trial THEN 1 + a.mapped_orders + t.trial_extension_count ELSE a.mapped_orders END AS version
       FROM accounts a
       LEFT JOIN LATERAL (
         -- The sweep marks a trial EXPIRED within the minute it lapses.
         SELECT CASE WHEN a.first_mapped_at IS NOT NULL THEN 'CONVERTED'
                     WHEN x.expires_at > $1::timestamptz THEN 'ACTIVE'
                     ELSE 'EXPIRED' END AS trial_status,
                CASE WHEN a.first_mapped_at IS NULL AND x.expires_at <= $1::timestamptz
                     THEN least($1::timestamptz, x.expires_at + interval '1 second' * ${r.below('a.acc', 'trialSweep', 60)}) END AS marked_expired_at,
                x.expires_at AS trial_expires_at, y.extended_at AS trial_extended_at, (y.extended_at IS NOT NULL)::int AS trial_extension_count
           FROM (
             -- What the lapsed trial blocked first in the mapping session: choosing the customer org, or confirming.
             SELECT CASE WHEN a.customer_org_chosen_at >= a.trial_lapsed_at THEN a.customer_org_chosen_at
                         ELSE a.first_mapped_at END AS blocked_at,
                    $1::timestamptz - a.trial_lapsed_at > interval '1 hour' AND ${r.u('a.acc', 'trialExtended')} < ${TRIAL_EXTENDED_SHARE}
                      AS extends) b
          CROSS JOIN LATERAL (
            SELECT CASE WHEN a.first_mapped_at >= a.trial_lapsed_at
                          THEN b.blocked_at - least(b.blocked_at - a.trial_lapsed_at, interval '20 days')
                               * (0.1 + 0.8 * ${r.u('a.acc', 'trialExtendAt')})
                        WHEN a.first_mapped_at IS NULL AND b.extends
                          THEN a.trial_lapsed_at + least($1::timestamptz - a.trial_lapsed_at, interval '10 days')
                               * (0.1 + 0.8 * ${r.u('a.acc', 'trialExtendAt')}) END AS extended_at) y
          CROSS JOIN LATERAL (
            SELECT coalesce(y.extended_at + interval '${TRIAL_EXTENSION_DAYS} days', a.trial_lapsed_at) AS expires_at) x
          WHERE a.is_trial) t ON true`,
    [stage.now],
  );
}

/** The representative who resolved the generated cases: a staff row nobody can log in as (no password hashes to '!'). */
async function demoRep(stage: Stage): Promise<string> {
  await stage.client.query(
    `INSERT INTO staff (id, email, password_hash, role, created_at) VALUES (${uuidOf(0, 'staff', literal(DEMO_REP_EMAIL))}, $1, '!', 'REP', $2)
     ON CONFLICT ((lower(email))) DO NOTHING`,
    [DEMO_REP_EMAIL, new Date(stage.now.getTime() - (HISTORY_DAYS + 90) * 86_400_000)],
  );
  const { rows } = await stage.client.query('SELECT id FROM staff WHERE lower(email) = $1', [DEMO_REP_EMAIL]);
  return rows[0].id;
}

async function insertPartners(stage: Stage): Promise<number> {
  const { r, seed, partners } = stage;
  const { first, second } = partnerWords(r, 'k');
  const inserted = await stage.client.query(
    `INSERT INTO partner_org (id, name, admin_email, country_code, created_at, updated_at)
     SELECT ${uuidOf(seed, 'partner', 'k')}, ${first} || ' ' || ${second}, 'admin@' || ${partnerDomain(stage, 'k')},
            ${r.pick(stage.countrySlots, 'k', 'partnerCountry')}, c.created_at, c.created_at
       FROM generate_series(1, ${partners}) k
       CROSS JOIN LATERAL (
         -- Partners were set up before the history starts, and before any trial they started for a customer.
         SELECT $1::timestamptz - interval '1 day' * (${HISTORY_DAYS + 60} + 1000 * ${r.u('k', 'partnerAge')}) AS created_at) c`,
    [stage.now],
  );
  await stage.client.query(
    `INSERT INTO webex_user (id, email, partner_org_id, created_at)
     SELECT ${uuidOf(seed, 'partner-user', "k || ':' || u.local")}, u.local || '@' || ${partnerDomain(stage, 'k')}, p.id, p.created_at
       FROM generate_series(1, ${partners}) k
       JOIN partner_org p ON p.id = ${uuidOf(seed, 'partner', 'k')}
       CROSS JOIN unnest(${textArray(PARTNER_USERS)}) u(local)`,
  );
  return inserted.rowCount ?? 0;
}

async function insertCustomerOrgs(stage: Stage): Promise<number> {
  const { seed } = stage;
  const inserted = await stage.client.query(
    `INSERT INTO customer_org (id, name, admin_email, country_code, data_residency_region, contact_center_data_location, partner_org_id,
                               trial_status, trial_admin_email, trial_started_at, trial_expires_at, trial_converted_at,
                               trial_extension_count, trial_expired_at, version, created_at, updated_at)
     SELECT a.id, a.company, a.admin_email, a.country, c.region, c.region,
            CASE WHEN NOT a.customer_contact THEN ${uuidOf(seed, 'partner', 'a.partner')} END,
            coalesce(a.trial_status, 'NONE'), CASE WHEN a.is_trial THEN a.admin_email END, a.trial_started_at, a.trial_expires_at,
            a.trial_converted_at, a.trial_extension_count, a.trial_expired_at, a.version, a.created_at, a.updated_at
       FROM gen_account a JOIN supported_country c ON c.code = a.country`,
  );
  await stage.client.query(
    `INSERT INTO webex_user (id, email, customer_org_id, created_at)
     SELECT ${uuidOf(seed, 'customer-admin', 'a.acc')}, a.admin_email, a.id, a.created_at FROM gen_account a`,
  );
  return inserted.rowCount ?? 0;
}

async function insertOrders(stage: Stage): Promise<number> {
  const { seed } = stage;
  const inserted = await stage.client.query(
    `INSERT INTO orders (id, subscription_id, commerce_order_number, purchase_order_number, offer_code, seats, requested_start_date,
                         provisioning_contact_email, status, setup_window_days, setup_email_sent_at, window_closes_at, mapped_at,
                         partner_org_id, customer_org_id, trial_customer_org_id, mapped_by_session_id, version, created_at, updated_at)
     SELECT o.id, '${subscriptionPrefix(seed)}' || o.n, 'CO-${seed}-' || (1000000 + o.n), o.purchase_order, o.offer, o.seats, o.start_date,
            CASE WHEN o.delegated_at IS NOT NULL THEN o.delegate ELSE o.contact END, o.status, o.window_days, o.email_at,
            o.window_closes_at, o.mapped_at,
            CASE WHEN o.mapped_at IS NOT NULL AND NOT o.customer_contact THEN ${uuidOf(seed, 'partner', 'o.partner')} END,
            CASE WHEN o.mapped_at IS NOT NULL THEN ${uuidOf(seed, 'customer', 'o.acc')} END,
            CASE WHEN o.is_trial THEN ${uuidOf(seed, 'customer', 'o.acc')} END,
            o.mapped_by,
            -- Booked; the email by the sweep; a delegation; mapped, closed or cancelled.
            1 + coalesce(o.email_at > o.created_at, false)::int + (o.delegated_at IS NOT NULL)::int
              + (o.status IN ('MAPPED', 'CLOSED', 'CANCELLED'))::int,
            o.created_at,
            greatest(o.created_at, o.email_at, o.delegated_at, o.mapped_at, o.cancel_at, CASE WHEN o.status = 'CLOSED' THEN o.closed_at END)
       FROM gen_final o
      ORDER BY o.created_at, o.n`,
  );
  return inserted.rowCount ?? 0;
}

/** One link per Set up now email, a second one for the colleague of a delegation; mapping or cancelling revokes them. */
async function insertLinks(stage: Stage): Promise<number> {
  const { seed } = stage;
  const inserted = await stage.client.query(
    `INSERT INTO setup_link (id, order_id, token_hash, recipient_email, created_at, revoked_at, first_opened_at, open_count)
     SELECT ${uuidOf(seed, 'link', "o.n || ':' || l.no")}, o.id, ${tokenHashOf(seed, 'link', "o.n || ':' || l.no")},
            CASE l.no WHEN 1 THEN o.contact ELSE o.delegate END,
            CASE l.no WHEN 1 THEN o.email_at ELSE o.delegated_at END,
            CASE l.no WHEN 1 THEN coalesce(o.delegated_at, o.mapped_at, o.cancel_at) ELSE o.mapped_at END,
            CASE l.no WHEN 1 THEN o.link1_opened_at ELSE o.link2_opened_at END,
            CASE l.no WHEN 1 THEN o.link1_opens ELSE o.link2_opens END
       FROM gen_final o
       CROSS JOIN LATERAL (VALUES (1), (2)) l(no)
      WHERE o.email_at IS NOT NULL AND (l.no = 1 OR o.delegated_at IS NOT NULL)
      ORDER BY o.created_at, o.n, l.no`,
  );
  return inserted.rowCount ?? 0;
}

/**
 * The sessions, in the order they started. Ended ones keep no answers; a COMPLETED or ACTIVE one
 * keeps its draft as the wizard writes it, choosing the existing customer org once there is one.
 */
async function insertSessions(stage: Stage): Promise<number> {
  const { seed } = stage;
  const answeredAt = (step: WizardStep) =>
    `s.answered > CASE WHEN s.customer_contact THEN ${CUSTOMER_STOPS.indexOf(step)} ELSE ${PARTNER_STOPS.indexOf(step)} END`;
  const inserted = await stage.client.query(
    `INSERT INTO provisioning_session (id, order_id, setup_link_id, token_hash, contact_email, status, current_step, furthest_step, draft,
                                      started_at, last_activity_at, finished_at, version)
     SELECT s.id, o.id, ${uuidOf(seed, 'link', "s.n || ':' || s.link_no")}, ${tokenHashOf(seed, 'session', 's.key')},
            CASE s.link_no WHEN 1 THEN o.contact ELSE o.delegate END, s.status, s.furthest_step, s.furthest_step,
            CASE WHEN s.status IN ('ACTIVE', 'COMPLETED') THEN jsonb_strip_nulls(jsonb_build_object(
              'role', CASE WHEN s.answered > 0 THEN CASE WHEN s.customer_contact THEN 'CUSTOMER' ELSE 'PARTNER' END END,
              'performer', CASE WHEN NOT s.customer_contact AND ${answeredAt(WizardStep.SETUP_PERFORMER)} THEN 'SELF' END,
              'partnerOrg', CASE WHEN NOT s.customer_contact AND ${answeredAt(WizardStep.PARTNER_ORG)}
                                 THEN jsonb_build_object('useExisting', true, 'partnerOrgId', ${uuidOf(seed, 'partner', 'o.partner')}) END,
              -- A customer's role answer fills the admin with their own email.
              'customerAdminEmail', CASE WHEN (s.customer_contact AND s.answered > 0) OR ${answeredAt(WizardStep.CUSTOMER_ADMIN)}
                                         THEN o.admin_email END,
              'customerCompany', CASE WHEN ${answeredAt(WizardStep.CUSTOMER_COMPANY)}
                                      THEN jsonb_build_object('name', o.company, 'countryCode', o.country, 'region', c.region) END,
              'customerOrg', CASE WHEN ${answeredAt(WizardStep.CUSTOMER_ORG)} THEN
                               CASE WHEN a.created_at < s.last_activity_at THEN jsonb_build_object('choice', 'EXISTING', 'customerOrgId', a.id)
                                    ELSE jsonb_build_object('choice', 'NEW') END END))
                 ELSE '{}' END,
            s.started_at, s.last_activity_at, s.finished_at,
            1 + s.answered + (s.status <> 'ACTIVE')::int
       FROM gen_session s
       JOIN gen_final o ON o.n = s.n
       JOIN supported_country c ON c.code = o.country
       LEFT JOIN gen_account a ON a.acc = o.acc
      ORDER BY s.started_at, s.key`,
  );
  return inserted.rowCount ?? 0;
}

/**
 * STARTED, one STEP_ANSWERED per answer, and how the session ended, each when it happened. Ten
 * million rows are not sorted again: a temp table is scanned from its first page, so the events
 * follow gen_session's order (by start), and their ids grow with time nearly as the wizard's would.
 */
async function insertEvents(stage: Stage): Promise<number> {
  const inserted = await stage.client.query(
    `INSERT INTO provisioning_event (session_id, order_id, kind, step, occurred_at)
     SELECT s.id, s.order_id, e.kind, e.step, e.occurred_at
       FROM gen_session s
       CROSS JOIN LATERAL (
         SELECT 'STARTED' AS kind, NULL AS step, s.started_at AS occurred_at
         UNION ALL
         SELECT 'STEP_ANSWERED', CASE WHEN s.customer_contact THEN (${STOPS_SQL.customer})[i] ELSE (${STOPS_SQL.partner})[i] END,
                s.started_at + interval '1 second' * i * s.answer_secs
           FROM generate_series(1, s.answered) i
         UNION ALL
         SELECT 'STEP_ANSWERED', '${WizardStep.SETUP_PERFORMER}', s.finished_at WHERE s.status = 'DELEGATED'
         UNION ALL
         SELECT s.status, CASE WHEN s.status = 'COMPLETED' THEN '${WizardStep.DONE}' END, s.finished_at WHERE s.status <> 'ACTIVE') e`,
  );
  return inserted.rowCount ?? 0;
}

/**
 * Cases, reported from a session by its contact about the org concerned: TRIAL_EXPIRED from the
 * first session that met a lapsed trial (the extension, when one came, resolved it), the other kinds
 * from an order's first session. Representatives resolved a case after a while; recent ones are OPEN.
 */
async function insertCases(stage: Stage, staffId: string): Promise<number> {
  const { r, seed } = stage;
  const kinds = CASE_KINDS;
  const pickText = (texts: Record<string, string[]>, purpose: Purpose) =>
    `CASE c.kind ${Object.entries(texts)
      .map(([kind, options]) => `WHEN '${kind}' THEN ${r.pick(textArray(options), 'c.n', purpose)}`)
      .join(' ')} END`;
  const inserted = await stage.client.query(
    `INSERT INTO support_case (id, kind, status, order_id, session_id, partner_org_id, customer_org_id, message, reporter_email,
                               resolution, resolved_by_staff_id, resolved_at, created_at, version)
     WITH trial_cases AS (
       SELECT DISTINCT ON (s.n) s.n, s.id AS session_id, s.link_no, s.last_activity_at, 'TRIAL_EXPIRED' AS kind, a.trial_extended_at
         FROM gen_session s
         JOIN gen_final o ON o.n = s.n
         JOIN gen_account a ON a.acc = o.acc
        WHERE o.is_trial AND s.started_at >= a.trial_lapsed_at AND (a.trial_extended_at IS NULL OR s.started_at < a.trial_extended_at)
          AND ${r.u('s.n', 'trialCase')} < ${TRIAL_EXPIRED_CASE_SHARE}
        ORDER BY s.n, s.j),
     other_cases AS (
       SELECT s.n, s.id AS session_id, s.link_no, s.last_activity_at,
              CASE WHEN ${r.u('s.n', 'caseKind')} < ${kinds.PARTNER_ORG_INCORRECT} AND NOT s.customer_contact THEN 'PARTNER_ORG_INCORRECT'
                   WHEN ${r.u('s.n', 'caseKind')} < ${kinds.PARTNER_ORG_INCORRECT + kinds.CUSTOMER_ORG_INCORRECT} THEN 'CUSTOMER_ORG_INCORRECT'
                   ELSE 'OTHER' END AS kind,
              NULL::timestamptz AS trial_extended_at
         FROM gen_session s
        WHERE s.j = 1 AND ${r.u('s.n', 'case')} < ${CASE_SHARE} AND NOT EXISTS (SELECT 1 FROM trial_cases t WHERE t.n = s.n)),
     reported AS (
       SELECT c.*, least($1::timestamptz, c.last_activity_at + interval '1 second' * (5 + 115 * ${r.u('c.n', 'caseDelay')})) AS created_at
         FROM (SELECT * FROM trial_cases UNION ALL SELECT * FROM other_cases) c)
     SELECT ${uuidOf(seed, 'case', 'c.n')}, c.kind, CASE WHEN t.resolved_at <= $1::timestamptz THEN 'RESOLVED' ELSE 'OPEN' END, o.id,
            c.session_id,
            CASE WHEN c.kind = 'PARTNER_ORG_INCORRECT' THEN ${uuidOf(seed, 'partner', 'o.partner')} END,
            -- The org the case is about, when it existed: the trial's, or the one the customer admin belongs to.
            CASE WHEN a.created_at <= c.created_at AND c.kind IN ('TRIAL_EXPIRED', 'CUSTOMER_ORG_INCORRECT') THEN a.id END,
            ${pickText(CASE_MESSAGES, 'caseMessage')},
            CASE c.link_no WHEN 1 THEN o.contact ELSE o.delegate END,
            CASE WHEN t.resolved_at <= $1::timestamptz THEN
              CASE WHEN c.trial_extended_at IS NOT NULL THEN ${literal(TRIAL_EXTENDED_RESOLUTION)} ELSE ${pickText(CASE_RESOLUTIONS, 'resolution')} END
            END,
            CASE WHEN t.resolved_at <= $1::timestamptz THEN $2::uuid END,
            CASE WHEN t.resolved_at <= $1::timestamptz THEN t.resolved_at END,
            c.created_at, CASE WHEN t.resolved_at <= $1::timestamptz THEN 2 ELSE 1 END
       FROM reported c
       JOIN gen_final o ON o.n = c.n
       LEFT JOIN gen_account a ON a.acc = o.acc
       CROSS JOIN LATERAL (
         SELECT coalesce(c.trial_extended_at,
                         c.created_at + interval '1 hour' * ${r.logNormal('c.n', 'resolveTime', RESOLVE_TIME.medianHours, RESOLVE_TIME.sigma)})
                  AS resolved_at) t
      ORDER BY c.created_at, c.n`,
    [stage.now, staffId],
  );
  return inserted.rowCount ?? 0;
}

/** Weights for the sold countries: the big markets as listed, a second tier, then a long tail. */
function countryWeights(sold: string[]): [string, number][] {
  const tailShare = 100 - Object.values(TOP_COUNTRIES).reduce((sum, share) => sum + share, 0);
  const tail = sold.filter((code) => !(code in TOP_COUNTRIES));
  const tierWeight = (code: string) => (SECOND_TIER.includes(code) ? 3 : 1);
  const tailTotal = tail.reduce((sum, code) => sum + tierWeight(code), 0);
  return [
    ...sold.filter((code) => code in TOP_COUNTRIES).map((code): [string, number] => [code, TOP_COUNTRIES[code]]),
    ...tail.map((code): [string, number] => [code, (tailShare * tierWeight(code)) / tailTotal]),
  ];
}

/** Drops the tables' indexes other than their keys, returning how to create them again: one build after the load beats a million updates. */
async function dropSecondaryIndexes(client: ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) t)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  return rows.map((row) => row.definition);
}
