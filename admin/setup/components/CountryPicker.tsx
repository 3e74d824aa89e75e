/**
 * The country of operation: a search box that filters a list of the supported countries. Countries where
 * Webex Contact Center is not sold are listed but cannot be chosen; the chosen one shows its data residency region.
 */
import { useId, useMemo, useState } from 'react';
import type { SupportedCountry } from '../api';
import { useI18n } from '../i18n';
import { FieldError } from './Fields';

interface CountryPickerProps {
  countries: SupportedCountry[] | null;
  value: string;
  onChange(code: string): void;
  error?: string;
}

/** Case- and accent-insensitive, so "bulg" finds Bulgaria and "бълг" finds България. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

export function CountryPicker({ countries, value, onChange, error }: CountryPickerProps) {
  const { t, language, countryName, regionName } = useI18n();
  const [search, setSearch] = useState('');
  const id = 'countryCode';
  const searchId = useId();

  const named = useMemo(() => {
    const collator = new Intl.Collator(language);
    return (countries ?? [])
      .map((country) => ({ ...country, label: countryName(country.code, country.name) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countries, language, countryName]);
  const shown = useMemo(() => {
    const wanted = fold(search.trim());
    if (!wanted) return named;
    return named.filter(
      (country) =>
        country.code === value ||
        fold(country.label).includes(wanted) ||
        fold(country.name).includes(wanted) ||
        country.code.toLowerCase() === wanted,
    );
  }, [named, search, value]);
  const chosen = named.find((country) => country.code === value);
  // The region of a country that may be chosen; none for one that stopped being sold while the page was open.
  const region = chosen?.contactCenterSold ? t('company.country.region', { country: chosen.label, region: regionName(chosen.region) }) : '';

  return (
    <>
      <div className="field">
        <label htmlFor={searchId}>{t('company.country.search')}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          autoComplete="off"
          aria-controls={id}
          aria-describedby={`${searchId}-count`}
          onChange={(event) => setSearch(event.target.value)}
        />
        <p id={`${searchId}-count`} className="hint" aria-live="polite">
          {countries === null ? t('company.country.loading') : t('company.country.matches', { count: shown.length })}
        </p>
      </div>
      <div className={error ? 'field field--invalid' : 'field'}>
        <label htmlFor={id}>{t('company.country.label')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('company.country.hint')}
        </p>
        <FieldError id={`${id}-error`} message={error} />
        <select
          id={id}
          name={id}
          size={8}
          value={value}
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-hint`, error && `${id}-error`, region && `${id}-region`].filter(Boolean).join(' ')}
          onChange={(event) => onChange(event.target.value)}
        >
          {/* Nothing chosen yet: without this React would show the first country as selected. */}
          <option value="" hidden>
            {t('company.country.choose')}
          </option>
          {shown.map((country) => (
            <option key={country.code} value={country.code} disabled={!country.contactCenterSold && country.code !== value}>
              {country.contactCenterSold ? country.label : t('company.country.notSold', { country: country.label })}
            </option>
          ))}
        </select>
        <p id={`${id}-region`} className="region" aria-live="polite">
          {region}
        </p>
      </div>
    </>
  );
}
