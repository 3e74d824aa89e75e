/** After handing the setup to a colleague: they got a new link, and this one no longer works. */
import { Heading } from '../components/Heading';
import { useI18n } from '../i18n';

export function DelegatedPage({ email }: { email: string }) {
  const { t } = useI18n();
  return (
    <>
      <Heading>{t('delegated.title')}</Heading>
      <p className="success" role="status">
        {t('delegated.body', { email })}
      </p>
      <p>{t('delegated.thisLink')}</p>
    </>
  );
}
