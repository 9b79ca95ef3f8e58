import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysFrom } from './keys.ts';
import { keyVersionOf, open, seal } from './secret-box.ts';

describe('secret box', () => {
  const key = keysFrom(randomBytes(32)).derive('totp-secrets');

  it('round-trips and records the key version', () => {
    const sealed = seal(key, 3, 'JBSWY3DPEHPK3PXP', 'person-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keyVersionOf(sealed)).toBe(3);
    expect(open(key, sealed, 'person-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses altered ciphertext, another key, or other associated data', () => {
    const sealed = seal(key, 1, 'secret', 'person-1');
    const parts = sealed.split('.');
    parts[2] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => open(key, parts.join('.'), 'person-1')).toThrow();
    expect(() => open(keysFrom(randomBytes(32)).derive('totp-secrets'), sealed, 'person-1')).toThrow();
    expect(() => open(key, sealed, 'person-2')).toThrow();
  });

  it('derives different keys for different purposes', () => {
    const keys = keysFrom(randomBytes(32));
    expect(keys.derive('password-pepper').equals(keys.derive('totp-secrets'))).toBe(false);
  });
});
