/**
 * The outbox: an email is written in the transaction of the change that causes it, so it exists
 * exactly when the change does; delivery happens after commit, with retries and backoff, each row
 * claimed with SKIP LOCKED so that several processes deliver it once.
 */
import type { Transporter } from 'nodemailer';
import { registerEnumType } from 'type-graphql';
import type { Logger } from 'pino';
import { DataSource, EntityManager, In } from 'typeorm';
import { recordAudit } from '../audit/audit';
import type { EventType } from '../events/event-types';
import { recordEvent } from '../events/events';
import type { Clock } from '../platform/clock';
import type { Actor } from '../platform/context';
import { Refusal } from '../platform/errors';
import { faultPoint } from '../platform/faults';
import { firstOfEachOwner, Page, PageInput, pageOf } from '../platform/pagination';
import { isId } from '../platform/validate';
import { maskEmail } from '../platform/logging';
import { countDelivery } from '../platform/telemetry';
import { EmailKind, EmailStatus, OutboxEmail } from './outbox-email.entity';
import type { RenderedEmail } from './templates';

const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 60 * 60;
const LINK_TOKEN = /\/setup\/wxl_[A-Za-z0-9_-]+/g;

/** The emails whose delivery the commerce integration is told of, with the event it gets (in the transaction marking them SENT). */
const SENT_EVENT: Partial<Record<EmailKind, EventType>> = {
  [EmailKind.SETUP_LINK]: 'order.setup_email_sent',
  [EmailKind.DELEGATED_SETUP_LINK]: 'order.setup_email_sent',
  [EmailKind.SETUP_REMINDER]: 'order.reminder_sent',
};

export interface QueuedEmail extends RenderedEmail {
  kind: EmailKind;
  /** null only for an email about no order (WEBHOOK_ENDPOINT_DISABLED, to staff). */
  orderId: string | null;
  setupLinkId?: string | null;
  recipient: string;
}

const INSERT_EMAIL = `INSERT INTO outbox_email (kind, order_id, setup_link_id, recipient, subject, text_body, html_body, status, next_attempt_at, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

export async function enqueueEmail(m: EntityManager, email: QueuedEmail, now: Date): Promise<void> {
  await m.query(INSERT_EMAIL, [
    email.kind,
    email.orderId,
    email.setupLinkId ?? null,
    email.recipient,
    email.subject,
    email.text,
    email.html,
    EmailStatus.PENDING,
    now,
    now,
  ]);
}

/** Delay before attempt n+1 after n failures: 30 s, 1 min, 2 min, ... at most an hour. */
export function retryDelaySeconds(failures: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_SECONDS);
}

/** How many waiting emails one statement of logUndeliverable claims: a backlog is logged in batches, never read whole. */
const LOG_BATCH = 500;

/**
 * Without SMTP_URL: claims emails waiting and not logged yet, stamps them logged and returns what the log says of them,
 * in one statement (another replica's claim is skipped, not waited for).
 */
const LOG_UNDELIVERABLE = `UPDATE outbox_email SET logged_at = $2
  WHERE id IN (SELECT id FROM outbox_email WHERE status = $1 AND logged_at IS NULL ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING id, kind, recipient, subject, text_body`;

/** Why an email is not delivered yet, as staff read it in the outbox. */
export enum EmailWaitReason {
  NO_RELAY = 'NO_RELAY',
  RELAY_REFUSED = 'RELAY_REFUSED',
  DUE = 'DUE',
}
registerEnumType(EmailWaitReason, {
  name: 'EmailWaitReason',
  description: 'Why an outbox email is still waiting.',
  valuesConfig: {
    NO_RELAY: { description: 'No mail relay is configured (no SMTP_URL): it stays in the outbox until one is and the server restarts.' },
    RELAY_REFUSED: {
      description: 'The relay refused or could not be reached at the last attempt (lastError says why); retried at nextAttemptAt.',
    },
    DUE: { description: 'Waiting for its first delivery attempt, due at nextAttemptAt.' },
  },
});

export interface DeliveryResult {
  sent: number;
  failed: number;
}

export class MailDelivery {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    /** null without SMTP_URL: emails stay in the outbox and their text is logged once. */
    private readonly transport: Transporter | null,
    private readonly logger: Logger,
    private readonly from: string,
    /** Whether undeliverable emails have their text (with its link) logged: not in production. */
    private readonly logText: boolean,
  ) {}

  /** Why this email waits; null once the relay accepted it. */
  waitReason(email: OutboxEmail): EmailWaitReason | null {
    if (email.status === EmailStatus.SENT) return null;
    if (!this.transport) return EmailWaitReason.NO_RELAY;
    return email.attempts > 0 ? EmailWaitReason.RELAY_REFUSED : EmailWaitReason.DUE;
  }

  /** The outbox as staff see it, newest first. */
  list(filter: { status?: EmailStatus | null; kind?: EmailKind | null } = {}, page?: PageInput): Promise<Page<OutboxEmail>> {
    const query = this.db.getRepository(OutboxEmail).createQueryBuilder('e').orderBy('e.createdAt', 'DESC').addOrderBy('e.id');
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
    return pageOf(query, page);
  }

  /** A representative's "retry now" for an email still waiting after a failure: it is due at once, and delivered. */
  async retryNow(id: string, actor: Actor): Promise<OutboxEmail> {
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      const email = isId(id) ? await m.findOne(OutboxEmail, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!email) throw Refusal.of('NOT_FOUND', 'id');
      if (email.status === EmailStatus.SENT) throw Refusal.of('EMAIL_ALREADY_SENT', 'id');
      await m.update(OutboxEmail, { id }, { nextAttemptAt: now });
      await recordAudit(m, actor, now, {
        action: 'outboxEmail.retry',
        entityType: 'OutboxEmail',
        entityId: id,
        before: { nextAttemptAt: email.nextAttemptAt },
        after: { nextAttemptAt: now },
      });
    });
    await this.deliverDue();
    return this.db.getRepository(OutboxEmail).findOneByOrFail({ id });
  }

  /** The emails not delivered yet and the age of the oldest, in seconds: one scan of the pending rows' index. */
  /** The orders' emails, newest first (the newest MAX_NESTED_LIST of each), for many orders at once (outbox.loaders.ts). */
  emailsOf(orderIds: readonly string[]): Promise<OutboxEmail[]> {
    return this.db.getRepository(OutboxEmail).find({
      where: { orderId: In([...orderIds]), id: firstOfEachOwner('outbox_email', 'order_id', orderIds, 'created_at DESC, id DESC') },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  async backlog(): Promise<{ waiting: number; oldestAgeSeconds: number }> {
    // The status as a literal, so that the planner matches the partial index on pending rows.
    const [row] = await this.db.query(
      `SELECT count(*)::int AS waiting, min(created_at) AS oldest FROM outbox_email WHERE status = '${EmailStatus.PENDING}'`,
    );
    const oldest: Date | null = row.oldest;
    return { waiting: row.waiting, oldestAgeSeconds: oldest ? Math.max(0, (this.clock.now().getTime() - oldest.getTime()) / 1000) : 0 };
  }

  /** Delivers every email that is due, one row per transaction; returns what was sent and what failed this time. */
  async deliverDue(): Promise<DeliveryResult> {
    if (!this.transport) {
      await this.logUndeliverable();
      return { sent: 0, failed: 0 };
    }
    const result = { sent: 0, failed: 0 };
    for (;;) {
      const outcome = await this.deliverOne(this.transport);
      if (outcome === 'none') return result;
      result[outcome] += 1;
      countDelivery(outcome);
    }
  }

  private async deliverOne(transport: Transporter): Promise<'sent' | 'failed' | 'none'> {
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const email = await m
        .createQueryBuilder(OutboxEmail, 'e')
        .where('e.status = :pending AND e.nextAttemptAt <= :now', { pending: EmailStatus.PENDING, now })
        .orderBy('e.nextAttemptAt')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!email) return 'none';
      try {
        // The Message-ID is the outbox row's, so a relay or a mailbox can tell a retried delivery from a new email.
        await transport.sendMail({
          messageId: `<${email.id}@outbox.wxcc-provisioning>`,
          from: this.from,
          to: email.recipient,
          subject: email.subject,
          text: email.textBody,
          html: email.htmlBody,
        });
      } catch (error) {
        const attempts = email.attempts + 1;
        await m.update(
          OutboxEmail,
          { id: email.id },
          {
            attempts,
            lastError: String((error as Error).message ?? error).slice(0, 500),
            nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000),
          },
        );
        this.logger.warn({ emailId: email.id, attempts }, 'email delivery failed; will retry');
        return 'failed';
      }
      faultPoint('mail.accepted');
      // Once delivered, the link's token has no reason to stay in the database.
      await m.update(
        OutboxEmail,
        { id: email.id },
        {
          status: EmailStatus.SENT,
          attempts: email.attempts + 1,
          sentAt: now,
          lastError: null,
          textBody: email.textBody.replace(LINK_TOKEN, '/setup/[delivered]'),
          htmlBody: email.htmlBody.replace(LINK_TOKEN, '/setup/[delivered]'),
        },
      );
      const event = SENT_EVENT[email.kind];
      if (event && email.orderId)
        await recordEvent(
          m,
          { type: event, orderId: email.orderId, data: { orderId: email.orderId, emailId: email.id, kind: email.kind } },
          now,
        );
      return 'sent';
    });
  }

  private async logUndeliverable(): Promise<void> {
    for (;;) {
      // TypeORM answers an UPDATE with [rows, count].
      const [emails]: [{ id: string; kind: string; recipient: string; subject: string; text_body: string }[], number] = await this.db.query(
        LOG_UNDELIVERABLE,
        [EmailStatus.PENDING, this.clock.now(), LOG_BATCH],
      );
      for (const email of emails) {
        // Outside production the text is logged so that a person running locally can click the link (API.md).
        const text = this.logText ? `\n${email.text_body}` : '';
        this.logger.info(
          { emailId: email.id, kind: email.kind },
          `email kept in the outbox (no SMTP_URL) to ${maskEmail(email.recipient)}: ${email.subject}${text}`,
        );
      }
      if (emails.length < LOG_BATCH) return;
    }
  }
}
