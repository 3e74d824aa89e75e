/**
 * The deployed server serves like a web app: compressed answers (the hashed assets as the build precompressed
 * them, at brotli's best quality), hashed assets cached for good, HTML never, an icon.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Deployed, startDeployed } from '../support/deployed';

const WEB = join(__dirname, '../../dist/admin');
const IMMUTABLE = 'public, max-age=31536000, immutable';

let d: Deployed;
beforeAll(async () => {
  d = await startDeployed();
}, 120_000);
afterAll(() => d?.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire (fetch would decompress them unseen). */
  body: Buffer;
}

function raw(
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Raw>((done, fail) => {
    const req = request(`${d.origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

function decoded({ headers, body }: Raw): Buffer {
  if (headers['content-encoding'] === 'br') return brotliDecompressSync(body);
  if (headers['content-encoding'] === 'gzip') return gunzipSync(body);
  return body;
}

/** The console's script as the build named it: the largest file a browser fetches. */
function consoleScript(): string {
  const page = readFileSync(join(WEB, 'console.html'), 'utf8');
  const found = /src="\/app\/(assets\/console-[^"]+\.js)"/.exec(page);
  if (!found) throw new Error('dist/admin/console.html loads no console script: run npm run build:web');
  return found[1];
}

function gqlPost(query: string, acceptEncoding: string) {
  return raw('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': acceptEncoding },
    body: JSON.stringify({ query }),
  });
}

test('a hashed asset comes brotli-compressed as the build wrote it when the browser takes brotli, cached for a year without revalidation', async () => {
  const asset = consoleScript();
  const onDisk = readFileSync(join(WEB, asset));
  const answer = await raw(`/app/${asset}`, { headers: { 'accept-encoding': 'gzip, br' } });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-encoding']).toBe('br');
  expect(answer.headers['cache-control']).toBe(IMMUTABLE);
  expect(answer.headers['vary']).toMatch(/accept-encoding/i);
  expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
  // The security headers survive the compression.
  expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
  expect(answer.body.length).toBeLessThan(onDisk.length / 3);
  expect(decoded(answer).equals(onDisk)).toBe(true);
  // The build's brotli (quality 11), not the middleware's quality 4 made per request.
  expect(answer.body.equals(readFileSync(join(WEB, `${asset}.br`)))).toBe(true);
  const head = await raw(`/app/${asset}`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
  expect(head.status).toBe(200);
  expect(head.headers['content-encoding']).toBe('br');
  expect(head.body.length).toBe(0);
});

test('gzip for a client without brotli, the file as it is for one asking for no encoding', async () => {
  const asset = consoleScript();
  const onDisk = readFileSync(join(WEB, asset));
  const gzipped = await raw(`/app/${asset}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzipped.headers['content-encoding']).toBe('gzip');
  expect(gzipped.headers['cache-control']).toBe(IMMUTABLE);
  expect(gzipped.headers['content-type']).toMatch(/^text\/javascript/);
  expect(decoded(gzipped).equals(onDisk)).toBe(true);
  expect(gzipped.body.equals(readFileSync(join(WEB, `${asset}.gz`)))).toBe(true);
  const plain = await raw(`/app/${asset}`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.equals(onDisk)).toBe(true);
  expect(plain.headers['cache-control']).toBe(IMMUTABLE);
});

test.each([
  ['the console, /admin/', '/admin/'],
  ['a console route, /admin/orders', '/admin/orders'],
  ['the wizard, /setup/<token>', '/setup/wxl_not-a-real-link'],
  ['a page by its build name, /app/console.html', '/app/console.html'],
])('%s is never stored: it names the current release’s assets', async (_name, path) => {
  const answer = await raw(path, { headers: { 'accept-encoding': 'gzip, br' } });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/html/);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(decoded(answer).toString('utf8')).toContain('<div id="root"></div>');
});

test('the login page loads only what signing in needs: the signed-in console and the API client come later', async () => {
  const page = readFileSync(join(WEB, 'console.html'), 'utf8');
  const loaded = [...page.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((found) => found[1]);
  const entry = readFileSync(join(WEB, consoleScript()), 'utf8');
  let compressed = 0;
  for (const asset of loaded) {
    const answer = await raw(`/app/${asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(answer.status).toBe(200);
    compressed += answer.body.length;
  }
  // The console's chunks that main.tsx and ConsoleAdmin.tsx import when first needed.
  expect(/import\(`\.\/App-[\w-]+\.js`\)/.test(entry)).toBe(true);
  expect(/import\(`\.\/client-[\w-]+\.js`\)/.test(entry)).toBe(true);
  expect(loaded.some((asset) => /\/(App|client|MetricsPanel)-/.test(asset))).toBe(false);
  // Issue 19 measured 1.43 MB transferred for the login page with the whole console in one script.
  expect(compressed).toBeLessThan(300 * 1024);
});

test('a path out of the build, or to an asset it does not have, is not served, compressed or not', async () => {
  for (const path of [
    '/app/assets/..%2F..%2Fserver%2Fmain.js',
    '/app/assets/..%2F..%2Fserver%2Fmain.js.br',
    '/app/assets/missing-AAAAAAAA.js',
  ]) {
    const answer = await raw(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect([403, 404]).toContain(answer.status);
    expect(answer.headers['content-encoding']).toBeUndefined();
  }
});

test('an unhashed file under /app/ is cached briefly', async () => {
  const answer = await raw('/app/favicon.svg');
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^image\/svg\+xml/);
  expect(answer.headers['cache-control']).toBe('public, max-age=3600');
});

test('both pages name the icon, and /favicon.ico answers it as an image', async () => {
  for (const page of ['console.html', 'setup.html']) {
    expect(readFileSync(join(WEB, page), 'utf8')).toContain('<link rel="icon" type="image/svg+xml" href="/app/favicon.svg" />');
  }
  const answer = await raw('/favicon.ico');
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^image\/svg\+xml/);
  expect(answer.body.equals(readFileSync(join(WEB, 'favicon.svg')))).toBe(true);
});

test('a GraphQL answer over the threshold is compressed when asked, a small one goes as it is', async () => {
  const large = await gqlPost('{ supportedCountries { code name region } }', 'gzip, br');
  expect(large.status).toBe(200);
  const text = decoded(large).toString('utf8');
  expect(text.length).toBeGreaterThan(1024);
  expect(large.headers['content-encoding']).toBe('br');
  expect(JSON.parse(text).data.supportedCountries.length).toBeGreaterThan(0);

  const small = await gqlPost('{ __typename }', 'gzip, br');
  expect(small.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(small.body.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
});

test('a tiny answer is not compressed', async () => {
  const answer = await raw('/healthz', { headers: { 'accept-encoding': 'gzip, br' } });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ status: 'ok' });
});
