import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { people, referrals } from '../db/schema/index.ts';
import { ensureInstallation } from '../modules/system/installation.ts';
import { systemClock } from '../platform/clock.ts';
import { keysFrom } from '../platform/keys.ts';
import { openEmptyDatabase } from '../testing/test-database.ts';
import { seedTrainingReferrals } from './seed-referrals.ts';
import { seed } from './seed.ts';

/* A fresh training installation of its own (the referrals would otherwise pile up in a shared test database). */
let database: Database;
let close: () => Promise<void>;
const keys = keysFrom(randomBytes(32));
beforeAll(async () => {
  ({ database, close } = await openEmptyDatabase());
  await ensureInstallation(database.db, 'training', systemClock);
  // on the real clock, as a real training start does (the accounts' affiliations begin a day before now)
  await seed(database.db, 'training', keys, systemClock);
}, 120_000);
afterAll(async () => {
  await close?.();
});

describe('training referrals', () => {
  it('gives the training referrer referrals in several states, once', async () => {
    const deps = { db: database.db, clock: systemClock, keys, config: { publicUrl: 'https://training.example' } };
    expect(await seedTrainingReferrals(deps)).toBe(4);
    expect(await seedTrainingReferrals(deps)).toBe(0);
    const [referrer] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, 'referrer@training.open-cpms.eu'));
    const rows = await database.db.select({ nickname: referrals.nickname, status: referrals.status, patientId: referrals.patientId }).from(referrals).where(eq(referrals.referrerId, referrer!.id));
    expect(Object.fromEntries(rows.map((r) => [r.nickname, r.status]))).toEqual({ Lark: 'sent', Finch: 'moreInformationRequested', Sanderling: 'accepted', Curlew: 'declined' });
    expect(rows.find((r) => r.nickname === 'Sanderling')!.patientId).not.toBeNull();
  });
});
