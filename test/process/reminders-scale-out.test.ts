/**
 * Two server processes on one database, started together when reminders are due: both sweep at once, yet each due
 * reminder goes out once, to the order's contact, in its language, with a link of its own; none to a cancelled
 * order, none that a fresh Set up now email settled. A server given a schedule it cannot read does not start.
 */
import { SmtpPeer } from '../support/smtp-peer';
import { linkTokenIn, messageIdOf, ServerProcess, sha256, TestDatabase, waitFor, useMigratedDatabase } from './support';

let db: TestDatabase;
let peer: SmtpPeer;

useMigratedDatabase(
  () => SmtpPeer.start(),
  (ready) => ({ db, peer } = ready),
);

/**
 * `count` orders awaiting details whose window opened `openedDaysAgo` days (and an hour) ago, with reminders
 * settled through `settledDaysAfterOpening` days after it opened: contact `<prefix>-<n>@<prefix>.example`.
 */
async function seed(
  prefix: string,
  count: number,
  o: { windowDays: number; openedDaysAgo: number; settledDaysAfterOpening: number; status?: string; language?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO orders (subscription_id, commerce_order_number, offer_code, seats, requested_start_date, provisioning_contact_email,
                         status, setup_window_days, setup_email_sent_at, window_closes_at, reminded_through, language, created_at, updated_at)
     SELECT 'Sub-' || $1 || '-' || n, 'CO-' || $1 || '-' || n, 'A-WXCC-STD', 5, (o.opened)::date, $1 || '-' || n || '@' || $1 || '.example',
            $2, $3::int, o.opened, o.opened + $3::int * interval '1 day', o.opened + $5::float8 * interval '1 day', $6, o.opened, o.opened
       FROM generate_series(1, $7::int) AS n, (SELECT now() - $4::int * interval '1 day' - interval '1 hour' AS opened) AS o`,
    [
      prefix,
      o.status ?? 'AWAITING_PROVISIONING_DETAILS',
      o.windowDays,
      o.openedDaysAgo,
      o.settledDaysAfterOpening,
      o.language ?? 'en',
      count,
    ],
  );
}

test('two servers sweeping at once send each due reminder once', async () => {
  // Due: the first reminder of a 30-day window (after 7 days), in Bulgarian.
  await seed('first', 40, { windowDays: 30, openedDaysAgo: 7, settledDaysAfterOpening: 0, language: 'bg' });
  // Due: the second (after 14 days), the first one sent already.
  await seed('second', 40, { windowDays: 30, openedDaysAgo: 14, settledDaysAfterOpening: 7 });
  // Both reminders of a 7-day window due (the servers were down): only the later one, a day before the close, goes out.
  await seed('late', 40, { windowDays: 7, openedDaysAgo: 6, settledDaysAfterOpening: 0 });
  // Not due: cancelled (mapping is walked in test/orders/setup-reminders.test.ts), or settled by a fresh Set up now
  // email after the reminder's time.
  await seed('cancelled', 10, { windowDays: 30, openedDaysAgo: 7, settledDaysAfterOpening: 0, status: 'CANCELLED' });
  await seed('settled', 10, { windowDays: 30, openedDaysAgo: 7, settledDaysAfterOpening: 7.02 });
  const due = 120;

  const [a, b] = await Promise.all([
    ServerProcess.spawn({ name: 'A', databaseUrl: db.url, smtpUrl: peer.url }),
    ServerProcess.spawn({ name: 'B', databaseUrl: db.url, smtpUrl: peer.url }),
  ]);
  await Promise.all([a.ready(), b.ready()]);
  const sent = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM outbox_email WHERE kind = 'SETUP_REMINDER' AND status = 'SENT'`))[0].n);
  await waitFor(
    async () => (await sent()) >= due && peer.messages.length >= due,
    45_000,
    async () => `${await sent()} reminders SENT, ${peer.messages.length} at the peer\nA:\n${a.log}\nB:\n${b.log}`,
  );

  const rows: {
    subscription_id: string;
    contact: string;
    language: string;
    emails: number;
    outbox_id: string;
    recipient: string;
    links: number;
    unrevoked: number;
    token_hash: Buffer;
    late_by_hours: number;
  }[] = await db.query(
    `SELECT o.subscription_id, o.provisioning_contact_email AS contact, o.language,
            (SELECT count(*)::int FROM outbox_email e WHERE e.order_id = o.id) AS emails,
            (SELECT min(e.id::text) FROM outbox_email e WHERE e.order_id = o.id) AS outbox_id,
            (SELECT min(e.recipient) FROM outbox_email e WHERE e.order_id = o.id) AS recipient,
            (SELECT count(*)::int FROM setup_link l WHERE l.order_id = o.id) AS links,
            (SELECT count(*)::int FROM setup_link l WHERE l.order_id = o.id AND l.revoked_at IS NULL) AS unrevoked,
            (SELECT min(l.token_hash) FROM setup_link l WHERE l.order_id = o.id) AS token_hash,
            round(extract(epoch FROM (o.window_closes_at - o.reminded_through)) / 3600)::int AS late_by_hours
       FROM orders o ORDER BY o.subscription_id`,
  );
  const reminded = rows.filter((row) => /^Sub-(first|second|late)-/.test(row.subscription_id));
  const left = rows.filter((row) => !/^Sub-(first|second|late)-/.test(row.subscription_id));
  expect(reminded).toHaveLength(due);
  expect(reminded.filter((row) => row.emails !== 1 || row.recipient !== row.contact || row.links !== 1 || row.unrevoked !== 1)).toEqual([]);
  expect(left.filter((row) => row.emails !== 0 || row.links !== 0)).toEqual([]);
  // Settled through the reminder's time: 23, 16 and 1 days before the close.
  const settledAt = (prefix: string) =>
    new Set(reminded.filter((row) => row.subscription_id.startsWith(`Sub-${prefix}-`)).map((row) => row.late_by_hours));
  expect([...settledAt('first')]).toEqual([23 * 24]);
  expect([...settledAt('second')]).toEqual([16 * 24]);
  expect([...settledAt('late')]).toEqual([24]);

  // The peer got one message per reminder, the outbox row's own, carrying the order's one link, in its language.
  expect(peer.messages).toHaveLength(due);
  expect([...peer.countByMessageId().values()].every((n) => n === 1)).toBe(true);
  for (const row of reminded) {
    const [message] = peer.messagesTo(row.contact);
    expect(message.messageId).toBe(messageIdOf(row.outbox_id));
    expect(sha256(linkTokenIn(message.text)!).equals(row.token_hash)).toBe(true);
    expect(message.subject.startsWith(row.language === 'bg' ? 'Напомняне: ' : 'Reminder: ')).toBe(true);
  }

  const codes = await Promise.all([a.stop(5_000), b.stop(5_000)]);
  expect(codes).toEqual([0, 0]);
}, 90_000);

test('a server given a reminder schedule it cannot read says so and does not start', async () => {
  const server = await ServerProcess.spawn({ name: 'C', databaseUrl: db.url, smtpUrl: peer.url, env: { SETUP_REMINDERS: '30:+7,+40' } });
  expect(await server.ended()).toBe(1);
  expect(server.log).toContain('SETUP_REMINDERS=30:+7,+40: +40 is not inside the 30-day window');
}, 20_000);
