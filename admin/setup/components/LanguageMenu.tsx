/** The page's language, switchable at any time. */
import type { Language } from '../api';
import { LANGUAGES, useI18n } from '../i18n';

export function LanguageMenu() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="language-menu">
      <label htmlFor="language">{t('language.label')}</label>
      <select id="language" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
