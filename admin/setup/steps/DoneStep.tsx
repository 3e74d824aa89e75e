/** Step 8: the order has been mapped; the server's message, a link to Control Hub and what to do there next. */
import type { Confirmation } from '../api';
import { Heading } from '../components/Heading';
import { OrgDetails } from '../components/OrgDetails';
import { useI18n } from '../i18n';

/** Where partners and customers administer their Webex organizations. */
const CONTROL_HUB = 'https://admin.webex.com';

export function DoneStep({ confirmation }: { confirmation: Confirmation }) {
  const { t, tIdents } = useI18n();
  const { partnerOrg, customerOrg, session } = confirmation;
  const customerAdmin = session?.answers.customerAdminEmail ?? '';
  const next = partnerOrg
    ? (['done.next.partner.1', 'done.next.partner.2', 'done.next.partner.3'] as const)
    : (['done.next.customer.1', 'done.next.customer.2'] as const);
  return (
    <>
      <Heading>{t('done.title')}</Heading>
      <p className="success" role="status">
        {confirmation.message}
      </p>
      <h2>{t('done.next.title')}</h2>
      <ol className="next-steps">
        {next.map((key) => (
          <li key={key}>{tIdents(key, { email: customerAdmin })}</li>
        ))}
      </ol>
      <p className="actions">
        <a className="button button--primary" href={CONTROL_HUB} target="_blank" rel="noopener noreferrer" id="control-hub">
          {t('done.controlHub')}
        </a>
      </p>
      <p className="hint">{t('done.controlHub.where', { url: CONTROL_HUB.replace('https://', '') })}</p>
      <div className="org-pair">
        {partnerOrg && (
          <section aria-labelledby="done-partner">
            <h2 id="done-partner">{t('done.partnerOrg')}</h2>
            <OrgDetails org={partnerOrg} adminEmail={session?.answers.partnerAdminEmail ?? session?.contactEmail} />
          </section>
        )}
        {customerOrg && (
          <section aria-labelledby="done-customer">
            <h2 id="done-customer">{t('done.customerOrg')}</h2>
            <OrgDetails org={customerOrg} adminEmail={customerAdmin} />
          </section>
        )}
      </div>
    </>
  );
}
