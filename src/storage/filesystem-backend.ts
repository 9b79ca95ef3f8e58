import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, type ObjectBackend } from './blob-store.ts';

/** The blob folder inside the data directory. */
export const blobFolder = (dataDir: string) => path.join(dataDir, 'blobs');

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Objects as files under `folder`, spread over two levels of prefix folders (ab/cd/abcd…) so no folder
 * grows huge. A write goes to `.incoming/` (same file system) and is renamed into place only when
 * complete and flushed; any failure removes the partial file.
 */
export function filesystemBackend(folder: string): ObjectBackend {
  const pathOf = (key: string) => path.join(folder, key.slice(0, 2), key.slice(2, 4), key);
  const incoming = path.join(folder, '.incoming');

  return {
    async write(key, chunks) {
      await mkdir(incoming, { recursive: true, mode: 0o700 });
      const temporary = path.join(incoming, `${key}.${randomUUID()}.partial`);
      try {
        await pipeline(Readable.from(chunks), createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true }));
        await mkdir(path.dirname(pathOf(key)), { recursive: true, mode: 0o700 });
        await rename(temporary, pathOf(key));
      } finally {
        await rm(temporary, { force: true });
      }
    },

    async readRange(key, start, end) {
      try {
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream({ start, end, autoClose: true });
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async length(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
