/** Step 1: "I am a partner" or "I am the customer". Also says that leaving before confirming starts over. */
import { useState } from 'react';
import type { SetupRole, UserError } from '../api';
import { Choice, RadioGroup } from '../components/Fields';
import { Heading } from '../components/Heading';
import { StepForm } from '../components/StepForm';
import { useI18n } from '../i18n';
import { sortErrors, useWizard } from '../wizard';

export function RoleStep() {
  const { t, tIdents } = useI18n();
  const wizard = useWizard();
  const [role, setRole] = useState<SetupRole | null>(wizard.session.answers.role);
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, ['role']);
  const choices: Choice<SetupRole>[] = [
    { value: 'PARTNER', label: t('role.PARTNER'), description: t('role.PARTNER.hint') },
    { value: 'CUSTOMER', label: t('role.CUSTOMER'), description: t('role.CUSTOMER.hint') },
  ];

  const submit = async () => {
    if (!role) return setErrors([{ field: ['input', 'role'], code: 'REQUIRED', message: t('role.required') }]);
    setErrors(await wizard.answer('ROLE', () => wizard.api.chooseRole(role)));
  };

  return (
    <>
      <Heading>{t('role.title')}</Heading>
      <p>{tIdents('role.intro', { email: wizard.session.contactEmail, order: wizard.session.order.subscriptionId })}</p>
      <p className="notice">{t('role.startsOver')}</p>
      <StepForm id="role-form" errors={errors} general={general} onSubmit={submit} busy={wizard.busy}>
        <RadioGroup<SetupRole>
          name="role"
          legend={t('role.legend')}
          choices={choices}
          value={role}
          onChange={setRole}
          error={byField.role}
        />
      </StepForm>
    </>
  );
}
