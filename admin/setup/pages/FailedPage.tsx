/** The server could not be reached, or answered with an error the page cannot act on. */
import { Heading } from '../components/Heading';
import { useI18n } from '../i18n';

export type Failure = 'NETWORK' | 'RATE_LIMITED' | 'OTHER';

export function FailedPage({ reason, onRetry }: { reason: Failure; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{t('failed.title')}</Heading>
      <p>{t(`failed.${reason}`)}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onRetry}>
          {t('failed.retry')}
        </button>
      </div>
    </>
  );
}
