/** Where the contact is among the steps of their path; answered steps can be opened again to change them. */
import type { Session, WizardStep } from '../api';
import { MessageKey, useI18n } from '../i18n';
import { reachable, shownPath } from '../path';

const NAMES: Record<WizardStep, MessageKey> = {
  ROLE: 'progress.ROLE',
  SETUP_PERFORMER: 'progress.SETUP_PERFORMER',
  PARTNER_ORG: 'progress.PARTNER_ORG',
  CUSTOMER_ADMIN: 'progress.CUSTOMER_ADMIN',
  CUSTOMER_COMPANY: 'progress.CUSTOMER_COMPANY',
  CUSTOMER_ORG: 'progress.CUSTOMER_ORG',
  CONFIRM: 'progress.CONFIRM',
  DONE: 'progress.DONE',
};

export function Progress({
  session,
  showing,
  onOpen,
}: {
  session: Session | null;
  showing: WizardStep;
  onOpen?: (step: WizardStep) => void;
}) {
  const { t } = useI18n();
  const path = shownPath(session);
  return (
    <nav className="progress" aria-label={t('progress.label')}>
      <ol>
        {path.map((step, index) => {
          const current = step === showing;
          const open = onOpen !== undefined && session !== null && !current && reachable(session, step);
          const name = t('progress.item', { number: index + 1, name: t(NAMES[step]) });
          return (
            <li
              key={step}
              className={current ? 'progress-current' : open ? 'progress-open' : 'progress-later'}
              aria-current={current ? 'step' : undefined}
            >
              {open ? (
                <button type="button" className="link-button" onClick={() => onOpen?.(step)}>
                  {name}
                </button>
              ) : (
                <span>{name}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
