/** Step 5: the customer's company name and country of operation, which decides the data residency region; a trial's, filled in. */
import { useState } from 'react';
import type { UserError } from '../api';
import { CountryPicker } from '../components/CountryPicker';
import { TextField } from '../components/Fields';
import { Heading } from '../components/Heading';
import { StepForm } from '../components/StepForm';
import { useI18n } from '../i18n';
import { stepBefore } from '../path';
import { sortErrors, useWizard } from '../wizard';

export function CustomerCompanyStep() {
  const { t } = useI18n();
  const wizard = useWizard();
  const { session } = wizard;
  const trial = session.trialToConvert;
  const [companyName, setCompanyName] = useState(session.answers.companyName ?? trial?.name ?? '');
  const [countryCode, setCountryCode] = useState(session.answers.countryCode ?? trial?.countryCode ?? '');
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, ['companyName', 'countryCode']);
  const before = stepBefore(session, 'CUSTOMER_COMPANY');

  return (
    <>
      <Heading>{t('company.title')}</Heading>
      <p>{t('company.intro')}</p>
      {trial && <p className="notice">{t('company.fromTrial', { name: trial.name })}</p>}
      <StepForm
        id="company-form"
        errors={errors}
        general={general}
        onSubmit={async () => {
          const refused = await wizard.answer('CUSTOMER_COMPANY', () => wizard.api.setCustomerCompany(companyName, countryCode));
          // The list the page loaded was out of date: show the country as the server now has it.
          if (refused.some((error) => error.code === 'COUNTRY_NOT_SUPPORTED')) wizard.reloadCountries();
          setErrors(refused);
        }}
        onBack={before ? () => wizard.goTo(before) : undefined}
        busy={wizard.busy}
      >
        <TextField
          id="companyName"
          autoComplete="organization"
          label={t('company.companyName.label')}
          value={companyName}
          onChange={setCompanyName}
          error={byField.companyName}
        />
        <CountryPicker
          label={t('company.country.label')}
          hint={t('company.country.hint')}
          countries={wizard.countries}
          value={countryCode}
          onChange={setCountryCode}
          error={byField.countryCode}
          soldOnly
        />
      </StepForm>
    </>
  );
}
