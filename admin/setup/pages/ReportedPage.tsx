/** After reporting a problem: a representative will contact the reporter. */
import type { CaseKind } from '../api';
import { Heading } from '../components/Heading';
import { useI18n } from '../i18n';

export function ReportedPage({ kind, email, onBack }: { kind: CaseKind; email: string; onBack(): void }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{t('reported.title')}</Heading>
      <p className="success" role="status">
        {t('reported.body', { email })}
      </p>
      <p>{t(kind === 'TRIAL_EXPIRED' ? 'reported.next.TRIAL_EXPIRED' : 'reported.next')}</p>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('reported.back')}
        </button>
      </div>
    </>
  );
}
