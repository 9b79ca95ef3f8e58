import { createHmac, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Open CPMS';

export const newTotpSecret = (): string => generateSecret({ length: 20 });

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  /** An SVG QR code of the URI, rendered on the server so no image leaves for a third party. */
  qrSvg: string;
}

export async function totpEnrolment(secret: string, label: string): Promise<TotpEnrolment> {
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

/**
 * Checks a code at the clock's time, allowing one step (30 s) of drift either way. Returns the matched
 * time step so the caller can refuse a replay of the same code. (otplib 13's verify returns an object:
 * `.valid` is the verdict.)
 */
export async function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<{ ok: true; step: number } | { ok: false }> {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  if (!result.valid) return { ok: false };
  const step = 'timeStep' in result ? result.timeStep : Math.floor(now.getTime() / 30_000);
  if (lastStep !== null && step <= lastStep) return { ok: false };
  return { ok: true, step };
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use recovery codes like "k7qd-m2xp-9hwt", shown once. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Recovery codes are high-entropy, so a keyed hash (HMAC-SHA-256) stores them safely and checks fast. */
export const hashRecoveryCode = (code: string, key: Buffer): string =>
  createHmac('sha256', key).update(code.trim().toLowerCase().replaceAll(' ', '')).digest('hex');
