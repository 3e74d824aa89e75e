/** Every user error code of the API, from the platform's and each feature's *.errors.ts: what the schema documents. */
import { CASE_ERRORS } from './cases/case.errors';
import { COUNTRY_ERRORS } from './countries/country.errors';
import { OUTBOX_ERRORS } from './mail/outbox.errors';
import { ORDER_ERRORS } from './orders/order.errors';
import { ORG_ERRORS } from './orgs/org.errors';
import { PLATFORM_ERRORS } from './platform/messages';
import { PREFLIGHT_ERRORS } from './provisioning/preflight.errors';
import { PROVISIONING_ERRORS } from './provisioning/provisioning.errors';
import { STAFF_ERRORS } from './staff/staff.errors';
import { WEBHOOK_ERRORS } from './webhooks/webhook.errors';

export const USER_ERRORS = {
  ...PLATFORM_ERRORS,
  ...COUNTRY_ERRORS,
  ...STAFF_ERRORS,
  ...OUTBOX_ERRORS,
  ...ORG_ERRORS,
  ...ORDER_ERRORS,
  ...CASE_ERRORS,
  ...PROVISIONING_ERRORS,
  ...WEBHOOK_ERRORS,
  ...PREFLIGHT_ERRORS,
};

/** Every code with its messages, by code. */
export const USER_ERROR_LIST = Object.entries(USER_ERRORS).sort(([a], [b]) => a.localeCompare(b));
