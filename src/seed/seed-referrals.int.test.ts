import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, referrals } from '../db/schema/index.ts';
import { systemClock } from '../platform/clock.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedTrainingReferrals } from './seed-referrals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('training referrals', () => {
  it('gives the training referrer referrals in several states, once', async () => {
    // the training accounts were seeded on the real clock (global setup), as a real training start does
    const deps = { db: t.database.db, clock: systemClock, keys: t.keys, config: { publicUrl: 'https://training.example' } };
    expect(await seedTrainingReferrals(deps)).toBe(4);
    expect(await seedTrainingReferrals(deps)).toBe(0);
    const [referrer] = await t.database.db.select({ id: people.id }).from(people).where(eq(people.email, 'referrer@training.open-cpms.eu'));
    const rows = await t.database.db.select({ nickname: referrals.nickname, status: referrals.status, patientId: referrals.patientId }).from(referrals).where(eq(referrals.referrerId, referrer!.id));
    expect(Object.fromEntries(rows.map((r) => [r.nickname, r.status]))).toEqual({ Lark: 'sent', Finch: 'moreInformationRequested', Sanderling: 'accepted', Curlew: 'declined' });
    expect(rows.find((r) => r.nickname === 'Sanderling')!.patientId).not.toBeNull();
  });
});
