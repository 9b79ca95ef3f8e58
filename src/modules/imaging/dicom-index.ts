import type { DicomDataset, DicomDict } from 'dcmjs';
import { nativeTransferSyntaxes, tags } from './confidentiality-profile.contract.ts';
import { firstNumber, firstString } from './deidentify.contract.ts';

/** What the index keeps of one accepted file. */
export interface InstanceIndex {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  modality: string;
  studyDate: string;
  seriesNumber: number | null;
  instanceNumber: number | null;
  rows: number;
  columns: number;
  frames: number;
  pixelOffset: number | null;
  frameLength: number | null;
  metadata: Record<string, unknown>;
}

const binaryVrs = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN']);

/** The DICOM JSON model (PS3.18 F.2) of a dataset, bulk data left out (pixels travel through WADO-RS frames). */
export function dicomJson(dataset: DicomDataset): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [tag, element] of Object.entries(dataset)) {
    if (binaryVrs.has(element.vr)) {
      out[tag] = { vr: element.vr };
      continue;
    }
    const values = element.vr === 'SQ' ? (element.Value ?? []).map((item) => dicomJson(item as DicomDataset)) : (element.Value ?? []).filter((v) => v !== undefined && v !== null && v !== '');
    out[tag] = values.length ? { vr: element.vr, Value: values } : { vr: element.vr };
  }
  return out;
}

const optionalInt = (dataset: DicomDataset, tag: string): number | null => {
  const value = Number(dataset[tag]?.Value?.[0]);
  return Number.isInteger(value) ? value : null;
};

/**
 * Where native pixel data starts in the file as received (the last Pixel Data element whose length
 * matches rows × columns × samples × bytes × frames): a frame is then one range read of the encrypted blob.
 */
export function nativePixelLayout(bytes: Uint8Array, file: DicomDict): { pixelOffset: number; frameLength: number } | null {
  const transferSyntax = firstString(file.meta, tags.transferSyntaxUid);
  const bits = firstNumber(file.dict, tags.bitsAllocated);
  if (!nativeTransferSyntaxes.includes(transferSyntax) || bits % 8 !== 0) return null;
  const frameLength = firstNumber(file.dict, tags.rows) * firstNumber(file.dict, tags.columns) * Math.max(1, firstNumber(file.dict, tags.samplesPerPixel)) * (bits / 8);
  const expected = frameLength * Math.max(1, firstNumber(file.dict, tags.numberOfFrames));
  if (frameLength === 0) return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = Buffer.from([0xe0, 0x7f, 0x10, 0x00]);
  const explicit = transferSyntax === '1.2.840.10008.1.2.1';
  for (let at = view.lastIndexOf(tag); at >= 0; at = at > 0 ? view.lastIndexOf(tag, at - 1) : -1) {
    let start: number;
    let length: number;
    if (explicit) {
      if (at + 12 > view.length || !['OB', 'OW'].includes(view.toString('latin1', at + 4, at + 6))) continue;
      length = view.readUInt32LE(at + 8);
      start = at + 12;
    } else {
      if (at + 8 > view.length) continue;
      length = view.readUInt32LE(at + 4);
      start = at + 8;
    }
    if ((length === expected || length === expected + 1) && start + expected <= view.length) return { pixelOffset: start, frameLength };
  }
  return null;
}

export function indexOf(bytes: Uint8Array, file: DicomDict): InstanceIndex {
  const { dict, meta } = file;
  const layout = nativePixelLayout(bytes, file);
  const metadata = dicomJson(dict);
  return {
    studyInstanceUid: firstString(dict, tags.studyInstanceUid),
    seriesInstanceUid: firstString(dict, tags.seriesInstanceUid),
    sopInstanceUid: firstString(dict, tags.sopInstanceUid),
    sopClassUid: firstString(dict, tags.sopClassUid),
    transferSyntaxUid: firstString(meta, tags.transferSyntaxUid),
    modality: firstString(dict, tags.modality) || 'OT',
    studyDate: firstString(dict, tags.studyDate),
    seriesNumber: optionalInt(dict, tags.seriesNumber),
    instanceNumber: optionalInt(dict, tags.instanceNumber),
    rows: firstNumber(dict, tags.rows),
    columns: firstNumber(dict, tags.columns),
    frames: Math.max(1, firstNumber(dict, tags.numberOfFrames)),
    pixelOffset: layout?.pixelOffset ?? null,
    frameLength: layout?.frameLength ?? null,
    metadata,
  };
}
