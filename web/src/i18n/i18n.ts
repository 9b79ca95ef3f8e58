import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json' with { type: 'json' };

/*
 * Every user-visible string lives in a catalogue under ./locales, grouped by page.
 * To add a language: copy locales/en.json to locales/<code>.json (e.g. de.json) and translate
 * the values, import it below, add it to `resources` and `supportedLngs`, then choose the language
 * (a user setting or navigator.languages) with i18n.changeLanguage(code). <html lang> and dir
 * follow automatically. Keys are typed from en.json (see i18next.d.ts).
 */
export const resources = {
  en: { translation: en },
} as const;

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
}

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en'],
  initAsync: false, // resources are bundled: no loading step, no flash of keys
  interpolation: { escapeValue: false }, // React escapes
});

export { i18n };
