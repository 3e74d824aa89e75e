/**
 * Asking before booking: what the wizard will meet with an order the commerce integration is about to submit. The
 * findings come from the wizard's own rules (steps.ts), applied to the facts each step reads, in the order the steps
 * meet them; nothing here decides a rule of its own.
 *
 * What it reveals: the kind of org the contact and the administrator email belong to (none, partner, customer), the
 * trial state of the administrator's customer org, whether the country is sold, whether the trial matches. Never an
 * org's id or name, nor an email the caller did not send (save the trial's administrator, which the key reads on
 * the trial org it named). The wizard shows the contact who typed an email the org's name; the key is not that
 * contact, so it learns less. Each call counts against a per-key limit, so probing emails stays slow.
 */
import { GraphQLError } from 'graphql';
import { DataSource, EntityManager } from 'typeorm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { countryByCode } from '../countries/country.service';
import type { OrderService } from '../orders/order.service';
import { CustomerOrg, effectiveTrialStatus } from '../orgs/customer-org.entity';
import { membershipOf } from '../orgs/memberships';
import type { Clock } from '../platform/clock';
import { Problem, problem, Refusal, refuseIfAny } from '../platform/errors';
import { formatMessage, Language } from '../platform/messages';
import { entryLimiter } from '../platform/rate-limit';
import { checkEmail, isId, problems } from '../platform/validate';
import { UNNAMED_ORG } from './preflight.errors';
import { OrderPreflightInput } from './preflight.inputs';
import { OrderPreflightPayload, PreflightFinding, PreflightMembership } from './preflight.payloads';
import {
  customerAdminProblems,
  customerCompanyProblems,
  CustomerOrgChoice,
  customerOrgChoices,
  customerOrgProblems,
  Membership,
  partnerOrgProblems,
  WizardStep,
} from './steps';

/** orderPreflight calls allowed per COMMERCE key and minute, when the composition gives no other figure. */
export const PREFLIGHT_CALLS_PER_MINUTE = 60;

/** The codes that say the trial cannot be converted with the administrator given. */
const TRIAL_MISMATCH = new Set(['TRIAL_ADMIN_EMAIL_MISMATCH', 'TRIAL_ORG_REQUIRED', 'USER_IN_OTHER_ORG']);

interface Found extends Problem {
  step: WizardStep | null;
  /** The kind of the org whose name the wizard's message would carry in `{org}`. */
  orgKind?: Membership['kind'];
}

export class PreflightService {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    callsPerMinute = PREFLIGHT_CALLS_PER_MINUTE,
  ) {
    this.limiter = entryLimiter(callsPerMinute);
  }

  /** Counts a call against the key; over the limit, RATE_LIMITED (HTTP 429) with the seconds to wait. Counted per process. */
  async admit(apiKeyId: string): Promise<void> {
    try {
      await this.limiter.consume(apiKeyId);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.ceil(refusal.msBeforeNext / 1000);
      throw new GraphQLError(`Too many orderPreflight calls with this key. Try again in ${seconds} seconds.`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429 } },
      });
    }
  }

  /**
   * The findings and facts; a malformed email, an unknown country or trial org is refused (a Refusal: userErrors).
   * `orders` runs orderSubmit's own check of the trial to convert (NOT_A_TRIAL, TRIAL_CONVERTED).
   */
  async check(input: OrderPreflightInput, language: Language, orders: OrderService): Promise<Omit<OrderPreflightPayload, 'userErrors'>> {
    const adminGiven = input.customerAdminEmail !== undefined && input.customerAdminEmail !== null;
    const countryGiven = input.countryCode !== undefined && input.countryCode !== null;
    const trialGiven = input.trialCustomerOrgId !== undefined && input.trialCustomerOrgId !== null;
    const bad = problems(
      checkEmail('provisioningContactEmail', input.provisioningContactEmail),
      adminGiven ? checkEmail('customerAdminEmail', input.customerAdminEmail) : undefined,
      trialGiven && !isId(input.trialCustomerOrgId) ? problem('NOT_FOUND', 'trialCustomerOrgId') : undefined,
    );
    const now = this.clock.now();
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const country = countryGiven ? await countryByCode(m, input.countryCode) : null;
      if (countryGiven && !country) bad.push(problem('UNKNOWN_COUNTRY', 'countryCode'));
      refuseIfAny(bad);

      const found: Found[] = [];
      let trialOrg: CustomerOrg | null = null;
      if (trialGiven) {
        found.push(...(await orderSubmitTrialProblems(orders, m, input.trialCustomerOrgId!)).map((p) => ({ ...p, step: null })));
        trialOrg = await m.findOneBy(CustomerOrg, { id: input.trialCustomerOrgId! });
      }

      // Step 3, for a partner: the contact reviews the partner org it belongs to, or describes a new one (NO_EXISTING_ORG
      // for keeping one is not in the way then); a contact in a customer org is refused.
      const contact = await membershipOf(m, input.provisioningContactEmail);
      found.push(
        ...partnerOrgProblems({ useExisting: true }, { contact, proposedAdmin: null, country: null })
          .filter((p) => p.code !== 'NO_EXISTING_ORG')
          .map((p) => at(p, WizardStep.PARTNER_ORG, 'provisioningContactEmail', contact?.kind)),
      );

      let admin: Membership | null = null;
      let adminOrg: CustomerOrg | null = null;
      let step4: Found[] = [];
      let step6: Found[] = [];
      if (adminGiven) {
        admin = await membershipOf(m, input.customerAdminEmail);
        adminOrg = admin?.kind === 'CUSTOMER' ? await m.findOneBy(CustomerOrg, { id: admin.orgId }) : null;
        // Step 4, with no partner org answered yet.
        step4 = customerAdminProblems(input.customerAdminEmail, {}, { admin, trialOrg }).map((p) =>
          at(p, WizardStep.CUSTOMER_ADMIN, 'customerAdminEmail', admin?.kind),
        );
        // Step 6, reached when step 4 takes the administrator: the choice it offers (customerOrgChoices), or when it
        // offers none, the one the administrator's membership points to.
        if (step4.length === 0) {
          const facts = { admin, existingOrg: adminOrg, trialOrg, now };
          const choice = customerOrgChoices(true, facts)[0] ?? (adminOrg ? CustomerOrgChoice.EXISTING : CustomerOrgChoice.NEW);
          step6 = customerOrgProblems(choice, facts).map((p) => at(p, WizardStep.CUSTOMER_ORG, 'customerAdminEmail', admin?.kind));
        }
      }
      // Step 5: the country only (the company's name is the contact's to enter).
      const step5 = countryGiven
        ? customerCompanyProblems(null, country, input.countryCode)
            .filter((p) => p.field?.[1] === 'countryCode')
            .map((p) => at(p, WizardStep.CUSTOMER_COMPANY, 'countryCode'))
        : [];
      found.push(...step4, ...step5, ...step6);
      const adminProblems = [...step4, ...step6];

      return {
        findings: found.map((p) => this.finding(p, language)),
        contactMembership: membershipKind(contact),
        customerAdminMembership: adminGiven ? membershipKind(admin) : null,
        customerAdminTrialStatus: adminOrg ? effectiveTrialStatus(adminOrg, now) : null,
        countrySold: countryGiven ? country!.contactCenterSold : null,
        trialMatches: trialGiven && adminGiven ? !adminProblems.some((p) => TRIAL_MISMATCH.has(p.code)) : null,
      };
    });
  }

  /** The wizard's message, with an org named by its kind: `{org}` is the only parameter that names one. */
  private finding(found: Found, language: Language): PreflightFinding {
    const params = { ...found.params };
    if ('org' in params) params.org = UNNAMED_ORG[found.orgKind ?? 'CUSTOMER'][language];
    return { code: found.code, message: formatMessage(found.code, language, params), field: found.field, step: found.step };
  }
}

/** orderSubmit's own refusal of the trial to convert, as findings; an unknown trial org is bad input (userErrors). */
async function orderSubmitTrialProblems(orders: OrderService, m: EntityManager, trialCustomerOrgId: string): Promise<Problem[]> {
  try {
    // orderSubmit's own check, called, not copied.
    await orders.checkTrialToConvert(m, trialCustomerOrgId);
    return [];
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (error.problems.some((p) => p.code === 'NOT_FOUND')) throw error;
    return error.problems;
  }
}

function at(found: Problem, step: WizardStep, field: string, orgKind?: Membership['kind']): Found {
  return { ...found, field: ['input', field], step, orgKind };
}

function membershipKind(membership: Membership | null): PreflightMembership {
  if (!membership) return PreflightMembership.NO_ORG;
  return membership.kind === 'PARTNER' ? PreflightMembership.PARTNER_ORG : PreflightMembership.CUSTOMER_ORG;
}
