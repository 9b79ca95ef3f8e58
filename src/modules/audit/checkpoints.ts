import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { asc } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.ts';
import { auditChainHeads } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';

export interface ChainHead {
  partition: string;
  seq: number;
  hash: string;
}

/** One line of the checkpoint file: the chain heads at an instant, with an HMAC over both. */
export interface Checkpoint {
  at: string;
  heads: ChainHead[];
  mac: string;
}

/** The log field carrying a checkpoint, so one exported from the external log verifies like the file. */
export const CHECKPOINT_LOG_FIELD = 'auditCheckpoint';

/** Where checkpoints are kept: in the data directory, outside the database they vouch for. */
export const checkpointFile = (dataDir: string): string => path.join(dataDir, 'audit', 'checkpoints.jsonl');

/** HMAC-SHA-256 over the RFC 8785 canonical JSON of {at, heads}: key order and spacing cannot matter. */
export function checkpointMac(key: Buffer, at: string, heads: ChainHead[]): string {
  return createHmac('sha256', key)
    .update(canonicalize({ at, heads }) ?? '')
    .digest('hex');
}

export async function readChainHeads(db: Db): Promise<ChainHead[]> {
  return db
    .select({ partition: auditChainHeads.partition, seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .orderBy(asc(auditChainHeads.partition));
}

export interface CheckpointTarget {
  file: string;
  key: Buffer;
  clock: Clock;
  /** Receives the same checkpoint, so a log kept elsewhere holds a copy the file's owner cannot rewrite. */
  logger?: Pick<Logger, 'info'> | undefined;
}

/** Appends one signed checkpoint of the given heads to the file (and the log). */
export async function appendCheckpoint(target: CheckpointTarget, heads: ChainHead[]): Promise<Checkpoint> {
  const at = target.clock.now().toISOString();
  const checkpoint: Checkpoint = { at, heads, mac: checkpointMac(target.key, at, heads) };
  await fs.promises.mkdir(path.dirname(target.file), { recursive: true, mode: 0o700 });
  await fs.promises.appendFile(target.file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  target.logger?.info({ [CHECKPOINT_LOG_FIELD]: checkpoint }, 'audit chain checkpoint');
  return checkpoint;
}

/** Checkpoints every chain head now (`cpms audit:checkpoint`). */
export async function writeCheckpoint(options: CheckpointTarget & { db: Db }): Promise<Checkpoint> {
  return appendCheckpoint(options, await readChainHeads(options.db));
}

export interface CheckpointerOptions extends CheckpointTarget {
  db: Db;
  intervalMs: number;
  /** Where a failed checkpoint is reported; the checkpointer keeps running. */
  logger: Pick<Logger, 'info' | 'error'>;
}

export interface Checkpointer {
  /** Waits for a checkpoint in progress, writes a last one, and stops. */
  stop(): Promise<void>;
}

/**
 * Checkpoints at start and then every `intervalMs`, writing only the heads that moved since the last
 * checkpoint it wrote (the file would otherwise grow by every partition on every tick); nothing moved,
 * nothing written. A tick still running when the next is due is not doubled.
 */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const written = new Map<string, string>();
  let running: Promise<void> | undefined;
  const tick = async () => {
    const heads = await readChainHeads(options.db);
    const moved = heads.filter((head) => written.get(head.partition) !== `${head.seq}:${head.hash}`);
    if (moved.length === 0) return;
    await appendCheckpoint(options, moved);
    for (const head of moved) written.set(head.partition, `${head.seq}:${head.hash}`);
  };
  const run = () => {
    running ??= tick()
      .catch((error: unknown) => options.logger.error({ err: error }, 'audit chain checkpoint failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void run();
  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await run();
    },
  };
}
