/**
 * "Report a problem": for what the wizard cannot fix (wrong org data, an expired trial). It opens a case for a
 * Cisco representative (provisioningReportProblem) and then shows that a representative will be in touch.
 */
import { FormEvent, useEffect, useRef, useState } from 'react';
import type { CaseKind, UserError } from '../api';
import { MessageKey, useI18n } from '../i18n';
import { sortErrors, useWizard } from '../wizard';
import { TextArea } from './Fields';

const INTRO: Record<CaseKind, MessageKey> = {
  PARTNER_ORG_INCORRECT: 'report.intro.PARTNER_ORG_INCORRECT',
  CUSTOMER_ORG_INCORRECT: 'report.intro.CUSTOMER_ORG_INCORRECT',
  TRIAL_EXPIRED: 'report.intro.TRIAL_EXPIRED',
  OTHER: 'report.intro.OTHER',
};

export function ReportProblem({ kind, id = 'report' }: { kind: CaseKind; id?: string }) {
  const { t } = useI18n();
  const wizard = useWizard();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (open) formRef.current?.querySelector('textarea')?.focus();
    else if (opened.current) toggleRef.current?.focus();
    opened.current = open;
  }, [open]);
  useEffect(() => {
    if (errors.length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-errors')?.focus();
  }, [errors]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    try {
      const payload = await wizard.api.reportProblem(kind, message);
      if (!payload.userErrors.length) wizard.reported(kind);
      else if (!(await wizard.handled(payload.userErrors))) setErrors(payload.userErrors);
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('failed.NETWORK') }]);
    } finally {
      setSending(false);
    }
  };
  const { byField, general } = sortErrors(errors, ['message']);
  const formId = `${id}-form`;

  return (
    <section className="report" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="report-title">
        {t('report.title')}
      </h2>
      <p>{t(INTRO[kind])}</p>
      {!open && (
        <button
          ref={toggleRef}
          type="button"
          className="button button--secondary"
          aria-expanded={false}
          aria-controls={formId}
          onClick={() => setOpen(true)}
        >
          {t('report.open')}
        </button>
      )}
      {open && (
        <form ref={formRef} id={formId} noValidate onSubmit={send} aria-busy={sending || undefined}>
          {general.length > 0 && (
            <div className="form-errors" role="alert" tabIndex={-1}>
              <ul>
                {general.map((error) => (
                  <li key={error.code}>{error.message}</li>
                ))}
              </ul>
            </div>
          )}
          <TextArea
            id={`${id}-message`}
            label={t('report.message.label')}
            hint={t('report.message.hint')}
            value={message}
            onChange={setMessage}
            error={byField.message}
          />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('report.send')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('action.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
