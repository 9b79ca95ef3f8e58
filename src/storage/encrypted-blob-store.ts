import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Keys } from '../platform/keys.ts';
import { open, seal } from '../platform/secret-box.ts';
import { assertBlobKey, BlobIntegrityError, type BlobRef, type BlobStore, type ByteRange, type ObjectBackend } from './blob-store.ts';
import { chunkOffset, chunkCount, DEFAULT_CHUNK_BYTES, decryptRange, encryptedLength, encryptStream, HEADER_BYTES, parseHeader, plainLengthOf, TAG_BYTES } from './chunked-aead.ts';

/** The wrapped data key names its blob, so a key row copied onto another blob does not open it. */
const wrapContext = (key: string) => `blob-key:${key}`;

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

function unwrapDataKey(keys: Keys, blob: BlobRef): Buffer {
  try {
    return Buffer.from(open(keys.derive('file-keys'), blob.wrappedKey, wrapContext(blob.key)), 'base64');
  } catch {
    throw new BlobIntegrityError('the data key does not open with this installation\'s file key');
  }
}

/**
 * Encryption at rest over any ObjectBackend: a fresh 256-bit data key per blob, wrapped by the file
 * key-encryption key (derived from the master key) and returned for the caller's database row — the
 * stored object alone reveals nothing and cannot be opened.
 */
export function encryptedBlobStore(backend: ObjectBackend, keys: Keys, options: { chunkBytes?: number } = {}): BlobStore {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  return {
    async put(key, content, { maxBytes }) {
      assertBlobKey(key);
      const dataKey = randomBytes(32);
      const encryption = encryptStream(dataKey, content, { maxBytes, chunkBytes });
      await backend.write(key, encryption.ciphertext);
      const { size, sha256 } = encryption.result();
      return { size, sha256, wrappedKey: seal(keys.derive('file-keys'), keys.version, dataKey.toString('base64'), wrapContext(key)) };
    },

    async get(blob, range?: ByteRange) {
      assertBlobKey(blob.key);
      const dataKey = unwrapDataKey(keys, blob);
      const wanted = range ?? { start: 0, end: blob.size - 1 };
      if (wanted.start < 0 || wanted.end >= blob.size || wanted.end < wanted.start - 1 || (range && blob.size === 0)) throw new RangeError('range outside the blob');
      const header = parseHeader(await readAll(await backend.readRange(blob.key, 0, HEADER_BYTES - 1)));
      // The stored length must be exactly what the recorded size implies: a blob cut or extended at a chunk
      // boundary is refused even when the chunks a range needs are intact.
      if ((await backend.length(blob.key)) !== encryptedLength(blob.size, header.chunkBytes)) throw new BlobIntegrityError('stored length does not match the recorded size');
      const first = Math.floor(wanted.start / header.chunkBytes);
      const last = Math.min(chunkCount(blob.size, header.chunkBytes) - 1, Math.max(first, Math.floor(wanted.end / header.chunkBytes)));
      const end = chunkOffset(last, header.chunkBytes) + Math.max(0, plainLengthOf(last, blob.size, header.chunkBytes)) + TAG_BYTES - 1;
      const source = await backend.readRange(blob.key, chunkOffset(first, header.chunkBytes), end);
      const plaintext = decryptRange(dataKey, header, blob.size, wanted, source);
      // Verify the first chunk before handing the stream over, so a damaged blob fails before an answer starts.
      const head = await plaintext.next().catch((error: unknown) => {
        source.destroy();
        throw error;
      });
      return Readable.from(
        (async function* () {
          if (!head.done) yield head.value;
          yield* plaintext;
        })(),
        { objectMode: false },
      );
    },

    async delete(key) {
      assertBlobKey(key);
      await backend.delete(key);
    },
  };
}
