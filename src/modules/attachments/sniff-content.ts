import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentKind, AttachmentMediaType } from './attachments.contract.ts';

/** Enough of the start of a file for every signature we accept. */
export const SNIFF_BYTES = 8192;

const images: AttachmentMediaType[] = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp'];

/**
 * Which content each kind accepts: a scanned letter may be an image, a report is a PDF, a VCF is a VCF, a
 * signed consent form is a PDF or a scan as scanners write them (PNG, JPEG, TIFF).
 */
export const acceptedMediaTypes: Record<AttachmentKind, AttachmentMediaType[]> = {
  document: ['application/pdf', ...images],
  report: ['application/pdf'],
  image: images,
  photograph: images,
  vcf: ['text/x-vcf'],
  consentForm: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'],
};

const sniffable = new Set<string>(['application/pdf', ...images]);

/** VCF has no magic number: plain text whose first line is the `##fileformat=VCFv4.x` meta line. */
function isVcf(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split('\n', 1)[0]!.replace(/\r$/, '');
  return /^##fileformat=VCFv\d+(\.\d+)*$/.test(firstLine);
}

/** The media type of content starting with `head`, if it is one we accept at all. */
export async function sniffMediaType(head: Buffer): Promise<AttachmentMediaType | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return sniffable.has(detected.mime) ? (detected.mime as AttachmentMediaType) : undefined;
  return isVcf(head) ? 'text/x-vcf' : undefined;
}

export interface Peeked {
  head: Buffer;
  /** The whole content again, `head` first, then the rest of the source. */
  content: AsyncGenerator<Buffer>;
}

const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** Reads the first `bytes` of a stream for sniffing without losing them or buffering more. */
export async function peek(source: AsyncIterable<Uint8Array>, bytes: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    taken.push(asBuffer(next.value));
    length += next.value.length;
  }
  const head = Buffer.concat(taken);
  async function* content(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      while (!ended) {
        const next = await iterator.next();
        ended = next.done === true;
        if (!next.done) yield asBuffer(next.value);
      }
    } finally {
      if (!ended) await iterator.return?.();
    }
  }
  return { head: head.subarray(0, bytes), content: content() };
}
