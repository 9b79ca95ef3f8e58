import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from './open-postgres.ts';

const database = openPostgres({ url: process.env.TEST_DATABASE_URL!, applicationName: `cpms-listen-test-${randomUUID().slice(0, 8)}` });
afterAll(async () => {
  await database.close();
});

describe('LISTEN on PostgreSQL', () => {
  it('delivers notifications, and reports a dropped listening connection once instead of crashing the process', async () => {
    const channel = `test_${randomUUID().replaceAll('-', '')}`;
    const payloads: string[] = [];
    let lost!: (error: Error) => void;
    const lostOnce = new Promise<Error>((resolve) => (lost = resolve));
    let losses = 0;
    await database.listen(channel, (payload) => payloads.push(payload), (error) => {
      losses += 1;
      lost(error);
    });
    await database.query('select pg_notify($1, $2)', [channel, 'hello']);
    await expect.poll(() => payloads).toEqual(['hello']);

    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const [{ name }] = (await database.query<{ name: string }>('select current_setting($1) as name', ['application_name'])) as [{ name: string }];
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`${name}-listen`]);
    await admin.end();
    expect((await lostOnce).message).toMatch(/terminat/i);
    expect(losses).toBe(1);
    // the pool itself is unaffected
    expect(await database.query('select 1 as one')).toEqual([{ one: 1 }]);
  });
});
