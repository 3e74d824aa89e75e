/**
 * A country as one type-ahead field: the ARIA 1.2 combobox pattern (an input with role=combobox controlling a listbox
 * of the supported countries, the active option named by aria-activedescendant; Up, Down, Enter, Escape). For the
 * customer's country of operation, countries where Webex Contact Center is not sold are listed but cannot be chosen,
 * and the chosen one shows its data residency region.
 */
import { KeyboardEvent, useEffect, useMemo, useState } from 'react';
import type { SupportedCountry } from '../api';
import { useI18n } from '../i18n';
import { FieldError } from './Fields';

interface CountryPickerProps {
  id?: string;
  label: string;
  hint: string;
  countries: SupportedCountry[] | null;
  value: string;
  onChange(code: string): void;
  error?: string;
  /** The country of operation: only countries where Webex Contact Center is sold may be chosen, and the region is shown. */
  soldOnly?: boolean;
}

/** Case- and accent-insensitive, so "bulg" finds Bulgaria and "бълг" finds България. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

export function CountryPicker({
  id = 'countryCode',
  label,
  hint,
  countries,
  value,
  onChange,
  error,
  soldOnly = false,
}: CountryPickerProps) {
  const { t, language, countryName, regionName } = useI18n();
  const listId = `${id}-list`;
  const named = useMemo(() => {
    const collator = new Intl.Collator(language);
    return (countries ?? [])
      .map((country) => ({ ...country, label: countryName(country.code, country.name), usable: !soldOnly || country.contactCenterSold }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countries, language, countryName, soldOnly]);
  const chosen = named.find((country) => country.code === value);
  const [text, setText] = useState(chosen?.label ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // The chosen country's name follows the page's language, and a country chosen elsewhere (loaded late, say).
  useEffect(() => {
    if (chosen && !open) setText(chosen.label);
  }, [chosen, open]);

  const shown = useMemo(() => {
    const wanted = fold(text.trim());
    if (!wanted || (chosen && text === chosen.label)) return named;
    return named.filter(
      (country) => fold(country.label).includes(wanted) || fold(country.name).includes(wanted) || fold(country.code) === wanted,
    );
  }, [named, text, chosen]);

  useEffect(() => {
    if (open && active >= 0) document.getElementById(`${id}-option-${shown[active]?.code}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, shown, id]);

  const choose = (country: (typeof named)[number]) => {
    if (!country.usable) return;
    onChange(country.code);
    setText(country.label);
    setOpen(false);
    setActive(-1);
  };

  const move = (by: number) => {
    if (!shown.length) return;
    setOpen(true);
    setActive((at) => (at < 0 ? (by > 0 ? 0 : shown.length - 1) : (at + by + shown.length) % shown.length));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (event.altKey) setOpen(true);
      else move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Enter' && open) {
      // Enter picks the active country; it submits the form only when the list is closed.
      event.preventDefault();
      const country = shown[active] ?? (shown.length === 1 ? shown[0] : undefined);
      if (country) choose(country);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (!chosen) setText('');
    }
  };

  const onBlur = () => {
    setOpen(false);
    setActive(-1);
    // A name typed out in full chooses its country; anything else goes back to the country chosen, if any.
    const typed = named.find((country) => country.usable && fold(country.label) === fold(text.trim()));
    if (typed) return choose(typed);
    if (text.trim() === '') onChange('');
    else setText(chosen?.label ?? text);
  };

  const region =
    soldOnly && chosen?.contactCenterSold ? t('company.country.region', { country: chosen.label, region: regionName(chosen.region) }) : '';
  const activeOption = open && active >= 0 && shown[active] ? `${id}-option-${shown[active].code}` : undefined;

  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldError id={`${id}-error`} message={error} />
      <div className="combobox">
        <input
          id={id}
          name={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeOption}
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-hint`, error && `${id}-error`, region && `${id}-region`].filter(Boolean).join(' ')}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onClick={() => setOpen((was) => !was)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!open}>
          {countries === null && <li className="combobox-empty">{t('company.country.loading')}</li>}
          {countries !== null && shown.length === 0 && <li className="combobox-empty">{t('company.country.none')}</li>}
          {shown.map((country, at) => (
            <li
              key={country.code}
              id={`${id}-option-${country.code}`}
              role="option"
              data-code={country.code}
              aria-selected={country.code === value}
              aria-disabled={country.usable ? undefined : true}
              className={at === active ? 'combobox-option combobox-option--active' : 'combobox-option'}
              // Chosen before the input's blur, which would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(country);
              }}
            >
              {country.usable ? country.label : t('company.country.notSold', { country: country.label })}
            </li>
          ))}
        </ul>
      </div>
      <p id={`${id}-count`} className="visually-hidden" aria-live="polite">
        {open && countries !== null ? t('company.country.matches', { count: shown.length }) : ''}
      </p>
      {soldOnly && (
        <p id={`${id}-region`} className="region" aria-live="polite">
          {region}
        </p>
      )}
    </div>
  );
}
