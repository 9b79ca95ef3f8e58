import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { isNotNull, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { infoRequests, meetingAgendaItems, outcomeReports, panels, sessions } from '../db/schema/index.ts';
import { ensureInstallation } from '../modules/system/installation.ts';
import { ManualClock } from '../platform/clock.ts';
import { keysFrom } from '../platform/keys.ts';
import { createBlobStore } from '../storage/create-blob-store.ts';
import { openEmptyDatabase } from '../testing/test-database.ts';
import { seedTrainingPanels } from './seed-panels.ts';
import { seed } from './seed.ts';

/* A fresh training installation of its own, seeded as `cpms serve` seeds it on first start. */
const cleanup: (() => Promise<void>)[] = [];
let database: Database;
let app: FastifyInstance;
const clock = new ManualClock();


beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-seed-panels-'));
  cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const fresh = await openEmptyDatabase(4);
  cleanup.push(() => fresh.close());
  database = fresh.database;
  const keys = keysFrom(randomBytes(32));
  const blobs = createBlobStore({ dataDir }, keys);
  await ensureInstallation(database.db, 'training', clock);
  await seed(database.db, 'training', keys, clock, { blobs });
  const config = loadConfig({ CPMS_DATA_DIR: dataDir, CPMS_ENV: 'training', LOG_LEVEL: 'warn' });
  app = await buildApp({ config, database, db: database.db, clock, keys, blobs, logger: pino({ level: 'silent' }) });
  await app.ready();
  cleanup.push(() => app.close());
}, 120_000);
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('training panels', () => {
  it('puts panels at every stage of the lifecycle through the API, with a signed report, a meeting and an open question, once', async () => {
    expect(await seedTrainingPanels(app, database.db, clock)).toBe(9);
    const rows = await database.db.select({ id: panels.id, status: panels.status, title: panels.title }).from(panels);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'open', 'outcomeDrafting', 'outcomeSigned', 'closed', 'cancelled', 'archived']));
    const signed = await database.db.select({ panelId: outcomeReports.panelId }).from(outcomeReports).where(isNotNull(outcomeReports.signedAt));
    expect(signed).toHaveLength(2);
    expect((await database.db.select().from(meetingAgendaItems)).length).toBe(2);
    expect(await database.db.select({ id: infoRequests.id }).from(infoRequests).where(isNull(infoRequests.answeredAt))).toHaveLength(1);
    // The seed's sessions ended with it; a second start seeds nothing more.
    expect(await database.db.select({ id: sessions.id }).from(sessions).where(isNull(sessions.endedAt))).toHaveLength(0);
    expect(await seedTrainingPanels(app, database.db, clock)).toBe(0);
  });
});
