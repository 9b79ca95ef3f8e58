import { inArray } from 'drizzle-orm';
import type { Environment } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { affiliations, credentials, delegations, diseaseGroups, erns, hospitals, memberships, people } from '../db/schema/index.ts';
import { hashPassword } from '../modules/identity/passwords.ts';
import type { Clock } from '../platform/clock.ts';
import type { Keys } from '../platform/keys.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { seal } from '../platform/secret-box.ts';
import { seedTrainingOntologies } from '../modules/ontology/training-ontologies.ts';
import { trainingAccounts } from './training-accounts.ts';
import { seedTrainingPatients } from './seed-patients.ts';
import { seedTrainingRecords } from './seed-records.ts';
import { seedTrainingAttachments } from './seed-attachments.ts';
import { seedPanelSettings } from './seed-panel-settings.ts';
import { seedTrainingReferrals } from './seed-referrals.ts';
import { ernReference } from '../modules/organisations/reference-data.ts';
import { trainingHospitals } from './training-hospitals.ts';

export interface SeedSummary {
  erns: number;
  diseaseGroups: number;
  hospitals: number;
  memberships: number;
  accounts: number;
  patients: number;
}

const DAY_MS = 86_400_000;

/** One training account per role (training-accounts.ts); an account that exists is left as it is. */
async function seedTrainingAccounts(tx: Db, ernIds: Map<string, string>, keys: Keys, clock: Clock, summary: SeedSummary): Promise<void> {
  const now = clock.now();
  const hospitalRows = await tx.select({ id: hospitals.id, name: hospitals.name }).from(hospitals);
  const hospitalId = (name: string | undefined) => (name ? hospitalRows.find((h) => h.name === name)?.id ?? null : null);
  const created = new Map<string, string>();
  for (const account of trainingAccounts) {
    const [person] = await tx
      .insert(people)
      .values({ email: account.email, displayName: account.displayName, createdAt: now.toISOString(), languages: ['en'] })
      .onConflictDoNothing()
      .returning({ id: people.id });
    if (!person) continue;
    created.set(account.email, person.id);
    summary.accounts += 1;
    await tx.insert(credentials).values({
      personId: person.id,
      passwordHash: await hashPassword(account.password, keys.derive('password-pepper')),
      passwordChangedAt: now.toISOString(),
      totpSecret: account.totpSecret ? seal(keys.derive('totp-secrets'), keys.version, account.totpSecret, person.id) : null,
      totpConfirmedAt: account.totpSecret ? now.toISOString() : null,
    });
    for (const a of account.affiliations) {
      const validUntil = a.validDays === undefined ? null : new Date(now.getTime() + a.validDays * DAY_MS).toISOString();
      const validFrom = new Date(now.getTime() - (a.validDays !== undefined && a.validDays < 0 ? 91 : 1) * DAY_MS).toISOString();
      await tx.insert(affiliations).values({ personId: person.id, role: a.role, hospitalId: hospitalId(a.hospital), ernId: a.ern ? ernIds.get(a.ern)! : null, validFrom, validUntil, statedHospital: a.stated?.hospital ?? null, statedCountry: a.stated?.country ?? null, createdAt: now.toISOString() });
    }
  }
  for (const account of trainingAccounts) {
    const assistantId = created.get(account.email);
    const principalId = account.actsFor ? created.get(account.actsFor) : undefined;
    const hospital = hospitalId(account.affiliations[0]?.hospital);
    if (assistantId && principalId && hospital) {
      await tx.insert(delegations).values({ assistantId, principalId, hospitalId: hospital, validFrom: new Date(now.getTime() - DAY_MS).toISOString(), createdAt: now.toISOString() });
    }
  }
}

/** The 24 ERNs and ERN-RND's disease groups; real reference data, right in every environment. */
async function seedReferenceData(tx: Db, summary: SeedSummary): Promise<Map<string, string>> {
  const inserted = await tx
    .insert(erns)
    .values(ernReference.map(({ code, name, field }) => ({ code, name, field })))
    .onConflictDoNothing({ target: erns.code })
    .returning({ id: erns.id });
  summary.erns += inserted.length;
  const rows = await tx.select({ id: erns.id, code: erns.code }).from(erns).where(inArray(erns.code, ernReference.map((e) => e.code)));
  const ernIds = new Map(rows.map((row) => [row.code, row.id]));
  const groups = ernReference.flatMap((ern) =>
    (ern.diseaseGroups ?? []).map((group, position) => ({ ernId: ernIds.get(ern.code)!, position, ...group })),
  );
  if (groups.length > 0) {
    const insertedGroups = await tx.insert(diseaseGroups).values(groups).onConflictDoNothing().returning({ id: diseaseGroups.id });
    summary.diseaseGroups += insertedGroups.length;
  }
  return ernIds;
}

/** Fictional hospitals and their memberships; training databases only. */
async function seedTrainingData(tx: Db, ernIds: Map<string, string>, summary: SeedSummary): Promise<void> {
  for (const hospital of trainingHospitals) {
    const [row] = await tx
      .insert(hospitals)
      .values({ name: hospital.name, city: hospital.city, country: hospital.country })
      .onConflictDoNothing()
      .returning({ id: hospitals.id });
    if (!row) continue; // already seeded
    summary.hospitals += 1;
    if (hospital.memberships.length === 0) continue;
    const values = hospital.memberships.map((m) => ({ hospitalId: row.id, ernId: ernIds.get(m.ernCode)!, type: m.type }));
    summary.memberships += (await tx.insert(memberships).values(values).onConflictDoNothing().returning()).length;
  }
}

export interface SeedOptions {
  /** The installation's blob store: with it, training patients get a few files; without it, none. */
  blobs?: BlobStore;
  /** The public URL for the links in e-mails: with it, the training referrer gets referrals in several states; without it, none. */
  publicUrl?: string;
}

/**
 * Seeds what the environment needs; safe to run again (adds only what is missing). Production gets the
 * ERN reference data only, never training data.
 */
export async function seed(db: Db, environment: Environment, keys: Keys, clock: Clock, options: SeedOptions = {}): Promise<SeedSummary> {
  const summary: SeedSummary = { erns: 0, diseaseGroups: 0, hospitals: 0, memberships: 0, accounts: 0, patients: 0 };
  await db.transaction(async (tx) => {
    const ernIds = await seedReferenceData(tx, summary);
    if (environment === 'training') {
      await seedTrainingData(tx, ernIds, summary);
      await seedTrainingAccounts(tx, ernIds, keys, clock, summary);
    }
  });
  // Patients go through the app's own use cases (each in its own transaction), after the accounts exist.
  // Panel deadlines of the training networks.
  if (environment === 'training') await seedPanelSettings(db, clock);
  if (environment === 'training') summary.patients = await seedTrainingPatients(db, keys, clock);
  // The project's own small HPO and Orphanet subsets, through the same import code as real releases.
  if (environment === 'training') await seedTrainingOntologies(db, clock);
  // Their case records, once the ontologies they cite are there.
  if (environment === 'training') await seedTrainingRecords(db, clock);
  // A few files, encrypted into the blob store by the upload use case.
  if (environment === 'training' && options.blobs) await seedTrainingAttachments({ db, keys, clock, blobs: options.blobs });
  // Referrals from the training referrer, in several states, through the referrals module's use cases.
  if (environment === 'training' && options.publicUrl) await seedTrainingReferrals({ db, keys, clock, config: { publicUrl: options.publicUrl } });
  return summary;
}
