/**
 * The order lifecycle: booking, the Set up now email on the start date, resends and contact
 * changes before the point of no return, cancelling, closing when the window runs out, reopening.
 * Every email is written to the outbox in the transaction of the change that causes it.
 */
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { EmailKind } from '../mail/outbox-email.entity';
import { enqueueEmail } from '../mail/outbox';
import type { EventType } from '../events/event-types';
import { recordEvent, recordEvents } from '../events/events';
import { ORDER_COLUMNS, orderEventData, orderOfRow } from './order.store';
import { setupLinkEmail, setupReminderEmail } from '../mail/templates';
import { CustomerOrg, TrialStatus } from '../orgs/customer-org.entity';
import { addDays, Clock, utcDate } from '../platform/clock';
import type { Actor } from '../platform/actor';
import { Language, LANGUAGES } from '../platform/messages';
import { problem, Refusal, refuseIfAny, violatesUnique } from '../platform/errors';
import { badInput, checkPage, containsPattern, firstOfEachOwner, Page, PageInput } from '../platform/pagination';
import {
  checkCalendarDate,
  checkEmail,
  checkOptionalText,
  checkText,
  checkWholeNumber,
  isId,
  problems,
  sameEmail,
} from '../platform/validate';
import { Order, OrderStatus, setupWindowDays } from './order.entity';
import { OrderFilter, OrderSort, OrderSortField, OrderSubmitInput } from './order.inputs';
import { ORDER_TALLY_SQL, tallyCount } from './order-tally';
import { queryPrepared } from '../platform/prepared';
import { SetupLink } from './setup-link.entity';
import { addLink, issueLink, linkStatus, revokeLinks, SetupLinkStatus } from './setup-links';
import { ReminderSchedule, reminderRows, reminderTimes } from './setup-reminders';

const SUBSCRIPTION_ID = /^Sub[A-Za-z0-9-]+$/;
const MAX_SEATS = 100_000;

/** The order list's sort fields, as columns of orders. */
const SORT_COLUMNS: Record<OrderSortField, string> = {
  [OrderSortField.REQUESTED_START_DATE]: 'requested_start_date',
  [OrderSortField.CREATED_AT]: 'created_at',
  [OrderSortField.SUBSCRIPTION_ID]: 'subscription_id',
  [OrderSortField.STATUS]: 'status',
  [OrderSortField.WINDOW_CLOSES_AT]: 'window_closes_at',
};

export interface SetupLinkView extends Omit<SetupLink, 'tokenHash'> {
  status: SetupLinkStatus;
}

/** What features above orders do in the transaction of an order's change (wired by the composition, services.ts). */
export interface OrderHooks {
  /** The order was cancelled or handed to another contact: its wizard sessions end, superseded. */
  sessionsSuperseded(m: EntityManager, orderId: string, at: Date): Promise<unknown>;
}

export class OrderService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    /** Called after a commit that queued email, so delivery can start at once. */
    private readonly mailQueued: () => void,
    private readonly hooks: OrderHooks,
    /** When the provisioning contact is reminded before the setup window closes. */
    private readonly reminders: ReminderSchedule,
  ) {}

  find(id: string): Promise<Order | null> {
    return isId(id) ? this.db.getRepository(Order).findOneBy({ id }) : Promise.resolve(null);
  }

  async list(filter: OrderFilter = {}, sort: OrderSort = new OrderSort(), page?: PageInput): Promise<Page<Order>> {
    const matching = this.matching(filter);
    if (!matching) return { nodes: [], totalCount: 0 };
    const { offset, limit } = checkPage(page);
    const where = matching.where.length ? `WHERE ${matching.where.join(' AND ')}` : '';
    // Fixed SQL and rows mapped by hand: building the query and hydrating entities cost the server more than the page.
    const pageOf = (columns: string) =>
      `SELECT ${columns} FROM orders o ${where} ORDER BY o.${SORT_COLUMNS[sort.field]} ${sort.direction}, o.id ${sort.direction} LIMIT ${limit} OFFSET ${offset}`;
    if (matching.byStatusAlone) {
      // One statement and one snapshot: the tally's total on each row of the page (computed once, as an InitPlan). A
      // page without rows (past the end, or no order matching) asks the tally alone. A first page, which most requests
      // ask for, is prepared: its text varies with the sort, the number of statuses and the limit, where every offset
      // would be one more (the limit and offset stay in the text: as parameters, PostgreSQL would plan each run anew).
      const statuses = filter.status?.length ? filter.status : null;
      const [text, parameters] = this.sql(pageOf(`(${tallyCount(':tallyStatuses')}) AS total_count, ${ORDER_COLUMNS}`), {
        ...matching.parameters,
        tallyStatuses: statuses,
      });
      const rows = await (offset === 0 ? queryPrepared(this.db, text, parameters) : this.db.query(text, parameters));
      return { nodes: rows.map(orderOfRow), totalCount: rows.length ? Number(rows[0].total_count) : await this.countByStatus(statuses) };
    }
    const [rows, [counted]] = await Promise.all([
      this.db.query(...this.sql(pageOf(ORDER_COLUMNS), matching.parameters)),
      this.db.query(...this.sql(`SELECT count(*) AS count FROM orders o ${where}`, matching.parameters)),
    ]);
    return { nodes: rows.map(orderOfRow), totalCount: Number(counted.count) };
  }

  /** SQL with :named parameters (TypeORM's, :...list spread) as PostgreSQL's numbered ones. */
  private sql(text: string, parameters: Record<string, unknown>): [string, unknown[]] {
    return this.db.driver.escapeQueryWithParameters(text, parameters);
  }

  /** The orders a list filter selects, as a query on `o` for the CSV export; null when a malformed id can match none. */
  matchingQuery(filter: OrderFilter = {}): SelectQueryBuilder<Order> | null {
    const matching = this.matching(filter);
    if (!matching) return null;
    const query = this.db.getRepository(Order).createQueryBuilder('o');
    for (const condition of matching.where) query.andWhere(condition, matching.parameters);
    return query;
  }

  /**
   * The conditions on `o` (an orders row) a list filter sets, with their :named parameters; null when a malformed
   * id can match none. byStatusAlone: filtered by status alone or not at all.
   */
  private matching(filter: OrderFilter): { where: string[]; parameters: Record<string, unknown>; byStatusAlone: boolean } | null {
    const where: string[] = [];
    const parameters: Record<string, unknown> = {};
    // Filtered by status alone, or not at all, the total comes from the tally instead of count(*).
    let byStatusAlone = true;
    const narrow = (condition: string, values: Record<string, unknown>) => {
      byStatusAlone = false;
      where.push(condition);
      Object.assign(parameters, values);
    };
    if (filter.status?.length) {
      where.push('o.status IN (:...status)');
      parameters.status = filter.status;
    }
    for (const [bound, operator] of [
      ['requestedStartDateFrom', '>='],
      ['requestedStartDateTo', '<='],
    ] as const) {
      const value = filter[bound];
      if (value === undefined || value === null) continue;
      if (checkCalendarDate(bound, value)) throw badInput(`filter.${bound} must be a date written YYYY-MM-DD.`, 'filter');
      narrow(`o.requested_start_date ${operator} :${bound}`, { [bound]: value });
    }
    if (filter.partnerOrgId) {
      if (!isId(filter.partnerOrgId)) return null;
      narrow('o.partner_org_id = :partnerOrgId', { partnerOrgId: filter.partnerOrgId });
    }
    if (filter.customerOrgId) {
      if (!isId(filter.customerOrgId)) return null;
      narrow('(o.customer_org_id = :customerOrgId OR o.trial_customer_org_id = :customerOrgId)', {
        customerOrgId: filter.customerOrgId,
      });
    }
    if (filter.countryCode) {
      narrow(
        `EXISTS (SELECT 1 FROM customer_org c WHERE c.id = coalesce(o.customer_org_id, o.trial_customer_org_id) AND c.country_code = :country)`,
        { country: filter.countryCode.trim().toUpperCase() },
      );
    }
    if (filter.offerCode) narrow('o.offer_code = :offerCode', { offerCode: filter.offerCode.trim() });
    if (filter.search?.trim()) {
      narrow('(o.subscription_id ILIKE :pattern OR o.provisioning_contact_email ILIKE :pattern)', {
        pattern: containsPattern(filter.search),
      });
    }
    return { where, parameters, byStatusAlone };
  }

  /** How many orders are in these statuses (all of them when none are given), from the tally. */
  async countByStatus(statuses?: readonly OrderStatus[] | null): Promise<number> {
    const [row] = await this.db.query(ORDER_TALLY_SQL.count, [statuses?.length ? statuses : null]);
    return Number(row.orders);
  }

  /** Folds the tally's rows into one per status once there are more than a few. */
  async foldTally(): Promise<void> {
    await this.db.query(ORDER_TALLY_SQL.fold);
  }

  /*
   * What a list's orders show of their relations, for many orders at once (one statement each, see
   * order.loaders.ts): rows of all the orders together, in the order each order lists them.
   */

  /** The orders with these ids (read from the database, so uuids) that exist, in no particular order. */
  findByIds(ids: readonly string[]): Promise<Order[]> {
    return ids.length ? this.db.getRepository(Order).findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  /** The orders' Set up now links, newest first (the newest MAX_NESTED_LIST of each), each with its status as of now. */
  async linksOf(orders: readonly Order[]): Promise<SetupLinkView[]> {
    const orderById = new Map(orders.map((order) => [order.id, order]));
    const orderIds = [...orderById.keys()];
    const links = await this.db.getRepository(SetupLink).find({
      where: { orderId: In(orderIds), id: firstOfEachOwner('setup_link', 'order_id', orderIds, 'created_at DESC, id DESC') },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const now = this.clock.now();
    return links.map((link) => ({ ...link, status: linkStatus(link, orderById.get(link.orderId)!, now) }));
  }

  /**
   * The same page of each org's orders (ids read from the database), as list() pages them for the
   * org's filter (newest first): the ids of each page in one statement, their rows in a second, the
   * totals in a third.
   */
  async pagesOfOrgs(kind: 'partner' | 'customer', orgIds: readonly string[], page: PageInput = new PageInput()): Promise<Page<Order>[]> {
    checkPage(page);
    if (orgIds.length === 0) return [];
    const match = kind === 'partner' ? 'o.partner_org_id = k.id' : '(o.customer_org_id = k.id OR o.trial_customer_org_id = k.id)';
    const paged: { org_id: string; id: string }[] = await this.db.query(
      `SELECT k.id AS org_id, p.id FROM unnest($1::uuid[]) AS k(id)
       CROSS JOIN LATERAL (SELECT o.id FROM orders o WHERE ${match} ORDER BY o.created_at DESC, o.id DESC OFFSET $2 LIMIT $3) p`,
      [orgIds, page.offset, page.limit],
    );
    const totals: { org_id: string; total: number }[] = await this.db.query(
      `SELECT k.id AS org_id, (SELECT count(*) FROM orders o WHERE ${match})::int AS total FROM unnest($1::uuid[]) AS k(id)`,
      [orgIds],
    );
    const orderById = new Map((await this.findByIds(paged.map((row) => row.id))).map((order) => [order.id, order]));
    const pages = new Map(totals.map((row) => [row.org_id, { nodes: [] as Order[], totalCount: row.total }]));
    for (const row of paged) pages.get(row.org_id)!.nodes.push(orderById.get(row.id)!);
    return orgIds.map((orgId) => pages.get(orgId) ?? { nodes: [], totalCount: 0 });
  }

  async submit(input: OrderSubmitInput, actor: Actor): Promise<Order> {
    const found = problems(
      checkText('subscriptionId', input.subscriptionId, 64),
      checkText('commerceOrderNumber', input.commerceOrderNumber, 64),
      checkOptionalText('purchaseOrderNumber', input.purchaseOrderNumber, 64),
      checkText('offerCode', input.offerCode, 64),
      checkWholeNumber('seats', input.seats, 1, MAX_SEATS),
      checkCalendarDate('requestedStartDate', input.requestedStartDate),
      checkEmail('provisioningContactEmail', input.provisioningContactEmail),
    );
    if (!found.some((p) => p.field?.[1] === 'subscriptionId') && !SUBSCRIPTION_ID.test(input.subscriptionId.trim())) {
      found.push(problem('INVALID_SUBSCRIPTION_ID', 'subscriptionId'));
    }
    if (input.trialCustomerOrgId !== undefined && input.trialCustomerOrgId !== null && !isId(input.trialCustomerOrgId)) {
      found.push(problem('NOT_FOUND', 'trialCustomerOrgId'));
    }
    const language = input.language ?? 'en';
    if (!LANGUAGES.includes(language as Language)) found.push(problem('INVALID_LANGUAGE', 'language'));
    refuseIfAny(found);

    const now = this.clock.now();
    const order = await this.db
      .transaction(async (m) => {
        if (input.trialCustomerOrgId) await this.checkTrialToConvert(m, input.trialCustomerOrgId);
        if (await m.exists(Order, { where: { subscriptionId: input.subscriptionId.trim() } })) {
          throw Refusal.of('DUPLICATE_SUBSCRIPTION_ID', 'subscriptionId');
        }
        const { identifiers } = await m.insert(Order, {
          subscriptionId: input.subscriptionId.trim(),
          commerceOrderNumber: input.commerceOrderNumber.trim(),
          purchaseOrderNumber: input.purchaseOrderNumber?.trim() || null,
          offerCode: input.offerCode.trim(),
          seats: input.seats,
          requestedStartDate: input.requestedStartDate,
          provisioningContactEmail: input.provisioningContactEmail.trim(),
          status: OrderStatus.BOOKED,
          setupWindowDays: setupWindowDays(input.offerCode),
          trialCustomerOrgId: input.trialCustomerOrgId ?? null,
          language: language as Language,
          remindedThrough: now,
          createdAt: now,
          updatedAt: now,
        });
        const booked = await m.findOneByOrFail(Order, { id: identifiers[0].id });
        if (booked.requestedStartDate <= utcDate(now)) {
          await this.openSetupWindow(m, booked, now);
          await m.save(booked);
        }
        await recordAudit(m, actor, now, { action: 'order.submit', entityType: 'Order', entityId: booked.id, after: booked });
        await recordEvent(m, { type: 'order.submitted', orderId: booked.id, data: orderEventData(booked) }, now);
        return booked;
      })
      .catch((error) => {
        if (violatesUnique(error, 'orders_subscription_id_key')) {
          throw Refusal.of('DUPLICATE_SUBSCRIPTION_ID', 'subscriptionId');
        }
        throw error;
      });
    if (order.status === OrderStatus.AWAITING_PROVISIONING_DETAILS) this.mailQueued();
    return order;
  }

  /** Before the point of no return: cancels the order and revokes its links. */
  cancel(orderId: string, actor: Actor): Promise<Order> {
    return this.change(orderId, actor, 'order.cancel', 'order.cancelled', async (m, order, now) => {
      refuseAtPointOfNoReturn(order);
      order.status = OrderStatus.CANCELLED;
      await revokeLinks(m, order.id, now);
      await this.hooks.sessionsSuperseded(m, order.id, now);
      return true;
    });
  }

  /** A fresh Set up now email with a new link, which revokes every earlier one; the window stays as it is. */
  resendSetupEmail(orderId: string, actor: Actor): Promise<Order> {
    return this.change(orderId, actor, 'order.resendSetupEmail', null, async (m, order, now) => {
      refuseAtPointOfNoReturn(order);
      if (order.status === OrderStatus.BOOKED) throw Refusal.of('ORDER_NOT_AWAITING', 'orderId');
      if (order.status === OrderStatus.CLOSED) throw Refusal.of('ORDER_WINDOW_CLOSED', 'orderId');
      order.setupEmailSentAt = now;
      await this.sendSetupEmail(m, order, now);
      return true;
    });
  }

  /**
   * A new provisioning contact: every earlier link is revoked and the old contact's session ended;
   * while the order awaits details the new contact gets a Set up now email at once.
   */
  changeProvisioningContact(orderId: string, email: string, actor: Actor): Promise<Order> {
    refuseIfAny(problems(checkEmail('email', email)));
    return this.change(orderId, actor, 'order.changeProvisioningContact', 'order.provisioning_contact_changed', async (m, order, now) => {
      refuseAtPointOfNoReturn(order);
      if (sameEmail(order.provisioningContactEmail, email)) return false;
      order.provisioningContactEmail = email.trim();
      await revokeLinks(m, order.id, now);
      await this.hooks.sessionsSuperseded(m, order.id, now);
      if (order.status === OrderStatus.AWAITING_PROVISIONING_DETAILS) {
        order.setupEmailSentAt = now;
        await this.sendSetupEmail(m, order, now);
      }
      return true;
    });
  }

  /** A closed order gets a fresh window and a fresh email. */
  reopen(orderId: string, actor: Actor): Promise<Order> {
    return this.change(orderId, actor, 'order.reopen', 'order.reopened', async (m, order, now) => {
      refuseAtPointOfNoReturn(order);
      if (order.status !== OrderStatus.CLOSED) throw Refusal.of('ORDER_NOT_CLOSED', 'orderId');
      await this.openSetupWindow(m, order, now);
      return true;
    });
  }

  /**
   * Sends the Set up now email of every booked order whose start date (UTC) has come. Each order
   * is claimed with SKIP LOCKED, so several server processes running this at once send each email once.
   */
  async sendDueSetupEmails(batchSize = 100): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const opened = await this.db.transaction(async (m) => {
        const due = await m
          .createQueryBuilder(Order, 'o')
          .where('o.status = :status AND o.requestedStartDate <= :today', { status: OrderStatus.BOOKED, today: utcDate(now) })
          .orderBy('o.requestedStartDate')
          .limit(batchSize)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const order of due) {
          await this.openSetupWindow(m, order, now);
          order.version += 1;
          order.updatedAt = now;
          await m.save(order);
          await recordAudit(m, SYSTEM, now, {
            action: 'order.sendSetupEmail',
            entityType: 'Order',
            entityId: order.id,
            after: { status: order.status },
          });
        }
        return due.length;
      });
      if (opened > 0) this.mailQueued();
      sent += opened;
      if (opened < batchSize) return sent;
    }
  }

  /**
   * Sends the reminders that are due: to the order's contact as it is now, in the order's language, each with a
   * fresh link that revokes none. Only orders still awaiting details inside their window; of several reminders due
   * at once (the server was down) only the latest goes out. Each order is claimed with SKIP LOCKED and its
   * remindedThrough moved in the same transaction, so several processes send each reminder once.
   */
  async sendDueReminders(batchSize = 100): Promise<number> {
    const { windowDays, daysBefore } = reminderRows(this.reminders);
    if (windowDays.length === 0) return 0;
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.db.transaction(async (m) => {
        // The status as a literal, so that the planner matches the partial index on the window of awaiting orders;
        // times in milliseconds, as JavaScript reads them, so that SQL and the check below agree on what is due.
        const due = await m
          .createQueryBuilder(Order, 'o')
          .where(`o.status = '${OrderStatus.AWAITING_PROVISIONING_DETAILS}' AND o.window_closes_at > :now`, { now })
          .andWhere(
            `EXISTS (SELECT 1 FROM unnest(CAST(:windowDays AS int[]), CAST(:daysBefore AS int[])) AS r(window_days, days_before)
              WHERE r.window_days = o.setup_window_days
                AND date_trunc('milliseconds', o.window_closes_at) - make_interval(hours => 24 * r.days_before) <= :now
                AND date_trunc('milliseconds', o.window_closes_at) - make_interval(hours => 24 * r.days_before) > o.reminded_through)`,
            { windowDays, daysBefore },
          )
          .orderBy('o.windowClosesAt')
          .limit(batchSize)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        let reminded = 0;
        for (const order of due) {
          // Judged again on the row as locked: another process may have sent it between this statement's snapshot and
          // the lock, and PostgreSQL's recheck of a locked row does not cover the EXISTS above.
          const at = reminderTimes(this.reminders, order.setupWindowDays, order.windowClosesAt!)
            .filter((time) => time <= now && order.remindedThrough !== null && time > order.remindedThrough)
            .pop();
          if (!at) continue;
          reminded += 1;
          const { token, linkId } = await addLink(m, order, now);
          await enqueueEmail(
            m,
            {
              kind: EmailKind.SETUP_REMINDER,
              orderId: order.id,
              setupLinkId: linkId,
              recipient: order.provisioningContactEmail,
              ...(await setupReminderEmail(order, `${this.publicUrl}/setup/${token}`)),
            },
            now,
          );
          // Not a change of the order anyone edits against: its version stays.
          await m.update(Order, { id: order.id }, { remindedThrough: at });
          await recordAudit(m, SYSTEM, now, {
            action: 'order.sendReminder',
            entityType: 'Order',
            entityId: order.id,
            before: { remindedThrough: order.remindedThrough },
            after: { remindedThrough: at, recipient: order.provisioningContactEmail },
          });
        }
        return { claimed: due.length, reminded };
      });
      if (batch.reminded > 0) this.mailQueued();
      sent += batch.reminded;
      if (batch.claimed < batchSize) return sent;
    }
  }

  /** Closes the orders whose setup window ran out; their links then read EXPIRED. */
  async closeExpiredOrders(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      // For UPDATE ... RETURNING, TypeORM's query() answers [rows, affected].
      type Closed = { id: string; subscription_id: string; commerce_order_number: string; status: OrderStatus; email: string };
      const [closed]: [Closed[], number] = await m.query(
        `UPDATE orders SET status = 'CLOSED', updated_at = $1, version = version + 1
          WHERE status = 'AWAITING_PROVISIONING_DETAILS' AND window_closes_at <= $1
          RETURNING id, subscription_id, commerce_order_number, status, provisioning_contact_email AS email`,
        [now],
      );
      const events = closed.map((row) => ({
        type: 'order.closed' as const,
        orderId: row.id,
        data: orderEventData({
          id: row.id,
          subscriptionId: row.subscription_id,
          commerceOrderNumber: row.commerce_order_number,
          status: row.status,
          provisioningContactEmail: row.email,
        }),
      }));
      await recordEvents(m, events, now);
      return closed.length;
    });
  }

  /** Test and operations hook: a fresh link for an order awaiting details, its token returned once and no email sent. */
  async issueSetupToken(orderId: string): Promise<string> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const order = await m.findOneOrFail(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (order.status !== OrderStatus.AWAITING_PROVISIONING_DETAILS) throw Refusal.of('ORDER_NOT_AWAITING');
      return (await issueLink(m, order, now)).token;
    });
  }

  /** One audited change to one locked order. */
  private async change(
    orderId: string,
    actor: Actor,
    action: string,
    /** The event the change reports to the commerce integration, if any. */
    event: EventType | null,
    /** Makes the change on the locked order; returns false when there was nothing to change. */
    apply: (m: EntityManager, order: Order, now: Date) => Promise<boolean>,
  ): Promise<Order> {
    const now = this.clock.now();
    const order = await this.db.transaction(async (m) => {
      const found = isId(orderId) ? await m.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!found) throw Refusal.of('NOT_FOUND', 'orderId');
      const before = { ...found };
      if (!(await apply(m, found, now))) return found;
      found.version += 1;
      found.updatedAt = now;
      await m.save(found);
      await recordAudit(m, actor, now, { action, entityType: 'Order', entityId: found.id, before, after: found });
      if (event) await recordEvent(m, { type: event, orderId: found.id, data: orderEventData(found) }, now);
      return found;
    });
    this.mailQueued();
    return order;
  }

  /** The email goes out now and the setup window starts; the caller saves the order. */
  private async openSetupWindow(m: EntityManager, order: Order, now: Date): Promise<void> {
    order.status = OrderStatus.AWAITING_PROVISIONING_DETAILS;
    order.setupEmailSentAt = now;
    order.windowClosesAt = addDays(now, order.setupWindowDays);
    await this.sendSetupEmail(m, order, now);
  }

  /**
   * Issues a new link (revoking the earlier ones) and queues its email to the provisioning contact; the reminders
   * due before it are settled, as the contact has a fresh email. The caller saves the order.
   */
  private async sendSetupEmail(m: EntityManager, order: Order, now: Date): Promise<void> {
    order.remindedThrough = now;
    const { token, linkId } = await issueLink(m, order, now);
    await enqueueEmail(
      m,
      {
        kind: EmailKind.SETUP_LINK,
        orderId: order.id,
        setupLinkId: linkId,
        recipient: order.provisioningContactEmail,
        ...(await setupLinkEmail(order, `${this.publicUrl}/setup/${token}`)),
      },
      now,
    );
  }

  /** orderSubmit's check of the trial an order converts, inside the caller's transaction (orderPreflight asks it too). */
  async checkTrialToConvert(m: EntityManager, trialCustomerOrgId: string): Promise<void> {
    const trial = await m.findOneBy(CustomerOrg, { id: trialCustomerOrgId });
    if (!trial) throw Refusal.of('NOT_FOUND', 'trialCustomerOrgId');
    if (trial.trialStatus === TrialStatus.NONE) throw Refusal.of('NOT_A_TRIAL', 'trialCustomerOrgId');
    if (trial.trialStatus === TrialStatus.CONVERTED) throw Refusal.of('TRIAL_CONVERTED', 'trialCustomerOrgId');
  }
}

const SYSTEM: Actor = { kind: 'SYSTEM', id: null };

function refuseAtPointOfNoReturn(order: Order): void {
  if (order.status === OrderStatus.MAPPED) throw Refusal.of('PAST_POINT_OF_NO_RETURN', 'orderId');
  if (order.status === OrderStatus.CANCELLED) throw Refusal.of('ORDER_CANCELLED', 'orderId');
}
