import { randomUUID } from 'node:crypto';
import type { SignedIn } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';

/** A referral body to the given centre (a fresh record number each time), with HPO terms and a phenopacket. */
export function referralBody(ernId: string, hospitalId: string, overrides: Record<string, unknown> = {}) {
  return {
    ernId,
    diseaseGroupId: null,
    hospitalId,
    nickname: 'Wren',
    sex: 'female',
    identity: { givenName: 'Inês', familyName: 'Carvalho', dateOfBirth: '2015-03-02', recordNumber: `RF-${randomUUID().slice(0, 10)}`, nationalId: null },
    urgency: 'urgent',
    clinicalQuestion: 'Which diagnosis explains a progressive ataxia with seizures?',
    caseSummary: 'Girl of 11, gait ataxia since 6, seizures since 9; normal MRI.',
    keyResults: 'Ataxia gene panel negative; vitamin E low.',
    phenotypicFeatures: [{ id: 'HP:0001251', label: 'Ataxia', excluded: false }],
    phenopacket: {
      id: 'referral-fixture',
      phenotypicFeatures: [{ type: { id: 'HP:0001250', label: 'Seizure' } }],
      metaData: { createdBy: 'referrer', phenopacketSchemaVersion: '2.0' },
    },
    consent: { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2025-06-01', language: 'pt', evidence: 'attestation', confirmed: true },
    ...overrides,
  };
}

/** Sends a referral as the referrer; returns its id (throws unless 201). */
export async function sendReferral(t: TestApp, referrer: SignedIn, body: ReturnType<typeof referralBody>): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/referrals', headers: referrer.headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`sending a referral: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}
