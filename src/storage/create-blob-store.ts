import type { Keys } from '../platform/keys.ts';
import type { BlobStore } from './blob-store.ts';
import { encryptedBlobStore } from './encrypted-blob-store.ts';
import { blobFolder, filesystemBackend } from './filesystem-backend.ts';
import { s3Backend, s3Client, type S3Settings } from './s3-backend.ts';

export interface BlobStoreSettings {
  dataDir: string;
  /** S3-compatible object storage; absent means files under `<dataDir>/blobs`. */
  s3?: S3Settings | undefined;
}

/** The installation's blob store: the data directory by default, object storage at scale. */
export function createBlobStore(settings: BlobStoreSettings, keys: Keys): BlobStore {
  const backend = settings.s3 ? s3Backend(s3Client(settings.s3), settings.s3) : filesystemBackend(blobFolder(settings.dataDir));
  return encryptedBlobStore(backend, keys);
}
