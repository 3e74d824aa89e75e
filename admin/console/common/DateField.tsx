/**
 * Dates in the console's language. DateField: react-admin's DateField in it (it would otherwise follow the
 * browser's), with the time unless `dateOnly`: a calendar date (YYYY-MM-DD) is shown as it is, in UTC, so no time
 * zone moves it a day. DateTextField and DateInput: a day (or a day and a time) typed as the console's language
 * writes it, "03.12.2026" in Bulgarian, "12/03/2026" in English. A browser's own date input follows the browser's
 * language, not the console's, and showed mm/dd/yyyy on a Bulgarian page.
 */
import { TextField, type TextFieldProps } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  DateField as RaDateField,
  useInput,
  useLocaleState,
  useResourceContext,
  useTranslate,
  useTranslateLabel,
  type DateFieldProps,
  type InputProps,
} from 'react-admin';
import type { DateInputFormat } from './format';
import { useFormat } from './useFormat';

export function DateField({ dateOnly = false, ...props }: DateFieldProps & { dateOnly?: boolean }) {
  const [locale] = useLocaleState();
  return <RaDateField locales={locale} showTime={!dateOnly} options={dateOnly ? { timeZone: 'UTC' } : undefined} {...props} />;
}

/** How the format reads to a person: "дд.мм.гггг" in Bulgarian, with " чч:мм" for a time. */
function usePattern(format: DateInputFormat, withTime: boolean): string {
  const translate = useTranslate();
  const day = format.order.map((part) => translate(`console.dateInput.${part}`)).join(format.separator);
  return withTime ? `${day} ${translate('console.dateInput.time')}` : day;
}

/**
 * The text a person is typing, kept while it is not yet a date; `value` is YYYY-MM-DD (or an ISO instant with
 * `withTime`), `onChange` receives one, or null when the field is emptied.
 */
function useDateText(value: string | null | undefined, onChange: (value: string | null) => void, withTime: boolean) {
  const { dateInput } = useFormat();
  const written = withTime ? dateInput.writeTime(value) : dateInput.write(value);
  const [text, setText] = useState(written);
  // The value changed from outside (a reset, the language menu): show it anew.
  useEffect(() => setText(written), [written]);
  const read = (typed: string) => (withTime ? dateInput.readTime(typed) : dateInput.read(typed));
  const invalid = text.trim() !== '' && read(text) === null;
  return {
    text,
    invalid,
    format: dateInput,
    change(typed: string) {
      setText(typed);
      if (typed.trim() === '') onChange(null);
      else {
        const day = read(typed);
        if (day !== null) onChange(day);
      }
    },
  };
}

/** A plain (controlled) day field: `value` and `onChange` in YYYY-MM-DD. */
export function DateTextField({
  value,
  onChange,
  withTime = false,
  ...props
}: Omit<TextFieldProps, 'value' | 'onChange'> & { value: string; onChange: (value: string | null) => void; withTime?: boolean }) {
  const translate = useTranslate();
  const date = useDateText(value, onChange, withTime);
  const pattern = usePattern(date.format, withTime);
  return (
    <TextField
      {...props}
      value={date.text}
      onChange={(event) => date.change(event.target.value)}
      placeholder={pattern}
      error={date.invalid || props.error}
      helperText={date.invalid ? translate('console.dateInput.invalid', { pattern }) : props.helperText}
      slotProps={{ ...props.slotProps, inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', 'aria-description': pattern } }}
    />
  );
}

/** react-admin's DateInput (or DateTimeInput with `withTime`) typed in the console's language. */
export function DateInput({ withTime = false, ...props }: InputProps & { withTime?: boolean }) {
  const translate = useTranslate();
  const translateLabel = useTranslateLabel();
  const resource = useResourceContext(props);
  const { field, fieldState, isRequired } = useInput({ ...props, parse: (value) => value, format: (value) => value ?? '' });
  const date = useDateText(field.value, field.onChange, withTime);
  const pattern = usePattern(date.format, withTime);
  const label = props.label === false ? undefined : translateLabel({ label: props.label, source: props.source, resource });
  const refusal = fieldState.error?.message;
  const error = date.invalid
    ? translate('console.dateInput.invalid', { pattern })
    : refusal
      ? translate(refusal, { _: refusal })
      : undefined;
  return (
    <TextField
      name={field.name}
      label={label}
      required={isRequired}
      value={date.text}
      onChange={(event) => date.change(event.target.value)}
      onBlur={field.onBlur}
      placeholder={pattern}
      error={Boolean(error)}
      helperText={error}
      size="small"
      variant="filled"
      sx={{ minWidth: withTime ? 220 : 170 }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', 'aria-description': pattern } }}
    />
  );
}
