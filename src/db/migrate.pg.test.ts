import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../testing/scratch-postgres.ts';
import { migrateOnClient, readJournal } from './migrate.ts';
import { connectDedicated } from './open-postgres.ts';

const scratch: ScratchDatabase[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((db) => db.drop()));
});

describe('migrations on PostgreSQL', () => {
  it('apply exactly once when two migrators are released from a barrier at the same instant', async () => {
    const db = await createScratchDatabase();
    scratch.push(db);
    // Both connections are open before either starts, then both start in the same tick.
    const [a, b] = await Promise.all([connectDedicated(db.url), connectDedicated(db.url)]);
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const runs = [a, b].map(async (client) => {
      await barrier;
      await migrateOnClient(client);
    });
    release();
    const results = await Promise.allSettled(runs);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const applied = await a.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
    expect(Number(applied.rows[0]!.n)).toBe(readJournal().length);
    const tables = await a.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'erns'");
    expect(Number(tables.rows[0]!.n)).toBe(1);
    await Promise.all([a.end(), b.end()]);
  });
});
