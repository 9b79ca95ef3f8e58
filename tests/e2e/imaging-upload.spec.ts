import type { APIRequestContext, Page } from '@playwright/test';
import type { SessionInfo } from '../../src/modules/identity/identity.contract.ts';
import type { PatientDetail } from '../../src/modules/patients/patients.contract.ts';
import { syntheticStudy } from '../../src/testing/synthetic-dicom.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

/** hp.waldstadt signed in, and a patient of this test's own. */
async function patientOfOwn(page: Page): Promise<{ patient: PatientDetail; identity: { givenName: string; familyName: string; dateOfBirth: string; recordNumber: string } }> {
  const request: APIRequestContext = page.request;
  const csrfToken = await signInThroughApi(request, trainingAccount('hp.waldstadt'));
  const session = (await (await request.get('/api/auth/session')).json()) as SessionInfo;
  const hospitalId = session.affiliations.find((a) => a.role === 'healthProfessional')!.hospitalId!;
  const identity = { givenName: 'Wiebke', familyName: 'Strandlaeufer', dateOfBirth: '2013-05-06', recordNumber: `IMG-${unique()}` };
  const response = await request.post('/api/patients', {
    headers: { 'x-csrf-token': csrfToken },
    data: { hospitalId, nickname: 'Sanderling', sex: 'female', identity: { ...identity, nationalId: null }, careConsent: { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-02', formVersion: 'care-e2e', language: 'en', evidence: 'attestation' } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { patient: (await response.json()) as PatientDetail, identity };
}

test('a study dropped as files is de-identified in the browser, uploaded, listed, and a second upload of it resumes (skips what is stored)', async ({ page }) => {
  const { patient, identity } = await patientOfOwn(page);
  const files = syntheticStudy({ ...identity, sex: 'F' }, [{ modality: 'CT', slices: 12 }, { modality: 'MR', slices: 6 }, { modality: 'US', slices: 1 }]).map((f) => ({ name: f.name, mimeType: 'application/dicom', buffer: Buffer.from(f.bytes) }));
  await page.goto(`/patients/${patient.id}`);
  const section = page.getByRole('region', { name: 'Imaging studies' });
  await expect(section.getByText('No imaging studies yet.')).toBeVisible();

  await section.locator('input[type="file"][multiple]').setInputFiles(files);
  await expect(section.getByText('Done: 19 of 19 files processed')).toBeVisible();
  await expect(section.getByText('18 images stored')).toBeVisible();
  await expect(section.getByText(/1 image has text burned into its pixels/)).toBeVisible();
  const row = section.getByRole('row', { name: /CT, MR/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('2');
  await expect(row.getByRole('cell').nth(2)).toHaveText('18');
  await expect(section.getByRole('progressbar', { name: 'Study 1: 18 of 18 images uploaded' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'patient page with an imaging upload');

  // The same files again (an interrupted upload restarted): nothing is sent twice.
  await section.locator('input[type="file"][multiple]').setInputFiles(files);
  await expect(section.getByText('Done: 19 of 19 files processed')).toBeVisible();
  await expect(section.getByText('18 images were already on the record')).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText('18');
});
