/** Labelled form fields with their hint and their refusal beside them (aria-describedby, aria-invalid). */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{t('error.prefix')} </span>
      {message}
    </p>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  type?: 'text' | 'email';
  autoComplete?: string;
  required?: boolean;
}

export function TextField({ id, label, value, onChange, error, hint, type = 'text', autoComplete, required = true }: TextFieldProps) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        spellCheck={type === 'email' ? false : undefined}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
}

export function TextArea({ id, label, value, onChange, error, hint }: TextAreaProps) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      <textarea
        id={id}
        name={id}
        rows={4}
        value={value}
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  description?: string;
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: string;
  choices: Choice<T>[];
  value: T | null;
  onChange(value: T): void;
  error?: string;
  /** Shown under the chosen option (a field that only that choice needs). */
  children?: ReactNode;
  childrenFor?: T;
}

export function RadioGroup<T extends string>({ name, legend, choices, value, onChange, error, children, childrenFor }: RadioGroupProps<T>) {
  const errorId = `${name}-error`;
  return (
    <fieldset className={error ? 'choices field--invalid' : 'choices'} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <FieldError id={errorId} message={error} />
      {choices.map((choice) => {
        const id = `${name}-${choice.value.toLowerCase()}`;
        return (
          <div key={choice.value} className="choice">
            <input
              type="radio"
              id={id}
              name={name}
              value={choice.value}
              checked={value === choice.value}
              aria-invalid={error ? true : undefined}
              aria-describedby={choice.description ? `${id}-description` : undefined}
              onChange={() => onChange(choice.value)}
            />
            <label htmlFor={id}>{choice.label}</label>
            {choice.description && (
              <p id={`${id}-description`} className="hint choice-hint">
                {choice.description}
              </p>
            )}
            {children && childrenFor === choice.value && value === choice.value && <div className="choice-detail">{children}</div>}
          </div>
        );
      })}
    </fieldset>
  );
}
