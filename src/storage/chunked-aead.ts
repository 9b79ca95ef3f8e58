import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { BlobIntegrityError, BlobTooLargeError, type ByteRange } from './blob-store.ts';

/*
 * The encrypted format: a 20-byte header (magic "CPMSBLB", format version, plaintext chunk size, random
 * 8-byte nonce prefix), then the plaintext in chunks of `chunkBytes` (the last one shorter, or empty for
 * an empty file), each sealed with AES-256-GCM and followed by its 16-byte tag. Chunk i's nonce is the
 * prefix and i; its associated data is the header, i and a final-chunk flag — so chunks cannot be
 * reordered, dropped, or the blob cut at a chunk boundary without a tag failing.
 */
const MAGIC = Buffer.from('CPMSBLB', 'latin1');
const FORMAT_VERSION = 1;
export const HEADER_BYTES = 20;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MIN_CHUNK_BYTES = 16;
const MAX_CHUNK_BYTES = 1024 * 1024;
const MAX_CHUNKS = 2 ** 32;

export interface BlobHeader {
  chunkBytes: number;
  noncePrefix: Buffer;
  raw: Buffer;
}

export function newHeader(chunkBytes: number): BlobHeader {
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) throw new Error(`chunk size ${chunkBytes} out of range`);
  const raw = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(raw, 0);
  raw[7] = FORMAT_VERSION;
  raw.writeUInt32BE(chunkBytes, 8);
  const noncePrefix = randomBytes(8);
  noncePrefix.copy(raw, 12);
  return { chunkBytes, noncePrefix, raw };
}

/** Reads a header; the chunk size is bounded before anything trusts it (it is authenticated only later). */
export function parseHeader(raw: Buffer): BlobHeader {
  if (raw.length !== HEADER_BYTES || !raw.subarray(0, 7).equals(MAGIC) || raw[7] !== FORMAT_VERSION) throw new BlobIntegrityError('not an encrypted blob of a known format');
  const chunkBytes = raw.readUInt32BE(8);
  if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) throw new BlobIntegrityError('implausible chunk size');
  return { chunkBytes, noncePrefix: Buffer.from(raw.subarray(12, 20)), raw: Buffer.from(raw) };
}

export const chunkCount = (size: number, chunkBytes: number) => Math.max(1, Math.ceil(size / chunkBytes));
export const encryptedLength = (size: number, chunkBytes: number) => HEADER_BYTES + size + TAG_BYTES * chunkCount(size, chunkBytes);
/** Where chunk i starts in the stored object. */
export const chunkOffset = (index: number, chunkBytes: number) => HEADER_BYTES + index * (chunkBytes + TAG_BYTES);
/** Plaintext length of chunk i of a blob of `size` bytes. */
export const plainLengthOf = (index: number, size: number, chunkBytes: number) => Math.min(chunkBytes, size - index * chunkBytes);

function nonceFor(header: BlobHeader, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  header.noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function associatedData(header: BlobHeader, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(HEADER_BYTES + 5);
  header.raw.copy(aad, 0);
  aad.writeUInt32BE(index, HEADER_BYTES);
  aad[HEADER_BYTES + 4] = final ? 1 : 0;
  return aad;
}

export function sealChunk(key: Buffer, header: BlobHeader, index: number, final: boolean, plaintext: Buffer): Buffer {
  if (index >= MAX_CHUNKS) throw new Error('too many chunks for one blob');
  const cipher = createCipheriv('aes-256-gcm', key, nonceFor(header, index));
  cipher.setAAD(associatedData(header, index, final));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Opens one chunk; its plaintext exists for the caller only once the tag has verified. */
export function openChunk(key: Buffer, header: BlobHeader, index: number, final: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG_BYTES) throw new BlobIntegrityError(`chunk ${index} is truncated`);
  const decipher = createDecipheriv('aes-256-gcm', key, nonceFor(header, index));
  decipher.setAAD(associatedData(header, index, final));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    throw new BlobIntegrityError(`chunk ${index} does not verify`);
  }
  return plaintext;
}

export interface Encryption {
  ciphertext: AsyncGenerator<Buffer>;
  /** Size and SHA-256 of the plaintext, once `ciphertext` has been consumed to its end. */
  result(): { size: number; sha256: string };
}

/**
 * Encrypts a plaintext stream chunk by chunk, holding at most one chunk: a full chunk waits for the next
 * byte to learn whether it is the final one. Throws BlobTooLargeError as soon as `maxBytes` is passed.
 */
export function encryptStream(key: Buffer, source: AsyncIterable<Uint8Array>, options: { maxBytes: number; chunkBytes: number }): Encryption {
  const header = newHeader(options.chunkBytes);
  const hash = createHash('sha256');
  let size = 0;
  let finished = false;
  async function* ciphertext(): AsyncGenerator<Buffer> {
    yield header.raw;
    let pending = Buffer.alloc(0);
    let index = 0;
    for await (const piece of source) {
      size += piece.length;
      if (size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
      hash.update(piece);
      pending = pending.length === 0 ? Buffer.from(piece) : Buffer.concat([pending, piece]);
      while (pending.length > options.chunkBytes) {
        yield sealChunk(key, header, index++, false, pending.subarray(0, options.chunkBytes));
        pending = pending.subarray(options.chunkBytes);
      }
    }
    yield sealChunk(key, header, index, true, pending);
    finished = true;
  }
  return {
    ciphertext: ciphertext(),
    result() {
      if (!finished) throw new Error('encryption not finished');
      return { size, sha256: hash.digest('hex') };
    },
  };
}

/**
 * Decrypts the chunks covering `range` from `source`, which yields the stored bytes starting at the
 * first of those chunks. Each chunk is verified whole before any of its plaintext is yielded.
 */
export async function* decryptRange(key: Buffer, header: BlobHeader, size: number, range: ByteRange, source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const { chunkBytes } = header;
  const last = chunkCount(size, chunkBytes) - 1;
  const firstIndex = Math.floor(range.start / chunkBytes);
  const lastIndex = Math.max(firstIndex, Math.floor(range.end / chunkBytes));
  let index = firstIndex;
  let pending = Buffer.alloc(0);
  const sealedLength = (i: number) => plainLengthOf(i, size, chunkBytes) + TAG_BYTES;
  for await (const piece of source) {
    pending = pending.length === 0 ? Buffer.from(piece) : Buffer.concat([pending, piece]);
    while (index <= lastIndex && pending.length >= sealedLength(index)) {
      const plaintext = openChunk(key, header, index, index === last, pending.subarray(0, sealedLength(index)));
      pending = pending.subarray(sealedLength(index));
      const from = Math.max(range.start - index * chunkBytes, 0);
      const to = Math.min(range.end - index * chunkBytes + 1, plaintext.length);
      if (to > from) yield plaintext.subarray(from, to);
      index += 1;
    }
  }
  if (index <= lastIndex) throw new BlobIntegrityError(`chunk ${index} is missing or truncated`);
}
