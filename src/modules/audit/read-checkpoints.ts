import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import { CHECKPOINT_LOG_FIELD, checkpointMac, type Checkpoint } from './checkpoints.ts';

const CheckpointLine = z.object({
  at: z.iso.datetime(),
  heads: z.array(z.object({ partition: z.string(), seq: z.number().int().nonnegative(), hash: z.string() })),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What a checkpoint vouches for: this seq of this partition has this hash. */
export interface CheckpointedLink {
  hash: string;
  at: string;
}

export interface CheckpointProblem {
  line: number;
  reason: string;
}

export interface CheckpointLog {
  file: string;
  /** False when there is no file yet (nothing checkpointed). */
  found: boolean;
  /** Lines whose MAC verified. */
  valid: number;
  newestAt: string | undefined;
  /** Unreadable lines, bad MACs, and checkpoints that disagree about one link. */
  problems: CheckpointProblem[];
  /** partition -> seq -> the link as first checkpointed. */
  links: Map<string, Map<number, CheckpointedLink>>;
}

const macMatches = (key: Buffer, checkpoint: Checkpoint): boolean => {
  const expected = Buffer.from(checkpointMac(key, checkpoint.at, checkpoint.heads), 'hex');
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** A line of the checkpoint file, or a log line carrying a checkpoint (exported from the external log). */
function parseCheckpoint(text: string): Checkpoint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const carried = typeof value === 'object' && value !== null && CHECKPOINT_LOG_FIELD in value ? (value as Record<string, unknown>)[CHECKPOINT_LOG_FIELD] : value;
  const parsed = CheckpointLine.safeParse(carried);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Reads a checkpoint file line by line (it grows for ever, so it is streamed). A line that does not
 * parse or whose MAC fails is a problem, and so are two checkpoints naming different hashes for one link:
 * history was rewritten between them. Only heads of `partitions` are kept, when given.
 */
export async function readCheckpoints(file: string, key: Buffer, partitions?: ReadonlySet<string>): Promise<CheckpointLog> {
  const log: CheckpointLog = { file, found: fs.existsSync(file), valid: 0, newestAt: undefined, problems: [], links: new Map() };
  if (!log.found) return log;
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const checkpoint = parseCheckpoint(text);
    if (!checkpoint) {
      log.problems.push({ line: number, reason: 'not a checkpoint (unreadable or incomplete line)' });
      continue;
    }
    if (!macMatches(key, checkpoint)) {
      log.problems.push({ line: number, reason: `checkpoint of ${checkpoint.at}: MAC does not match (altered, or written under another key)` });
      continue;
    }
    log.valid += 1;
    if (log.newestAt === undefined || checkpoint.at > log.newestAt) log.newestAt = checkpoint.at;
    for (const head of checkpoint.heads) {
      if (head.seq === 0 || (partitions && !partitions.has(head.partition))) continue;
      let links = log.links.get(head.partition);
      if (!links) log.links.set(head.partition, (links = new Map<number, CheckpointedLink>()));
      const earlier = links.get(head.seq);
      if (!earlier) links.set(head.seq, { hash: head.hash, at: checkpoint.at });
      else if (earlier.hash !== head.hash) {
        log.problems.push({ line: number, reason: `checkpoint of ${checkpoint.at} and of ${earlier.at} disagree on ${head.partition} seq ${head.seq}: history was rewritten` });
      }
    }
  }
  return log;
}
