import type { Readable } from 'node:stream';

/** Inclusive byte positions, as HTTP ranges count them. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What the caller stores beside the blob (a database row): the blob holds no key and no size of its own. */
export interface StoredBlob {
  /** Plaintext bytes. */
  size: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  /** The blob's data key, sealed by the file key-encryption key and bound to the blob key. */
  wrappedKey: string;
}

export interface BlobRef {
  key: string;
  wrappedKey: string;
  size: number;
}

/**
 * Files at rest, encrypted: each under its own data key, in authenticated chunks so a range can be read
 * without the rest and nothing is released before its chunk is verified. Two homes: the data directory
 * and S3-compatible object storage.
 */
export interface BlobStore {
  /** Streams `content` in; refuses (storing nothing) once it exceeds `maxBytes`. A key is written once. */
  put(key: string, content: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StoredBlob>;
  /** The plaintext (or the range of it); rejects before any byte if the blob is missing, altered or wrongly keyed. */
  get(blob: BlobRef, range?: ByteRange): Promise<Readable>;
  /** Removes the blob; removing a missing blob is not an error. */
  delete(key: string): Promise<void>;
}

/** Where encrypted bytes live: a dumb store of opaque objects that are written once, atomically. */
export interface ObjectBackend {
  /** Writes the object; it becomes visible only complete, and a failed write leaves nothing behind. */
  write(key: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  /** Inclusive byte range of the stored object. */
  readRange(key: string, start: number, end: number): Promise<Readable>;
  length(key: string): Promise<number>;
  delete(key: string): Promise<void>;
}

export class BlobTooLargeError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`the content exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
    this.maxBytes = maxBytes;
  }
}

/** The stored bytes do not verify: altered, truncated, reordered, or not readable with this key. */
export class BlobIntegrityError extends Error {
  constructor(message: string) {
    super(`blob integrity: ${message}`);
    this.name = 'BlobIntegrityError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`no blob ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

const keyPattern = /^[a-z0-9][a-z0-9-]{7,127}$/;

/** Keys become file names and object names: only lower-case letters, digits and dashes, so no path escapes. */
export function assertBlobKey(key: string): void {
  if (!keyPattern.test(key)) throw new Error(`not a valid blob key: ${JSON.stringify(key.slice(0, 40))}`);
}
