import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type DatabaseKind = 'pglite' | 'postgres';

/** The Drizzle database, identical in use on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle; use cases take `Db | Tx` where they may run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Listener {
  /**
   * Subscribes to a NOTIFY channel; resolves once listening; returns an unsubscribe function. `onLost` is told
   * when the listening connection dies (PostgreSQL: a dedicated client), so the caller can listen again.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost?: (error: Error) => void): Promise<() => Promise<void>>;
}

export interface Database extends Listener {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Runs plain SQL (for tooling: backup, status). Rows come back as objects. */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}
