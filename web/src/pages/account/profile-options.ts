/**
 * Choices for the profile, built from the browser's own Intl data (no lists to maintain): languages
 * as ISO 639-1 codes, countries as ISO 3166 codes, IANA time zones.
 */
const letters = 'abcdefghijklmnopqrstuvwxyz';
const pairs = [...letters].flatMap((a) => [...letters].map((b) => a + b));

/** Region codes Intl names that are not countries (groupings, private use). */
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

export interface Option {
  value: string;
  label: string;
}

function named(codes: string[], names: Intl.DisplayNames, language: string): Option[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  return codes
    .flatMap((code) => {
      const label = names.of(code);
      return label && label !== code ? [{ value: code, label }] : [];
    })
    .sort((a, b) => collator.compare(a.label, b.label));
}

export function languageOptions(language: string): Option[] {
  const names = new Intl.DisplayNames([language], { type: 'language', fallback: 'none' });
  return named(pairs, names, language).map((option) => ({ ...option, label: `${option.label} (${option.value})` }));
}

export function countryOptions(language: string): Option[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  return named(pairs.map((code) => code.toUpperCase()).filter((code) => !notCountries.has(code)), names, language);
}

export function timeZoneOptions(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
