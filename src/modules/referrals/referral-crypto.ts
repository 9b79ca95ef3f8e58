import { randomBytes } from 'node:crypto';
import type { Keys } from '../../platform/keys.ts';
import { open, seal } from '../../platform/secret-box.ts';
import type { PatientIdentity } from '../patients/patients.contract.ts';

/*
 * A referral's identifying data is sealed like an enrolled patient's: under a data key of its own (so deleting
 * referral_secrets crypto-shreds it), wrapped by a key derived from the master key and bound to the referral id.
 */
export function newReferralKey(keys: Keys, referralId: string): { dataKey: Buffer; wrapped: string } {
  const dataKey = randomBytes(32);
  return { dataKey, wrapped: seal(keys.derive('referral-keys'), keys.version, dataKey.toString('base64'), `referral-key:${referralId}`) };
}

export const unwrapReferralKey = (keys: Keys, referralId: string, wrapped: string): Buffer => Buffer.from(open(keys.derive('referral-keys'), wrapped, `referral-key:${referralId}`), 'base64');

export const sealReferralIdentity = (dataKey: Buffer, keyVersion: number, referralId: string, identity: PatientIdentity): string =>
  seal(dataKey, keyVersion, JSON.stringify(identity), `referral-identity:${referralId}`);

export const openReferralIdentity = (dataKey: Buffer, referralId: string, sealed: string): PatientIdentity =>
  JSON.parse(open(dataKey, sealed, `referral-identity:${referralId}`)) as PatientIdentity;

export const sealFileName = (dataKey: Buffer, keyVersion: number, fileId: string, name: string): string => seal(dataKey, keyVersion, name, `referral-file-name:${fileId}`);
export const openFileName = (dataKey: Buffer, fileId: string, sealed: string): string => open(dataKey, sealed, `referral-file-name:${fileId}`);
