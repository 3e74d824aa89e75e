/** Until the outbox exists, a Set up now email is written to the log, so a person running locally can click its link. */
import type { Logger } from 'pino';
import type { SetupMailer } from '../orders/order.service';

export function loggingSetupMailer(logger: Logger): SetupMailer {
  return {
    setupLinkIssued({ order, url }) {
      logger.info(
        { subscriptionId: order.subscriptionId },
        `Set up now email for ${order.subscriptionId} (not delivered: no SMTP_URL). Set up now: ${url}`,
      );
    },
  };
}
