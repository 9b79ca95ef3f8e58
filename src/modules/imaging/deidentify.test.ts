import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/paths.ts';
import { syntheticStudy, STUDY_DATE, toArrayBuffer } from '../../testing/synthetic-dicom.ts';
import { tags } from './confidentiality-profile.contract.ts';
import { ageString, DeidentificationRefused, deidentify, firstString, readDicom, shiftDate } from './deidentify.contract.ts';
import { inspectUpload } from './inspect-upload.ts';

const patient = { familyName: 'Kowalska', givenName: 'Anna', dateOfBirth: '2014-03-27', recordNumber: 'WS-778812', sex: 'F' as const };
const identifiers = { ...patient, nationalId: null };
const key = { uidKey: 'a1'.repeat(32), dateShiftDays: -1234 };
const otherKey = { uidKey: 'b2'.repeat(32), dateShiftDays: -400 };
const usMask = [{ x: 0, y: 0, width: 64, height: 8 }];

describe('de-identification (PS3.15 basic profile, patient characteristics, modified dates)', () => {
  const study = syntheticStudy(patient, [{ modality: 'CT', slices: 3 }, { modality: 'MR', slices: 2 }, { modality: 'US', slices: 1 }]);

  it('removes identifying and private elements, replaces UIDs, keeps sex and age, shifts dates, and passes the server check', async () => {
    const cache = new Map<string, Promise<string>>();
    for (const file of study) {
      const out = await deidentify(file.bytes, { key, uidCache: cache, masks: file.modality === 'US' ? usMask : [] });
      const { dict, meta } = readDicom(out.bytes);
      expect(inspectUpload({ dict, meta } as never, identifiers)).toEqual([]);
      expect(Object.keys(dict).filter((t) => parseInt(t.slice(0, 4), 16) % 2 === 1)).toEqual([]);
      for (const removed of ['00080080', '00081030', '00081050', '00081070', '00101000', '00101002', '00101040', '00104000']) expect(dict[removed]).toBeUndefined();
      for (const emptied of ['00100010', '00100020', '00100030', '00080050', '00080090']) expect(firstString(dict, emptied)).toBe('');
      expect(firstString(dict, '00100040')).toBe('F');
      expect(firstString(dict, '00101010')).toBe('010Y');
      expect(Number(dict['00101030']!.Value![0])).toBe(38.5);
      expect(firstString(dict, tags.studyDate)).toBe(shiftDate(STUDY_DATE, key.dateShiftDays));
      expect(firstString(dict, '0008002A')).toBe(`${shiftDate(STUDY_DATE, key.dateShiftDays)}101500.000000`);
      expect(firstString(dict, tags.patientIdentityRemoved)).toBe('YES');
      expect(firstString(dict, '00280303')).toBe('MODIFIED');
      expect(out.sopInstanceUid).toMatch(/^2\.25\.\d+$/);
      expect(firstString(meta, tags.mediaStorageSopInstanceUid)).toBe(out.sopInstanceUid);
      const text = new TextDecoder('latin1').decode(out.bytes);
      for (const secret of ['Kowalska', 'Anna', 'WS-778812', '20140327', file.original.sopInstanceUid, file.original.studyInstanceUid, file.original.frameOfReferenceUid, 'Waldstadt', 'HOSPITAL_PACS']) expect(text).not.toContain(secret);
    }
  });

  it('maps the same UIDs on a repeated upload (same key), keeps series together, and differs under another patient key', async () => {
    const [a, b] = [await deidentify(study[0]!.bytes, { key }), await deidentify(study[1]!.bytes, { key })];
    const again = await deidentify(study[0]!.bytes, { key });
    expect(again.sopInstanceUid).toBe(a.sopInstanceUid);
    expect(b.seriesInstanceUid).toBe(a.seriesInstanceUid);
    expect(b.studyInstanceUid).toBe(a.studyInstanceUid);
    expect(b.sopInstanceUid).not.toBe(a.sopInstanceUid);
    expect((await deidentify(study[0]!.bytes, { key: otherKey })).sopInstanceUid).not.toBe(a.sopInstanceUid);
  });

  it('refuses burned-in images without masks, and blacks out the masked rectangle', async () => {
    const us = study.find((f) => f.modality === 'US')!;
    await expect(deidentify(us.bytes, { key })).rejects.toBeInstanceOf(DeidentificationRefused);
    const out = await deidentify(us.bytes, { key, masks: usMask });
    const { dict } = readDicom(out.bytes);
    const pixels = new Uint8Array(dict[tags.pixelData]!.Value![0] as ArrayBuffer);
    expect(pixels.subarray(0, 64 * 8 * 3).every((v) => v === 0)).toBe(true);
    expect(pixels.subarray(64 * 8 * 3).some((v) => v !== 0)).toBe(true);
    expect(firstString(dict, tags.burnedInAnnotation)).toBe('NO');
  });

  it('the server check refuses an untouched file, and one that claims de-identification but keeps the name', async () => {
    const original = readDicom(study[0]!.bytes);
    expect(inspectUpload(original, identifiers).join('\n')).toMatch(/PatientIdentityRemoved is not YES/);
    const out = await deidentify(study[0]!.bytes, { key });
    const tampered = readDicom(out.bytes);
    tampered.dict['00204000'] = { vr: 'LT', Value: ['seen by dr. x'] };
    tampered.dict['00181030'] = { vr: 'LO', Value: ['kowalska protocol'] };
    const findings = inspectUpload(tampered, identifiers);
    expect(findings.join('\n')).toMatch(/ImageComments is present/);
    expect(findings.join('\n')).toMatch(/ProtocolName is present/);
    const nameOnly = readDicom(out.bytes);
    nameOnly.dict['00081090'] = { vr: 'LO', Value: ['KOWALSKA'] };
    expect(inspectUpload(nameOnly, identifiers)).toEqual(["(0008,1090) holds one of the patient's identifiers (name, birth date, record number or national ID)"]);
  });

  it('computes ages as PS3.5 age strings', () => {
    expect(ageString('20140327', '20250314')).toBe('010Y');
    expect(ageString('20240101', '20250314')).toBe('014M');
    expect(ageString('20250301', '20250314')).toBe('013D');
  });

  // ../shared/data/dicom beside the repository (DICOM_SAMPLES_DIR elsewhere, e.g. from a worktree).
  const shared = process.env.DICOM_SAMPLES_DIR ?? path.resolve(projectRoot, '../shared/data/dicom');
  it.runIf(fs.existsSync(shared) || process.env.CI === 'true')('de-identifies the shared real files (CT, MR) so that they pass the server check', async () => {
    for (const name of ['CT_small.dcm', 'MR_small.dcm']) {
      const out = await deidentify(toArrayBuffer(fs.readFileSync(path.join(shared, name))), { key });
      expect(inspectUpload(readDicom(out.bytes), { givenName: 'Nobody', familyName: 'Unknown', dateOfBirth: '1900-01-01', recordNumber: 'NONE-0', nationalId: null })).toEqual([]);
    }
  });
});
