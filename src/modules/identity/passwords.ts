import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * argon2id (the library's default algorithm) at OWASP's recommended minimum (19 MiB, 2 passes), with
 * a pepper derived from the master key: a password hash copied to another installation (training to
 * production, say) does not verify there.
 */
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string, pepper: Buffer): Promise<string> => hash(password, { ...argonOptions, secret: pepper });

export async function verifyPassword(passwordHash: string, password: string, pepper: Buffer): Promise<boolean> {
  try {
    return await verify(passwordHash, password, { secret: pepper });
  } catch {
    return false; // a malformed hash never verifies
  }
}

/** A hash of a random password, verified against when the account does not exist: same time either way. */
let decoy: Promise<string> | undefined;
export const decoyHash = (pepper: Buffer): Promise<string> => (decoy ??= hashPassword(`decoy-${Math.random()}`, pepper));

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const strength = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * Length over complexity (NIST SP 800-63B): at least 12 characters, no composition rules, but refused
 * when it is a common or guessable password (zxcvbn's dictionaries of common passwords, names, words,
 * keyboard patterns) or built from the person's own e-mail or name.
 */
export function passwordProblems(password: string, personal: string[] = []): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a strong, memorable password.`];
  if (password.length > PASSWORD_MAX_LENGTH) return [`Use at most ${PASSWORD_MAX_LENGTH} characters.`];
  const lowered = password.toLowerCase();
  const own = personal.flatMap((p) => [p, p.split('@')[0] ?? '']).map((p) => p.trim().toLowerCase()).filter((p) => p.length >= 4);
  if (own.some((p) => lowered.includes(p))) return ['Do not use your name or e-mail address in your password.'];
  const result = strength.check(password, [...own, ...personal.flatMap((p) => p.split(/[@.\s]+/))].filter((p) => p.length >= 3));
  if (result.score >= 3) return [];
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((h): h is string => typeof h === 'string' && h.length > 0);
  return ['This password is too easy to guess.', ...hints];
}
