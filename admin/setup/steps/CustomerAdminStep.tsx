/** Step 4: the customer administrator's email (the contact's own, pre-filled, for a customer; the trial's, for a trial conversion). */
import { useState } from 'react';
import type { UserError } from '../api';
import { TextField } from '../components/Fields';
import { Heading } from '../components/Heading';
import { ReportProblem } from '../components/ReportProblem';
import { StepForm } from '../components/StepForm';
import { useI18n } from '../i18n';
import { stepBefore } from '../path';
import { sortErrors, useWizard } from '../wizard';

export function CustomerAdminStep() {
  const { t, tIdents } = useI18n();
  const wizard = useWizard();
  const { session } = wizard;
  const [adminEmail, setAdminEmail] = useState(session.answers.customerAdminEmail ?? session.trialAdminEmail ?? '');
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, ['adminEmail']);
  const before = stepBefore(session, 'CUSTOMER_ADMIN');
  // A trial conversion whose trial names the wrong administrator: a representative corrects the trial org.
  const wrongTrial = errors.some((error) => error.code === 'TRIAL_ADMIN_EMAIL_MISMATCH');
  const customer = session.answers.role === 'CUSTOMER';

  return (
    <>
      <Heading>{t('customerAdmin.title')}</Heading>
      <p>{t(customer ? 'customerAdmin.intro.CUSTOMER' : 'customerAdmin.intro.PARTNER')}</p>
      {session.trialAdminEmail && <p className="notice">{tIdents('customerAdmin.fromTrial', { email: session.trialAdminEmail })}</p>}
      <StepForm
        id="customer-admin-form"
        errors={errors}
        general={general}
        onSubmit={async () => setErrors(await wizard.answer('CUSTOMER_ADMIN', () => wizard.api.setCustomerAdmin(adminEmail)))}
        onBack={before ? () => wizard.goTo(before) : undefined}
        busy={wizard.busy}
        help={wrongTrial ? <ReportProblem kind="CUSTOMER_ORG_INCORRECT" /> : undefined}
      >
        <TextField
          id="adminEmail"
          type="email"
          autoComplete="off"
          label={t('customerAdmin.adminEmail.label')}
          hint={t('customerAdmin.adminEmail.hint')}
          value={adminEmail}
          onChange={setAdminEmail}
          error={byField.adminEmail}
        />
      </StepForm>
    </>
  );
}
