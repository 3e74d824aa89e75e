/**
 * Webhook deliveries per second to a receiver on the loopback: an embedded PostgreSQL in a temporary directory, the
 * server's own WebhookDelivery (server/webhooks/delivery.ts) on a pool of the server's size, and a node:http receiver
 * that answers 200 at once. Events are recorded as the server records them (recordEvents, one endpoint subscribed),
 * then delivered until none is left; the time covers claiming, signing, the POST and recording each attempt.
 *
 *   npm run bench:webhooks                       (BENCH_EVENTS=4000 by default)
 *
 * Three shapes: every event of its own order (no waiting on order), five events per order (a later one waits for the
 * earlier), and two delivery runs at once on one database (two server processes, each claiming with SKIP LOCKED).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createDataSource, migrate } from '../../server/db/data-source';
import { NewEvent, recordEvents } from '../../server/events/events';
import { systemClock } from '../../server/platform/clock';
import { WebhookDelivery } from '../../server/webhooks/delivery';
import { startDatabase } from './env';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wxcc-webhooks-bench-'));
  const bench = await startDatabase(dir);
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const db = createDataSource({ url: bench.db.url });
  await db.initialize();
  try {
    await migrate(db);
    await db.query(
      `INSERT INTO webhook_endpoint (url, events, description, secret, enabled, created_at, updated_at)
       VALUES ($1, '{order.submitted}', 'bench', 'whsec_bench', true, now(), now())`,
      [url],
    );
    const settings = { allowPrivate: true, timeoutMs: 10_000 };
    const logger = pino({ level: 'silent' });
    const rows: string[][] = [];

    const run = async (label: string, perOrder: number, runs: number) => {
      const events: NewEvent[] = [];
      for (let i = 0; i < EVENTS; i += 1) {
        const order = Math.floor(i / perOrder);
        const orderId = `00000000-0000-4000-8000-${String(order).padStart(12, '0')}`;
        events.push({ type: 'order.submitted', orderId, data: { orderId, n: i } });
      }
      // Recorded in batches of 500, as many transactions of the server would.
      for (let i = 0; i < events.length; i += 500) {
        await db.transaction((m) => recordEvents(m, events.slice(i, i + 500), systemClock.now()));
      }
      received = 0;
      const deliveries = Array.from({ length: runs }, () => new WebhookDelivery(db, systemClock, settings, logger));
      const started = performance.now();
      const results = await Promise.all(deliveries.map((d) => d.deliverDue()));
      const seconds = (performance.now() - started) / 1000;
      const delivered = results.reduce((sum, r) => sum + r.delivered, 0);
      const failed = results.reduce((sum, r) => sum + r.failed, 0);
      if (delivered !== EVENTS || failed !== 0 || received !== EVENTS) {
        throw new Error(`${label}: ${delivered} delivered, ${failed} failed, ${received} received of ${EVENTS}`);
      }
      rows.push([label, String(EVENTS), seconds.toFixed(2), (EVENTS / seconds).toFixed(0)]);
      await db.query(`UPDATE event_delivery SET status = 'DELIVERED' WHERE status = 'PENDING'`);
    };

    await run('warm-up (discarded)', 1, 1);
    rows.length = 0;
    await run('each event of its own order', 1, 1);
    await run('five events per order', 5, 1);
    await run('two processes, each event of its own order', 1, 2);

    console.log(`Webhook deliveries to a receiver on 127.0.0.1 (4 workers a process, pool of 10, ${EVENTS} events a row):\n`);
    const widths = [44, 8, 10, 14];
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('');
    console.log(line(['shape', 'events', 'seconds', 'deliveries/s']));
    for (const row of rows) console.log(line(row));
  } finally {
    await db.destroy();
    receiver.close();
    await bench.admin.end();
    await bench.db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
