import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { SessionInfo } from '../../src/modules/identity/identity.contract.ts';
import type { PatientDetail } from '../../src/modules/patients/patients.contract.ts';
import type { AttachmentList } from '../../src/modules/attachments/attachments.contract.ts';
import type { CurrentRecord } from '../../src/modules/records/records.contract.ts';
import { minimalPdf } from '../../src/seed/training-attachments.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

interface SignedIn {
  csrfToken: string;
  hospitalId: string;
}

/** hp.waldstadt, signed in through the API in the page's cookie jar. */
async function signIn(page: Page): Promise<SignedIn> {
  const csrfToken = await signInThroughApi(page.request, trainingAccount('hp.waldstadt'));
  const session = (await (await page.request.get('/api/auth/session')).json()) as SessionInfo;
  const hospitalId = session.affiliations.find((a) => a.role === 'healthProfessional')!.hospitalId!;
  return { csrfToken, hospitalId };
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

/** A patient of this test's own, so no other test sees its record, files or identity change. */
async function enrol(request: APIRequestContext, as: SignedIn, recordNumber = `E2E-${unique()}`): Promise<PatientDetail> {
  const response = await request.post('/api/patients', {
    headers: { 'x-csrf-token': as.csrfToken },
    data: {
      hospitalId: as.hospitalId,
      nickname: 'Dunlin',
      sex: 'female',
      identity: { givenName: 'Ilse', familyName: 'Moorbach', dateOfBirth: '2012-03-04', recordNumber, nationalId: null },
      careConsent: { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-02', formVersion: 'care-e2e', language: 'en', evidence: 'attestation' },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as PatientDetail;
}

async function openPatient(page: Page, patient: PatientDetail): Promise<void> {
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Patient ${patient.nickname}` })).toBeVisible();
}

/** Picks a file through the file chooser that a click on the (Mantine) file input opens, as a person does. */
async function chooseFile(page: Page, input: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await input.click();
  await (await chooser).setFiles(file);
}

async function choose(page: Page, scope: Locator, combobox: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const asJson = (name: string, value: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value, null, 2)) });

/** A small Phenopacket v2 written for this test: two features (one excluded), a disease with its variant. */
const phenopacket = {
  id: 'e2e-phenopacket',
  subject: { id: 'e2e subject', sex: 'FEMALE', dateOfBirth: '2012-03-04T00:00:00Z' },
  phenotypicFeatures: [
    { type: { id: 'HP:0001250', label: 'Seizure' }, onset: { age: { iso8601duration: 'P1Y' } } },
    { type: { id: 'HP:0001251', label: 'Ataxia' }, excluded: true },
  ],
  diseases: [{ term: { id: 'ORPHA:33069', label: 'Dravet syndrome' } }],
  interpretations: [
    {
      id: 'e2e-interpretation',
      progressStatus: 'SOLVED',
      diagnosis: {
        disease: { id: 'ORPHA:33069', label: 'Dravet syndrome' },
        genomicInterpretations: [
          {
            subjectOrBiosampleId: 'e2e subject',
            interpretationStatus: 'CAUSATIVE',
            variantInterpretation: {
              acmgPathogenicityClassification: 'PATHOGENIC',
              variationDescriptor: {
                id: 'e2e-variant',
                geneContext: { valueId: 'HGNC:10585', symbol: 'SCN1A' },
                expressions: [{ syntax: 'hgvs.c', value: 'NM_001165963.4:c.2836C>T' }],
                allelicState: { id: 'GENO:0000135', label: 'heterozygous' },
              },
            },
          },
        ],
      },
    },
  ],
  metaData: { created: '2026-01-05T10:00:00Z', createdBy: 'Open CPMS browser test', resources: [], phenopacketSchemaVersion: '2.0' },
};

test('a health professional previews a phenopacket import, sees a bad file refused with its problems, then imports', async ({ page }) => {
  test.setTimeout(90_000);
  const as = await signIn(page);
  const patient = await enrol(page.request, as);
  await openPatient(page, patient);
  await expect(page.getByText('Nothing has been recorded yet.')).toBeVisible();
  const exchange = page.getByRole('region', { name: 'Phenopacket exchange' });
  const form = exchange.getByRole('form', { name: 'Import a Phenopacket' });
  const fileInput = form.getByRole('button', { name: 'Phenopacket file (.json)' });

  // A bad file: the server lists its problems, where in the file each is; nothing is saved.
  const bad = { ...phenopacket, phenotypicFeatures: [{ type: { label: 'Seizure' } }, { type: { id: 'HP:0001250' }, onset: { decade: 2 } }] };
  await chooseFile(page, fileInput, asJson('bad.json', bad));
  await form.getByRole('button', { name: 'Check and preview' }).click();
  const refused = exchange.getByRole('alert').filter({ hasText: 'The file cannot be imported' });
  await expect(refused).toBeVisible();
  const problems = refused.getByRole('list', { name: 'Problems in the file' });
  await expect(problems.getByRole('listitem').filter({ hasText: /^phenotypicFeatures\.0\.type\.id: / })).toBeVisible();
  await expect(problems.getByRole('listitem').filter({ hasText: /^phenotypicFeatures\.1\.onset: / })).toBeVisible();
  await expect(exchange.getByRole('button', { name: 'Import into the record' })).toHaveCount(0);
  expect(((await (await page.request.get(`/api/patients/${patient.id}/record`)).json()) as CurrentRecord).version).toBe(0);

  // The good file: a preview of what the record becomes, and what the record has no place for.
  await chooseFile(page, fileInput, asJson('case.json', phenopacket));
  await expect(refused).toHaveCount(0);
  await form.getByRole('radio', { name: 'Replace what the file brings' }).check();
  await form.getByRole('button', { name: 'Check and preview' }).click();
  const preview = exchange.getByRole('region', { name: 'What the import will do' });
  await expect(preview).toContainText('Sections that will change: Phenotypic features, Genetics, Diagnoses.');
  await expect(preview.getByRole('listitem').filter({ hasText: 'Seizure (HP:0001250)' })).toContainText('new');
  await expect(preview.getByRole('listitem').filter({ hasText: 'Ataxia (HP:0001251) — looked for, absent' })).toBeVisible();
  await expect(preview.getByRole('listitem').filter({ hasText: 'Dravet syndrome (ORPHA:33069)' })).toBeVisible();
  await expect(preview.getByRole('listitem').filter({ hasText: 'SCN1A NM_001165963.4:c.2836C>T' })).toBeVisible();
  await expect(preview.getByRole('listitem').filter({ hasText: /^subject\.dateOfBirth: / })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the phenopacket import preview');
  // previewing saved nothing
  expect(((await (await page.request.get(`/api/patients/${patient.id}/record`)).json()) as CurrentRecord).version).toBe(0);

  await exchange.getByRole('button', { name: 'Import into the record' }).click();
  await expect(exchange.getByRole('status').filter({ hasText: 'Imported: the record is now at version 1.' })).toBeVisible();
  await expect(page.getByText(/^Version 1, saved by Dr\. Lena Brandt/)).toBeVisible();
  const record = page.getByRole('region', { name: 'Case record' });
  await expect(record.getByRole('listitem').filter({ hasText: 'HP:0001250' }).first()).toBeVisible();
  await expect(record.getByRole('listitem').filter({ hasText: 'ORPHA:33069' }).first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem').first()).toContainText('Phenopacket import');
  await expect(preview).toHaveCount(0);

  // The export stays: the pseudonymous file, named by the platform id.
  const download = page.waitForEvent('download');
  await exchange.getByRole('link', { name: 'Export as Phenopacket' }).click();
  expect((await download).suggestedFilename()).toBe(`${patient.patientCode}-phenopacket.json`);
});

test('a health professional uploads a PDF with progress, downloads it, is refused a wrong or too large file, cancels an upload and deletes a file', async ({ page }) => {
  test.setTimeout(90_000);
  const as = await signIn(page);
  const patient = await enrol(page.request, as);
  await openPatient(page, patient);
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files.getByText('No files yet.')).toBeVisible();
  const form = files.getByRole('form', { name: 'Upload a file' });
  const fileInput = form.getByRole('button', { name: 'File', exact: true });

  // A report of a few hundred kilobytes, so there is an upload to watch.
  const pdf = minimalPdf(Array.from({ length: 6000 }, (_, i) => `Line ${i + 1} of a synthetic report for a browser test, no real patient.`));
  await choose(page, form, 'Kind', 'Report');
  await form.getByLabel('Description (optional)').fill('Neurology letter');
  await chooseFile(page, fileInput, { name: 'e2e-report.pdf', mimeType: 'application/pdf', buffer: pdf });
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(files.getByRole('status').filter({ hasText: 'Uploaded e2e-report.pdf.' })).toBeVisible();
  await expect(form.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('aria-valuenow', '100');
  const table = files.getByRole('table', { name: "The patient's files, newest first" });
  const row = table.getByRole('row').filter({ hasText: 'e2e-report.pdf' });
  await expect(row).toContainText('Neurology letter');
  await expect(row).toContainText('Report');
  await expect(row).toContainText('by you');
  await expectNoSeriousAxeViolations(page, 'the files panel');

  // The download is the very file uploaded.
  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: 'Download e2e-report.pdf' }).click();
  const saved = await (await download).path();
  expect(fs.readFileSync(saved).equals(pdf), 'the downloaded bytes equal the uploaded ones').toBe(true);

  // A text file sent as a report: refused by its content, with the server's reason.
  await choose(page, form, 'Kind', 'Report');
  await chooseFile(page, fileInput, { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Not a PDF at all, just some notes.\n') });
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  const wrongType = files.getByRole('alert').filter({ hasText: 'This file is not accepted' });
  await expect(wrongType).toContainText("This file's content is not accepted as report");
  // A photograph without the patient's photograph consent.
  await choose(page, form, 'Kind', 'Clinical photograph');
  await chooseFile(page, fileInput, { name: 'face.pdf', mimeType: 'application/pdf', buffer: minimalPdf(['x']) });
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(files.getByRole('alert').filter({ hasText: 'No photograph consent' })).toContainText('photograph consent');
  // A file over the server's limit (50 MiB by default): its 413 is told as such.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-e2e-upload-'));
  try {
    const big = path.join(folder, 'big.pdf');
    fs.writeFileSync(big, Buffer.concat([minimalPdf(['big']), Buffer.alloc(51 * 1024 * 1024, 0x20)]));
    await choose(page, form, 'Kind', 'Report');
    const chooser = page.waitForEvent('filechooser');
    await fileInput.click();
    await (await chooser).setFiles(big);
    await form.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(files.getByRole('alert').filter({ hasText: 'The file is too large' })).toContainText('larger than the limit', { timeout: 60_000 });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }

  // An upload can be cancelled while it is under way (the request is held here so it cannot finish first).
  await page.route(`**/api/patients/${patient.id}/attachments`, async (route) => {
    if (route.request().method() !== 'POST') await route.fallback();
  });
  await choose(page, form, 'Kind', 'Document');
  await chooseFile(page, fileInput, { name: 'held.pdf', mimeType: 'application/pdf', buffer: minimalPdf(['held']) });
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  await form.getByRole('button', { name: 'Cancel upload' }).click();
  await expect(files.getByRole('status').filter({ hasText: 'The upload was cancelled; nothing was stored.' })).toBeVisible();
  await page.unroute(`**/api/patients/${patient.id}/attachments`);
  const listed = (await (await page.request.get(`/api/patients/${patient.id}/attachments`)).json()) as AttachmentList;
  expect(listed.attachments.map((a) => a.fileName)).toEqual(['e2e-report.pdf']);

  // Deleting asks first.
  await row.getByRole('button', { name: 'Delete e2e-report.pdf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this file?' });
  await expect(dialog).toContainText('“e2e-report.pdf” will be removed');
  await expectNoSeriousAxeViolations(page, 'the delete confirmation');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(files.getByRole('status').filter({ hasText: 'Deleted e2e-report.pdf.' })).toBeVisible();
  await expect(files.getByText('No files yet.')).toBeVisible();
});

test('a health professional corrects a patient’s identity; another patient’s record number is refused clearly', async ({ page }) => {
  test.setTimeout(90_000);
  const as = await signIn(page);
  const other = await enrol(page.request, as);
  const patient = await enrol(page.request, as);
  await openPatient(page, patient);
  const identity = page.getByRole('region', { name: 'Identity' });
  await identity.getByRole('button', { name: 'Correct identity' }).click();
  const dialog = page.getByRole('dialog', { name: 'Correct the identity' });
  const form = dialog.getByRole('form', { name: 'Correct the identity' });
  await expect(form.getByLabel('Family name')).toHaveValue('Moorbach');

  await form.getByLabel('Hospital record number').fill(other.identity!.recordNumber);
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Another patient has this record number' })).toBeVisible();
  await expect(form.getByLabel('Hospital record number')).toHaveAccessibleDescription('Another patient of this hospital already has this record number.');
  await expectNoSeriousAxeViolations(page, 'the identity correction');

  const recordNumber = `E2E-${unique()}`;
  await form.getByLabel('Family name').fill('Moorbach-Lenz');
  await form.getByLabel('Hospital record number').fill(recordNumber);
  await form.getByLabel('National id (optional)').fill('NI-2222');
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(identity.getByRole('status')).toHaveText('Identity corrected.');
  await expect(identity).toContainText('Moorbach-Lenz');
  await expect(identity).toContainText(recordNumber);
  await expect(identity).toContainText('NI-2222');

  // stored: the server reads the corrected identity back
  await page.reload();
  await expect(page.getByRole('region', { name: 'Identity' })).toContainText('Moorbach-Lenz');
  const stored = (await (await page.request.get(`/api/patients/${patient.id}`)).json()) as PatientDetail;
  expect(stored.identity).toMatchObject({ familyName: 'Moorbach-Lenz', recordNumber, nationalId: 'NI-2222' });
});
