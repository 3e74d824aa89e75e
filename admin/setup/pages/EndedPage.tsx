/** A session that ended without confirming (left, idle, or opened again elsewhere): its answers are gone; start over. */
import { Heading } from '../components/Heading';
import { useI18n } from '../i18n';

export type Ending = 'ABANDONED' | 'EXPIRED' | 'SUPERSEDED' | 'SESSION_ENDED';

export function EndedPage({ reason, onStartOver }: { reason: Ending; onStartOver(): void }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{t(`ended.${reason}.title`)}</Heading>
      <p>{t(`ended.${reason}.body`)}</p>
      <p>{t('ended.nothingSaved')}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onStartOver}>
          {t('ended.startOver')}
        </button>
      </div>
    </>
  );
}
