import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPerson, seededOrganisations, signIn } from '../../src/testing/actors.ts';
import { createTestApp, type TestApp } from '../../src/testing/test-app.ts';
import { referralBody, sendReferral } from './referral-fixtures.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Every row of every table in the database, as text: what a stolen dump or backup would show. */
async function dumpEverything(): Promise<string> {
  const tables = (await t.database.query<{ schema: string; name: string }>(
    "SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
  ));
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await t.database.db.execute(sql`SELECT t::text AS r FROM ${sql.identifier(table.schema)}.${sql.identifier(table.name)} t`);
    parts.push(...(rows as { rows: { r: string }[] }).rows.map((row) => row.r));
  }
  return parts.join('\n');
}

describe('identifying data at rest', () => {
  it('appears nowhere in plain text: not in any table (history, audit, outbox included), not in the logs', async () => {
    const orgs = await seededOrganisations(t);
    const hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] }));
    const sentinel = { givenName: 'Sentinelgivenqx', familyName: 'Sentinelfamilyqx', dateOfBirth: '2011-07-19', recordNumber: 'SENTINELMRN7741', nationalId: 'SENTINELNID9902' };
    const enrolled = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Sparrow', sex: 'female', identity: sentinel } });
    expect(enrolled.statusCode).toBe(201);
    const { id } = enrolled.json<{ id: string }>();
    // read, search, correct and list it, so every path that touches the identity has run
    await t.app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: hp.headers });
    await t.app.inject({ method: 'POST', url: '/api/patients/record-number-search', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, recordNumber: sentinel.recordNumber } });
    await t.app.inject({ method: 'PUT', url: `/api/patients/${id}/identity`, headers: hp.headers, payload: { ...sentinel, givenName: 'Sentinelgivenqx Secondname' } });
    await t.app.inject({ method: 'GET', url: '/api/patients', headers: hp.headers });
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Again', sex: 'female', identity: sentinel } });
    expect(duplicate.statusCode).toBe(409);

    const dump = (await dumpEverything()).toLowerCase();
    const logs = t.logLines.join('\n').toLowerCase();
    expect(dump).toContain('sparrow'); // the dump is real: the nickname is there
    for (const value of ['sentinelgivenqx', 'sentinelfamilyqx', '2011-07-19', 'sentinelmrn7741', 'sentinelnid9902']) {
      expect(dump.includes(value), `${value} in the database`).toBe(false);
      expect(logs.includes(value), `${value} in the logs`).toBe(false);
    }
    expect(duplicate.body.toLowerCase()).not.toContain('sentinel');
  });

  it('holds for a referral too: sent, read by the centre, accepted into a patient — the identity is sealed throughout', async () => {
    const orgs = await seededOrganisations(t);
    const referrer = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'referrer', ernId: orgs.rnd }] }));
    const hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }));
    const sentinel = { givenName: 'Refgivenzq', familyName: 'Reffamilyzq', dateOfBirth: '2013-09-23', recordNumber: 'REFMRN55821', nationalId: 'REFNID66032' };
    const id = await sendReferral(t, referrer, referralBody(orgs.rnd, orgs.waldstadt, { nickname: 'Kestrel', identity: sentinel }));
    const read = await t.app.inject({ method: 'GET', url: `/api/referrals/${id}`, headers: hp.headers });
    expect(read.json<{ identity: { familyName: string } }>().identity.familyName).toBe('Reffamilyzq');
    await t.app.inject({ method: 'GET', url: '/api/referrals', headers: hp.headers });
    expect((await t.app.inject({ method: 'POST', url: `/api/referrals/${id}/acceptance`, headers: hp.headers, payload: {} })).statusCode).toBe(200);

    const dump = (await dumpEverything()).toLowerCase();
    const logs = t.logLines.join('\n').toLowerCase();
    expect(dump).toContain('kestrel');
    for (const value of ['refgivenzq', 'reffamilyzq', '2013-09-23', 'refmrn55821', 'refnid66032']) {
      expect(dump.includes(value), `${value} in the database`).toBe(false);
      expect(logs.includes(value), `${value} in the logs`).toBe(false);
    }
  });
});
