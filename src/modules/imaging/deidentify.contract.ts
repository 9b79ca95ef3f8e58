import dcmjs, { type DicomDataset, type DicomDict, type DicomElement } from 'dcmjs';
import {
  DERIVED_UID_ROOT,
  deidentificationCodes,
  isOverlayOrCurveData,
  isPrivateTag,
  nativeTransferSyntaxes,
  profileTable,
  retainedPatientCharacteristics,
  STANDARD_UID_ROOT,
  tags,
} from './confidentiality-profile.contract.ts';

/*
 * In-browser de-identification of one DICOM Part 10 file (also run by the tests in Node: Web Crypto and
 * dcmjs work in both). The per-patient key comes from the server (GET .../imaging/deidentification-key),
 * derived there from the patient's own data key: the same patient always gets the same key, so a resumed
 * or repeated upload maps every original UID to the same `2.25.` UID and shifts dates by the same days.
 */

export interface DeidentificationKey {
  /** 32 bytes, hex: the HMAC key for UIDs. */
  uidKey: string;
  /** Days added to every date (negative: into the past), the same for all of the patient's studies. */
  dateShiftDays: number;
}

/** A rectangle of pixels to black out (burned-in text), in image pixel coordinates. */
export interface MaskRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type RefusalReason = 'notDicom' | 'needsMasks' | 'cannotMask';

/** The file cannot be de-identified as given; `message` says why and what to do (it never quotes the file). */
export class DeidentificationRefused extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.name = 'DeidentificationRefused';
    this.reason = reason;
  }
}

export interface DeidentifiedFile {
  bytes: ArrayBuffer;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  modality: string;
  masked: boolean;
}

/** What the uploader needs to know about a file before de-identifying it (nothing identifying). */
export interface DicomOutline {
  modality: string;
  rows: number;
  columns: number;
  frames: number;
  /** Burned-in text is declared (BurnedInAnnotation YES) or likely (ultrasound): masks are required. */
  needsMasks: boolean;
  /** The pixel data is uncompressed, so masks can be applied in the browser. */
  native: boolean;
}

/** Our implementation's class UID (PS3.7 file meta): a fixed UUID-derived UID, not the source's. */
export const IMPLEMENTATION_CLASS_UID = '2.25.285196484713155707183413094431466425621';
export const IMPLEMENTATION_VERSION_NAME = 'OPENCPMS_1';

export const first = (dataset: DicomDataset, tag: string): unknown => dataset[tag]?.Value?.[0];
export const firstString = (dataset: DicomDataset, tag: string): string => {
  const value = first(dataset, tag);
  return typeof value === 'string' ? value.trim() : '';
};
export const firstNumber = (dataset: DicomDataset, tag: string): number => {
  const value = Number(first(dataset, tag));
  return Number.isFinite(value) ? value : 0;
};

/** Parses a Part 10 file, or refuses it as not DICOM. */
export function readDicom(bytes: ArrayBuffer): DicomDict {
  try {
    return dcmjs.data.DicomMessage.readFile(bytes, { ignoreErrors: false });
  } catch {
    throw new DeidentificationRefused('notDicom', 'This file is not a DICOM Part 10 file (it has no DICM preamble or cannot be read).');
  }
}

const requiresMasks = (dict: DicomDataset): boolean => firstString(dict, tags.burnedInAnnotation).toUpperCase() === 'YES' || firstString(dict, tags.modality).toUpperCase() === 'US';

export function outline(file: DicomDict): DicomOutline {
  return {
    modality: firstString(file.dict, tags.modality),
    rows: firstNumber(file.dict, tags.rows),
    columns: firstNumber(file.dict, tags.columns),
    frames: Math.max(1, firstNumber(file.dict, tags.numberOfFrames)),
    needsMasks: requiresMasks(file.dict),
    native: nativeTransferSyntaxes.includes(firstString(file.meta, tags.transferSyntaxUid)),
  };
}

// ---- UIDs ----

const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^([0-9a-f]{2})+$/i.test(hex)) throw new Error('the de-identification key is not hex');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function hmacKey(uidKey: string): Promise<CryptoKey> {
  let key = hmacKeys.get(uidKey);
  if (!key) {
    key = crypto.subtle.importKey('raw', hexBytes(uidKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(uidKey, key);
  }
  return key;
}

/** `2.25.` followed by the first 128 bits of HMAC-SHA-256(key, original UID), in decimal (at most 44 characters). */
export async function derivedUid(uidKey: string, original: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(uidKey), new TextEncoder().encode(original)));
  let value = 0n;
  for (const byte of mac.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
  return `${DERIVED_UID_ROOT}${value.toString()}`;
}

const replacesUid = (uid: string) => uid !== '' && !uid.startsWith(STANDARD_UID_ROOT);

// ---- dates ----

const isoDay = (da: string): Date | undefined => {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
};
const daOf = (date: Date) => date.toISOString().slice(0, 10).replaceAll('-', '');

/** A DA value shifted by `days`; anything that is not a full date (a range, a year alone) is emptied. */
export function shiftDate(da: string, days: number): string {
  const day = isoDay(da.trim());
  return day ? daOf(new Date(day.getTime() + days * 86_400_000)) : '';
}

/** A DT value with its date part shifted (the time of day is kept). */
export function shiftDateTime(dt: string, days: number): string {
  const value = dt.trim();
  const shifted = shiftDate(value.slice(0, 8), days);
  return shifted ? shifted + value.slice(8) : '';
}

/** PatientAge (AS) from the birth date and the study date, when the file has none. */
export function ageString(birth: string, on: string): string {
  const born = isoDay(birth);
  const at = isoDay(on);
  if (!born || !at || at < born) return '';
  let months = (at.getUTCFullYear() - born.getUTCFullYear()) * 12 + (at.getUTCMonth() - born.getUTCMonth());
  if (at.getUTCDate() < born.getUTCDate()) months -= 1;
  const pad = (n: number, unit: string) => `${String(Math.min(n, 999)).padStart(3, '0')}${unit}`;
  if (months >= 24) return pad(Math.floor(months / 12), 'Y');
  if (months >= 1) return pad(months, 'M');
  return pad(Math.round((at.getTime() - born.getTime()) / 86_400_000), 'D');
}

// ---- the profile ----

const setValue = (element: DicomElement, values: unknown[]) => {
  element.Value = values;
  delete element._rawValue;
};

async function cleanDataset(dataset: DicomDataset, key: DeidentificationKey, uids: Map<string, Promise<string>>): Promise<void> {
  const uidOf = (original: string) => {
    let uid = uids.get(original);
    if (!uid) {
      uid = derivedUid(key.uidKey, original);
      uids.set(original, uid);
    }
    return uid;
  };
  for (const tag of Object.keys(dataset)) {
    const element = dataset[tag]!;
    const rule = profileTable[tag];
    if (isPrivateTag(tag) || isOverlayOrCurveData(tag) || rule?.[1] === 'X') {
      delete dataset[tag];
    } else if (rule?.[1] === 'Z') {
      setValue(element, []);
    } else if (tag in retainedPatientCharacteristics) {
      continue;
    } else if (element.vr === 'PN') {
      delete dataset[tag];
    } else if (element.vr === 'UI') {
      setValue(element, await Promise.all((element.Value ?? []).map((v) => (typeof v === 'string' && replacesUid(v.trim()) ? uidOf(v.trim()) : v))));
    } else if (element.vr === 'DA') {
      setValue(element, (element.Value ?? []).map((v) => (typeof v === 'string' && v.trim() ? shiftDate(v, key.dateShiftDays) : v)));
    } else if (element.vr === 'DT') {
      setValue(element, (element.Value ?? []).map((v) => (typeof v === 'string' && v.trim() ? shiftDateTime(v, key.dateShiftDays) : v)));
    } else if (element.vr === 'SQ') {
      for (const item of element.Value ?? []) await cleanDataset(item as DicomDataset, key, uids);
    }
  }
}

const code = ([value, meaning]: readonly [string, string]): DicomDataset => ({
  [tags.codeValue]: { vr: 'SH', Value: [value] },
  [tags.codingSchemeDesignator]: { vr: 'SH', Value: ['DCM'] },
  [tags.codeMeaning]: { vr: 'LO', Value: [meaning] },
});

/** Blacks out the rectangles in every frame of native pixel data. */
function applyMasks(dict: DicomDataset, masks: MaskRect[]): void {
  const rows = firstNumber(dict, tags.rows);
  const columns = firstNumber(dict, tags.columns);
  const samples = Math.max(1, firstNumber(dict, tags.samplesPerPixel));
  const bits = firstNumber(dict, tags.bitsAllocated);
  const planar = firstNumber(dict, tags.planarConfiguration) === 1;
  const frames = Math.max(1, firstNumber(dict, tags.numberOfFrames));
  const pixels = dict[tags.pixelData]?.Value?.[0];
  if (!(pixels instanceof ArrayBuffer) || bits % 8 !== 0 || rows === 0 || columns === 0) {
    throw new DeidentificationRefused('cannotMask', 'The pixel data of this image cannot be masked here (no pixels, or a bit depth that is not whole bytes).');
  }
  const bytesPerSample = bits / 8;
  const frameBytes = rows * columns * samples * bytesPerSample;
  const view = new Uint8Array(pixels);
  if (view.length < frameBytes * frames) throw new DeidentificationRefused('cannotMask', 'The pixel data of this image is shorter than its rows and columns say; it cannot be masked.');
  for (let frame = 0; frame < frames; frame += 1) {
    for (const mask of masks) {
      const x0 = Math.max(0, Math.floor(mask.x));
      const y0 = Math.max(0, Math.floor(mask.y));
      const x1 = Math.min(columns, Math.ceil(mask.x + mask.width));
      const y1 = Math.min(rows, Math.ceil(mask.y + mask.height));
      for (let y = y0; y < y1; y += 1) {
        for (let sample = 0; sample < samples; sample += 1) {
          // Interleaved: samples side by side per pixel; planar: one plane per sample.
          const base = frame * frameBytes + (planar ? sample * rows * columns * bytesPerSample : 0);
          for (let x = x0; x < x1; x += 1) {
            const pixel = planar ? (y * columns + x) * bytesPerSample : ((y * columns + x) * samples + sample) * bytesPerSample;
            view.fill(0, base + pixel, base + pixel + bytesPerSample);
          }
        }
      }
    }
  }
}

export interface DeidentifyOptions {
  key: DeidentificationKey;
  /** Rectangles to black out; required for images with burned-in text (BurnedInAnnotation YES, ultrasound). */
  masks?: MaskRect[];
  /** Shared across the files of an upload, so each original UID is derived once. */
  uidCache?: Map<string, Promise<string>>;
}

/**
 * De-identifies one file (PS3.15 Basic profile, Retain Patient Characteristics, Retain Longitudinal
 * Temporal Information with Modified Dates, and Clean Pixel Data when masks are given). Refuses images
 * with burned-in text that come without masks, and compressed ones that would need masks.
 */
export async function deidentify(bytes: ArrayBuffer, options: DeidentifyOptions): Promise<DeidentifiedFile> {
  const file = readDicom(bytes);
  const { dict, meta } = file;
  const about = outline(file);
  const masks = options.masks ?? [];
  if (about.needsMasks && masks.length === 0) {
    throw new DeidentificationRefused('needsMasks', about.modality === 'US'
      ? 'Ultrasound images carry names and dates in their pixels: mask the text regions before uploading.'
      : 'This image declares burned-in text (BurnedInAnnotation YES): mask the text regions before uploading.');
  }
  if (masks.length > 0 && !about.native) throw new DeidentificationRefused('cannotMask', 'This image is compressed, so its burned-in text cannot be masked in the browser: export it uncompressed from the PACS and try again.');

  // Retain Patient Characteristics: the age stays, computed from the birth date if the file has none.
  if (!firstString(dict, tags.patientAge)) {
    const age = ageString(firstString(dict, tags.patientBirthDate), firstString(dict, tags.studyDate));
    if (age) dict[tags.patientAge] = { vr: 'AS', Value: [age] };
  }
  if (masks.length > 0) applyMasks(dict, masks);

  const uids = options.uidCache ?? new Map<string, Promise<string>>();
  await cleanDataset(dict, options.key, uids);
  await cleanDataset(meta, options.key, uids);
  const sopInstanceUid = firstString(dict, tags.sopInstanceUid);
  if (!sopInstanceUid.startsWith(DERIVED_UID_ROOT)) throw new DeidentificationRefused('notDicom', 'This DICOM file has no SOP Instance UID: it is not a stored image.');

  const methods = [deidentificationCodes.basicProfile, deidentificationCodes.patientCharacteristics, deidentificationCodes.modifiedDates, ...(masks.length > 0 ? [deidentificationCodes.cleanPixelData] : [])];
  dict[tags.patientIdentityRemoved] = { vr: 'CS', Value: ['YES'] };
  dict[tags.deidentificationMethod] = { vr: 'LO', Value: methods.map(([, meaning]) => meaning.slice(0, 64)) };
  dict[tags.deidentificationMethodCodeSequence] = { vr: 'SQ', Value: methods.map(code) };
  dict[tags.longitudinalTemporalInformationModified] = { vr: 'CS', Value: ['MODIFIED'] };
  if (masks.length > 0) dict[tags.burnedInAnnotation] = { vr: 'CS', Value: ['NO'] };

  meta[tags.mediaStorageSopInstanceUid] = { vr: 'UI', Value: [sopInstanceUid] };
  meta[tags.implementationClassUid] = { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] };
  meta[tags.implementationVersionName] = { vr: 'SH', Value: [IMPLEMENTATION_VERSION_NAME] };
  const out = new dcmjs.data.DicomDict(meta);
  out.dict = dict;
  return {
    bytes: out.write(),
    studyInstanceUid: firstString(dict, tags.studyInstanceUid),
    seriesInstanceUid: firstString(dict, tags.seriesInstanceUid),
    sopInstanceUid,
    modality: about.modality,
    masked: masks.length > 0,
  };
}
