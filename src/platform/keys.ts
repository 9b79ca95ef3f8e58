import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What a derived key is for; each purpose gets its own key, so one never serves two uses. */
export type KeyPurpose = 'password-pepper' | 'totp-secrets' | 'audit-checkpoints' | 'blind-index' | 'patient-keys' | 'file-keys' | 'referral-keys';

export interface Keys {
  /** Version of the master key; stored beside every ciphertext so keys can be rotated. */
  readonly version: number;
  derive(purpose: KeyPurpose): Buffer;
}

/** Derives purpose keys from the master key with HKDF-SHA-256 (Node's implementation). */
export function keysFrom(masterKey: Buffer, version = 1): Keys {
  const cache = new Map<KeyPurpose, Buffer>();
  return {
    version,
    derive(purpose) {
      let key = cache.get(purpose);
      if (!key) {
        key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `open-cpms:${purpose}:v${version}`, 32));
        cache.set(purpose, key);
      }
      return key;
    },
  };
}

/**
 * The master key: from CPMS_MASTER_KEY, or (training only) generated once into the data directory.
 * Production start-up requires the variable, so this fallback never runs there.
 */
export function resolveMasterKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, 'keys', 'master.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}
