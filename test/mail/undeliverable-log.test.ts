/**
 * Without a mail relay (no SMTP_URL) each waiting email is logged once, with its text outside production, and stamped
 * logged; a backlog is claimed in batches of 500 rows, never read whole.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { MailDelivery } from '../../server/mail/outbox';
import { Harness, startHarness } from '../support/harness';

const BACKLOG = 1_201;

describe('the outbox without a relay', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  test('logs a backlog of waiting emails once each, in batches, and stamps them logged', async () => {
    const lines: { emailId: string; msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const delivery = new MailDelivery(h.db, h.clock, null, logger, 'setup@test', true);
    await h.db.query(
      `INSERT INTO outbox_email (kind, order_id, recipient, subject, text_body, html_body, status, next_attempt_at, created_at)
       SELECT 'WEBHOOK_ENDPOINT_DISABLED', NULL, 'admin' || n || '@cisco.example', 'Endpoint disabled ' || n, 'Text ' || n, '<p>' || n,
              'PENDING', $1, $1
         FROM generate_series(1, ${BACKLOG}) n`,
      [h.clock.now()],
    );

    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0 });

    const logged = lines.filter((line) => line.msg.startsWith('email kept in the outbox (no SMTP_URL)'));
    expect(logged).toHaveLength(BACKLOG);
    expect(new Set(logged.map((line) => line.emailId)).size).toBe(BACKLOG);
    // The address masked, the text there for a person running locally.
    expect(logged.find((line) => line.emailId && line.msg.endsWith(': Endpoint disabled 7\nText 7'))?.msg).toMatch(
      / to a\*\*\*@cisco\.example: Endpoint disabled 7\nText 7$/,
    );
    const [{ waiting }] = await h.db.query(
      `SELECT count(*)::int AS waiting FROM outbox_email WHERE status = 'PENDING' AND logged_at IS NULL`,
    );
    expect(waiting).toBe(0);

    // A second run finds nothing new to log; the emails still wait for a relay.
    lines.length = 0;
    await delivery.deliverDue();
    expect(lines.filter((line) => line.msg.startsWith('email kept in the outbox'))).toEqual([]);
    const [{ pending }] = await h.db.query(`SELECT count(*)::int AS pending FROM outbox_email WHERE status = 'PENDING'`);
    expect(pending).toBeGreaterThanOrEqual(BACKLOG);
  }, 60_000);
});
