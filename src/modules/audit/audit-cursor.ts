import { z } from 'zod';

/** Where a page of events ends: the last event's (occurred_at, partition, seq), opaque to the client. */
export interface AuditCursor {
  occurredAt: string;
  partition: string;
  seq: number;
}

const CursorTuple = z.tuple([z.string().min(1).max(64).refine((value) => !Number.isNaN(Date.parse(value))), z.string().min(1).max(200), z.number().int().positive()]);

export const encodeCursor = (cursor: AuditCursor): string =>
  Buffer.from(JSON.stringify([cursor.occurredAt, cursor.partition, cursor.seq])).toString('base64url');

/** The cursor, or undefined when the text is not one this API wrote. */
export function decodeCursor(text: string): AuditCursor | undefined {
  try {
    const [occurredAt, partition, seq] = CursorTuple.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return { occurredAt, partition, seq };
  } catch {
    return undefined;
  }
}
