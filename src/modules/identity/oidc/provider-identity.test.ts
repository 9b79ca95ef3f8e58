import { describe, expect, it } from 'vitest';
import { claimsProviderMfa, readProviderIdentity } from './provider-identity.ts';

const trustNothing = { mfaAcrValues: [], mfaAmrValues: [] };

describe('claimsProviderMfa', () => {
  it('trusts a configured acr value or any configured amr value', () => {
    const settings = { mfaAcrValues: ['https://idp.example/loa/high'], mfaAmrValues: ['mfa', 'otp'] };
    expect(claimsProviderMfa({ sub: 'a', acr: 'https://idp.example/loa/high' }, settings)).toBe(true);
    expect(claimsProviderMfa({ sub: 'a', amr: ['pwd', 'otp'] }, settings)).toBe(true);
    expect(claimsProviderMfa({ sub: 'a', acr: 'https://idp.example/loa/low', amr: ['pwd'] }, settings)).toBe(false);
  });

  it('trusts nothing when nothing is configured, whatever the token claims', () => {
    expect(claimsProviderMfa({ sub: 'a', acr: 'mfa', amr: ['mfa', 'otp', 'hwk'] }, trustNothing)).toBe(false);
  });

  it('ignores malformed claims', () => {
    const settings = { mfaAcrValues: ['mfa'], mfaAmrValues: ['mfa'] };
    expect(claimsProviderMfa({ sub: 'a', acr: ['mfa'], amr: 'mfa' }, settings)).toBe(false);
  });
});

describe('readProviderIdentity', () => {
  it('prefers UserInfo for the profile and builds a name from its parts', () => {
    const identity = readProviderIdentity(
      { sub: 'subject-1', email: 'old@example.org' },
      { sub: 'subject-1', email: 'new@example.org', email_verified: true, given_name: 'Ada', family_name: 'Lovelace' },
      trustNothing,
    );
    expect(identity).toEqual({ subject: 'subject-1', email: 'new@example.org', emailVerified: true, displayName: 'Ada Lovelace', providerMfa: false });
  });

  it('treats a missing or odd email_verified as unverified and drops an implausible e-mail', () => {
    expect(readProviderIdentity({ sub: 's', email: 'a@b.example', email_verified: 'yes' }, undefined, trustNothing).emailVerified).toBe(false);
    expect(readProviderIdentity({ sub: 's', email: 'not an address' }, undefined, trustNothing).email).toBeUndefined();
  });

  it('reads the multi-factor claim from the ID token, never from UserInfo', () => {
    const settings = { mfaAcrValues: ['mfa'], mfaAmrValues: [] };
    expect(readProviderIdentity({ sub: 's' }, { sub: 's', acr: 'mfa' }, settings).providerMfa).toBe(false);
  });
});
