/**
 * 3,000 generated requests against the server as deployed (built dist/, NODE_ENV=production), the same
 * ones on every run of a seed (FUZZ_SEED replays one): documents built from the introspected schema
 * with arguments and variables of the right and the wrong types, huge strings, deep nesting, broken
 * JSON, wrong content types, random bytes, unknown operations, GET and POST, with no credential, a
 * wrong one, a staff JWT, the COMMERCE key or a wizard token; among them orders and trials that are
 * sometimes valid. Whatever comes in, the server answers without a 5xx, with a known code and the
 * HTTP status of its class on every error, without a leak of its internals or a suggestion, keeps
 * serving, and the database holds exactly what the accepted mutations wrote. The counts by status go
 * to test/artifacts/fuzz-counts.json.
 */
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayUtc } from '../process/support';
import { Deployed, startDeployed } from '../support/deployed';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : 0x5eed_2026;
const REPLAY = `FUZZ_SEED=0x${SEED.toString(16)}`;
const REQUESTS = 3000;
/** The server's today: an order requested for it gets its Set up now email at once. */
const TODAY = todayUtc();

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, so that every run sends the same requests in the same order.

class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from lo to hi, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a key by weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  ascii(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.int(32, 126));
    return text;
  }

  word(length: number): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let text = '';
    for (let i = 0; i < length; i++) text += letters[this.int(0, letters.length - 1)];
    return text;
  }

  bytes(length: number): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.int(0, 255);
    return bytes;
  }

  uuid(): string {
    const hex = () => this.int(0, 15).toString(16);
    const part = (n: number) => Array.from({ length: n }, hex).join('');
    return `${part(8)}-${part(4)}-4${part(3)}-${this.pick(['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// What the run knows and learns: credentials, tokens and ids to aim the next requests at.

interface Credential {
  label: string;
  authorization?: string;
}

interface World {
  schema: GraphQLSchema;
  credentials: {
    rep: Credential;
    analyst: Credential;
    commerce: Credential;
    wizards: Credential[];
    /** Tokens of their own for staffLogout, which ends the token it is called with: the shared ones must live on. */
    leaving: Credential[];
  };
  linkTokens: string[];
  ids: { orders: string[]; customerOrgs: string[]; partnerOrgs: string[]; cases: string[]; sessions: string[] };
  submittedSubscriptionIds: string[];
}

/** A GraphQL enum value in a generated argument: a bare name in a literal, a string in variables. */
class EnumValue {
  constructor(readonly name: string) {}
}

const SQLISH = ["' or '1'='1", "'; drop table orders; --", '1; select pg_sleep(1)', "admin'--", '$1', '\\x00'];
const ODD_STRINGS = [
  '',
  ' ',
  '   \t\n',
  'a',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '1e309',
  'true',
  '{}',
  '[]',
  '"',
  '\\',
  'Acme GmbH',
  'Ж Ω 日本 😀',
  'ﷺ\u202eevil',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '%00%0d%0a',
  '<script>alert(1)</script>',
  '${jndi:ldap://x.example/a}',
  '{{7*7}}',
  '../../../etc/passwd',
  ...SQLISH,
];
const EMAILS = [
  'contact@acme.example',
  'Admin@Customer.example',
  'x@y.z',
  'not-an-email',
  'a@b',
  '@example.com',
  'a@@b.example',
  'ünï@códe.example',
  ' spaced@acme.example ',
  `${'a'.repeat(250)}@acme.example`,
  'someone@partner.example',
];
const COUNTRIES = ['DE', 'US', 'GB', 'JP', 'de', 'CU', 'KP', 'ZZ', 'XX', 'DEU', '', '1'];
const DATES = [TODAY, '2026-12-01', '2027-01-15', '2020-01-01', '2026-02-30', '2026-13-01', '24/11/2026', '9999-12-31', '0000-00-00', ''];
const INSTANTS = [
  '2026-12-31T23:59:00Z',
  '2026-11-24T09:00:00Z',
  '2020-01-01T00:00:00Z',
  'yesterday',
  '2026-12-31',
  '2026-12-31T25:61:00Z',
];
const REGIONS = ['eu1', 'eu2', 'us1', 'mars1', ''];
const INTS = [0, 1, 2, 7, 25, 30, 90, 91, 200, 201, 100_000, 100_001, -1, 2147483647, -2147483648];

function stringFor(rng: Rng, world: World, hint: string): string {
  const name = hint.toLowerCase();
  if (rng.chance(0.15)) return rng.pick(ODD_STRINGS);
  if (rng.chance(0.03)) return rng.ascii(rng.int(200, 5000));
  if (name.includes('email')) return rng.chance(0.7) ? `fz${rng.word(6)}@${rng.word(5)}.example` : rng.pick(EMAILS);
  if (name.includes('country')) return rng.pick(COUNTRIES);
  if (name.includes('expiresat')) return rng.pick(INSTANTS);
  if (name.includes('date') || name === 'from' || name === 'to') return rng.pick(DATES);
  if (name.includes('token'))
    return rng.chance(0.4) && world.linkTokens.length ? rng.pick(world.linkTokens) : `wxl_${rng.word(rng.int(0, 43))}`;
  if (name.includes('subscriptionid'))
    return rng.pick([`Sub-fz-${rng.word(8)}`, 'Sub', 'sub-1', 'Sub_1', ...world.submittedSubscriptionIds.slice(-3)]);
  if (name.includes('location')) return rng.pick(REGIONS);
  if (name.includes('password')) return rng.pick(['short', 'correct horse battery staple', rng.ascii(rng.int(0, 80))]);
  if (name.includes('offercode')) return rng.pick(['WXCC-STD', 'A-FLEX-1', 'X']);
  return rng.chance(0.5) ? rng.word(rng.int(1, 20)) : rng.ascii(rng.int(0, 40));
}

function idFor(rng: Rng, world: World): string {
  const known = [...world.ids.orders, ...world.ids.customerOrgs, ...world.ids.partnerOrgs, ...world.ids.cases, ...world.ids.sessions];
  const roll = rng.next();
  if (roll < 0.45 && known.length) return rng.pick(known);
  if (roll < 0.75) return rng.uuid();
  return rng.pick([
    '',
    'x',
    '1',
    '00000000-0000-0000-0000-000000000000',
    'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
    "' or 1=1 --",
    rng.uuid().toUpperCase(),
  ]);
}

function wrongValue(rng: Rng): unknown {
  return rng.pick<unknown>([null, 0, -1, 2147483648, 1.5, true, '', 'x', [], {}, { zz: 1 }, ['a', 1], 'Ж', -0.0001]);
}

/** A value for an input type: usually of that type (aimed by the argument's name), sometimes not. */
function valueFor(rng: Rng, world: World, type: GraphQLInputType, hint: string, wrongRate: number, depth = 0): unknown {
  if (rng.chance(wrongRate)) return wrongValue(rng);
  if (isNonNullType(type)) return valueFor(rng, world, type.ofType, hint, wrongRate / 2, depth);
  if (isListType(type)) {
    if (rng.chance(0.2)) return valueFor(rng, world, type.ofType, hint, wrongRate, depth + 1);
    return Array.from({ length: rng.int(0, 3) }, () => valueFor(rng, world, type.ofType, hint, wrongRate, depth + 1));
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required ? rng.chance(0.97) : rng.chance(0.5)) {
        value[field.name] = depth > 4 ? null : valueFor(rng, world, field.type, field.name, wrongRate, depth + 1);
      }
    }
    if (rng.chance(0.03)) value[rng.pick(['zz', 'unknownField', '__proto__', 'constructor'])] = 'x';
    return value;
  }
  if (isEnumType(type)) {
    return rng.chance(0.05) ? new EnumValue(rng.pick(['NOPE', 'partner', 'null'])) : new EnumValue(rng.pick(type.getValues()).name);
  }
  switch (type.name) {
    case 'Int':
      return rng.pick(INTS);
    case 'Float':
      return rng.next() * 1000;
    case 'Boolean':
      return rng.chance(0.5);
    case 'ID':
      return idFor(rng, world);
    default:
      return stringFor(rng, world, hint);
  }
}

/** A value as a GraphQL literal. */
function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : 'bad_key'}: ${literal(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** A value as JSON for the variables. */
function plain(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function argumentsFor(rng: Rng, world: World, field: GraphQLField<unknown, unknown>, wrongRate: number): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (required ? rng.chance(0.95) : rng.chance(0.4)) args[arg.name] = valueFor(rng, world, arg.type, arg.name, wrongRate);
  }
  if (rng.chance(0.02)) args.unknownArgument = 1;
  return args;
}

function printArgs(args: Record<string, unknown>): string {
  const entries = Object.entries(args);
  return entries.length ? `(${entries.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')})` : '';
}

/** A random selection on an object type, at most `depth` levels deep. */
function selectionOn(rng: Rng, world: World, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields());
  const chosen = rng.shuffled(fields).slice(0, rng.int(1, Math.min(4, fields.length)));
  const parts: string[] = [];
  for (const field of chosen) {
    const named = getNamedType(field.type);
    const args = field.args.length ? printArgs(argumentsFor(rng, world, field, 0.1)) : '';
    if (isLeafType(named)) parts.push(`${field.name}${args}`);
    else if (isObjectType(named) && depth > 1) parts.push(`${field.name}${args} { ${selectionOn(rng, world, named, depth - 1)} }`);
  }
  if (parts.length === 0 || rng.chance(0.05)) parts.push('__typename');
  if (rng.chance(0.02)) parts.push('noSuchField');
  if (rng.chance(0.02)) parts.push(`id @include(if: ${rng.pick(['true', 'false', '"yes"'])})`);
  if (rng.chance(0.02)) parts.push(`... on ${type.name} { __typename }`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Requests.

interface FuzzRequest {
  kind: string;
  method: string;
  /** Search part of the URL, for GET. */
  search?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  credential: Credential;
  /** A single root mutation whose outcome is recorded. */
  mutation?: { field: string; args: Record<string, unknown> };
}

/** Mutations whose successes change what the database holds, and the fields that tell what they wrote. */
const TRACKED: Record<string, string> = {
  orderSubmit: 'zT: order { id subscriptionId status }',
  orderCancel: 'zT: order { id }',
  orderResendSetupEmail: 'zT: order { id }',
  orderChangeProvisioningContact: 'zT: order { id }',
  orderReopen: 'zT: order { id }',
  customerOrgStartTrial: 'zT: customerOrg { id }',
  customerOrgUpdate: 'zT: customerOrg { id }',
  customerOrgExtendTrial: 'zT: customerOrg { id }',
  partnerOrgUpdate: 'zT: partnerOrg { id }',
  caseResolve: 'zT: case { id }',
  provisioningStart: 'zK: sessionToken zS: session { id status }',
  provisioningChooseSetupPerformer: 'zS: session { id status }',
  provisioningConfirm: 'zS: session { id status } zP: partnerOrg { id } zC: customerOrg { id }',
  provisioningReportProblem: 'zT: case { id }',
};

type CredentialKind = 'none' | 'junk' | 'rep' | 'analyst' | 'commerce' | 'wizard';

function pickCredential(rng: Rng, world: World, weights: Partial<Record<CredentialKind, number>> = {}): Credential {
  const c = world.credentials;
  const kind = rng.weighted<CredentialKind>({ none: 22, junk: 10, rep: 14, analyst: 8, commerce: 20, wizard: 26, ...weights });
  switch (kind) {
    case 'rep':
      return c.rep;
    case 'analyst':
      return c.analyst;
    case 'commerce':
      return c.commerce;
    case 'wizard':
      return rng.chance(0.8) ? c.wizards[c.wizards.length - 1] : rng.pick(c.wizards);
    case 'junk': {
      const jwt = c.rep.authorization!.slice('Bearer '.length);
      const junk = rng.pick([
        'Bearer',
        'Bearer ',
        `Bearer ${rng.word(40)}`,
        `Bearer ${jwt.slice(0, -3)}abc`,
        `Bearer ${jwt.split('.').slice(0, 2).join('.')}.`,
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6IkFETUlOIn0.',
        `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        `Bearer wxk_${rng.word(43)}`,
        `Bearer wxs_${rng.word(43)}`,
        `Bearer ${'x'.repeat(rng.int(1000, 6000))}`,
        `bearer ${jwt}  `,
      ]);
      return { label: 'junk', authorization: junk };
    }
    default:
      return { label: 'none' };
  }
}

function post(rng: Rng, kind: string, credential: Credential, payload: unknown, mutation?: FuzzRequest['mutation']): FuzzRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (rng.chance(0.2)) headers.accept = rng.pick(['application/graphql-response+json', 'application/json', '*/*', 'text/html']);
  if (rng.chance(0.1)) headers['accept-language'] = rng.pick(['bg', 'en', 'bg-BG,bg;q=0.9', 'xx', '*', ';;;']);
  return { kind, method: 'POST', headers, body: JSON.stringify(payload), credential, mutation };
}

function queryDocument(rng: Rng, world: World): { query: string; variables: Record<string, unknown> } {
  const root = world.schema.getQueryType()!;
  const fields = Object.values(root.getFields());
  const parts: string[] = [];
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const field = rng.pick(fields);
    const alias = i > 0 || rng.chance(0.2) ? `q${i}: ` : '';
    const named = getNamedType(field.type);
    let args = '';
    if (field.args.length) {
      const values = argumentsFor(rng, world, field, 0.1);
      if (rng.chance(0.35)) {
        const refs: string[] = [];
        for (const [name, value] of Object.entries(values)) {
          const declared = field.args.find((a) => a.name === name)?.type.toString() ?? 'String';
          const variable = `v${i}_${name}`;
          declarations.push(
            `$${variable}: ${rng.chance(0.1) ? rng.pick(['Int', 'String!', '[ID]', 'Nope', 'OrderSubmitInput']) : declared}`,
          );
          if (!rng.chance(0.05)) variables[variable] = plain(value);
          refs.push(`${name}: $${variable}`);
        }
        args = refs.length ? `(${refs.join(', ')})` : '';
      } else {
        args = printArgs(values);
      }
    }
    const selection = isObjectType(named) ? ` { ${selectionOn(rng, world, named, rng.int(1, 5))} }` : '';
    parts.push(`${alias}${field.name}${args}${selection}`);
  }
  if (rng.chance(0.05))
    parts.push(rng.pick(['__schema { queryType { name } }', '__type(name: "Order") { fields { name } }', '__typename']));
  const header = declarations.length ? `query Fuzz(${declarations.join(', ')})` : rng.pick(['', 'query ', 'query Fuzz ']);
  return { query: `${header}{ ${parts.join(' ')} }`, variables };
}

function mutationDocument(
  rng: Rng,
  world: World,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  asVariables: boolean,
) {
  const payload = getNamedType(field.type) as GraphQLObjectType;
  const selection = [selectionOn(rng, world, payload, rng.int(1, 4)), TRACKED[field.name] ?? '', 'zE: userErrors { code field }'].join(' ');
  if (!asVariables) return { query: `mutation { ${field.name}${printArgs(args)} { ${selection} } }`, variables: {} };
  const declarations: string[] = [];
  const refs: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    const declared = field.args.find((a) => a.name === name)?.type.toString() ?? 'String';
    declarations.push(`$${name}: ${rng.chance(0.05) ? rng.pick(['String', 'Int!', 'Nope']) : declared}`);
    refs.push(`${name}: $${name}`);
    if (!rng.chance(0.03)) variables[name] = plain(value);
  }
  const header = declarations.length ? `mutation Fuzz(${declarations.join(', ')})` : 'mutation Fuzz';
  return { query: `${header} { ${field.name}${refs.length ? `(${refs.join(', ')})` : ''} { ${selection} } }`, variables };
}

function generate(rng: Rng, world: World, seq: number): FuzzRequest {
  const kind = rng.weighted({
    query: 24,
    mutation: 22,
    orderSubmit: 10,
    startTrial: 3,
    huge: 5,
    deep: 6,
    brokenJson: 6,
    contentType: 5,
    bytes: 3,
    operations: 5,
    get: 11,
  });
  switch (kind) {
    case 'query': {
      return post(rng, kind, pickCredential(rng, world), queryDocument(rng, world));
    }
    case 'mutation': {
      const field = rng.pick(Object.values(world.schema.getMutationType()!.getFields()));
      const args = argumentsFor(rng, world, field, 0.08);
      const asVariables = rng.chance(0.5);
      const credential =
        field.name === 'staffLogout' ? (world.credentials.leaving.pop() ?? pickCredential(rng, world)) : pickCredential(rng, world);
      return post(rng, kind, credential, mutationDocument(rng, world, field, args, asVariables), {
        field: field.name,
        args,
      });
    }
    case 'orderSubmit': {
      const field = world.schema.getMutationType()!.getFields().orderSubmit;
      const input: Record<string, unknown> = {
        subscriptionId: `Sub-fz${SEED.toString(36)}-${seq}`,
        commerceOrderNumber: `CCW-${seq}`,
        offerCode: rng.pick(['WXCC-STD', 'A-FLEX-1']),
        seats: rng.int(1, 500),
        requestedStartDate: rng.pick([TODAY, '2026-12-15', '2027-03-01']),
        provisioningContactEmail: `contact${seq}@partner${seq % 7}.example`,
      };
      if (rng.chance(0.3)) input.purchaseOrderNumber = `PO-${seq}`;
      if (rng.chance(0.1) && world.ids.customerOrgs.length) input.trialCustomerOrgId = rng.pick(world.ids.customerOrgs);
      if (rng.chance(0.5)) {
        const broken = rng.pick([
          ['subscriptionId', world.submittedSubscriptionIds.length ? rng.pick(world.submittedSubscriptionIds) : 'Sub-dup'],
          ['subscriptionId', rng.pick(['Bad id', '', `Sub-${'a'.repeat(70)}`, 'Sub-\u0000', 'Süb-1', 'Sub-1;--'])],
          ['commerceOrderNumber', rng.pick(['', ' ', 'x'.repeat(65), 'CCW-\u0000-1'])],
          ['purchaseOrderNumber', rng.pick(['x'.repeat(65), 'PO\u0000'])],
          ['offerCode', rng.pick(['', 'x'.repeat(65)])],
          ['seats', rng.pick([0, -1, 100_001, 2147483647, 1.5, '25', null])],
          ['requestedStartDate', rng.pick(['2026-02-30', '24/11/2026', '', 'x', '2026-11-24T00:00:00Z', 20261124])],
          ['provisioningContactEmail', rng.pick(['not-an-email', '', 'a@b', `${'a'.repeat(300)}@x.example`, 'a\u0000@b.example'])],
          ['trialCustomerOrgId', rng.pick([rng.uuid(), 'x', ''])],
          ['unknownField', 'x'],
        ] as [string, unknown][]);
        input[broken[0]] = broken[1];
      }
      const credential = pickCredential(rng, world, { commerce: 60, rep: 25, analyst: 4, wizard: 4, none: 4, junk: 3 });
      return post(rng, kind, credential, mutationDocument(rng, world, field, { input }, rng.chance(0.7)), {
        field: field.name,
        args: { input },
      });
    }
    case 'startTrial': {
      const field = world.schema.getMutationType()!.getFields().customerOrgStartTrial;
      const input: Record<string, unknown> = {
        companyName: `Trial Co ${seq}`,
        countryCode: rng.pick(['DE', 'US', 'GB', 'CU', 'ZZ']),
        adminEmail: rng.chance(0.8) ? `trial${seq}@customer${seq}.example` : rng.pick(EMAILS),
        days: rng.pick([1, 30, 90, 91, 0]),
      };
      if (rng.chance(0.2)) input.partnerOrgId = idFor(rng, world);
      const credential = pickCredential(rng, world, { commerce: 50, rep: 40 });
      return post(rng, kind, credential, mutationDocument(rng, world, field, { input }, true), { field: field.name, args: { input } });
    }
    case 'huge': {
      const huge = rng.ascii(1).repeat(rng.int(10_000, 90_000));
      const variant = rng.int(0, 5);
      if (variant === 0)
        return post(rng, kind, pickCredential(rng, world), { query: `{ setupLink(token: ${JSON.stringify(huge)}) { status } }` });
      if (variant === 1) {
        return post(rng, kind, pickCredential(rng, world), {
          query: 'mutation ($input: LoginInput!) { login(input: $input) { token zE: userErrors { code } } }',
          variables: { input: rng.chance(0.5) ? { email: huge, password: 'x' } : { email: `fz${rng.word(5)}@x.example`, password: huge } },
        });
      }
      if (variant === 2) {
        const field = world.schema.getMutationType()!.getFields().orderSubmit;
        const input = {
          subscriptionId: rng.chance(0.5) ? `Sub-${huge}` : `Sub-huge-${seq}`,
          commerceOrderNumber: huge,
          offerCode: 'WXCC-STD',
          seats: 1,
          requestedStartDate: TODAY,
          provisioningContactEmail: 'a@b.example',
        };
        return post(rng, kind, world.credentials.commerce, mutationDocument(rng, world, field, { input }, true), {
          field: field.name,
          args: { input },
        });
      }
      if (variant === 3) {
        const field = world.schema.getMutationType()!.getFields().provisioningReportProblem;
        const input = { kind: new EnumValue('OTHER'), message: huge };
        return post(rng, kind, pickCredential(rng, world, { wizard: 80 }), mutationDocument(rng, world, field, { input }, true), {
          field: field.name,
          args: { input },
        });
      }
      if (variant === 4)
        return post(rng, kind, pickCredential(rng, world), { query: `{ ${'__typename '.repeat(Math.floor(huge.length / 11))}}` });
      return post(rng, kind, pickCredential(rng, world), { query: `# ${huge}\n{ __typename }`, operationName: huge.slice(0, 5000) });
    }
    case 'deep': {
      const n = rng.pick([5, 9, 11, 30, 200, 1000, 3000, 8000]);
      const variant = rng.int(0, 5);
      const credential = pickCredential(rng, world);
      if (variant === 0) {
        const levels = Math.min(n, 40);
        let inner = 'id';
        for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `order { ${inner} }` : `sessions { ${inner} }`;
        return post(rng, kind, credential, { query: `{ order(id: "${idFor(rng, world)}") { ${inner} } }` });
      }
      if (variant === 1) return post(rng, kind, credential, { query: `${'{ a '.repeat(n)}${'}'.repeat(n)}` });
      if (variant === 2)
        return post(rng, kind, credential, { query: `{ setupLink(token: ${'['.repeat(n)}"x"${']'.repeat(n)}) { status } }` });
      if (variant === 3) {
        return {
          kind,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"query":"query ($t: String!) { setupLink(token: $t) { status } }","variables":{"t":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}}`,
          credential,
        };
      }
      if (variant === 4) {
        const chain = Math.min(n, 1500);
        const fragments = Array.from({ length: chain }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join(' ');
        return post(rng, kind, credential, { query: `{ ...F0 } ${fragments} fragment F${chain} on Query { __typename }` });
      }
      return post(rng, kind, credential, {
        query: `{ supportedCountries { code } }`,
        variables: JSON.parse(`${'{"a":'.repeat(Math.min(n, 3000))}1${'}'.repeat(Math.min(n, 3000))}`),
      });
    }
    case 'brokenJson': {
      const valid = JSON.stringify({ query: '{ supportedCountries { code } }', variables: { a: 1 } });
      const body = rng.pick([
        valid.slice(0, rng.int(0, valid.length - 1)),
        valid.replace(':', ''),
        `${valid}}`,
        `${valid} trailing`,
        `\ufeff${valid}`,
        "{'query': '{ __typename }'}",
        '{"query": }',
        '{"query": "{ __typename }",}',
        '{"query": "\\u00"}',
        '{"query": "\\ud800"}',
        'null',
        'true',
        '123',
        '"{ __typename }"',
        '[]',
        '{}',
        '{"query": null}',
        '{"query": 1}',
        '{"query": ["{ __typename }"]}',
        '{"query": {"a": 1}}',
        '{"query": "{ __typename }", "variables": "{"}',
        '{"query": "{ __typename }", "variables": [1]}',
        '{"query": "{ __typename }", "operationName": 5}',
        '{"query": "{ __typename }", "extensions": "x"}',
        '{"query": "{ __typename }", "query": "{ nope }"}',
        '{"__proto__": {"query": "{ __typename }"}}',
        '{"query": "{ __typename }", "variables": {"__proto__": {"x": 1}}}',
        '',
      ]);
      return { kind, method: 'POST', headers: { 'content-type': 'application/json' }, body, credential: pickCredential(rng, world) };
    }
    case 'contentType': {
      const body = rng.chance(0.7) ? JSON.stringify({ query: '{ supportedCountries { code } }' }) : 'query=%7B__typename%7D';
      const contentType = rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/graphql',
        'application/xml',
        'application/json; charset=utf-16',
        'application/json; charset=latin-9',
        'application/json; charset=utf-8',
        'application/jsonx',
        'APPLICATION/JSON',
        'application/graphql-response+json',
        '*/*',
        'none',
      ]);
      const headers: Record<string, string> = contentType === 'none' ? {} : { 'content-type': contentType };
      if (rng.chance(0.3)) headers['apollo-require-preflight'] = 'true';
      return { kind, method: rng.pick(['POST', 'POST', 'PUT', 'PATCH', 'DELETE']), headers, body, credential: pickCredential(rng, world) };
    }
    case 'bytes': {
      const headers: Record<string, string> = {};
      const type = rng.pick(['application/json', 'application/octet-stream', 'none']);
      if (type !== 'none') headers['content-type'] = type;
      return { kind, method: 'POST', headers, body: rng.bytes(rng.int(0, 4096)), credential: pickCredential(rng, world) };
    }
    case 'operations': {
      const payload = rng.pick<Record<string, unknown> | unknown[]>([
        { query: 'query A { __typename } query B { __typename }' },
        { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
        { query: 'query A { __typename }', operationName: 'B' },
        { query: 'query A { __typename } query A { __typename }', operationName: 'A' },
        { query: '{ __typename } { __typename }' },
        { query: 'subscription { __typename }' },
        { query: 'subscription S { provisioningSession { id } }' },
        { query: 'fragment F on Query { __typename }' },
        { query: '' },
        { query: '   ' },
        { query: '# only a comment' },
        { query: 'mutation' },
        { query: 'mutation { __typename }' },
        { query: 'query ($a: Int) { __typename }', variables: { a: 'x' } },
        { query: 'query ($a: Int!) { __typename }' },
        { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
        { extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } },
        [{ query: '{ __typename }' }, { query: '{ __typename }' }],
        { query: '{ __typename }', operationName: null, variables: null, extensions: null },
        { query: `query ${'A'.repeat(5000)} { __typename }`, operationName: 'A'.repeat(5000) },
      ]);
      return post(rng, kind, pickCredential(rng, world), payload);
    }
    default: {
      // GET: queries (and mutations, which must be refused) in the URL, with and without a CSRF-safe header.
      const document = rng.chance(0.15)
        ? { query: 'mutation { login(input: { email: "a@b.example", password: "x" }) { token } }', variables: {} }
        : queryDocument(rng, world);
      const params = new URLSearchParams({ query: document.query });
      if (Object.keys(document.variables).length || rng.chance(0.1)) {
        params.set('variables', rng.chance(0.9) ? JSON.stringify(document.variables) : '{broken');
      }
      if (rng.chance(0.1)) params.set('operationName', rng.pick(['Fuzz', 'Nope', '']));
      if (rng.chance(0.05)) params.set('extensions', rng.pick(['{}', 'x', '{"persistedQuery":{"version":1,"sha256Hash":"abc"}}']));
      const headers: Record<string, string> = {};
      const csrf = rng.weighted({ preflight: 55, json: 20, none: 20, form: 5 });
      if (csrf === 'preflight') headers['apollo-require-preflight'] = 'true';
      if (csrf === 'json') headers['content-type'] = 'application/json';
      if (csrf === 'form') headers['content-type'] = 'application/x-www-form-urlencoded';
      return { kind, method: 'GET', search: `?${params.toString()}`, headers, credential: pickCredential(rng, world) };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What no answer may contain.

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /    at |(&nbsp;|\\n|\n|<br>)\s*at \S|\bat [\w.<>]+ \([^)]*:\d+:\d+\)/],
  ['a source path', /node_modules|node:internal|\/server\/[\w/.-]+\.[jt]s|\.[jt]s:\d+:\d+/],
  ['a TypeORM error', /QueryFailedError|EntityNotFound|TypeORMError|EntityPropertyNotFound/],
  [
    'SQL',
    /SELECT |INSERT INTO|UPDATE "|DELETE FROM| WHERE |duplicate key value|violates (unique|check|foreign key|not-null)|relation "|syntax error at or near|invalid byte sequence|index row size/,
  ],
  ['a suggestion', /did you mean/i],
  [
    'the message of a fault',
    /Maximum call stack size exceeded|Cannot read propert|is not a function|undefined is not|ECONNREFUSED|out of memory/,
  ],
];

/**
 * Every code an error may carry and the one HTTP status it answers with, wherever it is raised (copied from
 * the table in docs/api-guide.md, not imported, so that a change on either side shows): refusals while running 200, a malformed
 * request or argument 400, throttling 429. An answer with several errors takes the highest. BAD_REQUEST is any 4xx:
 * Apollo and the HTTP layer are more precise (405 for a mutation over GET, 406, 413, 415).
 */
const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 200,
  FORBIDDEN: 200,
  NOT_FOUND: 200,
  SESSION_ENDED: 200,
  TIMEOUT: 200,
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  RATE_LIMITED: 429,
};
const KNOWN_CODES = new Set([...Object.keys(STATUS_OF_CODE), 'BAD_REQUEST']);

function statusProblems(outcome: Outcome, codes: string[]): string[] {
  const expected = (status: number, why: string) => (outcome.status === status ? [] : [`HTTP ${outcome.status} for ${why}`]);
  if (codes.length === 0) return expected(200, 'an answer without errors');
  const known = codes.filter((code) => code !== 'BAD_REQUEST');
  const status = Math.max(...known.map((code) => STATUS_OF_CODE[code] ?? 0), codes.includes('BAD_REQUEST') ? 400 : 0);
  if (codes.includes('BAD_REQUEST') && status === 400) {
    return outcome.status >= 400 && outcome.status < 500 ? [] : [`HTTP ${outcome.status} for a bad request (${codes.join(',')})`];
  }
  return expected(status, `errors ${[...new Set(codes)].join(',')}`);
}

interface Outcome {
  status: number;
  contentType: string;
  text: string;
  json?: any;
}

function problemsOf(request: FuzzRequest, outcome: Outcome): string[] {
  const found: string[] = [];
  if (outcome.status >= 500) found.push(`HTTP ${outcome.status}`);
  const sent = typeof request.body === 'string' ? request.body : '';
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(outcome.text);
    if (match && !sent.includes(match[0]) && !(request.search ?? '').includes(encodeURIComponent(match[0]))) found.push(what);
  }
  if (!/^application\/(graphql-response\+)?json/.test(outcome.contentType)) {
    found.push(`a ${outcome.contentType || 'typeless'} answer, not JSON`);
    return found;
  }
  if (outcome.json === undefined) {
    found.push('a body that is not JSON');
    return found;
  }
  const errors: any[] = Array.isArray(outcome.json?.errors) ? outcome.json.errors : [];
  for (const error of errors) {
    const code = error?.extensions?.code;
    if (typeof code !== 'string' || code === '') found.push('an error without extensions.code');
    else if (code !== 'INTERNAL_SERVER_ERROR' && !KNOWN_CODES.has(code)) found.push(`an unknown code ${code}`);
    else if (code === 'INTERNAL_SERVER_ERROR') {
      const where = Array.isArray(error.path) ? `in ${error.path[0]}` : `before execution (${request.kind} request)`;
      found.push(
        error.message === 'Internal server error.'
          ? `a fault (INTERNAL_SERVER_ERROR) ${where}`
          : `a fault ${where} with its message: ${String(error.message).slice(0, 200)}`,
      );
    }
    if (error?.extensions?.stacktrace || error?.extensions?.exception) found.push('a stacktrace in extensions');
  }
  found.push(
    ...statusProblems(
      outcome,
      errors.map((error) => String(error?.extensions?.code)),
    ),
  );
  return found;
}

function summary(request: FuzzRequest): string {
  const body = typeof request.body === 'string' ? request.body : request.body ? `<${request.body.length} random bytes>` : '';
  const shown = body.length > 450 ? `${body.slice(0, 450)}… (${body.length} chars)` : body;
  return `${request.kind} ${request.method}${request.search ? ` ${request.search.slice(0, 200)}` : ''} [${request.credential.label}] ${JSON.stringify(request.headers)} ${shown}`;
}

// ---------------------------------------------------------------------------------------------

const ARTIFACTS = join(__dirname, '..', 'artifacts');

let d: Deployed;
let world: World;
type Snapshot = Awaited<ReturnType<typeof snapshot>>;
let baseline: Snapshot;
const accepted: { field: string; args: Record<string, unknown>; payload: any }[] = [];
/** Each kind of problem found, how often, and the first few requests that showed it. */
const failures = new Map<string, { count: number; examples: string[] }>();
/** How each orderSubmit was answered, by the subscription id it sent. */
const submitAnswers = new Map<string, string[]>();
let sent = 0;
const byStatus = new Map<number, number>();

async function snapshot() {
  const rows = (sql: string) => d.db.query(sql);
  const ids = async (table: string) => (await rows(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id as string);
  const count = async (table: string) => Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0].n);
  return {
    orders: await rows('SELECT id, subscription_id FROM orders ORDER BY id'),
    staff: await rows('SELECT * FROM staff ORDER BY id'),
    apiKeys: await rows('SELECT * FROM api_key ORDER BY id'),
    appSecrets: await rows('SELECT * FROM app_secret ORDER BY name'),
    countries: await rows('SELECT * FROM supported_country ORDER BY code'),
    customerOrgs: await ids('customer_org'),
    partnerOrgs: await ids('partner_org'),
    cases: await ids('support_case'),
    sessions: await ids('provisioning_session'),
    webexUsers: await count('webex_user'),
    auditByAction: Object.fromEntries(
      (await rows('SELECT action, count(*) AS n FROM audit_event GROUP BY action')).map((r) => [r.action as string, Number(r.n)]),
    ),
  };
}

function record(request: FuzzRequest, outcome: Outcome): void {
  const mutation = request.mutation;
  if (!mutation) return;
  if (mutation.field === 'orderSubmit') {
    const subscriptionId = String((mutation.args.input as Record<string, unknown> | undefined)?.subscriptionId ?? '').trim();
    const codes = (outcome.json?.errors ?? []).map((e: any) => e?.extensions?.code);
    const answers = submitAnswers.get(subscriptionId) ?? [];
    answers.push(
      `HTTP ${outcome.status}${codes.length ? ` ${codes.join(',')}` : ''}${request.headers.accept ? ` (accept: ${request.headers.accept})` : ''}`,
    );
    submitAnswers.set(subscriptionId, answers);
  }
  const payload = outcome.json?.data?.[mutation.field];
  if (!payload || !Array.isArray(payload.zE) || payload.zE.length > 0) return;
  accepted.push({ field: mutation.field, args: mutation.args, payload });
  // What the next requests may aim at.
  if (payload.zT?.id) {
    const list = {
      orderSubmit: world.ids.orders,
      customerOrgStartTrial: world.ids.customerOrgs,
      caseResolve: world.ids.cases,
      provisioningReportProblem: world.ids.cases,
    }[mutation.field as string];
    if (list && !list.includes(payload.zT.id)) list.push(payload.zT.id);
  }
  if (mutation.field === 'orderSubmit' && payload.zT?.subscriptionId) world.submittedSubscriptionIds.push(payload.zT.subscriptionId);
  if (payload.zS?.id && !world.ids.sessions.includes(payload.zS.id)) world.ids.sessions.push(payload.zS.id);
  if (payload.zK) world.credentials.wizards.push({ label: 'wizard', authorization: `Bearer ${payload.zK}` });
  if (payload.zP?.id && !world.ids.partnerOrgs.includes(payload.zP.id)) world.ids.partnerOrgs.push(payload.zP.id);
  if (payload.zC?.id && !world.ids.customerOrgs.includes(payload.zC.id)) world.ids.customerOrgs.push(payload.zC.id);
}

async function send(request: FuzzRequest): Promise<Outcome> {
  const headers = { ...request.headers };
  if (request.credential.authorization) headers.authorization = request.credential.authorization;
  const response = await fetch(d.url + (request.search ?? ''), {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : request.body,
  }).catch((error: Error) => {
    const state = d.server.running ? 'still running' : 'exited';
    throw new Error(
      `request ${sent + 1} (${REPLAY}) got no answer (${error.message}: ${String(error.cause)}); the server has ${state}:\n` +
        `${summary(request)}\n--- server output, last 4000 characters:\n${d.server.log.slice(-4000)}`,
    );
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** REP tokens of their own, logged in one after another (concurrent claims count as failures until each succeeds). */
async function logins(count: number): Promise<Credential[]> {
  const tokens: Credential[] = [];
  for (let i = 0; i < count; i++) tokens.push({ label: 'REP (to log out)', authorization: `Bearer ${await d.login('REP', true)}` });
  return tokens;
}

beforeAll(async () => {
  d = await startDeployed();
  const rep = await d.login('REP');
  const analyst = await d.login('ANALYST');
  const wizard = await d.openWizard();
  const second = await d.bookOrder();
  // In production only staff may introspect.
  const introspection = await d.gql(getIntrospectionQuery(), {}, { token: await d.login('ADMIN') });
  world = {
    schema: buildClientSchema(introspection.body.data),
    credentials: {
      rep: { label: 'REP', authorization: `Bearer ${rep}` },
      analyst: { label: 'ANALYST', authorization: `Bearer ${analyst}` },
      commerce: { label: 'COMMERCE', authorization: `Bearer ${d.commerceKey}` },
      wizards: [{ label: 'wizard', authorization: `Bearer ${wizard.sessionToken}` }],
      leaving: await logins(8),
    },
    linkTokens: [wizard.linkToken, second.linkToken],
    ids: { orders: [wizard.orderId, second.orderId], customerOrgs: [], partnerOrgs: [], cases: [], sessions: [wizard.sessionId] },
    submittedSubscriptionIds: [wizard.subscriptionId],
  };
  baseline = await snapshot();
}, 120_000);

afterAll(async () => {
  await d?.close();
}, 30_000);

test(`answers ${REQUESTS} generated requests without a 5xx, a fault, a leak, a suggestion or an error without its code and status (${REPLAY})`, async () => {
  const rng = new Rng(SEED);
  const started = Date.now();
  for (let seq = 0; seq < REQUESTS; seq++) {
    const request = generate(rng, world, seq);
    const outcome = await send(request);
    sent += 1;
    byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
    for (const problem of new Set(problemsOf(request, outcome))) {
      const known = failures.get(problem) ?? { count: 0, examples: [] };
      known.count += 1;
      if (known.examples.length < 3) known.examples.push(`${summary(request)}\n    → ${outcome.status} ${outcome.text.slice(0, 300)}`);
      failures.set(problem, known);
    }
    record(request, outcome);
  }
  const counts = {
    seed: REPLAY,
    requests: sent,
    ms: Date.now() - started,
    byStatus: Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)),
    acceptedMutations: accepted.reduce<Record<string, number>>((n, a) => ({ ...n, [a.field]: (n[a.field] ?? 0) + 1 }), {}),
    problems: Object.fromEntries([...failures].map(([problem, { count }]) => [problem, count])),
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'fuzz-counts.json'), `${JSON.stringify(counts, null, 2)}\n`);
  console.log(`fuzz (${REPLAY}): ${sent} requests in ${counts.ms} ms; HTTP ${JSON.stringify(counts.byStatus)}`);
  const report = [...failures].map(([problem, { count, examples }]) => `${problem} (×${count}), e.g.\n  ${examples.join('\n  ')}`);
  if (report.length) throw new Error(`replay with ${REPLAY}:\n${report.join('\n')}`);
  expect(sent).toBe(REQUESTS);
}, 180_000);

test(`keeps serving: a valid query succeeds and /healthz answers 200 (${REPLAY})`, async () => {
  const countries = await d.gql('{ supportedCountries { code contactCenterSold } }');
  expect(countries.body.errors).toBeUndefined();
  expect(countries.body.data.supportedCountries).toContainEqual({ code: 'DE', contactCenterSold: true });
  const order = await d.gql(
    'query ($id: ID!) { order(id: $id) { id subscriptionId } }',
    { id: world.ids.orders[0] },
    { token: d.commerceKey },
  );
  expect(order.body.errors).toBeUndefined();
  expect(order.body.data.order).toEqual({ id: world.ids.orders[0], subscriptionId: world.submittedSubscriptionIds[0] });
  const health = await fetch(`${d.origin}/healthz`);
  expect(health.status).toBe(200);
});

test(`the database holds exactly what the accepted mutations wrote (${REPLAY})`, async () => {
  const after = await snapshot();
  const ok = (field: string) => accepted.filter((a) => a.field === field);
  const idsOf = (field: string, key = 'zT') => ok(field).map((a) => a.payload[key]?.id as string);
  const union = (base: string[], added: (string | undefined | null)[]) =>
    [...new Set([...base, ...added.filter((x): x is string => !!x)])].sort();

  // Orders: one per accepted orderSubmit, with its subscription id; nothing else.
  const submitted = ok('orderSubmit');
  const newOrders = after.orders.filter((o) => !baseline.orders.some((b) => b.id === o.id));
  const reported = new Set(submitted.map((a) => a.payload.zT.subscriptionId as string));
  const writtenUnreported = newOrders
    .filter((o) => !reported.has(o.subscription_id))
    .map((o) => ({ subscriptionId: o.subscription_id, answeredWith: submitAnswers.get(o.subscription_id) }));
  expect(writtenUnreported).toEqual([]);
  expect(newOrders).toHaveLength(submitted.length);
  expect(newOrders.map((o) => o.subscription_id).sort()).toEqual(submitted.map((a) => a.payload.zT.subscriptionId).sort());
  expect(newOrders.map((o) => o.id).sort()).toEqual(idsOf('orderSubmit').sort());
  expect(submitted.map((a) => a.payload.zT.subscriptionId).sort()).toEqual(
    submitted.map((a) => String((a.args.input as Record<string, unknown>).subscriptionId).trim()).sort(),
  );

  // No credential in the run may touch staff, keys, secrets or the country table.
  expect(after.staff).toEqual(baseline.staff);
  expect(after.apiKeys).toEqual(baseline.apiKeys);
  expect(after.appSecrets).toEqual(baseline.appSecrets);
  expect(after.countries).toEqual(baseline.countries);

  // Orgs, their admin users, cases and sessions: exactly those the accepted mutations reported.
  const newCustomerOrgs = union(baseline.customerOrgs, [...idsOf('customerOrgStartTrial'), ...idsOf('provisioningConfirm', 'zC')]);
  const newPartnerOrgs = union(baseline.partnerOrgs, idsOf('provisioningConfirm', 'zP'));
  expect(after.customerOrgs).toEqual(newCustomerOrgs);
  expect(after.partnerOrgs).toEqual(newPartnerOrgs);
  const orgsCreated = newCustomerOrgs.length - baseline.customerOrgs.length + (newPartnerOrgs.length - baseline.partnerOrgs.length);
  expect(after.webexUsers).toBe(baseline.webexUsers + orgsCreated);
  expect(after.cases).toEqual(union(baseline.cases, idsOf('provisioningReportProblem')));
  expect(after.sessions).toEqual(
    union(
      baseline.sessions,
      ok('provisioningStart').map((a) => a.payload.zS?.id),
    ),
  );
  expect(after.sessions.length).toBe(baseline.sessions.length + ok('provisioningStart').length);

  // The audit trail: one entry per accepted change (order changes that changed nothing write none).
  const added = (action: string) => (after.auditByAction[action] ?? 0) - (baseline.auditByAction[action] ?? 0);
  const exact: Record<string, number> = {
    'order.submit': submitted.length,
    'customerOrg.startTrial': ok('customerOrgStartTrial').length,
    'customerOrg.update': ok('customerOrgUpdate').length,
    'customerOrg.extendTrial': ok('customerOrgExtendTrial').length,
    'partnerOrg.update': ok('partnerOrgUpdate').length,
    'case.resolve': ok('caseResolve').length,
    'order.map': new Set(idsOf('provisioningConfirm', 'zS')).size,
    'order.delegateSetup': ok('provisioningChooseSetupPerformer').filter((a) => a.payload.zS?.status === 'DELEGATED').length,
  };
  const atMost: Record<string, number> = {
    'order.cancel': ok('orderCancel').length,
    'order.resendSetupEmail': ok('orderResendSetupEmail').length,
    'order.changeProvisioningContact': ok('orderChangeProvisioningContact').length,
    'order.reopen': ok('orderReopen').length,
  };
  for (const [action, n] of Object.entries(exact)) expect([action, added(action)]).toEqual([action, n]);
  for (const [action, n] of Object.entries(atMost)) expect(added(action)).toBeLessThanOrEqual(n);
  const unexpected = Object.keys(after.auditByAction).filter((action) => !(action in exact) && !(action in atMost) && added(action) !== 0);
  expect(unexpected).toEqual([]);

  // Links and emails stay consistent with each order's state.
  const linkState: any[] = await d.db.query(`
    SELECT o.id, o.status,
           (SELECT count(*) FROM setup_link l WHERE l.order_id = o.id AND l.revoked_at IS NULL)::int AS live_links,
           (SELECT count(*) FROM setup_link l WHERE l.order_id = o.id)::int AS links,
           (SELECT count(*) FROM outbox_email e WHERE e.order_id = o.id)::int AS emails
      FROM orders o`);
  for (const order of linkState) {
    if (order.status === 'AWAITING_PROVISIONING_DETAILS') expect([order.id, order.live_links]).toEqual([order.id, 1]);
    if (order.status === 'BOOKED') expect([order.id, order.links, order.emails]).toEqual([order.id, 0, 0]);
    if (order.status === 'MAPPED' || order.status === 'CANCELLED') expect([order.id, order.live_links]).toEqual([order.id, 0]);
  }
  // Failed logins are remembered per account and per address, and nothing else is.
  const throttles: { key: string }[] = await d.db.query('SELECT key FROM login_throttle');
  for (const { key } of throttles) expect(key).toMatch(/^(account|address):/);
});
