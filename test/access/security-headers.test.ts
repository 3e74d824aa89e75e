/** Every answer of the deployed server, pages and API alike, carries the security headers; HSTS only over https. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployed, startDeployed } from '../support/deployed';

let d: Deployed;
beforeAll(async () => {
  d = await startDeployed({ env: { TRUST_PROXY: 'loopback' } });
}, 120_000);
afterAll(() => d?.close());

/** A script the wizard page loads, as the build named it. */
function builtAsset(): string {
  const page = readFileSync(join(__dirname, '../../dist/admin/setup.html'), 'utf8');
  const found = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page);
  if (!found) throw new Error('dist/admin/setup.html loads no script: run npm run build:web');
  return found[1];
}

function policyOf(headers: Headers): Map<string, string> {
  const header = headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

const EXPECTED_POLICY = new Map([
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['script-src-attr', "'none'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
]);

const ANSWERS: [string, () => Promise<{ status: number; headers: Headers }>, number][] = [
  ['the API, a query', () => d.gql('{ supportedCountries { code } }'), 200],
  ['the API, a refusal', () => d.gql('{ orders { totalCount } }'), 200],
  ['the API, malformed JSON', () => fetch(`${d.origin}/graphql`, post('{')), 400],
  ['/healthz', () => fetch(`${d.origin}/healthz`), 200],
  ['/readyz', () => fetch(`${d.origin}/readyz`), 200],
  ['the console, /admin/', () => fetch(`${d.origin}/admin/`), 200],
  ['a console route, /admin/orders', () => fetch(`${d.origin}/admin/orders`), 200],
  ['the wizard, /setup/<token>', () => fetch(`${d.origin}/setup/wxl_not-a-real-link`), 200],
  ['a built script', () => fetch(`${d.origin}${builtAsset()}`), 200],
];

function post(body: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body };
}

test.each(ANSWERS)('%s carries the CSP, X-Frame-Options, nosniff and no-referrer, and no HSTS over http', async (_what, answer, status) => {
  const response = await answer();
  expect(response.status).toBe(status);
  expect(policyOf(response.headers)).toEqual(EXPECTED_POLICY);
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('strict-transport-security')).toBeNull();
  expect(response.headers.get('x-powered-by')).toBeNull();
});

test("a path that does not exist gets express's plain 404 with its own stricter policy, and the other headers", async () => {
  const response = await fetch(`${d.origin}/nothing-here`);
  expect(response.status).toBe(404);
  expect(policyOf(response.headers)).toEqual(new Map([['default-src', "'none'"]]));
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
});

test('the pages load no inline script, which the policy would refuse', async () => {
  for (const path of ['/admin/', '/setup/wxl_not-a-real-link']) {
    const page = await (await fetch(`${d.origin}${path}`)).text();
    const scripts = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/ src="\/app\//);
      expect(body.trim()).toBe('');
    }
    expect(page).not.toMatch(/ on[a-z]+="/);
  }
});

test('behind a TLS-terminating proxy that the server trusts, an https request gets HSTS for a year, without subdomains', async () => {
  const overHttps = await fetch(`${d.origin}/admin/`, { headers: { 'x-forwarded-proto': 'https' } });
  expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=31536000');
  const api = await fetch(`${d.origin}/graphql`, {
    ...post('{"query":"{ supportedCountries { code } }"}'),
    headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
  });
  expect(api.headers.get('strict-transport-security')).toBe('max-age=31536000');
  expect(policyOf(api.headers)).toEqual(EXPECTED_POLICY);
  // The same request over http gets none.
  expect((await fetch(`${d.origin}/admin/`)).headers.get('strict-transport-security')).toBeNull();
});
