/**
 * Step 3 (partner): the partner org the contact already belongs to, for review ("this is right" or report a
 * problem), or, for a partner's first customer order, the admin email, company name and country of the one to create.
 */
import { useState } from 'react';
import type { UserError } from '../api';
import { CountryPicker } from '../components/CountryPicker';
import { TextField } from '../components/Fields';
import { Heading } from '../components/Heading';
import { OrgDetails } from '../components/OrgDetails';
import { ReportProblem } from '../components/ReportProblem';
import { StepForm } from '../components/StepForm';
import { useI18n } from '../i18n';
import { stepBefore } from '../path';
import { sortErrors, useWizard } from '../wizard';

export function PartnerOrgStep() {
  const { t } = useI18n();
  const wizard = useWizard();
  const { session } = wizard;
  const review = session.partnerOrgForReview;
  const [adminEmail, setAdminEmail] = useState(session.answers.partnerAdminEmail ?? session.contactEmail);
  const [companyName, setCompanyName] = useState(session.answers.partnerCompanyName ?? '');
  const [countryCode, setCountryCode] = useState(session.answers.partnerCountryCode ?? '');
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, review ? [] : ['adminEmail', 'companyName', 'countryCode']);
  const before = stepBefore(session, 'PARTNER_ORG');
  const back = before ? () => wizard.goTo(before) : undefined;
  // Someone in a customer org cannot set up as a partner: only a representative can sort that out.
  const blocked = errors.some((error) => error.code === 'USER_IN_OTHER_ORG');

  if (review) {
    return (
      <>
        <Heading>{t('partnerOrg.review.title')}</Heading>
        <p>{t('partnerOrg.review.intro')}</p>
        <OrgDetails org={review} adminEmail={session.contactEmail} />
        <StepForm
          id="partner-org-form"
          errors={errors}
          general={general}
          onSubmit={async () => setErrors(await wizard.answer('PARTNER_ORG', () => wizard.api.setPartnerOrg({ useExisting: true })))}
          onBack={back}
          submitLabel={t('partnerOrg.review.right')}
          busy={wizard.busy}
          help={<ReportProblem kind="PARTNER_ORG_INCORRECT" />}
        >
          {null}
        </StepForm>
      </>
    );
  }

  return (
    <>
      <Heading>{t('partnerOrg.new.title')}</Heading>
      <p>{t('partnerOrg.new.intro')}</p>
      <StepForm
        id="partner-org-form"
        errors={errors}
        general={general}
        onSubmit={async () =>
          setErrors(
            await wizard.answer('PARTNER_ORG', () =>
              wizard.api.setPartnerOrg({ useExisting: false, adminEmail, companyName, countryCode }),
            ),
          )
        }
        onBack={back}
        busy={wizard.busy}
        help={blocked ? <ReportProblem kind="OTHER" /> : undefined}
      >
        <TextField
          id="adminEmail"
          type="email"
          autoComplete="email"
          label={t('partnerOrg.adminEmail.label')}
          hint={t('partnerOrg.adminEmail.hint')}
          value={adminEmail}
          onChange={setAdminEmail}
          error={byField.adminEmail}
        />
        <TextField
          id="companyName"
          autoComplete="organization"
          label={t('partnerOrg.companyName.label')}
          value={companyName}
          onChange={setCompanyName}
          error={byField.companyName}
        />
        <CountryPicker
          label={t('partnerOrg.country.label')}
          hint={t('partnerOrg.country.hint')}
          countries={wizard.countries}
          value={countryCode}
          onChange={setCountryCode}
          error={byField.countryCode}
        />
      </StepForm>
    </>
  );
}
