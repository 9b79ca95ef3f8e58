import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { attachments, auditEvents, patients, people } from '../db/schema/index.ts';
import { listAttachments } from '../modules/attachments/attachments.queries.ts';
import { ensureInstallation } from '../modules/system/installation.ts';
import { ManualClock } from '../platform/clock.ts';
import { keysFrom } from '../platform/keys.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { createBlobStore } from '../storage/create-blob-store.ts';
import { openEmptyDatabase } from '../testing/test-database.ts';
import { seed } from './seed.ts';
import { trainingAttachments } from './training-attachments.ts';
import { trainingPatients } from './training-patients.ts';

/*
 * The shared test database is seeded without a blob store (and under keys no test app holds), so this
 * test seeds a fresh database of its own, as `cpms serve` does on first start in training mode.
 */
const cleanup: (() => Promise<void>)[] = [];
let database: Database;
let blobs: BlobStore;
const keys = keysFrom(randomBytes(32));
const clock = new ManualClock();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-seed-files-'));


beforeAll(async () => {
  cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const fresh = await openEmptyDatabase(2);
  cleanup.push(() => fresh.close());
  database = fresh.database;
  blobs = createBlobStore({ dataDir }, keys);
  await ensureInstallation(database.db, 'training', clock);
  await seed(database.db, 'training', keys, clock, { blobs });
}, 120_000);
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function seededPatientId(nickname: string): Promise<string> {
  const enrolledBy = trainingPatients.find((p) => p.nickname === nickname)!.enrolledBy;
  const [row] = await database.db
    .select({ id: patients.id })
    .from(patients)
    .innerJoin(people, eq(people.id, patients.createdBy))
    .where(and(eq(patients.nickname, nickname), eq(people.email, enrolledBy)));
  return row!.id;
}

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(Buffer.from(piece));
  return Buffer.concat(pieces);
}

const mediaTypes = { report: 'application/pdf', vcf: 'text/x-vcf', image: 'image/png' } as Record<string, string>;

describe('the training attachments', () => {
  it('are stored through the upload path: sniffed, encrypted in the blob store, names sealed, uploads audited, and decrypt to the bytes written', async () => {
    const ids: string[] = [];
    for (const [nickname, files] of Object.entries(trainingAttachments)) {
      const patientId = await seededPatientId(nickname);
      const listed = await listAttachments(database.db, keys, patientId);
      expect(listed.map((a) => a.fileName).sort(), nickname).toEqual(files.map((f) => f.fileName).sort());
      for (const file of files) {
        const view = listed.find((a) => a.fileName === file.fileName)!;
        expect(view, file.fileName).toMatchObject({ kind: file.kind, description: file.description, mediaType: mediaTypes[file.kind], size: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex') });
        const [row] = await database.db.select().from(attachments).where(eq(attachments.id, view.id));
        const plain = await bytesOf(await blobs.get({ key: row!.blobKey, wrappedKey: row!.wrappedKey, size: row!.size }));
        expect(plain.equals(file.content), `${file.fileName} decrypts to the bytes written`).toBe(true);
        // at rest the file is ciphertext, and the row holds no plain name
        const onDisk = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name === row!.blobKey);
        expect(onDisk, file.fileName).toHaveLength(1);
        const stored = fs.readFileSync(path.join(onDisk[0]!.parentPath, onDisk[0]!.name));
        expect(stored.includes(file.content.subarray(0, 16)), `${file.fileName} is encrypted at rest`).toBe(false);
        expect(row!.sealedFileName).not.toContain(file.fileName);
        ids.push(view.id);
      }
    }
    const audited = await database.db
      .select({ targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'attachment.uploaded'), inArray(auditEvents.targetId, ids)));
    expect(audited.map((a) => a.targetId).sort()).toEqual([...ids].sort());
  });

  it('are not added twice when the seed runs again, and are skipped without a blob store', async () => {
    const count = async () => (await database.db.select({ id: attachments.id }).from(attachments)).length;
    const before = await count();
    expect(before).toBe(Object.values(trainingAttachments).flat().length);
    await seed(database.db, 'training', keys, clock, { blobs });
    await seed(database.db, 'training', keys, clock);
    expect(await count()).toBe(before);
  });
});
