import type { Locator, Page } from '@playwright/test';
import type { PatientList } from '../../src/modules/patients/patients.contract.ts';
import type { CurrentRecord } from '../../src/modules/records/records.contract.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

async function choose(page: Page, scope: Locator, combobox: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types into a search, waits for the suggestion, and takes it with the keyboard (arrow down, Enter). */
async function pickSuggestion(page: Page, search: Locator, text: string, suggestion: RegExp): Promise<void> {
  await search.fill(text);
  await expect(page.getByRole('option', { name: suggestion })).toBeVisible();
  for (let i = 0; i < 10 && (await page.getByRole('option', { name: suggestion }).getAttribute('data-combobox-selected')) === null; i += 1) {
    await search.press('ArrowDown');
  }
  await search.press('Enter');
}

test('a health professional records features with onset and severity, laboratory results, a variant, histology and an Orphanet diagnosis', async ({ page }) => {
  test.setTimeout(120_000);
  await signInThroughApi(page.request, trainingAccount('hp.waldstadt'));
  const listed = await page.request.get('/api/patients?q=Heron');
  const heron = ((await listed.json()) as PatientList).patients.find((p) => p.nickname === 'Heron');
  expect(heron, 'the seeded patient Heron').toBeDefined();
  const before = (await (await page.request.get(`/api/patients/${heron!.id}/record`)).json()) as CurrentRecord;
  const savedAs = (version: number) => page.getByText(new RegExp(`^Version ${version}, saved by Dr\\. Lena Brandt`));
  await page.goto(`/patients/${heron!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Patient Heron' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Case record' });

  // Phenotypic features: a term taken from the search with the keyboard, an age at onset and a severity;
  // a second one looked for and absent; an existing one given an HPO onset class.
  await page.getByRole('tab', { name: 'Edit phenotypic features' }).click();
  const features = page.getByRole('form', { name: 'Edit phenotypic features' });
  const hpo = features.getByRole('combobox', { name: 'Add an HPO term' });
  await pickSuggestion(page, hpo, 'tremor', /^Tremor \(HP:0001337\)/);
  await expect(features.getByRole('status')).toHaveText('Added: Tremor (HP:0001337)');
  await expect(hpo).toBeFocused();
  await hpo.fill('spastic');
  await expect(page.getByRole('option', { name: /^Spasticity \(HP:0001257\)/ })).toContainText('Is a: Hypertonia, Upper motor neuron dysfunction');
  await page.getByRole('option', { name: /^Spasticity \(HP:0001257\)/ }).click();
  const tremor = features.getByRole('group', { name: 'Feature 4: Tremor (HP:0001337)' });
  await choose(page, tremor, 'Onset 4', 'Age');
  await tremor.getByLabel('Age at onset 4, years').fill('34');
  await tremor.getByLabel('Age at onset 4, months').fill('6');
  await choose(page, tremor, 'Severity 4', 'Mild');
  await features.getByRole('group', { name: 'Feature 5: Spasticity (HP:0001257)' }).getByLabel('Looked for, absent').check();
  const dysarthria = features.getByRole('group', { name: 'Feature 2: Dysarthria (HP:0001260)' });
  await choose(page, dysarthria, 'Onset 2', 'Onset class');
  await choose(page, dysarthria, 'Onset class 2', 'Adult onset');
  await expect(page.getByText(/^Version \d+, saved by/)).toHaveText(new RegExp(`^Version ${before.version},`)); // Enter in the search did not save
  await expectNoSeriousAxeViolations(page, 'the features editor');
  await features.getByRole('button', { name: 'Save phenotypic features' }).click();
  await expect(savedAs(before.version + 1)).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: 'Tremor (HP:0001337)' })).toHaveText('Tremor (HP:0001337) — onset 34 years 6 months, Mild');
  await expect(summary.getByRole('listitem').filter({ hasText: 'Spasticity (HP:0001257)' })).toHaveText('Spasticity (HP:0001257) — looked for, absent');
  await expect(summary.getByRole('listitem').filter({ hasText: 'Dysarthria (HP:0001260)' })).toHaveText('Dysarthria (HP:0001260) — onset Adult onset');

  // Histology, begun but not yet saved: it survives a save in another tab.
  await page.getByRole('tab', { name: 'Edit histology' }).click();
  const histology = page.getByRole('form', { name: 'Edit histology' });
  await histology.getByRole('button', { name: 'Add a histology report' }).click();
  await expect(histology.getByLabel('Specimen 1')).toBeFocused();
  await histology.getByLabel('Specimen 1').fill('Sural nerve biopsy');
  await histology.getByLabel('Taken on 1').fill('2025-09');

  // Laboratory results: a value above its range; the server's flag shows in the summary.
  await page.getByRole('tab', { name: 'Edit laboratory results' }).click();
  const laboratory = page.getByRole('form', { name: 'Edit laboratory results' });
  await laboratory.getByRole('button', { name: 'Add a laboratory result' }).click();
  await expect(laboratory.getByLabel('Analyte 2')).toBeFocused();
  await laboratory.getByLabel('Analyte 2').fill('Creatine kinase');
  await laboratory.getByLabel('LOINC 2').fill('2157-6');
  await laboratory.getByLabel('Date 2').fill('2025-10-01');
  await laboratory.getByLabel('Value 2').fill('412');
  await laboratory.getByLabel('Unit 2').fill('U/L');
  await laboratory.getByLabel('Reference low 2').fill('30');
  await laboratory.getByLabel('Reference high 2').fill('200');
  await expectNoSeriousAxeViolations(page, 'the laboratory editor');
  await laboratory.getByRole('button', { name: 'Save laboratory results' }).click();
  await expect(savedAs(before.version + 2)).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: 'Creatine kinase' })).toHaveText('Creatine kinase (LOINC 2157-6): 412 U/L, reference 30–200, 2025-10-01 — above the reference range');
  await expect(summary.getByRole('listitem').filter({ hasText: 'Vitamin E' })).not.toContainText('reference range');

  await page.getByRole('tab', { name: 'Edit histology' }).click();
  await expect(histology.getByLabel('Specimen 1')).toHaveValue('Sural nerve biopsy');
  await histology.getByLabel('Findings 1').fill('Reduced density of large myelinated fibres.');
  await histology.getByLabel('Conclusion 1').fill('Axonal sensory neuropathy.');
  await expectNoSeriousAxeViolations(page, 'the histology editor');
  await histology.getByRole('button', { name: 'Save histology' }).click();
  await expect(savedAs(before.version + 3)).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: 'Sural nerve biopsy' })).toHaveText('Sural nerve biopsy, 2025-09: Axonal sensory neuropathy.');

  // Genetics: a variant whose HGVS lacks the reference's version; the server's message shows at the field.
  await page.getByRole('tab', { name: 'Edit genetics' }).click();
  const genetics = page.getByRole('form', { name: 'Edit genetics' });
  await genetics.getByRole('button', { name: 'Add a variant' }).click();
  await expect(genetics.getByLabel('Gene 1')).toBeFocused();
  await genetics.getByLabel('Gene 1').fill('ATXN1');
  const hgvs = genetics.getByLabel('HGVS 1', { exact: true });
  await hgvs.fill('NM_000332:c.1A>G');
  await choose(page, genetics, 'Zygosity 1', 'heterozygous');
  await choose(page, genetics, 'Inheritance 1', 'paternal');
  await choose(page, genetics, 'ACMG classification 1', 'uncertain significance');
  await choose(page, genetics, 'Interpretation 1', 'candidate');
  await choose(page, genetics, 'Linked diagnosis 1', 'Spinocerebellar ataxia type 1 (ORPHA:98755)');
  await genetics.getByRole('button', { name: 'Save genetics' }).click();
  await expect(hgvs).toHaveAttribute('aria-invalid', 'true');
  await expect(hgvs).toHaveAccessibleDescription(/"NM_000332:c\.1A>G": give the version of the reference sequence \(e\.g\. NM_000332\.1\)/);
  await expect(genetics.getByRole('alert')).toContainText('nothing was changed');
  await expectNoSeriousAxeViolations(page, 'the genetics editor showing the server’s problem');
  await hgvs.fill('NM_000332.3:c.1A>G');
  await genetics.getByRole('button', { name: 'Save genetics' }).click();
  await expect(savedAs(before.version + 4)).toBeVisible();
  await expect(summary.getByRole('list', { name: 'Variants' }).getByRole('listitem').first()).toHaveText('ATXN1 NM_000332.3:c.1A>G — heterozygous — paternal — uncertain significance — candidate');

  // Diagnoses: found in Orphanet by name, marked excluded.
  await page.getByRole('tab', { name: 'Edit diagnoses' }).click();
  const diagnoses = page.getByRole('form', { name: 'Edit diagnoses' });
  await pickSuggestion(page, diagnoses.getByRole('combobox', { name: 'Find a diagnosis in Orphanet' }), 'friedreich', /^Friedreich ataxia \(ORPHA:95\)/);
  const friedreich = diagnoses.getByRole('group', { name: 'Diagnosis 2: Friedreich ataxia (ORPHA:95)' });
  await expect(friedreich.getByLabel('Code 2')).toHaveValue('95');
  await choose(page, friedreich, 'Status 2', 'excluded');
  await expectNoSeriousAxeViolations(page, 'the diagnoses editor');
  await diagnoses.getByRole('button', { name: 'Save diagnoses' }).click();
  await expect(savedAs(before.version + 5)).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: 'ORPHA:95' })).toHaveText('Friedreich ataxia (ORPHA:95) — excluded');

  // The record's history lists each of these versions with the section it changed.
  const versions = page.getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem');
  const expected = ['Diagnoses', 'Genetics', 'Histology', 'Laboratory results', 'Phenotypic features'];
  for (const [i, section] of expected.entries()) {
    await expect(versions.nth(i)).toContainText(`Version ${before.version + 5 - i}`);
    await expect(versions.nth(i)).toContainText(`Dr. Lena Brandt`);
    await expect(versions.nth(i)).toContainText(new RegExp(`· ${section}$`));
  }
});

test('a result typed as the laboratory wrote it is split into comparator and value, a wrong unit or a blank age is named at its field, and a repeat needs only the new value', async ({ page }) => {
  test.setTimeout(90_000);
  await signInThroughApi(page.request, trainingAccount('hp.two-hospitals'));
  const listed = await page.request.get('/api/patients?q=Wren');
  const wren = ((await listed.json()) as PatientList).patients.find((p) => p.nickname === 'Wren');
  expect(wren, 'the seeded patient Wren').toBeDefined();
  const before = (await (await page.request.get(`/api/patients/${wren!.id}/record`)).json()) as CurrentRecord;
  await page.goto(`/patients/${wren!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Patient Wren' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Case record' });

  await page.getByRole('tab', { name: 'Edit laboratory results' }).click();
  const laboratory = page.getByRole('form', { name: 'Edit laboratory results' });
  await laboratory.getByRole('button', { name: 'Add a laboratory result' }).click();
  await laboratory.getByLabel('Analyte 1').fill('Alkaline phosphatase');
  await laboratory.getByLabel('Value 1').fill('<40');
  await laboratory.getByLabel('Unit 1').fill('IU/L');
  await laboratory.getByLabel('Reference low 1').fill('129');
  await laboratory.getByLabel('Reference high 1').fill('417');
  await expect(laboratory.getByLabel('Value 1')).toHaveValue('40');
  await expect(laboratory.getByRole('combobox', { name: 'Comparator 1' })).toHaveValue('<');
  await expect(laboratory.getByLabel('Result as written 1')).toHaveValue('<40');
  await laboratory.getByRole('button', { name: 'Save laboratory results' }).click();
  await expect(laboratory.getByLabel('Unit 1')).toHaveAccessibleDescription(/"IU\/L" is not a UCUM unit.*\[IU\]/);
  await laboratory.getByLabel('Unit 1').fill('U/L');
  await laboratory.getByRole('button', { name: 'Save laboratory results' }).click();
  await expect(page.getByText(new RegExp(`^Version ${before.version + 1}, saved by`))).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: 'Alkaline phosphatase' })).toHaveText('Alkaline phosphatase: <40 U/L, reference 129–417 — below the reference range');

  // A repeat of the same analyte: unit and range come along, the value field takes the focus.
  await laboratory.getByRole('button', { name: 'Repeat result 1 (same analyte, unit and range)' }).click();
  await expect(laboratory.getByLabel('Value 2')).toBeFocused();
  await expect(laboratory.getByLabel('Analyte 2')).toHaveValue('Alkaline phosphatase');
  await expect(laboratory.getByLabel('Unit 2')).toHaveValue('U/L');
  await expect(laboratory.getByLabel('Reference high 2')).toHaveValue('417');

  // An age at onset chosen but not given: the server refuses, the field says what to give.
  await page.getByRole('tab', { name: 'Edit phenotypic features' }).click();
  const features = page.getByRole('form', { name: 'Edit phenotypic features' });
  await features.getByRole('button', { name: 'Add a feature by id' }).click();
  await features.getByLabel('Term id 1').fill('HP:0001263');
  await choose(page, features, 'Onset 1', 'Age');
  await features.getByRole('button', { name: 'Save phenotypic features' }).click();
  await expect(features.getByRole('combobox', { name: 'Onset 1' })).toHaveAccessibleDescription('Give the age at onset in years, months or both.');
  await expect(features.getByLabel('Label 1')).toHaveValue('Global developmental delay');
  await features.getByLabel('Age at onset 1, months').fill('18');
  await features.getByRole('button', { name: 'Save phenotypic features' }).click();
  await expect(page.getByText(new RegExp(`^Version ${before.version + 2}, saved by`))).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: 'HP:0001263' })).toHaveText('Global developmental delay (HP:0001263) — onset 18 months');
});
