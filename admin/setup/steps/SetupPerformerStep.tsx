/** Step 2 (partner): set up yourself, or hand the setup to someone else in your company, who gets a new link. */
import { useState } from 'react';
import type { SetupPerformer, UserError } from '../api';
import { Choice, RadioGroup, TextField } from '../components/Fields';
import { Heading } from '../components/Heading';
import { StepForm } from '../components/StepForm';
import { useI18n } from '../i18n';
import { stepBefore } from '../path';
import { sortErrors, useWizard } from '../wizard';

export function SetupPerformerStep() {
  const { t } = useI18n();
  const wizard = useWizard();
  const [performer, setPerformer] = useState<SetupPerformer | null>(wizard.session.answers.performer);
  const [delegateEmail, setDelegateEmail] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const { byField, general } = sortErrors(errors, ['performer', 'delegateEmail']);
  const domain = wizard.session.contactEmail.split('@').pop() ?? '';
  const choices: Choice<SetupPerformer>[] = [
    { value: 'SELF', label: t('performer.SELF') },
    { value: 'OTHER', label: t('performer.OTHER'), description: t('performer.OTHER.hint') },
  ];

  const submit = async () => {
    if (!performer) return setErrors([{ field: ['input', 'performer'], code: 'REQUIRED', message: t('performer.required') }]);
    setErrors(
      await wizard.answer('SETUP_PERFORMER', () =>
        wizard.api.chooseSetupPerformer(performer, performer === 'OTHER' ? delegateEmail : null),
      ),
    );
  };
  const before = stepBefore(wizard.session, 'SETUP_PERFORMER');

  return (
    <>
      <Heading>{t('performer.title')}</Heading>
      <StepForm
        id="performer-form"
        errors={errors}
        general={general}
        onSubmit={submit}
        onBack={before ? () => wizard.goTo(before) : undefined}
        submitLabel={performer === 'OTHER' ? t('performer.handOver') : undefined}
        busy={wizard.busy}
      >
        <RadioGroup<SetupPerformer>
          name="performer"
          legend={t('performer.legend')}
          choices={choices}
          value={performer}
          onChange={setPerformer}
          error={byField.performer}
          childrenFor="OTHER"
        >
          <TextField
            id="delegateEmail"
            type="email"
            autoComplete="off"
            label={t('performer.delegateEmail.label')}
            hint={t('performer.delegateEmail.hint', { domain })}
            value={delegateEmail}
            onChange={setDelegateEmail}
            error={byField.delegateEmail}
          />
        </RadioGroup>
      </StepForm>
    </>
  );
}
