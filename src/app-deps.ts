import type { Config } from './config/config.ts';
import type { Database, Db } from './db/database.ts';
import type { Clock } from './platform/clock.ts';
import type { Keys } from './platform/keys.ts';
import type { BlobStore } from './storage/blob-store.ts';

/** What route plugins and use cases are given; nothing reaches for globals. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  keys: Keys;
  /** Encrypted file storage: the data directory, or S3-compatible object storage. */
  blobs: BlobStore;
}
