import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals short secrets (a TOTP secret, an identifier) with AES-256-GCM: "v<keyVersion>.<iv>.<ciphertext>.<tag>"
 * in base64url. The key version travels with the ciphertext so keys can be rotated.
 */
export function seal(key: Buffer, keyVersion: number, plaintext: string, associatedData = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [`v${keyVersion}`, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function keyVersionOf(sealed: string): number {
  return Number(sealed.slice(1, sealed.indexOf('.')));
}

/** Opens what seal() produced; throws if the ciphertext, tag or associated data were altered. */
export function open(key: Buffer, sealed: string, associatedData = ''): string {
  const [, iv, ciphertext, tag] = sealed.split('.');
  if (!iv || !ciphertext || tag === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
