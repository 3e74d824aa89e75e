/** An organization as the wizard shows it for review or verification. */
import type { CustomerOrg, PartnerOrg } from '../api';
import { useI18n } from '../i18n';

/** `adminEmail`: shown when the contact gave it, the only administrator email the wizard may show. */
export function OrgDetails({ org, adminEmail }: { org: PartnerOrg | CustomerOrg; adminEmail?: string | null }) {
  const { t, countryName, formatDate, regionName } = useI18n();
  const customer = 'trialStatus' in org ? org : null;
  return (
    <dl className="details">
      <div>
        <dt>{t('org.name')}</dt>
        <dd>{org.name}</dd>
      </div>
      {adminEmail && (
        <div>
          <dt>{t('org.admin')}</dt>
          <dd>{adminEmail}</dd>
        </div>
      )}
      {org.countryCode && (
        <div>
          <dt>{t('org.country')}</dt>
          <dd>{countryName(org.countryCode)}</dd>
        </div>
      )}
      {customer?.dataResidencyRegion && (
        <div>
          <dt>{t('org.region')}</dt>
          <dd>{regionName(customer.dataResidencyRegion)}</dd>
        </div>
      )}
      {customer && customer.trialStatus !== 'NONE' && (
        <div>
          <dt>{t('org.trial')}</dt>
          <dd>
            {t(`trial.${customer.trialStatus}`)}
            {customer.trialExpiresAt && customer.trialStatus !== 'CONVERTED'
              ? ` · ${t(customer.trialStatus === 'EXPIRED' ? 'org.trialEnded' : 'org.trialExpires', { date: formatDate(customer.trialExpiresAt) })}`
              : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}
