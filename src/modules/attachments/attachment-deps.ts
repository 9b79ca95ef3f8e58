import type { AppDeps } from '../../app-deps.ts';
import type { BlobStore } from '../../storage/blob-store.ts';

/** AppDeps and the blob store (until AppDeps carries `blobs` itself, when this becomes AppDeps). */
export type AttachmentDeps = AppDeps & { blobs: BlobStore };

/** The upload limit when the configuration sets none. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
