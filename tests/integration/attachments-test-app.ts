import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from '../../src/modules/attachments/attachments.routes.ts';
import type { AttachmentDeps } from '../../src/modules/attachments/attachment-deps.ts';
import { blobFolder } from '../../src/storage/filesystem-backend.ts';
import { createBlobStore } from '../../src/storage/create-blob-store.ts';
import type { SignedIn } from '../../src/testing/actors.ts';
import { createTestApp, type TestApp } from '../../src/testing/test-app.ts';

/** Small enough that the over-limit test stays cheap. */
export const TEST_MAX_UPLOAD_BYTES = 256 * 1024;

const wired = (app: FastifyInstance) => app.routeTable.some((route) => route.url === '/api/patients/:id/attachments');

/**
 * The test app with the attachment routes and a file-system blob store in its data directory. Until
 * buildApp registers the routes itself, they are added here (with deps completed once the app exists:
 * handlers read them only per request); afterwards the app's own registration is used.
 */
export async function createAttachmentsTestApp(): Promise<TestApp> {
  const late = {} as AttachmentDeps;
  const t = await createTestApp({
    env: { CPMS_MAX_UPLOAD_BYTES: String(TEST_MAX_UPLOAD_BYTES) },
    register: (app) => {
      if (!wired(app)) void app.register(attachmentRoutes(late, { maxUploadBytes: TEST_MAX_UPLOAD_BYTES }));
    },
  });
  Object.assign(late, { config: t.config, database: t.database, db: t.database.db, clock: t.clock, keys: t.keys, blobs: createBlobStore({ dataDir: t.config.dataDir }, t.keys) });
  return t;
}

/** Every file under the app's blob folder (partial uploads included). */
export function blobFiles(t: TestApp): string[] {
  const folder = blobFolder(t.config.dataDir);
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export interface FilePart {
  filename: string;
  content: Buffer;
  contentType?: string;
}

export type FormPart = [name: string, value: string] | FilePart;

/** A multipart/form-data body: the text fields in order, then the file (as a browser's FormData sends it), then `after`. */
export function multipartBody(fields: [string, string][], file?: FilePart, after: FormPart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----cpms${randomUUID().replaceAll('-', '')}`;
  const part = (p: FormPart): Buffer[] =>
    Array.isArray(p)
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p[0]}"\r\n\r\n${p[1]}\r\n`)]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`), p.content, Buffer.from('\r\n')];
  const parts = [...fields, ...(file ? [file] : []), ...after].flatMap(part);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Inject options for an upload as `who`. */
export function uploadRequest(who: SignedIn | undefined, patientId: string, fields: [string, string][], file?: FilePart, after: FormPart[] = []) {
  const body = multipartBody(fields, file, after);
  return { method: 'POST' as const, url: `/api/patients/${patientId}/attachments`, headers: { ...who?.headers, 'content-type': body.contentType }, payload: body.payload };
}

/** A real (tiny, valid) PNG: a 1×1 pixel, then `padding` bytes in a private ancillary chunk. */
export function pngFile(padding = Buffer.alloc(0)): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), padding])), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

/** A minimal PDF whose body carries `text` (a sentinel the tests look for at rest). */
export const pdfFile = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

export const vcfFile = (rows = 3) => Buffer.from(`##fileformat=VCFv4.2\n##source=test\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n${Array.from({ length: rows }, (_, i) => `1\t${1000 + i}\t.\tA\tG\t50\tPASS\t.`).join('\n')}\n`);
