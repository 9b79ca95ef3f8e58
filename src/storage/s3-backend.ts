import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { BlobNotFoundError, type ObjectBackend } from './blob-store.ts';

export interface S3Settings {
  bucket: string;
  /** For S3-compatible stores (MinIO, Ceph, ...); absent means AWS itself. */
  endpoint?: string | undefined;
  region: string;
  /** Absent: the SDK's default credential chain (environment, instance role, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Path-style addressing (bucket in the path), which most S3-compatible stores need. */
  forcePathStyle: boolean;
  /** Prepended to every object name, e.g. "cpms/". */
  prefix: string;
}

/** 8 MiB parts: S3's minimum is 5 MiB; one part is the most an upload holds in memory. */
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Many S3-compatible stores reject the SDK's newer default checksums; our chunks carry their own tags.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Objects in an S3 bucket. Writes go part by part (a multipart upload, completed only when the whole
 * object is there, aborted on any failure), so a large upload is never held in memory; an object
 * smaller than one part is a single PutObject.
 */
export function s3Backend(client: S3Client, settings: Pick<S3Settings, 'bucket' | 'prefix'>, options: { partBytes?: number } = {}): ObjectBackend {
  const Bucket = settings.bucket;
  const name = (key: string) => `${settings.prefix}${key}`;
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;

  async function* parts(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
    let pending: Buffer[] = [];
    let length = 0;
    let yielded = false;
    for await (const chunk of chunks) {
      pending.push(Buffer.from(chunk));
      length += chunk.length;
      if (length >= partBytes) {
        yield Buffer.concat(pending);
        yielded = true;
        pending = [];
        length = 0;
      }
    }
    if (length > 0 || !yielded) yield Buffer.concat(pending);
  }

  return {
    async write(key, chunks) {
      const Key = name(key);
      const iterator = parts(chunks);
      const first = await iterator.next();
      const firstPart = first.done ? Buffer.alloc(0) : first.value;
      const second = first.done ? first : await iterator.next();
      if (second.done) {
        await client.send(new PutObjectCommand({ Bucket, Key, Body: firstPart, ContentLength: firstPart.length }));
        return;
      }
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
      try {
        const done: { PartNumber: number; ETag: string | undefined }[] = [];
        const upload = async (body: Buffer) => {
          const PartNumber = done.length + 1;
          const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: body, ContentLength: body.length }));
          done.push({ PartNumber, ETag });
        };
        await upload(firstPart);
        await upload(second.value);
        for await (const body of iterator) await upload(body);
        await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: done } }));
      } catch (error) {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
        throw error;
      }
    },

    async readRange(key, start, end) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket, Key: name(key), Range: `bytes=${start}-${end}` }));
        if (!(Body instanceof Readable)) throw new Error('S3 answered without a readable body');
        return Body;
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async length(key) {
      try {
        const { ContentLength } = await client.send(new HeadObjectCommand({ Bucket, Key: name(key) }));
        return ContentLength ?? 0;
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(key);
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: name(key) }));
    },
  };
}
