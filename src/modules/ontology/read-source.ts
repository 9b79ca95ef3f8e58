import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import zlib from 'node:zlib';

/** A source file that cannot be read as a release; the command prints the message as it is. */
export class SourceError extends Error {
  override name = 'SourceError';
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** True when the file starts with the gzip magic bytes, whatever its name says. */
function isGzip(file: string): boolean {
  const handle = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const read = fs.readSync(handle, head, 0, 2, 0);
    return read === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    fs.closeSync(handle);
  }
}

/** The file's content as a stream of bytes, decompressed when it is gzipped. */
export function openSource(file: string): Readable {
  const gzipped = isGzip(file); // first: it throws at once for a missing file, before a stream exists to fail later
  const raw = fs.createReadStream(file);
  if (!gzipped) return raw;
  const gunzip = zlib.createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

/** The whole (decompressed) file as text. */
export async function readSourceText(file: string): Promise<string> {
  try {
    return await text(openSource(file));
  } catch (error) {
    throw new SourceError(`${file}: cannot be read (${(error as Error).message}).`);
  }
}

/** The (decompressed) file line by line, without holding it all in memory. */
export async function* readSourceLines(file: string): AsyncGenerator<string> {
  const lines = readline.createInterface({ input: openSource(file), crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    throw new SourceError(`${file}: cannot be read (${(error as Error).message}).`);
  } finally {
    lines.close();
  }
}
