/**
 * Delivers the events queued for webhook endpoints (event_delivery, written with each event). A few workers each
 * claim one due delivery at a time with SKIP LOCKED and hold its row while they POST, so several processes deliver
 * each one once in the common case; a process killed mid-POST leaves the row PENDING and it goes out again (at least
 * once; the receiver dedupes on Webhook-Id). A delivery waits while an earlier event of the same order is still
 * pending for that endpoint, so events of one order arrive in order; a receiver that hangs is cut off after the
 * timeout and holds only its own worker. Failures retry with exponential backoff for three days; an endpoint that has
 * failed for three days is disabled.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../platform/clock';
import { faultPoint } from '../platform/faults';
import { checkDestination, guardedLookup, PrivateAddressError } from './destination';
import { WebhookAttemptOutcome } from './webhook-attempt.entity';
import type { WebhookSettings } from './webhook.service';

const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 4 * 60 * 60;
/** How long deliveries are retried, and how long an endpoint may fail before it is disabled. */
export const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
/** Deliveries in flight at once in one process. */
const WORKERS = 4;
const EXCERPT_CHARACTERS = 512;

/** Delay before attempt n+1 after n failures: 30 s, 1 min, 2 min, ... at most 4 hours. */
export function webhookRetryDelaySeconds(failures: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_SECONDS);
}

/** The Webhook-Signature header of a body sent at `unixSeconds`: t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">. */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

interface Claimed {
  id: string;
  event_id: string;
  endpoint_id: string;
  attempts: number;
  created_at: Date;
  type: string;
  event_created_at: Date;
  api_version: string;
  data: Record<string, unknown>;
  url: string;
  secret: string;
  failing_since: Date | null;
}

/** The first due delivery no other worker holds and no earlier event of its order waits before, locked. */
const CLAIM = `SELECT d.id, d.event_id, d.endpoint_id, d.attempts, d.created_at, e.type, e.created_at AS event_created_at,
    e.api_version, e.data, w.url, w.secret, w.failing_since
  FROM event_delivery d
  JOIN webhook_endpoint w ON w.id = d.endpoint_id AND w.enabled
  JOIN integration_event e ON e.id = d.event_id
  WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1
    AND NOT (d.order_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM event_delivery p
       WHERE p.endpoint_id = d.endpoint_id AND p.order_id = d.order_id AND p.status = 'PENDING' AND p.event_seq < d.event_seq))
  ORDER BY d.next_attempt_at, d.event_seq
  LIMIT 1
  FOR UPDATE OF d SKIP LOCKED`;

/** How many deliveries are due, up to the number of workers. */
const DUE = `SELECT count(*)::int AS due FROM (SELECT 1 FROM event_delivery WHERE status = 'PENDING' AND next_attempt_at <= $1 LIMIT $2) d`;

const INSERT_ATTEMPT = `INSERT INTO webhook_attempt
  (delivery_id, event_id, endpoint_id, attempted_at, outcome, latency_ms, response_code, response_excerpt, error)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

export interface WebhookPostResult {
  outcome: WebhookAttemptOutcome;
  latencyMs: number;
  responseCode: number | null;
  excerpt: string | null;
  error: string | null;
}

export interface WebhookDeliveryResult {
  delivered: number;
  failed: number;
}

export class WebhookDelivery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
    /** Told of an endpoint disabled after three days of failures, in the transaction that disabled it. */
    private readonly endpointDisabled: (
      m: EntityManager,
      endpoint: { id: string; url: string },
      now: Date,
    ) => Promise<void> = async () => {},
  ) {}

  /** Delivers everything due, several at once; returns what was delivered and what failed this time. */
  async deliverDue(): Promise<WebhookDeliveryResult> {
    const result = { delivered: 0, failed: 0 };
    // One cheap look first (the partial index of pending rows): most runs find nothing due, and start no worker.
    const [{ due }]: { due: number }[] = await this.db.query(DUE, [this.clock.now(), WORKERS]);
    if (due === 0) return result;
    await Promise.all(
      Array.from({ length: due }, async () => {
        for (;;) {
          const outcome = await this.deliverOne();
          if (outcome === 'none') return;
          result[outcome] += 1;
        }
      }),
    );
    return result;
  }

  private deliverOne(): Promise<'delivered' | 'failed' | 'none'> {
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const [claimed]: Claimed[] = await m.query(CLAIM, [now]);
      if (!claimed) return 'none';
      const body = JSON.stringify({
        id: claimed.event_id,
        type: claimed.type,
        createdAt: claimed.event_created_at.toISOString(),
        apiVersion: claimed.api_version,
        data: claimed.data,
      });
      const sentAt = Math.floor(now.getTime() / 1000);
      const posted = await this.post(claimed.url, body, {
        'Webhook-Signature': webhookSignature(claimed.secret, sentAt, body),
        'Webhook-Id': claimed.event_id,
      });
      const attempts = claimed.attempts + 1;
      await m.query(INSERT_ATTEMPT, [
        claimed.id,
        claimed.event_id,
        claimed.endpoint_id,
        now,
        posted.outcome,
        posted.latencyMs,
        posted.responseCode,
        posted.excerpt,
        posted.error,
      ]);
      if (posted.outcome === WebhookAttemptOutcome.SUCCEEDED) {
        faultPoint('webhook.accepted');
        await m.query(`UPDATE event_delivery SET status = 'DELIVERED', attempts = $2, delivered_at = $3 WHERE id = $1`, [
          claimed.id,
          attempts,
          now,
        ]);
        if (claimed.failing_since) await m.query(`UPDATE webhook_endpoint SET failing_since = NULL WHERE id = $1`, [claimed.endpoint_id]);
        return 'delivered';
      }
      const givenUp = now.getTime() - claimed.created_at.getTime() >= GIVE_UP_AFTER_MS;
      await m.query(`UPDATE event_delivery SET status = $2, attempts = $3, next_attempt_at = $4 WHERE id = $1`, [
        claimed.id,
        givenUp ? 'FAILED' : 'PENDING',
        attempts,
        new Date(now.getTime() + webhookRetryDelaySeconds(attempts) * 1000),
      ]);
      const failingSince = claimed.failing_since ?? now;
      if (now.getTime() - failingSince.getTime() >= GIVE_UP_AFTER_MS) {
        const [[disabled]]: [{ id: string; url: string }[], number] = await m.query(
          `UPDATE webhook_endpoint SET enabled = false, disabled_at = $2, updated_at = $2 WHERE id = $1 AND enabled RETURNING id, url`,
          [claimed.endpoint_id, now],
        );
        if (disabled) {
          this.logger.warn({ endpointId: disabled.id }, 'webhook endpoint disabled after three days of failed deliveries');
          await this.endpointDisabled(m, disabled, now);
        }
      } else if (!claimed.failing_since) {
        await m.query(`UPDATE webhook_endpoint SET failing_since = $2 WHERE id = $1 AND failing_since IS NULL`, [claimed.endpoint_id, now]);
      }
      this.logger.warn(
        { deliveryId: claimed.id, endpointId: claimed.endpoint_id, attempts, outcome: posted.outcome },
        'webhook delivery failed',
      );
      return 'failed';
    });
  }

  /** One POST, cut off after the timeout; never throws. */
  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookPostResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const refused = isIP(target.hostname.replace(/^\[(.*)\]$/, '$1'))
      ? await checkDestination(target, this.settings.allowPrivate)
      : undefined;
    if (refused) {
      return {
        outcome: WebhookAttemptOutcome.REFUSED,
        latencyMs: 0,
        responseCode: null,
        excerpt: null,
        error: `${target.hostname} is not a public address`,
      };
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<WebhookPostResult>((resolve) => {
      const signal = AbortSignal.timeout(this.settings.timeoutMs);
      const request = send(
        target,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'wxcc-provisioning-webhooks', ...headers },
          lookup: guardedLookup(this.settings.allowPrivate),
          signal,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (text.length < EXCERPT_CHARACTERS) text += chunk;
          });
          response.on('end', () => {
            const code = response.statusCode ?? 0;
            resolve({
              outcome: code >= 200 && code < 300 ? WebhookAttemptOutcome.SUCCEEDED : WebhookAttemptOutcome.FAILED,
              latencyMs: latency(),
              responseCode: code,
              excerpt: text.slice(0, EXCERPT_CHARACTERS),
              error: null,
            });
          });
          response.on('error', (error) => resolve(failure(error, response.statusCode ?? null)));
          // After 'end' this changes nothing; before it (cut off mid-answer), the attempt failed.
          response.on('close', () =>
            resolve(failure(new Error('the connection closed before the answer ended'), response.statusCode ?? null)),
          );
        },
      );
      const failure = (error: Error, responseCode: number | null = null): WebhookPostResult => ({
        outcome: signal.aborted
          ? WebhookAttemptOutcome.TIMED_OUT
          : error instanceof PrivateAddressError
            ? WebhookAttemptOutcome.REFUSED
            : WebhookAttemptOutcome.FAILED,
        latencyMs: latency(),
        responseCode,
        excerpt: null,
        error: signal.aborted ? `no answer within ${this.settings.timeoutMs} ms` : String(error.message).slice(0, 500),
      });
      request.on('error', (error) => resolve(failure(error)));
      request.end(body);
    });
  }
}
