/// <reference lib="webworker" />
// De-identifies DICOM files off the page's main thread: the same code the server's check is written against.
import { DeidentificationRefused, deidentify, type DeidentificationKey } from '../../../../src/modules/imaging/deidentify.contract.ts';

export interface DeidentifyRequest {
  id: number;
  file: File;
  key: DeidentificationKey;
}

export type DeidentifyAnswer =
  | { id: number; ok: true; bytes: ArrayBuffer; studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string }
  | { id: number; ok: false; reason: 'notDicom' | 'needsMasks' | 'cannotMask' };

// One cache per worker: each original UID is derived once per upload.
const uidCache = new Map<string, Promise<string>>();

self.addEventListener('message', (event: MessageEvent<DeidentifyRequest>) => {
  const { id, file, key } = event.data;
  void (async () => {
    try {
      const out = await deidentify(await file.arrayBuffer(), { key, uidCache });
      const answer: DeidentifyAnswer = { id, ok: true, bytes: out.bytes, studyInstanceUid: out.studyInstanceUid, seriesInstanceUid: out.seriesInstanceUid, sopInstanceUid: out.sopInstanceUid };
      (self as unknown as Worker).postMessage(answer, [out.bytes]);
    } catch (error) {
      const answer: DeidentifyAnswer = { id, ok: false, reason: error instanceof DeidentificationRefused ? error.reason : 'notDicom' };
      (self as unknown as Worker).postMessage(answer);
    }
  })();
});
