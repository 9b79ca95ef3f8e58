import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import pino from 'pino';
import { buildApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config/config.ts';
import type { Database } from '../../../src/db/database.ts';
import { migratePgliteClient } from '../../../src/db/migrate.ts';
import { openPglite } from '../../../src/db/open-pglite.ts';
import { erns, hospitals, panelMembers, panels, people } from '../../../src/db/schema/index.ts';
import { ensureInstallation } from '../../../src/modules/system/installation.ts';
import { ManualClock } from '../../../src/platform/clock.ts';
import { keysFrom } from '../../../src/platform/keys.ts';
import { webDistFolder } from '../../../src/platform/paths.ts';
import { seed } from '../../../src/seed/seed.ts';
import type { TrainingAccount } from '../../../src/seed/training-accounts.ts';
import { createBlobStore } from '../../../src/storage/create-blob-store.ts';
import { freePort } from './oidc-app-server.ts';

/**
 * The real app (built web app, training seed, PGlite) in the test process, so a call spec can give it ICE/TURN
 * settings of its own and compute authenticator codes for its (manual) clock. The clock only moves for codes:
 * call peers never time out during a spec.
 */
export interface CallServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startCallServer(env: Record<string, string> = {}): Promise<CallServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-e2e-call-'));
  const webRoot = path.join(dataDir, 'web');
  fs.cpSync(webDistFolder, webRoot, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ CPMS_DATA_DIR: dataDir, CPMS_ENV: 'training', CPMS_PUBLIC_URL: url, PORT: String(port), LOG_LEVEL: 'warn', ...env });
  const clock = new ManualClock(new Date());
  const keys = keysFrom(randomBytes(32));
  const { database, client } = await openPglite();
  await migratePgliteClient(client);
  await ensureInstallation(database.db, 'training', clock);
  const blobs = createBlobStore({ dataDir }, keys);
  await seed(database.db, 'training', keys, clock, { blobs });
  const app = await buildApp({ config, database, db: database.db, clock, keys, blobs, logger: pino({ level: 'warn' }), webRoot });
  await app.listen({ host: '127.0.0.1', port });
  return {
    url,
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium with fake camera, microphone and screen (DESIGN.md's flags), for WebRTC between contexts on loopback. */
export const launchMediaBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
  });

/** An authenticator code for the server's clock, one step after any code used before (codes never work twice). */
async function codeFor(server: CallServer, account: TrainingAccount): Promise<string> {
  server.clock.advance(30_000);
  return generate({ secret: account.totpSecret!, epoch: Math.floor(server.clock.now().getTime() / 1000) });
}

/** Signs the account in within the browser context (its cookie jar), second factor included. */
export async function signInContext(server: CallServer, context: BrowserContext, account: TrainingAccount): Promise<void> {
  const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, { data: { email: account.email, password: account.password } });
  if (signIn.status() !== 200) throw new Error(`sign-in ${account.email}: ${signIn.status()}`);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const confirmed = await context.request.post(`${server.url}/api/auth/second-factor`, { data: { code: await codeFor(server, account) }, headers: { 'x-csrf-token': csrfToken } });
  if (confirmed.status() !== 200) throw new Error(`second factor ${account.email}: ${confirmed.status()} ${await confirmed.text()}`);
}

/** Signs in through the API in-process (set-up only); returns that session's headers. */
export async function apiSession(server: CallServer, account: TrainingAccount): Promise<Record<string, string>> {
  const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: account.email, password: account.password } });
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { cookie, 'x-csrf-token': signIn.json<{ csrfToken: string }>().csrfToken };
  const confirmed = await server.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers, payload: { code: await codeFor(server, account) } });
  if (confirmed.statusCode !== 200) throw new Error(`second factor: ${confirmed.body}`);
  return headers;
}

/** An open ERN-RND panel on a fresh Waldstadt patient (enrolled by the lead through the API), with accepted members and guests. */
export async function openCallPanel(server: CallServer, leadHeaders: Record<string, string>, o: { title: string; lead: TrainingAccount; members?: TrainingAccount[]; guests?: TrainingAccount[] }): Promise<string> {
  const db = server.database.db;
  const [waldstadt] = await db.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.name, 'Universitätsklinikum Waldstadt'));
  const [rnd] = await db.select({ id: erns.id }).from(erns).where(eq(erns.code, 'ern-rnd'));
  const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' };
  const identity = { givenName: 'Call', familyName: 'Journey', dateOfBirth: '2014-03-27', recordNumber: `E2E-CALL-${randomUUID().slice(0, 8)}`, nationalId: null };
  const enrolled = await server.app.inject({ method: 'POST', url: '/api/patients', headers: leadHeaders, payload: { hospitalId: waldstadt!.id, careConsent, nickname: 'Kestrel', sex: 'female', identity } });
  const personId = async (account: TrainingAccount) => (await db.select({ id: people.id }).from(people).where(eq(people.email, account.email)))[0]!.id;
  const now = server.clock.now().toISOString();
  const leadId = await personId(o.lead);
  const [panel] = await db
    .insert(panels)
    .values({ ernId: rnd!.id, patientId: enrolled.json<{ id: string }>().id, type: 'diagnosis', urgency: 'routine', title: o.title, clinicalQuestion: 'Which investigation should come next?', status: 'open', requestedBy: leadId, createdAt: now, updatedAt: now, openedAt: now })
    .returning({ id: panels.id });
  const rows = [{ personId: leadId, role: 'lead' as const }];
  for (const m of o.members ?? []) rows.push({ personId: await personId(m), role: 'member' as never });
  for (const g of o.guests ?? []) rows.push({ personId: await personId(g), role: 'guest' as never });
  await db.insert(panelMembers).values(rows.map((r) => ({ panelId: panel!.id, personId: r.personId, role: r.role, status: 'accepted' as const, invitedBy: leadId, invitedAt: now })));
  return panel!.id;
}

/** A meeting of ERN-RND tomorrow with the panels on its agenda (scheduled by the network's coordinator). */
export async function meetingWith(server: CallServer, coordinatorHeaders: Record<string, string>, panelIds: string[]): Promise<string> {
  const [rnd] = await server.database.db.select({ id: erns.id }).from(erns).where(eq(erns.code, 'ern-rnd'));
  const created = await server.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: coordinatorHeaders,
    payload: { ernId: rnd!.id, title: 'Video board', startsAt: new Date(server.clock.now().getTime() + 3_600_000).toISOString(), durationMinutes: 60, timeZone: 'Europe/Berlin', agenda: panelIds.map((panelId) => ({ panelId, minutes: 20 })) },
  });
  if (created.statusCode !== 201) throw new Error(`meeting: ${created.body}`);
  return created.json<{ id: string }>().id;
}
