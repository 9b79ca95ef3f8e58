import dcmjs, { type DicomDataset } from 'dcmjs';

/*
 * Synthetic DICOM studies for the tests: written here with dcmjs, never copied from anywhere. They carry
 * what a real export carries and the platform must strip: the patient's name and record number, a birth
 * date, institution and physician names, private elements (some repeating the name), vendor UIDs.
 */

export interface SyntheticPatient {
  familyName: string;
  givenName: string;
  /** ISO date. */
  dateOfBirth: string;
  recordNumber: string;
  sex: 'F' | 'M' | 'O';
}

export interface SyntheticSeries {
  modality: 'CT' | 'MR' | 'US';
  slices: number;
  rows?: number;
  columns?: number;
}

export interface SyntheticFile {
  name: string;
  bytes: ArrayBuffer;
  modality: string;
  original: { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string; frameOfReferenceUid: string };
}

const vendorRoot = '1.2.826.0.1.3680043.9.7133.';
// Web Crypto, so the generator also runs in a browser (the de-identification benchmark).
const randomPart = () => String(crypto.getRandomValues(new Uint32Array(1))[0]! + 1);
const uid = () => `${vendorRoot}${randomPart()}.${randomPart()}`;
const str = (vr: string, value: string) => ({ vr, Value: [value] });
const num = (vr: string, value: number) => ({ vr, Value: [value] });

export const STUDY_DATE = '20250314';

/** A 16-bit grey ramp for CT/MR (values differ per slice, so slices are distinguishable), or an 8-bit RGB frame for US with "burned-in" text: a bright band across its top rows. */
function pixels(series: SyntheticSeries, rows: number, columns: number, slice: number): ArrayBuffer {
  if (series.modality === 'US') {
    const rgb = new Uint8Array(rows * columns * 3);
    for (let y = 0; y < rows; y += 1) {
      for (let x = 0; x < columns; x += 1) {
        const v = y < 8 ? 255 : (x * 2 + y) % 200;
        rgb.set([v, v, v], (y * columns + x) * 3);
      }
    }
    return rgb.buffer;
  }
  const grey = new Uint16Array(rows * columns);
  for (let i = 0; i < grey.length; i += 1) grey[i] = ((i % columns) * 16 + Math.floor(i / columns) * 4 + slice * 50) % 4096;
  return grey.buffer;
}

/** A study of several series, one file per slice (US: one frame per file, with BurnedInAnnotation YES). */
export function syntheticStudy(patient: SyntheticPatient, seriesList: SyntheticSeries[]): SyntheticFile[] {
  const studyInstanceUid = uid();
  const frameOfReferenceUid = uid();
  const files: SyntheticFile[] = [];
  seriesList.forEach((series, seriesIndex) => {
    const seriesInstanceUid = uid();
    const rows = series.rows ?? (series.modality === 'US' ? 48 : 32);
    const columns = series.columns ?? (series.modality === 'US' ? 64 : 32);
    for (let slice = 0; slice < series.slices; slice += 1) {
      const sopInstanceUid = uid();
      const us = series.modality === 'US';
      const sopClassUid = us ? '1.2.840.10008.5.1.4.1.1.6.1' : series.modality === 'CT' ? '1.2.840.10008.5.1.4.1.1.2' : '1.2.840.10008.5.1.4.1.1.4';
      const meta: DicomDataset = {
        '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
        '00020002': str('UI', sopClassUid),
        '00020003': str('UI', sopInstanceUid),
        '00020010': str('UI', '1.2.840.10008.1.2.1'),
        '00020012': str('UI', `${vendorRoot}1`),
        '00020016': str('AE', 'HOSPITAL_PACS'),
      };
      const dict: DicomDataset = {
        '00080005': str('CS', 'ISO_IR 192'),
        '00080008': { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
        '00080016': str('UI', sopClassUid),
        '00080018': str('UI', sopInstanceUid),
        '00080020': str('DA', STUDY_DATE),
        '00080021': str('DA', STUDY_DATE),
        '00080023': str('DA', STUDY_DATE),
        '0008002A': str('DT', `${STUDY_DATE}101500.000000`),
        '00080030': str('TM', '101500'),
        '00080050': str('SH', `ACC${patient.recordNumber}`),
        '00080060': str('CS', series.modality),
        '00080070': str('LO', 'Synthetic Medical Systems'),
        '00080080': str('LO', 'Universitätsklinikum Waldstadt'),
        '00080090': { vr: 'PN', Value: [{ Alphabetic: 'Doctor^Referring' }] },
        '00081030': str('LO', `Study of ${patient.familyName}`),
        '0008103E': str('LO', `${series.modality} series ${seriesIndex + 1}`),
        '00081050': { vr: 'PN', Value: [{ Alphabetic: 'Radiologist^Performing' }] },
        '00081070': { vr: 'PN', Value: [{ Alphabetic: 'Operator^Mona' }] },
        '00090010': str('LO', 'SYNTHETIC VENDOR 1.0'),
        '00091001': str('LO', `${patient.givenName} ${patient.familyName}`),
        '00091002': str('SH', patient.recordNumber),
        '00100010': { vr: 'PN', Value: [{ Alphabetic: `${patient.familyName}^${patient.givenName}` }] },
        '00100020': str('LO', patient.recordNumber),
        '00100030': str('DA', patient.dateOfBirth.replaceAll('-', '')),
        '00100040': str('CS', patient.sex),
        '00101000': str('LO', `OTHER-${patient.recordNumber}`),
        '00101002': { vr: 'SQ', Value: [{ '00100020': str('LO', patient.recordNumber), '00100022': str('CS', 'TEXT') }] },
        '00101020': num('DS', 1.42),
        '00101030': num('DS', 38.5),
        '00101040': str('LO', '12 Lindenallee, Waldstadt'),
        '00104000': str('LT', `Patient ${patient.familyName} was calm`),
        '00180050': num('DS', 2.5),
        '0020000D': str('UI', studyInstanceUid),
        '0020000E': str('UI', seriesInstanceUid),
        '00200010': str('SH', 'S1234'),
        '00200011': num('IS', seriesIndex + 1),
        '00200013': num('IS', slice + 1),
        '00200032': { vr: 'DS', Value: [0, 0, slice * 2.5] },
        '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
        '00200052': str('UI', frameOfReferenceUid),
        '00201041': num('DS', slice * 2.5),
        '00280002': num('US', us ? 3 : 1),
        '00280004': str('CS', us ? 'RGB' : 'MONOCHROME2'),
        ...(us ? { '00280006': num('US', 0) } : {}),
        '00280010': num('US', rows),
        '00280011': num('US', columns),
        '00280030': { vr: 'DS', Value: [0.7, 0.7] },
        '00280100': num('US', us ? 8 : 16),
        '00280101': num('US', us ? 8 : 12),
        '00280102': num('US', us ? 7 : 11),
        '00280103': num('US', 0),
        ...(us ? { '00280301': str('CS', 'YES') } : { '00281050': num('DS', 1024), '00281051': num('DS', 2048) }),
        '00290010': str('LO', 'SYNTHETIC PRIVATE'),
        '00291010': { vr: 'OB', Value: [new TextEncoder().encode(`${patient.familyName}  `).buffer] },
        '7FE00010': { vr: us ? 'OB' : 'OW', Value: [pixels(series, rows, columns, slice)] },
      };
      const file = new dcmjs.data.DicomDict(meta);
      file.dict = dict;
      files.push({ name: `${series.modality}${seriesIndex + 1}_${String(slice + 1).padStart(4, '0')}.dcm`, bytes: file.write(), modality: series.modality, original: { studyInstanceUid, seriesInstanceUid, sopInstanceUid, frameOfReferenceUid } });
    }
  });
  return files;
}

export const toArrayBuffer = (buffer: Uint8Array): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
