import { randomInt } from 'node:crypto';

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or typed
 * (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B): 22 symbols, 8 of them ≈ 35 bits.
 */
const ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';

/** A platform id like "K7QD-M2XP": short, speakable, and safe to say on the phone. */
export function newPatientCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Accepts what a person types: lower case, spaces or no dash, and the look-alikes of our symbols. */
export function normalisePatientCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replaceAll(/[\s-]/g, '').replaceAll('0', 'O').replaceAll(/[IL]/g, '1');
  if (cleaned.length !== 8 || [...cleaned].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}
