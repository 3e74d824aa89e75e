/**
 * A step's form: refusals that concern no one field at the top (role="alert"), the fields, then Continue and
 * Back, then any help (its own form). After a refusal the focus moves to the first error, in page order.
 */
import { FormEvent, ReactNode, useEffect, useRef } from 'react';
import type { UserError } from '../api';
import { useI18n } from '../i18n';

interface StepFormProps {
  id: string;
  errors: UserError[];
  /** The refusals not shown beside a field. */
  general: UserError[];
  onSubmit(): void;
  onBack?: () => void;
  submitLabel?: string;
  busy: boolean;
  children: ReactNode;
  /** Shown after the form (a form of its own may not nest): the action that helps, such as reporting a problem. */
  help?: ReactNode;
  /** Other buttons beside Continue. */
  actions?: ReactNode;
}

export function StepForm({ id, errors, general, onSubmit, onBack, submitLabel, busy, children, help, actions }: StepFormProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length === 0) return;
    const first = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-errors');
    // In a radio group the focus goes where the keyboard would put it: the chosen option, if there is one.
    const chosen =
      first instanceof HTMLInputElement && first.type === 'radio'
        ? ref.current?.querySelector<HTMLInputElement>(`input[type="radio"][name="${first.name}"]:checked`)
        : null;
    (chosen ?? first)?.focus();
  }, [errors]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <div ref={ref} className="step-body">
      <form id={id} noValidate onSubmit={submit} aria-busy={busy || undefined}>
        {general.length > 0 && (
          <div className="form-errors" role="alert" tabIndex={-1}>
            <h2 className="form-errors-title">{t('error.title')}</h2>
            <ul>
              {general.map((error) => (
                <li key={`${error.code}-${error.message}`}>{error.message}</li>
              ))}
            </ul>
          </div>
        )}
        {children}
        <div className="actions">
          <button type="submit" className="button button--primary">
            {submitLabel ?? t('action.continue')}
          </button>
          {actions}
          {onBack && (
            <button type="button" className="button button--secondary" onClick={onBack}>
              {t('action.back')}
            </button>
          )}
        </div>
      </form>
      {help}
    </div>
  );
}
