/** The small part of dcmjs (no published types) the imaging module uses: Part 10 read and write. */
declare module 'dcmjs' {
  export interface DicomElement {
    vr: string;
    Value?: unknown[];
    InlineBinary?: string;
    _rawValue?: unknown;
  }
  export type DicomDataset = Record<string, DicomElement>;
  export class DicomDict {
    constructor(meta: DicomDataset);
    meta: DicomDataset;
    dict: DicomDataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  export const data: {
    DicomDict: typeof DicomDict;
    DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict };
    DicomMetaDictionary: { naturalizeDataset(dataset: DicomDataset): Record<string, unknown>; denaturalizeDataset(dataset: Record<string, unknown>): DicomDataset };
  };
  const dcmjs: { data: typeof data };
  export default dcmjs;
}
