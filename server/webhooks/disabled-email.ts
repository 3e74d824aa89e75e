/**
 * The email to the ADMINs when an endpoint is disabled after three days of failed deliveries: one per enabled ADMIN
 * account, queued in the outbox in the transaction that disables the endpoint (so a rollback queues nothing). Staff
 * accounts keep no language, so it is written in English.
 */
import type { EntityManager } from 'typeorm';
import { enqueueEmail } from '../mail/outbox';
import { EmailKind } from '../mail/outbox-email.entity';
import { webhookEndpointDisabledEmail } from '../mail/templates';
import { StaffRole } from '../staff/staff.entity';

/** What WebhookDelivery calls when it disables an endpoint, bound to the address the console is reached at. */
export function emailAdminsOfDisabledEndpoint(publicUrl: string) {
  return async (m: EntityManager, endpoint: { id: string }, now: Date): Promise<void> => {
    const [found]: { url: string; description: string; failing_since: Date | null; disabled_at: Date | null }[] = await m.query(
      `SELECT url, description, failing_since, disabled_at FROM webhook_endpoint WHERE id = $1`,
      [endpoint.id],
    );
    if (!found) return;
    const [last]: { response_code: number | null; error: string | null; response_excerpt: string | null }[] = await m.query(
      `SELECT response_code, error, response_excerpt FROM webhook_attempt WHERE endpoint_id = $1 ORDER BY attempted_at DESC, id DESC LIMIT 1`,
      [endpoint.id],
    );
    const admins: { email: string }[] = await m.query(`SELECT email FROM staff WHERE role = $1 AND disabled_at IS NULL ORDER BY email`, [
      StaffRole.ADMIN,
    ]);
    if (admins.length === 0) return;
    const email = await webhookEndpointDisabledEmail(
      {
        id: endpoint.id,
        url: found.url,
        description: found.description,
        failingSince: found.failing_since ?? now,
        disabledAt: found.disabled_at ?? now,
        lastResponseCode: last?.response_code ?? null,
        lastError: last?.error ?? last?.response_excerpt ?? null,
      },
      publicUrl,
      'en',
    );
    for (const admin of admins) {
      await enqueueEmail(m, { kind: EmailKind.WEBHOOK_ENDPOINT_DISABLED, orderId: null, recipient: admin.email, ...email }, now);
    }
  };
}
