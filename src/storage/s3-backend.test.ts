import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFrom } from '../platform/keys.ts';
import { BlobNotFoundError, BlobTooLargeError, type BlobRef } from './blob-store.ts';
import { encryptedBlobStore } from './encrypted-blob-store.ts';
import { s3Backend, s3Client } from './s3-backend.ts';

/**
 * A fake of the few S3 operations the backend uses (path-style: /bucket/key), in process: enough to
 * prove the requests the SDK sends, not S3's own behaviour. Multipart uploads become visible only on
 * completion, as in S3.
 */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, Map<number, Buffer>>();
  const calls: string[] = [];
  const server = http.createServer((request, response) => {
    const body: Buffer[] = [];
    request.on('data', (piece: Buffer) => body.push(piece));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
      const q = url.searchParams;
      const uploadId = q.get('uploadId');
      const xml = (status: number, text: string) => response.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>${text}`);
      const missing = () => xml(404, '<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
      if (request.method === 'POST' && q.has('uploads')) {
        const id = randomUUID();
        uploads.set(id, new Map());
        calls.push('create');
        return xml(200, `<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
      }
      if (request.method === 'PUT' && uploadId) {
        uploads.get(uploadId)?.set(Number(q.get('partNumber')), Buffer.concat(body));
        calls.push('part');
        return response.writeHead(200, { etag: `"${randomUUID()}"` }).end();
      }
      if (request.method === 'POST' && uploadId) {
        const parts = uploads.get(uploadId)!;
        objects.set(key, Buffer.concat([...parts.keys()].sort((a, b) => a - b).map((n) => parts.get(n)!)));
        uploads.delete(uploadId);
        calls.push('complete');
        return xml(200, `<CompleteMultipartUploadResult><Key>${key}</Key><ETag>"x"</ETag></CompleteMultipartUploadResult>`);
      }
      if (request.method === 'DELETE' && uploadId) {
        uploads.delete(uploadId);
        calls.push('abort');
        return response.writeHead(204).end();
      }
      if (request.method === 'PUT') {
        objects.set(key, Buffer.concat(body));
        calls.push('put');
        return response.writeHead(200, { etag: '"x"' }).end();
      }
      if (request.method === 'DELETE') {
        objects.delete(key);
        return response.writeHead(204).end();
      }
      const object = objects.get(key);
      if (!object) return request.method === 'HEAD' ? response.writeHead(404).end() : missing();
      if (request.method === 'HEAD') return response.writeHead(200, { 'content-length': object.length }).end();
      const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '') ?? [];
      if (start === undefined || end === undefined) return response.writeHead(200, { 'content-length': object.length }).end(object);
      const slice = object.subarray(Number(start), Number(end) + 1);
      return response.writeHead(206, { 'content-length': slice.length, 'content-range': `bytes ${start}-${Number(start) + slice.length - 1}/${object.length}` }).end(slice);
    });
  });
  return { server, objects, uploads, calls };
}

const fake = fakeS3();
const keys = keysFrom(randomBytes(32));
let store: ReturnType<typeof encryptedBlobStore>;
beforeAll(async () => {
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  const { port } = fake.server.address() as AddressInfo;
  const settings = { bucket: 'cpms', endpoint: `http://127.0.0.1:${port}`, region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, forcePathStyle: true, prefix: 'blobs/' };
  store = encryptedBlobStore(s3Backend(s3Client(settings), settings, { partBytes: 5 * 1024 * 1024 }), keys);
});
afterAll(async () => {
  await new Promise((resolve) => fake.server.close(resolve));
});

async function* pieces(data: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += 100_000) yield data.subarray(at, at + 100_000);
}
async function read(blob: BlobRef, range?: { start: number; end: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await store.get(blob, range)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('encrypted blob store on S3 (against an in-process fake)', () => {
  it('stores a small blob in one request and reads it and its ranges back', async () => {
    const data = randomBytes(200_000);
    const key = randomUUID();
    fake.calls.length = 0;
    const blob = { key, ...(await store.put(key, pieces(data), { maxBytes: 1_000_000 })) };
    expect(fake.calls).toEqual(['put']);
    expect(fake.objects.has(`blobs/${key}`)).toBe(true);
    expect((await read(blob)).equals(data)).toBe(true);
    expect((await read(blob, { start: 65_530, end: 131_080 })).equals(data.subarray(65_530, 131_081))).toBe(true);
  });

  it('streams a large blob as a multipart upload', async () => {
    const data = randomBytes(12 * 1024 * 1024);
    const key = randomUUID();
    fake.calls.length = 0;
    const blob = { key, ...(await store.put(key, pieces(data), { maxBytes: 20 * 1024 * 1024 })) };
    expect(fake.calls).toEqual(['create', 'part', 'part', 'part', 'complete']);
    expect((await read(blob)).equals(data)).toBe(true);
    expect(fake.objects.get(`blobs/${key}`)!.includes(data.subarray(0, 64))).toBe(false);
  });

  it('aborts the multipart upload of a blob over the limit, leaving no object', async () => {
    const key = randomUUID();
    fake.calls.length = 0;
    await expect(store.put(key, pieces(randomBytes(16 * 1024 * 1024)), { maxBytes: 12 * 1024 * 1024 })).rejects.toThrow(BlobTooLargeError);
    expect(fake.calls).toEqual(['create', 'part', 'part', 'abort']);
    expect(fake.objects.has(`blobs/${key}`)).toBe(false);
    expect(fake.uploads.size).toBe(0);
  });

  it('deletes, and answers not found afterwards', async () => {
    const key = randomUUID();
    const blob = { key, ...(await store.put(key, pieces(randomBytes(10)), { maxBytes: 100 })) };
    await store.delete(key);
    await expect(store.get(blob)).rejects.toThrow(BlobNotFoundError);
  });
});
