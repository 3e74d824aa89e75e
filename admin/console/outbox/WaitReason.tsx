/** Why an outbox email waits (no mail relay, the relay refusing with its last error, its first attempt due) and until when; when it was sent, once it was. */
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';

export function WaitReason() {
  const email = useRecordContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!email) return null;
  const at = (value: string | null | undefined) =>
    value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '';
  if (email.status === 'SENT')
    return <span data-testid="wait-reason">{translate('console.outbox.wait.SENT', { at: at(email.sentAt) })}</span>;
  if (!email.waitReason) return null;
  return (
    <span data-testid="wait-reason">
      {translate(`console.outbox.wait.${email.waitReason}`, { at: at(email.nextAttemptAt), error: email.lastError ?? '' })}
    </span>
  );
}
