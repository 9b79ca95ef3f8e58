import { createRequire } from 'node:module';

/** The little of @lhncbc/ucum-lhc (CommonJS, no types) that checking a unit needs. */
interface UcumValidation {
  status: 'valid' | 'invalid' | 'error';
  ucumCode: string | null;
  msg: string[];
  suggestions?: { msg: string; units: [string, string, string][] }[];
}
interface UcumUtils {
  validateUnitString(unit: string, suggest?: boolean): UcumValidation;
}

let utils: UcumUtils | undefined;
const ucum = (): UcumUtils => {
  // loaded on first use: the unit tables take ~20 ms and most requests never need them
  utils ??= (createRequire(import.meta.url)('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): UcumUtils } }).UcumLhcUtils.getInstance();
  return utils;
};

/**
 * Why a unit is not valid UCUM, or undefined when it is (case-sensitive UCUM: mg/dL, 10*3/uL, [IU]/L).
 * The library's own message is passed on, including its suggestion ("IU" → "[IU]").
 */
export function ucumProblem(unit: string): string | undefined {
  // UCUM has no blanks; the library would also log them to the console, so refuse them first
  if (/\s/.test(unit)) return `"${unit.slice(0, 40)}" is not a UCUM unit: UCUM units contain no spaces (e.g. 10*3/uL, mg/dL)`;
  const result = ucum().validateUnitString(unit, true);
  if (result.status === 'valid') return undefined;
  const hint = result.msg.find((m) => m.length > 0) ?? result.suggestions?.[0]?.msg;
  return `"${unit.slice(0, 40)}" is not a UCUM unit${hint ? `: ${hint.replaceAll('\n', ' ')}` : ''}`;
}
