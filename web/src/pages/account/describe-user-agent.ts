import type { TFunction } from 'i18next';

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux|X11/, 'Linux'],
];

const first = (agent: string, patterns: [RegExp, string][]) => patterns.find(([pattern]) => pattern.test(agent))?.[1];

/** "Firefox on Windows" from a user-agent string: enough to recognise one's own devices. */
export function describeUserAgent(t: TFunction, agent: string | null): string {
  if (!agent) return t('sessions.unknownDevice');
  const browser = first(agent, browsers);
  const system = first(agent, systems);
  if (browser && system) return t('sessions.browserOn', { browser, system });
  return browser ?? system ?? t('sessions.unknownDevice');
}
