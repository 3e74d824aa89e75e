/** A browser test file's world, started in its beforeAll and stopped in its afterAll: its own server and schema, and Chromium. */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { Harness, HarnessOptions, startHarness } from './harness';
import { SmtpPeer } from './smtp-peer';

export interface BrowserFixtureOptions extends Omit<HarnessOptions, 'smtpUrl'> {
  /** Deliver the server's email to a real SMTP peer (`peer`) instead of capturing it in memory. */
  smtpPeer?: boolean;
}

export interface BrowserFixture {
  /** The server (its own schema, migrated), with its clock and captured emails. */
  readonly h: Harness;
  /** Chromium, one for the file; each test opens a fresh context in it. */
  readonly browser: Browser;
  /** The SMTP peer the server delivers to, with `smtpPeer: true`. */
  readonly peer: SmtpPeer;
}

/**
 * Registers the file's beforeAll (the SMTP peer if asked for, the server and Chromium, started side by side) and
 * afterAll (all closed); the fields can be read from the first test, or from a beforeAll registered after this call.
 */
export function useBrowserFixture(options: BrowserFixtureOptions = {}): BrowserFixture {
  const { smtpPeer, ...harnessOptions } = options;
  let h: Harness | undefined;
  let browser: Browser | undefined;
  let peer: SmtpPeer | undefined;
  beforeAll(async () => {
    const results = await Promise.allSettled([
      launchBrowser().then((launched) => (browser = launched)),
      (async () => {
        if (smtpPeer) peer = await SmtpPeer.start();
        h = await startHarness({ ...harnessOptions, smtpUrl: peer?.url });
      })(),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await peer?.close();
  });
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`the browser fixture has no ${what}: read it in a test, after its beforeAll`);
    return value;
  };
  return {
    get h() {
      return started('harness', h);
    },
    get browser() {
      return started('browser', browser);
    },
    get peer() {
      return started('SMTP peer (start it with smtpPeer: true)', peer);
    },
  };
}
