/** Step 7: every answer, each with a way back to change it, then the confirmation that maps the order. */
import { useState } from 'react';
import type { UserError, WizardStep } from '../api';
import { Heading } from '../components/Heading';
import { StepForm } from '../components/StepForm';
import { MessageKey, useI18n } from '../i18n';
import { stepBefore } from '../path';
import { useWizard } from '../wizard';

interface Row {
  label: MessageKey;
  value: string;
  step: WizardStep;
}

export function ReviewStep() {
  const { t, countryName, regionName } = useI18n();
  const wizard = useWizard();
  const { session } = wizard;
  const { answers } = session;
  const [errors, setErrors] = useState<UserError[]>([]);
  const before = stepBefore(session, 'CONFIRM');

  const rows: Row[] = [{ label: 'review.role', value: answers.role ? t(`role.${answers.role}`) : '', step: 'ROLE' }];
  if (answers.role === 'PARTNER') {
    rows.push({ label: 'review.performer', value: t('performer.SELF'), step: 'SETUP_PERFORMER' });
    const partner = session.partnerOrgForReview;
    rows.push({
      label: 'review.partnerOrg',
      value:
        answers.partnerOrgUseExisting && partner
          ? t('review.partnerOrg.existing', { name: partner.name, email: session.contactEmail })
          : t('review.partnerOrg.new', {
              name: answers.partnerCompanyName ?? '',
              email: answers.partnerAdminEmail ?? '',
              country: answers.partnerCountryCode ? countryName(answers.partnerCountryCode) : '',
            }),
      step: 'PARTNER_ORG',
    });
  }
  rows.push(
    { label: 'review.customerAdmin', value: answers.customerAdminEmail ?? '', step: 'CUSTOMER_ADMIN' },
    { label: 'review.company', value: answers.companyName ?? '', step: 'CUSTOMER_COMPANY' },
    {
      label: 'review.country',
      value: answers.countryCode ? countryName(answers.countryCode) : '',
      step: 'CUSTOMER_COMPANY',
    },
    { label: 'review.region', value: session.dataResidencyRegion ? regionName(session.dataResidencyRegion) : '', step: 'CUSTOMER_COMPANY' },
    {
      label: 'review.dataLocation',
      value: session.contactCenterDataLocation ? regionName(session.contactCenterDataLocation) : '',
      step: 'CUSTOMER_COMPANY',
    },
    {
      label: 'review.customerOrg',
      value:
        answers.customerOrgChoice === 'EXISTING'
          ? t('review.customerOrg.existing', { name: session.existingCustomerOrg?.name ?? '' })
          : t('review.customerOrg.new'),
      step: 'CUSTOMER_ORG',
    },
  );

  return (
    <>
      <Heading>{t('review.title')}</Heading>
      <p>{t('review.intro', { order: session.order.subscriptionId })}</p>
      <dl className="details review">
        {rows.map((row) => (
          <div key={row.label} className="review-row">
            <dt>{t(row.label)}</dt>
            <dd>{row.value}</dd>
            <dd className="review-change">
              <button
                type="button"
                className="link-button"
                aria-label={t('review.changeItem', { item: t(row.label) })}
                onClick={() => wizard.goTo(row.step)}
              >
                {t('review.change')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="notice">{t('review.pointOfNoReturn')}</p>
      <StepForm
        id="confirm-form"
        errors={errors}
        general={errors}
        onSubmit={async () => setErrors(await wizard.confirm())}
        onBack={before ? () => wizard.goTo(before) : undefined}
        submitLabel={t('review.confirm')}
        busy={wizard.busy}
      >
        {null}
      </StepForm>
    </>
  );
}
