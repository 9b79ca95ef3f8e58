// Bundled for the browser by dicom-deidentify.ts: the uploader's de-identification, on synthetic slices made in the page.
import { deidentify } from '../src/modules/imaging/deidentify.contract.ts';
import { syntheticStudy } from '../src/testing/synthetic-dicom.ts';

export interface BenchResult {
  modality: string;
  slices: number;
  megabytes: number;
  seconds: number;
}

const patient = { familyName: 'Bench', givenName: 'Mark', dateOfBirth: '2010-01-01', recordNumber: 'BENCH-1', sex: 'O' as const };
const key = { uidKey: '5a'.repeat(32), dateShiftDays: -1000 };

async function run(modality: 'CT' | 'US', slices: number, rows: number, columns: number): Promise<BenchResult> {
  const files = syntheticStudy(patient, [{ modality, slices, rows, columns }]);
  const uidCache = new Map<string, Promise<string>>();
  const masks = modality === 'US' ? [{ x: 0, y: 0, width: columns, height: 8 }] : [];
  const started = performance.now();
  for (const file of files) await deidentify(file.bytes, { key, uidCache, masks });
  const seconds = (performance.now() - started) / 1000;
  return { modality, slices, megabytes: files.reduce((sum, f) => sum + f.bytes.byteLength, 0) / 1_048_576, seconds };
}

(globalThis as unknown as { cpmsDeidentifyBench: typeof run }).cpmsDeidentifyBench = run;
