import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysFrom } from '../../platform/keys.ts';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('are argon2id hashes that verify only with the right password', async () => {
    const pepper = keysFrom(randomBytes(32)).derive('password-pepper');
    const hash = await hashPassword('violet tractor melody 1984', pepper);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'violet tractor melody 1984', pepper)).toBe(true);
    expect(await verifyPassword(hash, 'violet tractor melody 1985', pepper)).toBe(false);
  });

  it('never verify on another installation (a training password cannot work on a production database)', async () => {
    const training = keysFrom(randomBytes(32)).derive('password-pepper');
    const production = keysFrom(randomBytes(32)).derive('password-pepper');
    const hash = await hashPassword('Training-Waldstadt-2026', training);
    expect(await verifyPassword(hash, 'Training-Waldstadt-2026', production)).toBe(false);
  });

  it('prefer length to complexity and refuse common or personal passwords', () => {
    expect(passwordProblems('Sh0rt!pw')[0]).toMatch(/at least 12/);
    expect(passwordProblems('password1234')).not.toEqual([]);
    expect(passwordProblems('qwertyuiop123')).not.toEqual([]);
    expect(passwordProblems('lena.brandt@klinik.example', ['lena.brandt@klinik.example'])).not.toEqual([]);
    expect(passwordProblems('violet tractor melody harbour')).toEqual([]);
  });
});
