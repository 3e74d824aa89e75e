/** A link that does not open the wizard: which of revoked, expired, already mapped, closed or unknown, and what to do. */
import type { SetupLinkStatus } from '../api';
import { Heading } from '../components/Heading';
import { useI18n } from '../i18n';

export type LinkProblem = Exclude<SetupLinkStatus, 'VALID'>;

export function LinkProblemPage({ status }: { status: LinkProblem }) {
  const { t } = useI18n();
  return (
    <div className={`link-problem link-problem--${status.toLowerCase()}`} data-status={status}>
      <Heading>{t(`link.${status}.title`)}</Heading>
      <p>{t(`link.${status}.body`)}</p>
      <h2>{t('link.whatToDo')}</h2>
      <p>{t(`link.${status}.action`)}</p>
    </div>
  );
}
