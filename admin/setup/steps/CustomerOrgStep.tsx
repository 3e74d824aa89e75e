/**
 * Step 6: the customer org the order lands on, offered only as the server says can work: the administrator's
 * existing org, shown for verification (with its trial's state), or otherwise a new one. An expired trial blocks
 * here: the contact reports it, and a representative extends the trial.
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
  const offered = session.customerOrgChoices;
  const answered = session.answers.customerOrgChoice;
  const [choice, setChoice] = useState<CustomerOrgChoice | null>(answered && offered.includes(answered) ? answered : (offered[0] ?? null));
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, ['choice']);
  const before = stepBefore(session, 'CUSTOMER_ORG');
  const back = before ? () => wizard.goTo(before) : undefined;
  const email = session.answers.customerAdminEmail ?? '';
  const choices: Choice<CustomerOrgChoice>[] = offered.map((value) => ({
    value,
    label: t(`customerOrg.${value}`),
    description: t(`customerOrg.${value}.hint`, { email }),
  }));
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
      {choice === null ? (
        <>
          <p className="notice notice--warning">{t('customerOrg.noChoice', { email })}</p>
          <ReportProblem kind={existing ? 'CUSTOMER_ORG_INCORRECT' : 'OTHER'} />
        </>
      ) : (
        <StepForm
          id="customer-org-form"
          errors={errors}
          general={general}
          onSubmit={async () => setErrors(await wizard.answer('CUSTOMER_ORG', () => wizard.api.chooseCustomerOrg(choice)))}
          onBack={back}
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
      )}
    </>
  );
}
