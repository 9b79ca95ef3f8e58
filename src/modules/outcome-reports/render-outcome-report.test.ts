import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeReportContent } from './outcome-report-content.contract.ts';
import { renderOutcomeReport } from './render-outcome-report.ts';
import { reportHash } from './report-hash.ts';

const run = promisify(execFile);

const content: OutcomeReportContent = {
  panel: { id: '0b7f6c1e-3a51-4f0e-9d7e-5d2b1c9a8e11', title: 'Progressive ataxia with onset in childhood', ern: 'ERN-RND', diseaseGroup: 'Ataxia and HSP', type: 'diagnosis', clinicalQuestion: 'Which further investigations would confirm the suspected diagnosis?' },
  patient: { patientCode: 'K7M-3QX', sex: 'female', ageBand: '10–14 years' },
  recordVersion: 4,
  summary: 'Eight experts reviewed the shared record.\n\nSecond paragraph: ' + 'A long line of findings that has to wrap. '.repeat(120),
  conclusion: 'The panel considers the diagnosis likely; zażółć gęślą jaźń, őrült, Ærø.',
  diagnoses: [{ code: 'ORPHA:98755', label: 'Spinocerebellar ataxia type 1', status: 'suspected' }],
  recommendations: { investigations: 'Repeat expansion testing of ATXN1.', treatment: '', followUp: 'Review in 6 months.' },
  contributors: [
    { name: 'Dr. Łucja Wrzosowska', role: 'lead', hospital: 'Szpital Kliniczny im. Łucji Wrzos', country: 'PL' },
    { name: 'Prof. Anke de Vries', role: 'member', hospital: 'Academisch Ziekenhuis Noordhaven', country: 'NL' },
  ],
  approvals: [{ name: 'Prof. Anke de Vries', role: 'member', hospital: 'Academisch Ziekenhuis Noordhaven', country: 'NL', approvedAt: '2026-11-19T16:05:00.000Z' }],
  version: 2,
  amendmentReason: 'Genetic result received after signature.',
  signedBy: { name: 'Dr. Łucja Wrzosowska', hospital: 'Szpital Kliniczny im. Łucji Wrzos' },
  signedAt: '2026-11-20T09:30:00.000Z',
  environment: 'training',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cpms-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function textOf(pdf: Uint8Array): Promise<string> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  return (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
}

// Rendering with the embedded fonts and reading back with pdftotext takes seconds on a busy 2-core machine.
describe('the outcome report PDF', { timeout: 30_000 }, () => {
  it('prints the signed content with a Unicode font, on as many pages as it needs, each with the content hash', async () => {
    const hash = reportHash(content);
    const pdf = await renderOutcomeReport(content, hash);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    for (const expected of ['Dr. Łucja Wrzosowska', 'zażółć gęślą jaźń, őrült, Ærø', 'Spinocerebellar ataxia type 1 (ORPHA:98755) — suspected', 'Based on case record version 4', 'Genetic result received after signature.', 'Prof. Anke de Vries, member', '2026-11-19 16:05 UTC', 'TRAINING ENVIRONMENT', 'Legal responsibility']) {
      expect(text).toContain(expected);
    }
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain(`page ${index + 1} of ${pages.length}`);
      expect(page).toContain(`SHA-256 ${hash}`);
    });
  });

  it('hashes the canonical content: key order does not matter, any change of content does', () => {
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as OutcomeReportContent;
    expect(reportHash(reordered)).toBe(reportHash(content));
    expect(reportHash({ ...content, conclusion: `${content.conclusion} ` })).not.toBe(reportHash(content));
    expect(reportHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves control characters out and breaks words longer than a line', async () => {
    const pdf = await renderOutcomeReport({ ...content, environment: 'production', amendmentReason: null, approvals: [], summary: `tab\there\u0007 ${'x'.repeat(400)}` }, reportHash(content));
    const text = await textOf(pdf);
    expect(text).toContain('tab here');
    expect(text).toContain('No member approved the signed text before the signature.');
    expect(text).not.toContain('TRAINING ENVIRONMENT');
    expect(text.replace(/\s/g, '')).toContain('x'.repeat(400));
  });
});
