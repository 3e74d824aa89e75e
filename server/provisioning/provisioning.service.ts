/**
 * The order setup wizard: one method per step. Each step runs in one transaction on the locked
 * session row and writes nothing until its rules pass. Confirmation re-checks every rule with
 * fresh facts on the locked order and maps it: the point of no return.
 */
import { DataSource, EntityManager, EntityNotFoundError, FindOptionsWhere, In } from 'typeorm';
import { recordAudit, recordAudits, type AuditEntry } from '../audit/audit';
import { recordEvent as recordIntegrationEvent } from '../events/events';
import { Case, CaseKind } from '../cases/case.entity';
import { openCase } from '../cases/case.store';
import { countriesByCode, countryByCode } from '../countries/country.service';
import { SupportedCountry } from '../countries/supported-country.entity';
import { Order, OrderStatus } from '../orders/order.entity';
import { orderEventData, recordContactLanguage, writeMapping, writeProvisioningContact } from '../orders/order.store';
import { issueLink, LINK_REFUSAL, linkStatus, orderBlock, revokeLinks, SetupLinkStatus } from '../orders/setup-links';
import { EmailKind } from '../mail/outbox-email.entity';
import { enqueueEmail } from '../mail/outbox';
import { delegatedSetupLinkEmail, welcomeEmail } from '../mail/templates';
import { CustomerOrg, TrialStatus } from '../orgs/customer-org.entity';
import { isEmailTaken, membershipOf, membershipsOf } from '../orgs/memberships';
import { adoptCustomerOrg, createCustomerOrg, createPartnerOrg } from '../orgs/org.store';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { invalidCredential, type WizardSessionKey } from '../platform/auth';
import type { Clock } from '../platform/clock';
import type { Language } from '../platform/messages';
import { Refusal, refuseIfAny } from '../platform/errors';
import { countStep } from '../platform/telemetry';
import { hashToken, newToken, TOKEN_PREFIX } from '../platform/tokens';
import { checkText, isId, problems } from '../platform/validate';
import { ProvisioningSession, SessionEventKind, SessionStatus } from './provisioning-session.entity';
import {
  completeSession,
  endSession,
  endSessions,
  endSessionsOfOpenedOrder,
  isIdle,
  orderOfLink,
  lockOrderThenSession,
  lockSession,
  lockSessionWithOrder,
  openSession,
  recordEvent,
  SessionKey,
  tokenMay,
  writeAnswer,
} from './sessions';
import {
  AnswerStep,
  currentStep,
  CustomerOrgChoice,
  customerAdminProblems,
  customerCompanyProblems,
  customerOrgChoices,
  customerOrgProblems,
  delegateProblems,
  Draft,
  mayAnswer,
  Membership,
  PartnerOrgInput,
  partnerOrgProblems,
  SetupPerformer,
  SetupRole,
  withAnswer,
  WizardStep,
} from './steps';

export interface LinkInfo {
  status: SetupLinkStatus;
  order: Order | null;
}

/** Who acts in the wizard: the session of their token, and the language they use it in (the order's emails follow it). */
export interface WizardCaller {
  session: WizardSessionKey;
  language: Language;
}

export interface Confirmation {
  session: ProvisioningSession;
  order: Order;
  partnerOrg: PartnerOrg | null;
  customerOrg: CustomerOrg;
}

export class ProvisioningService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    /** Called after a commit that queued email, so delivery can start at once. */
    private readonly mailQueued: () => void,
  ) {}

  async linkInfo(token: string): Promise<LinkInfo> {
    const found = await orderOfLink(this.db.manager, token, { lock: false });
    const status = linkStatus(found?.link ?? null, found?.order ?? null, this.clock.now());
    return { status, order: status === SetupLinkStatus.VALID ? found!.order : null };
  }

  /**
   * Opening a link: a new session, and the end (SUPERSEDED) of any session still active for the order. The order's
   * emails are in the language the contact opened it in from now on.
   */
  async start(token: string, language: Language): Promise<{ session: ProvisioningSession; sessionToken: string }> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const opened = await orderOfLink(m, token, { lock: true });
      const status = linkStatus(opened?.link ?? null, opened?.order ?? null, now);
      if (status !== SetupLinkStatus.VALID) throw Refusal.of(LINK_REFUSAL[status], 'token');
      const { link, order } = opened!;
      if (order.language !== language) await recordContactLanguage(m, order.id, language);
      await endSessionsOfOpenedOrder(m, order.id, now);
      const sessionToken = newToken(TOKEN_PREFIX.wizardSession);
      const session = await openSession(
        m,
        { orderId: order.id, setupLinkId: link.id, tokenHash: hashToken(sessionToken), contactEmail: order.provisioningContactEmail },
        now,
      );
      return { session, sessionToken };
    });
  }

  /**
   * The caller's own session, which its token may read in any status (the final result): one idle for
   * IDLE_MINUTES is ended EXPIRED first, so that the token stops working when the session does.
   */
  async callerSession(sessionId: string): Promise<ProvisioningSession | null> {
    const now = this.clock.now();
    const session = await this.db.getRepository(ProvisioningSession).findOneBy({ id: sessionId });
    if (!session || !isIdle(session, now)) return session;
    return this.db.transaction(async (m) => {
      const locked = await lockSession(m, sessionId);
      return isIdle(locked, now) ? endSession(m, locked, SessionStatus.EXPIRED, now) : locked;
    });
  }

  sessionById(id: string): Promise<ProvisioningSession | null> {
    return isId(id) ? this.db.getRepository(ProvisioningSession).findOneBy({ id }) : Promise.resolve(null);
  }

  /** Step 3's review, for many sessions at once: the partner org each contact already belongs to. */
  async partnerOrgsForReview(sessions: readonly ProvisioningSession[]): Promise<(PartnerOrg | null)[]> {
    const members = await membershipsOf(
      this.db.manager,
      sessions.map((session) => session.contactEmail),
    );
    const orgs = await this.orgsOf(PartnerOrg, members, 'PARTNER');
    return sessions.map((session) => orgs.get(members.get(session.contactEmail.trim())?.orgId ?? '') ?? null);
  }

  /** Step 6's verification, for many sessions at once: the customer org each chosen administrator already belongs to. */
  async existingCustomerOrgs(sessions: readonly ProvisioningSession[]): Promise<(CustomerOrg | null)[]> {
    const emails = sessions.map((session) => session.draft.customerAdminEmail?.trim() ?? '');
    const members = await membershipsOf(this.db.manager, emails.filter(Boolean));
    const orgs = await this.orgsOf(CustomerOrg, members, 'CUSTOMER');
    return emails.map((email) => orgs.get(members.get(email)?.orgId ?? '') ?? null);
  }

  /** Step 6's choices that can work, for many sessions at once: the step's own rule on the facts it reads. */
  async customerOrgChoicesOf(sessions: readonly ProvisioningSession[]): Promise<CustomerOrgChoice[][]> {
    const emails = sessions.map((session) => session.draft.customerAdminEmail?.trim() ?? '');
    const members = await membershipsOf(this.db.manager, emails.filter(Boolean));
    const orgs = await this.orgsOf(CustomerOrg, members, 'CUSTOMER');
    const trials = await this.trialOrgsOf(sessions);
    const now = this.clock.now();
    return sessions.map((_session, at) => {
      const admin = members.get(emails[at]) ?? null;
      const existingOrg = admin?.kind === 'CUSTOMER' ? (orgs.get(admin.orgId) ?? null) : null;
      return customerOrgChoices(emails[at] !== '', { admin, existingOrg, trialOrg: trials[at], now });
    });
  }

  /** The trial org each session's order converts, for many sessions at once; null for an order that converts none. */
  async trialOrgsOf(sessions: readonly ProvisioningSession[]): Promise<(CustomerOrg | null)[]> {
    const orderIds = [...new Set(sessions.map((session) => session.orderId))];
    const orders = await this.db.getRepository(Order).find({ select: { id: true, trialCustomerOrgId: true }, where: { id: In(orderIds) } });
    const trialOf = new Map(orders.map((order) => [order.id, order.trialCustomerOrgId]));
    const trialIds = [...new Set(orders.flatMap((order) => (order.trialCustomerOrgId ? [order.trialCustomerOrgId] : [])))];
    const trials = trialIds.length ? await this.db.getRepository(CustomerOrg).findBy({ id: In(trialIds) }) : [];
    const byId = new Map(trials.map((org) => [org.id, org]));
    return sessions.map((session) => byId.get(trialOf.get(session.orderId) ?? '') ?? null);
  }

  /** The orgs of one kind among these memberships, by id. */
  private async orgsOf<T extends PartnerOrg | CustomerOrg>(
    entity: new () => T,
    members: Map<string, Membership>,
    kind: Membership['kind'],
  ): Promise<Map<string, T>> {
    const ids = [...new Set([...members.values()].filter((member) => member.kind === kind).map((member) => member.orgId))];
    const orgs = ids.length ? await this.db.getRepository(entity).findBy({ id: In(ids) } as FindOptionsWhere<T>) : [];
    return new Map(orgs.map((org) => [org.id, org]));
  }

  async chooseRole(caller: WizardCaller, role: SetupRole): Promise<ProvisioningSession> {
    return this.answer(caller, WizardStep.ROLE, async (m, session, order) => {
      const draft = withAnswer(session.draft, WizardStep.ROLE, role);
      if (role !== SetupRole.CUSTOMER || draft.customerAdminEmail) return draft;
      // A customer is its own administrator by default, when the rules allow it.
      const facts = { admin: await membershipOf(m, session.contactEmail), trialOrg: await this.trialOrgOf(m, order) };
      const usable = customerAdminProblems(session.contactEmail, draft, facts).length === 0;
      return usable ? withAnswer(draft, WizardStep.CUSTOMER_ADMIN, session.contactEmail) : draft;
    });
  }

  /** SELF goes on; OTHER hands the order to a colleague: the session ends DELEGATED and the old links are revoked. */
  async chooseSetupPerformer(caller: WizardCaller, performer: SetupPerformer, delegateEmail?: string | null): Promise<ProvisioningSession> {
    if (performer === SetupPerformer.SELF) {
      return this.answer(caller, WizardStep.SETUP_PERFORMER, async (_m, session) =>
        withAnswer(session.draft, WizardStep.SETUP_PERFORMER, SetupPerformer.SELF),
      );
    }
    const ended = await countStep(WizardStep.SETUP_PERFORMER, () =>
      this.inActiveSession(caller, async (m, session, order, now) => {
        if (!mayAnswer(session.draft, WizardStep.SETUP_PERFORMER)) throw Refusal.of('STEP_OUT_OF_ORDER');
        refuseIfAny(delegateProblems(delegateEmail, session.contactEmail));
        const delegate = delegateEmail!.trim();
        const membership = await membershipOf(m, delegate);
        if (membership?.kind === 'CUSTOMER') throw Refusal.of('USER_IN_OTHER_ORG', 'delegateEmail', { org: membership.orgName });
        await recordEvent(m, session, SessionEventKind.STEP_ANSWERED, WizardStep.SETUP_PERFORMER, now);
        const delegated = await endSession(m, session, SessionStatus.DELEGATED, now);
        const before = order.provisioningContactEmail;
        await writeProvisioningContact(m, order, delegate, now);
        const { token, linkId } = await issueLink(m, order, now);
        await enqueueEmail(
          m,
          {
            kind: EmailKind.DELEGATED_SETUP_LINK,
            orderId: order.id,
            setupLinkId: linkId,
            recipient: delegate,
            ...(await delegatedSetupLinkEmail(order, `${this.publicUrl}/setup/${token}`, session.contactEmail)),
          },
          now,
        );
        await recordAudit(m, { kind: 'WIZARD', id: session.id }, now, {
          action: 'order.delegateSetup',
          entityType: 'Order',
          entityId: order.id,
          before: { provisioningContactEmail: before },
          after: { provisioningContactEmail: delegate },
        });
        return delegated;
      }),
    );
    this.mailQueued();
    return ended;
  }

  async setPartnerOrg(caller: WizardCaller, input: PartnerOrgInput): Promise<ProvisioningSession> {
    return this.answer(caller, WizardStep.PARTNER_ORG, async (m, session) => {
      const facts = await this.partnerOrgFacts(m, session.contactEmail, input);
      refuseIfAny(partnerOrgProblems(input, facts));
      const answer: Draft['partnerOrg'] = input.useExisting
        ? { useExisting: true, partnerOrgId: facts.contact!.orgId }
        : {
            useExisting: false,
            adminEmail: input.adminEmail!.trim(),
            companyName: input.companyName!.trim(),
            countryCode: facts.country!.code,
          };
      return withAnswer(session.draft, WizardStep.PARTNER_ORG, answer);
    });
  }

  async setCustomerAdmin(caller: WizardCaller, adminEmail: string): Promise<ProvisioningSession> {
    return this.answer(caller, WizardStep.CUSTOMER_ADMIN, async (m, session, order) => {
      const facts = { admin: await membershipOf(m, adminEmail), trialOrg: await this.trialOrgOf(m, order) };
      refuseIfAny(customerAdminProblems(adminEmail, session.draft, facts));
      return withAnswer(session.draft, WizardStep.CUSTOMER_ADMIN, adminEmail.trim());
    });
  }

  async setCustomerCompany(caller: WizardCaller, companyName: string, countryCode: string): Promise<ProvisioningSession> {
    return this.answer(caller, WizardStep.CUSTOMER_COMPANY, async (m, session) => {
      const country = await countryByCode(m, countryCode);
      refuseIfAny(customerCompanyProblems(companyName, country, countryCode));
      return withAnswer(session.draft, WizardStep.CUSTOMER_COMPANY, {
        name: companyName.trim(),
        countryCode: country!.code,
        region: country!.region,
      });
    });
  }

  async chooseCustomerOrg(caller: WizardCaller, choice: CustomerOrgChoice): Promise<ProvisioningSession> {
    return this.answer(caller, WizardStep.CUSTOMER_ORG, async (m, session, order, now) => {
      const facts = await this.customerOrgFacts(m, await membershipOf(m, session.draft.customerAdminEmail), order, now);
      refuseIfAny(customerOrgProblems(choice, facts));
      const answer: Draft['customerOrg'] = choice === CustomerOrgChoice.NEW ? { choice } : { choice, customerOrgId: facts.existingOrg!.id };
      return withAnswer(session.draft, WizardStep.CUSTOMER_ORG, answer);
    });
  }

  /** The point of no return. Idempotent within a session; of two racing for one order or one new admin email, one wins. */
  async confirm(caller: WizardCaller): Promise<Confirmation> {
    return countStep(WizardStep.CONFIRM, async () => {
      try {
        const confirmation = await this.inActiveSession(
          caller,
          async (m, session, order, now) => {
            if (currentStep(session.draft) !== WizardStep.CONFIRM) throw Refusal.of('STEP_OUT_OF_ORDER');
            return this.mapOrder(m, session, order, now);
          },
          { lockOrder: true, whenCompleted: (m, session) => this.confirmationOf(m, session) },
        );
        this.mailQueued();
        return confirmation;
      } catch (error) {
        // Another order's confirmation took the same new admin email between our check and our insert.
        if (isEmailTaken(error)) throw Refusal.of('ADMIN_EMAIL_IN_USE');
        throw error;
      }
    });
  }

  async abandon(caller: WizardCaller): Promise<ProvisioningSession> {
    return this.inActiveSession(caller, (m, session, _order, now) => endSession(m, session, SessionStatus.ABANDONED, now));
  }

  /**
   * A problem the wizard cannot fix becomes a case for a Cisco representative, pointing at the org concerned.
   * Only from an active session, but whatever the order's state: a closed order is a problem worth reporting.
   */
  async reportProblem(caller: WizardCaller, kind: CaseKind, message: string): Promise<Case> {
    return this.inActiveSession(
      caller,
      async (m, session, order, now) => {
        refuseIfAny(problems(checkText('message', message, 2000)));
        const org = await this.orgConcerned(m, kind, session, order, now);
        return openCase(
          m,
          {
            kind,
            orderId: order.id,
            sessionId: session.id,
            partnerOrgId: org.partnerOrgId ?? null,
            customerOrgId: org.customerOrgId ?? null,
            message: message.trim(),
            reporterEmail: session.contactEmail,
            reporterLanguage: caller.language,
          },
          now,
        );
      },
      { anyOrderState: true },
    );
  }

  /** Ends every session idle for 60 minutes, erasing its answers; safe to run from several processes at once. */
  async expireIdleSessions(): Promise<number> {
    return this.db.transaction((m) => endSessions(m, { idleOrderId: null }, SessionStatus.EXPIRED, this.clock.now()));
  }

  private async answer(
    caller: WizardCaller,
    step: AnswerStep,
    decide: (m: EntityManager, session: ProvisioningSession, order: Order, now: Date) => Promise<Draft>,
  ): Promise<ProvisioningSession> {
    return countStep(step, () =>
      this.inActiveSession(caller, async (m, session, order, now) => {
        if (!mayAnswer(session.draft, step)) throw Refusal.of('STEP_OUT_OF_ORDER');
        return writeAnswer(m, session, step, await decide(m, session, order, now), now);
      }),
    );
  }

  /**
   * Runs an action of the session's token on the locked session. Locks are taken order first, then
   * session, as opening a link does, so the two never deadlock. The order's emails from this action on are in the
   * caller's language: when the order has another, it is noted in a statement of its own and the action starts again,
   * so that no order lock is taken after a session lock and a refused action notes it too. A session that has ended
   * is refused with SESSION_ENDED before anything else is looked at (tokenMay), except that confirming a COMPLETED
   * session again answers `whenCompleted`. Then the order must still await its details (unless `anyOrderState`),
   * which says more than that the session went idle; an idle session is expired (and that committed) before the
   * action is refused with SESSION_ENDED. A caller known by their token alone is authenticated by the lock: a token
   * that names no session is refused as authentication refuses it, before anything is written.
   */
  private async inActiveSession<T>(
    caller: WizardCaller,
    work: (m: EntityManager, session: ProvisioningSession, order: Order, now: Date) => Promise<T>,
    options: {
      lockOrder?: boolean;
      anyOrderState?: boolean;
      whenCompleted?: (m: EntityManager, session: ProvisioningSession) => Promise<T>;
    } = {},
  ): Promise<T> {
    const named = caller.session;
    const byToken = 'token' in named ? named : null;
    let key: SessionKey = 'token' in named ? { tokenHash: hashToken(named.token) } : { id: named.sessionId };
    for (let languageNoted = false; ; languageNoted = true) {
      const now = this.clock.now();
      const outcome = await this.db.transaction(async (m): Promise<Outcome<T>> => {
        const locked = options.lockOrder ? await lockOrderThenSession(m, key) : await lockSessionWithOrder(m, key);
        if (byToken && 'tokenHash' in key) {
          byToken.authenticated(locked && { sessionId: locked.session.id, orderId: locked.session.orderId });
          if (!locked) throw invalidCredential();
        }
        if (!locked) throw new EntityNotFoundError(ProvisioningSession, key);
        const { session, order } = locked;
        key = { id: session.id };
        if (!languageNoted && order.language !== caller.language) return { otherLanguage: order.id };
        if (!tokenMay(session, 'act')) {
          if (options.whenCompleted && tokenMay(session, 'confirmation')) return { done: await options.whenCompleted(m, session) };
          throw Refusal.of('SESSION_ENDED');
        }
        const block = options.anyOrderState ? undefined : orderBlock(order, now);
        if (block) throw Refusal.of(LINK_REFUSAL[block]);
        if (isIdle(session, now)) {
          await endSession(m, session, SessionStatus.EXPIRED, now);
          return { expired: true };
        }
        return { done: await work(m, session, order, now) };
      });
      if ('done' in outcome) return outcome.done;
      if ('expired' in outcome) throw Refusal.of('SESSION_ENDED');
      await recordContactLanguage(this.db.manager, outcome.otherLanguage, caller.language);
    }
  }

  private async mapOrder(m: EntityManager, session: ProvisioningSession, order: Order, now: Date): Promise<Confirmation> {
    const facts = await this.recheck(m, session, order, now);
    const { partnerOrgId, customerOrgId, createdPartnerOrg, createdCustomerOrg } = await this.settleOrgs(m, session.draft, facts, now);
    const adminEmail = session.draft.customerAdminEmail!;

    const before = { status: order.status };
    const mapped = await writeMapping(m, order, { partnerOrgId, customerOrgId, sessionId: session.id }, now);
    await revokeLinks(m, order.id, now);
    const completed = await completeSession(m, session, now);
    // The orgs' creations or adoption, then the mapping: one statement.
    await recordAudits(m, { kind: 'WIZARD', id: session.id }, now, [
      ...creationAudit('partnerOrg', 'PartnerOrg', createdPartnerOrg),
      ...creationAudit('customerOrg', 'CustomerOrg', createdCustomerOrg),
      ...(createdCustomerOrg ? [] : adoptionAudit(facts.customer.existingOrg!, partnerOrgId, now)),
      {
        action: 'order.map',
        entityType: 'Order',
        entityId: order.id,
        before,
        after: { status: OrderStatus.MAPPED, partnerOrgId, customerOrgId },
      },
    ]);
    const confirmation: Confirmation = {
      session: completed,
      order: mapped,
      partnerOrg: createdPartnerOrg ?? (partnerOrgId ? await m.findOneByOrFail(PartnerOrg, { id: partnerOrgId }) : null),
      customerOrg: createdCustomerOrg ?? (await m.findOneByOrFail(CustomerOrg, { id: customerOrgId })),
    };
    await recordIntegrationEvent(
      m,
      {
        type: 'order.mapped',
        orderId: order.id,
        data: {
          ...orderEventData(mapped),
          partnerOrgId,
          customerOrgId,
          region: confirmation.customerOrg.dataResidencyRegion,
          dataLocation: confirmation.customerOrg.contactCenterDataLocation,
        },
      },
      now,
    );
    await enqueueEmail(
      m,
      {
        kind: EmailKind.WELCOME,
        orderId: order.id,
        recipient: adminEmail,
        ...(await welcomeEmail(confirmation.order, confirmation.customerOrg, confirmation.partnerOrg)),
      },
      now,
    );
    return confirmation;
  }

  /** Every rule again, with facts read now on the locked order: what was true at each step may no longer be. */
  private async recheck(m: EntityManager, session: ProvisioningSession, order: Order, now: Date) {
    const draft = session.draft;
    const partnerInput = partnerInputOf(draft);
    const adminEmail = draft.customerAdminEmail!;
    const company = draft.customerCompany!;
    // Every membership and country the rules read, in one statement each.
    const memberOf = await membersOf(m, [
      partnerInput && session.contactEmail,
      partnerInput && !partnerInput.useExisting && partnerInput.adminEmail,
      adminEmail,
    ]);
    const countries = await countriesByCode(m, [partnerInput?.countryCode, company.countryCode]);
    const partner = partnerInput ? partnerOrgFactsOf(session.contactEmail, partnerInput, memberOf, countries) : null;
    const customer = await this.customerOrgFacts(m, memberOf(adminEmail), order, now);
    refuseIfAny([
      ...(partnerInput ? partnerOrgProblems(partnerInput, partner!) : []),
      ...customerAdminProblems(adminEmail, draft, customer),
      ...customerCompanyProblems(company.name, countries.get(company.countryCode) ?? null, company.countryCode),
      ...customerOrgProblems(draft.customerOrg!.choice, customer),
    ]);
    return { partner, customer };
  }

  /**
   * The orgs the order lands on, as the answers chose: an existing partner org or a new one, a new customer org or
   * the existing one (which adopts the order). New orgs come back from their INSERT; existing ones are read later.
   */
  private async settleOrgs(m: EntityManager, draft: Draft, facts: Awaited<ReturnType<ProvisioningService['recheck']>>, now: Date) {
    let partnerOrgId: string | null = null;
    let createdPartnerOrg: PartnerOrg | null = null;
    if (draft.partnerOrg?.useExisting) partnerOrgId = facts.partner!.contact!.orgId;
    if (draft.partnerOrg && !draft.partnerOrg.useExisting) {
      createdPartnerOrg = await createPartnerOrg(
        m,
        {
          name: draft.partnerOrg.companyName,
          adminEmail: draft.partnerOrg.adminEmail,
          countryCode: draft.partnerOrg.countryCode,
        },
        now,
      );
      partnerOrgId = createdPartnerOrg.id;
    }
    if (draft.customerOrg!.choice === CustomerOrgChoice.NEW) {
      const company = draft.customerCompany!;
      const createdCustomerOrg = await createCustomerOrg(
        m,
        {
          name: company.name,
          adminEmail: draft.customerAdminEmail!,
          countryCode: company.countryCode,
          region: company.region,
          partnerOrgId,
        },
        now,
      );
      return { partnerOrgId, customerOrgId: createdCustomerOrg.id, createdPartnerOrg, createdCustomerOrg };
    }
    const existing = facts.customer.existingOrg!;
    partnerOrgId ??= existing.partnerOrgId;
    // Mapping an order onto a trial org converts it (an expired one was refused by recheck).
    await adoptCustomerOrg(m, existing, partnerOrgId, now);
    return { partnerOrgId, customerOrgId: existing.id, createdPartnerOrg, createdCustomerOrg: null };
  }

  private async confirmationOf(m: EntityManager, session: ProvisioningSession): Promise<Confirmation> {
    const order = await m.findOneByOrFail(Order, { id: session.orderId });
    return {
      session,
      order,
      partnerOrg: order.partnerOrgId ? await m.findOneByOrFail(PartnerOrg, { id: order.partnerOrgId }) : null,
      customerOrg: await m.findOneByOrFail(CustomerOrg, { id: order.customerOrgId! }),
    };
  }

  private async partnerOrgFacts(m: EntityManager, contactEmail: string, input: PartnerOrgInput) {
    const memberOf = await membersOf(m, [contactEmail, !input.useExisting && input.adminEmail]);
    return partnerOrgFactsOf(contactEmail, input, memberOf, await countriesByCode(m, [input.countryCode]));
  }

  /** Step 6's facts about the administrator `admin` is the membership of. */
  private async customerOrgFacts(m: EntityManager, admin: Membership | null, order: Order, now: Date) {
    return {
      admin,
      existingOrg: admin?.kind === 'CUSTOMER' ? await m.findOneByOrFail(CustomerOrg, { id: admin.orgId }) : null,
      trialOrg: await this.trialOrgOf(m, order),
      now,
    };
  }

  private trialOrgOf(m: EntityManager, order: Order): Promise<CustomerOrg | null> {
    return order.trialCustomerOrgId ? m.findOneBy(CustomerOrg, { id: order.trialCustomerOrgId }) : Promise.resolve(null);
  }

  /**
   * The orgs a case points at: the reporter's partner org whenever a partner reports (the org they act for, or the
   * existing one their answers chose), and the customer org concerned for the customer kinds.
   */
  private async orgConcerned(
    m: EntityManager,
    kind: CaseKind,
    session: ProvisioningSession,
    order: Order,
    now: Date,
  ): Promise<{ partnerOrgId?: string; customerOrgId?: string }> {
    const contact = await membershipOf(m, session.contactEmail);
    const partnerOrgId = contact?.kind === 'PARTNER' ? contact.orgId : (order.partnerOrgId ?? undefined);
    if (kind === CaseKind.PARTNER_ORG_INCORRECT || kind === CaseKind.OTHER) return { partnerOrgId };
    const admin = await membershipOf(m, session.draft.customerAdminEmail);
    const { existingOrg, trialOrg } = await this.customerOrgFacts(m, admin, order, now);
    const org = kind === CaseKind.TRIAL_EXPIRED ? (trialOrg ?? existingOrg) : existingOrg;
    return { partnerOrgId, customerOrgId: org?.id };
  }
}

/** An org the wizard created and its administrator, the first Webex user of it: two audit events on the org. */
function creationAudit(action: 'partnerOrg' | 'customerOrg', entityType: string, org: PartnerOrg | CustomerOrg | null): AuditEntry[] {
  if (!org) return [];
  return [
    { action: `${action}.create`, entityType, entityId: org.id, before: null, after: org },
    { action: `${action}.addAdmin`, entityType, entityId: org.id, before: null, after: { adminEmail: org.adminEmail } },
  ];
}

/** An existing customer org the order lands on (adoptCustomerOrg): the partner org it gets, a trial converted. */
function adoptionAudit(org: CustomerOrg, partnerOrgId: string | null, now: Date): AuditEntry[] {
  const after: Partial<CustomerOrg> = { partnerOrgId: org.partnerOrgId ?? partnerOrgId };
  const before: Partial<CustomerOrg> = { partnerOrgId: org.partnerOrgId };
  if (org.trialStatus === TrialStatus.ACTIVE) {
    Object.assign(before, { trialStatus: org.trialStatus, trialConvertedAt: null });
    Object.assign(after, { trialStatus: TrialStatus.CONVERTED, trialConvertedAt: now });
  }
  if (before.partnerOrgId === after.partnerOrgId && !after.trialStatus) return [];
  return [{ action: 'customerOrg.adopt', entityType: 'CustomerOrg', entityId: org.id, before, after }];
}

/** The memberships of several emails in one statement, answered per email as membershipOf would. */
async function membersOf(m: EntityManager, emails: readonly (string | false | null | undefined)[]) {
  const found = await membershipsOf(
    m,
    emails.filter((email): email is string => !!email),
  );
  return (email: string | null | undefined): Membership | null => (email ? (found.get(email.trim()) ?? null) : null);
}

/** Step 3's facts, from memberships and countries read beforehand. */
function partnerOrgFactsOf(
  contactEmail: string,
  input: PartnerOrgInput,
  memberOf: (email: string | null | undefined) => Membership | null,
  countries: Map<string, SupportedCountry>,
) {
  return {
    contact: memberOf(contactEmail),
    proposedAdmin: input.useExisting ? null : memberOf(input.adminEmail),
    country: input.countryCode ? (countries.get(input.countryCode) ?? null) : null,
  };
}

/** How an action's transaction ended: with the action's result, with the idle session expired, or before anything, on an order with another language. */
type Outcome<T> = { done: T } | { expired: true } | { otherLanguage: string };

function partnerInputOf(draft: Draft): PartnerOrgInput | null {
  const answer = draft.partnerOrg;
  if (draft.role !== SetupRole.PARTNER || !answer) return null;
  return answer.useExisting ? { useExisting: true } : { ...answer, useExisting: false };
}
