/**
 * Step 6: a new customer org, or the existing one the administrator belongs to, shown for verification.
 * An expired trial blocks here: the contact reports it, and a representative extends the trial.
 */
import { useState } from 'react';
import type { CustomerOrgChoice, UserError } from '../api';
import { Choice, RadioGroup } from '../components/Fields';
import { Heading } from '../components/Heading';
import { OrgDetails } from '../components/OrgDetails';
import { ReportProblem } from '../components/ReportProblem';
import { StepForm } from '../components/StepForm';
import { useI18n } from '../i18n';
import { stepBefore } from '../path';
import { sortErrors, useWizard } from '../wizard';

export function CustomerOrgStep() {
  const { t } = useI18n();
  const wizard = useWizard();
  const { session } = wizard;
  const existing = session.existingCustomerOrg;
  const [choice, setChoice] = useState<CustomerOrgChoice>(session.answers.customerOrgChoice ?? (existing ? 'EXISTING' : 'NEW'));
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, ['choice']);
  const before = stepBefore(session, 'CUSTOMER_ORG');
  const email = session.answers.customerAdminEmail ?? '';
  const choices: Choice<CustomerOrgChoice>[] = [
    { value: 'NEW', label: t('customerOrg.NEW'), description: t('customerOrg.NEW.hint', { email }) },
    { value: 'EXISTING', label: t('customerOrg.EXISTING'), description: t('customerOrg.EXISTING.hint', { email }) },
  ];
  const trialExpired = errors.some((error) => error.code === 'TRIAL_EXPIRED');
  const help = trialExpired ? (
    <ReportProblem kind="TRIAL_EXPIRED" />
  ) : existing ? (
    <ReportProblem kind="CUSTOMER_ORG_INCORRECT" />
  ) : undefined;

  return (
    <>
      <Heading>{t('customerOrg.title')}</Heading>
      {existing ? (
        <section className="found" aria-labelledby="existing-org-title">
          <h2 id="existing-org-title">{t('customerOrg.existing.title', { email })}</h2>
          <OrgDetails org={existing} />
        </section>
      ) : (
        <p>{t('customerOrg.none', { email })}</p>
      )}
      <StepForm
        id="customer-org-form"
        errors={errors}
        general={general}
        onSubmit={async () => setErrors(await wizard.answer('CUSTOMER_ORG', () => wizard.api.chooseCustomerOrg(choice)))}
        onBack={before ? () => wizard.goTo(before) : undefined}
        busy={wizard.busy}
        help={help}
      >
        <RadioGroup<CustomerOrgChoice>
          name="choice"
          legend={t('customerOrg.legend')}
          choices={choices}
          value={choice}
          onChange={setChoice}
          error={byField.choice}
        />
      </StepForm>
    </>
  );
}
