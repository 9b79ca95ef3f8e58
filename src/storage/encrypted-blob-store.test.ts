import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keysFrom } from '../platform/keys.ts';
import { BlobTooLargeError, type BlobRef, type BlobStore, type ByteRange } from './blob-store.ts';
import { DEFAULT_CHUNK_BYTES, HEADER_BYTES, TAG_BYTES } from './chunked-aead.ts';
import { encryptedBlobStore } from './encrypted-blob-store.ts';
import { filesystemBackend } from './filesystem-backend.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-blobs-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const keys = keysFrom(randomBytes(32));
const store = encryptedBlobStore(filesystemBackend(folder), keys);
const C = DEFAULT_CHUNK_BYTES;

/** Every regular file under the folder (partial files included). */
const filesUnder = (root: string): string[] => fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
const fileOf = (key: string) => path.join(folder, key.slice(0, 2), key.slice(2, 4), key);

async function* pieces(data: Buffer, size = 10_000): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function read(from: BlobStore, blob: BlobRef, range?: ByteRange): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await from.get(blob, range)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function stored(data: Buffer, into: BlobStore = store): Promise<BlobRef & { sha256: string }> {
  const key = randomUUID();
  const result = await into.put(key, pieces(data), { maxBytes: 10 * C });
  return { key, ...result };
}

describe('encrypted blob store on the file system', () => {
  it.each([0, 1, C - 1, C, C + 1, 5 * C])('round-trips %i bytes, with the size and SHA-256 of the plaintext', async (size) => {
    const data = randomBytes(size);
    const blob = await stored(data);
    expect(blob.size).toBe(size);
    expect(blob.sha256).toBe((await import('node:crypto')).createHash('sha256').update(data).digest('hex'));
    expect((await read(store, blob)).equals(data)).toBe(true);
    expect(fs.statSync(fileOf(blob.key)).size).toBe(HEADER_BYTES + size + TAG_BYTES * Math.max(1, Math.ceil(size / C)));
  });

  it('reads ranges within and across chunk boundaries', async () => {
    const data = randomBytes(3 * C + 100);
    const blob = await stored(data);
    const ranges: ByteRange[] = [{ start: 0, end: 0 }, { start: C - 10, end: C + 10 }, { start: C, end: 2 * C - 1 }, { start: C - 1, end: 2 * C }, { start: 5, end: 3 * C + 99 }, { start: 3 * C + 99, end: 3 * C + 99 }, { start: 2 * C + 7, end: 2 * C + 7 }];
    for (const range of ranges) expect((await read(store, blob, range)).equals(data.subarray(range.start, range.end + 1)), JSON.stringify(range)).toBe(true);
    await expect(store.get(blob, { start: 0, end: data.length })).rejects.toThrow(RangeError);
  });

  it('keeps no plaintext on disk', async () => {
    const sentinel = Buffer.from('SENTINEL-PLAINTEXT-7731 '.repeat(5000));
    const blob = await stored(sentinel);
    const raw = fs.readFileSync(fileOf(blob.key));
    expect(raw.includes(Buffer.from('SENTINEL-PLAINTEXT'))).toBe(false);
  });

  it('refuses content over the limit and leaves no file behind', async () => {
    const before = filesUnder(folder).length;
    await expect(store.put(randomUUID(), pieces(randomBytes(2 * C + 1)), { maxBytes: 2 * C })).rejects.toThrow(BlobTooLargeError);
    expect(filesUnder(folder).length).toBe(before);
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(C + 5);
      throw new Error('client went away');
    }
    await expect(store.put(randomUUID(), failing(), { maxBytes: 10 * C })).rejects.toThrow('client went away');
    expect(filesUnder(folder).length).toBe(before);
  });

  it('refuses a blob under another installation\'s key, or a data key moved to another blob', async () => {
    const blob = await stored(randomBytes(100));
    const other = encryptedBlobStore(filesystemBackend(folder), keysFrom(randomBytes(32)));
    await expect(read(other, blob)).rejects.toThrow(/data key/);
    const second = await stored(randomBytes(100));
    await expect(read(store, { ...second, wrappedKey: blob.wrappedKey })).rejects.toThrow(/data key/);
  });
});

describe('tampering', () => {
  // Small chunks make "every byte" cheap: 100 bytes in 32-byte chunks is a header and four sealed chunks.
  const small = encryptedBlobStore(filesystemBackend(folder), keys, { chunkBytes: 32 });

  it('fails the read whichever single byte of the stored file is altered', async () => {
    const data = randomBytes(100);
    const blob = await stored(data, small);
    const original = fs.readFileSync(fileOf(blob.key));
    for (let at = 0; at < original.length; at++) {
      const altered = Buffer.from(original);
      altered[at] = altered[at]! ^ 0x01;
      fs.writeFileSync(fileOf(blob.key), altered);
      await expect(read(small, blob), `byte ${at}`).rejects.toThrow();
    }
    fs.writeFileSync(fileOf(blob.key), original);
    expect((await read(small, blob)).equals(data)).toBe(true);
  });

  it('fails when two chunks are swapped, the last chunk is cut short, or the whole last chunk is dropped', async () => {
    const data = randomBytes(100);
    const blob = await stored(data, small);
    const original = fs.readFileSync(fileOf(blob.key));
    const sealed = 32 + TAG_BYTES;
    const chunk = (i: number) => original.subarray(HEADER_BYTES + i * sealed, HEADER_BYTES + (i + 1) * sealed);
    const swapped = Buffer.concat([original.subarray(0, HEADER_BYTES), chunk(1), chunk(0), original.subarray(HEADER_BYTES + 2 * sealed)]);
    fs.writeFileSync(fileOf(blob.key), swapped);
    await expect(read(small, blob)).rejects.toThrow(/does not verify/);
    await expect(read(small, blob, { start: 0, end: 10 })).rejects.toThrow(/does not verify/);

    fs.writeFileSync(fileOf(blob.key), original.subarray(0, original.length - 3));
    await expect(read(small, blob)).rejects.toThrow();
    await expect(read(small, blob, { start: 0, end: 10 })).rejects.toThrow(/length/);

    // Dropping the last chunk and claiming the shorter size: the new last chunk was not sealed as final.
    fs.writeFileSync(fileOf(blob.key), original.subarray(0, HEADER_BYTES + 3 * sealed));
    await expect(read(small, { ...blob, size: 96 })).rejects.toThrow(/does not verify/);
  });
});
