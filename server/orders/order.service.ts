/** The order lifecycle: booking, the Set up now email on the start date, and closing when the window runs out. */
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { CustomerOrg, TrialStatus } from '../orgs/customer-org.entity';
import { addDays, Clock, utcDate } from '../platform/clock';
import type { Actor } from '../platform/context';
import { problem, Refusal, refuseIfAny } from '../platform/errors';
import { checkCalendarDate, checkEmail, checkOptionalText, checkText, checkWholeNumber, isId, problems } from '../platform/validate';
import { Order, OrderStatus, setupWindowDays } from './order.entity';
import { OrderSubmitInput } from './order.inputs';
import { issueLink } from './setup-links';

/** Where a Set up now email goes; the mail issue replaces the logging one with an outbox. */
export interface SetupMailer {
  setupLinkIssued(mail: { order: Order; url: string }): void | Promise<void>;
}

const SUBSCRIPTION_ID = /^Sub[A-Za-z0-9-]+$/;
const MAX_SEATS = 100_000;

export class OrderService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    private readonly mailer: SetupMailer,
  ) {}

  find(id: string): Promise<Order | null> {
    return isId(id) ? this.db.getRepository(Order).findOneBy({ id }) : Promise.resolve(null);
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
    refuseIfAny(found);

    const now = this.clock.now();
    const { order, setupUrl } = await this.db
      .transaction(async (m) => {
        if (input.trialCustomerOrgId) await this.checkTrialToConvert(m, input.trialCustomerOrgId);
        const duplicate = await m.exists(Order, { where: { subscriptionId: input.subscriptionId.trim() } });
        if (duplicate) throw Refusal.of('DUPLICATE_SUBSCRIPTION_ID', 'subscriptionId');
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
          createdAt: now,
          updatedAt: now,
        });
        const booked = await m.findOneByOrFail(Order, { id: identifiers[0].id });
        await recordAudit(m, actor, now, { action: 'order.submit', entityType: 'Order', entityId: booked.id, after: booked });
        if (booked.requestedStartDate > utcDate(now)) return { order: booked, setupUrl: undefined };
        return this.openSetupWindow(m, booked, now);
      })
      .catch((error) => {
        if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'orders_subscription_id_key') {
          throw Refusal.of('DUPLICATE_SUBSCRIPTION_ID', 'subscriptionId');
        }
        throw error;
      });
    if (setupUrl) await this.mailer.setupLinkIssued({ order, url: setupUrl });
    return order;
  }

  /**
   * Sends the Set up now email of every booked order whose start date has come. Each order is
   * claimed with SKIP LOCKED, so several server processes running this at once send each email once.
   */
  async sendDueSetupEmails(batchSize = 100): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const issued = await this.db.transaction(async (m) => {
        const due = await m
          .createQueryBuilder(Order, 'o')
          .where('o.status = :status AND o.requestedStartDate <= :today', { status: OrderStatus.BOOKED, today: utcDate(now) })
          .orderBy('o.requestedStartDate')
          .limit(batchSize)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const mails = [];
        for (const order of due) mails.push(await this.openSetupWindow(m, order, now));
        return mails;
      });
      for (const { order, setupUrl } of issued) await this.mailer.setupLinkIssued({ order, url: setupUrl });
      sent += issued.length;
      if (issued.length < batchSize) return sent;
    }
  }

  /** Closes the orders whose setup window ran out; their links then read EXPIRED. */
  async closeExpiredOrders(): Promise<number> {
    const now = this.clock.now();
    const result = await this.db
      .createQueryBuilder()
      .update(Order)
      .set({ status: OrderStatus.CLOSED, updatedAt: now, version: () => 'version + 1' })
      .where('status = :status AND window_closes_at <= :now', { status: OrderStatus.AWAITING_PROVISIONING_DETAILS, now })
      .execute();
    return result.affected ?? 0;
  }

  /** Test and operations hook: a fresh Set up now link for an order awaiting details, returned once. */
  async issueSetupToken(orderId: string): Promise<string> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const order = await m.findOneOrFail(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (order.status !== OrderStatus.AWAITING_PROVISIONING_DETAILS) throw Refusal.of('ORDER_NOT_AWAITING');
      return issueLink(m, order, now);
    });
  }

  private async openSetupWindow(m: EntityManager, order: Order, now: Date): Promise<{ order: Order; setupUrl: string }> {
    order.status = OrderStatus.AWAITING_PROVISIONING_DETAILS;
    order.setupEmailSentAt = now;
    order.windowClosesAt = addDays(now, order.setupWindowDays);
    order.updatedAt = now;
    order.version += 1;
    await m.update(
      Order,
      { id: order.id },
      {
        status: order.status,
        setupEmailSentAt: now,
        windowClosesAt: order.windowClosesAt,
        updatedAt: now,
        version: order.version,
      },
    );
    const token = await issueLink(m, order, now);
    return { order, setupUrl: `${this.publicUrl}/setup/${token}` };
  }

  private async checkTrialToConvert(m: EntityManager, trialCustomerOrgId: string): Promise<void> {
    const trial = await m.findOneBy(CustomerOrg, { id: trialCustomerOrgId });
    if (!trial) throw Refusal.of('NOT_FOUND', 'trialCustomerOrgId');
    if (trial.trialStatus === TrialStatus.NONE) throw Refusal.of('NOT_A_TRIAL', 'trialCustomerOrgId');
    if (trial.trialStatus === TrialStatus.CONVERTED) throw Refusal.of('TRIAL_CONVERTED', 'trialCustomerOrgId');
  }
}
