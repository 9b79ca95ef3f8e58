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
  const identity = { givenName: 'Henrike', familyName: 'Austernfischer', dateOfBirth: '2011-02-03', recordNumber: `VIEW-${unique()}` };
  const response = await request.post('/api/patients', {
    headers: { 'x-csrf-token': csrfToken },
    data: { hospitalId, nickname: 'Oystercatcher', sex: 'female', identity: { ...identity, nationalId: null }, careConsent: { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-02', formVersion: 'care-e2e', language: 'en', evidence: 'attestation' } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { patient: (await response.json()) as PatientDetail, identity };
}

test('an uploaded study opens in the viewer: slices scroll (wheel, keys, slider) and window/level changes', async ({ page }) => {
  test.setTimeout(90_000);
  const { patient, identity } = await patientOfOwn(page);
  const files = syntheticStudy({ ...identity, sex: 'F' }, [{ modality: 'CT', slices: 8 }, { modality: 'MR', slices: 4 }]).map((f) => ({ name: f.name, mimeType: 'application/dicom', buffer: Buffer.from(f.bytes) }));
  await page.goto(`/patients/${patient.id}`);
  const section = page.getByRole('region', { name: 'Imaging studies' });
  await section.locator('input[type="file"][multiple]').setInputFiles(files);
  await expect(section.getByText('Done: 12 of 12 files processed')).toBeVisible({ timeout: 30_000 });

  // Every pixel comes through the patient's DICOMweb service.
  const pixelRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/frames/')) pixelRequests.push(new URL(r.url()).pathname);
  });

  const opened = Date.now();
  await section.getByRole('button', { name: /^View study/ }).click();
  const dialog = page.getByRole('dialog');
  const image = dialog.getByRole('img', { name: /^Image \d+ of \d+/ });
  await expect(image).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  console.log(`imaging viewer: time from opening to the first rendered image ${Date.now() - opened} ms`);

  const series = dialog.getByRole('navigation', { name: 'Series' });
  await expect(series.getByRole('button')).toHaveCount(2);
  const status = dialog.getByTestId('viewer-status');
  await expect(status).toContainText('Slice 1 of 8');
  expect(pixelRequests.length).toBeGreaterThan(0);
  expect(pixelRequests.every((p) => p.startsWith(`/api/patients/${patient.id}/dicomweb/studies/`))).toBe(true);

  // Slices: the mouse wheel, the keyboard and the slider.
  await image.hover();
  await page.mouse.wheel(0, 120);
  await expect(status).toContainText('Slice 2 of 8');
  await image.focus();
  await page.keyboard.press('End');
  await expect(status).toContainText('Slice 8 of 8');
  await page.keyboard.press('ArrowUp');
  await expect(status).toContainText('Slice 7 of 8');
  const slider = dialog.getByRole('slider', { name: 'Slice' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(status).toContainText('Slice 1 of 8');

  // Window/level: typed, then dragged; the displayed VOI follows the viewport's.
  const initial = /Window \d+, level -?\d+/.exec((await status.textContent()) ?? '')?.[0];
  expect(initial).toBeDefined();
  const width = dialog.getByRole('textbox', { name: 'Window width' });
  await width.fill('400');
  await width.press('Enter');
  await expect(status).toContainText('Window 400,');
  const center = dialog.getByRole('textbox', { name: 'Window level (centre)' });
  await center.fill('40');
  await center.press('Enter');
  await expect(status).toContainText('Window 400, level 40');
  const box = (await image.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  await expect(status).not.toContainText('Window 400, level 40');

  // Zoom, pan and reset, then the other series.
  await dialog.getByRole('button', { name: 'Zoom in' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText(initial!);
  await series.getByRole('button', { name: /MR/ }).click();
  await expect(status).toContainText('Slice 1 of 4');
  await expect(image).toHaveAttribute('data-rendered', 'true');

  await expectNoSeriousAxeViolations(page, 'imaging study viewer');
});
