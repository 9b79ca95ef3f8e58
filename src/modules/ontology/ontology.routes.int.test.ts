import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPerson, seededOrganisations, signIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { HpoSearchResponse, HpoTermResponse, OrphanetDisorderResponse, OrphanetSearchResponse } from './ontology.contract.ts';
import { seedTrainingOntologies } from './training-ontologies.ts';

let t: TestApp;
let headers: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  // The training subsets, as a fresh training install has them (a no-op when the seed already loaded them).
  await seedTrainingOntologies(t.database.db, t.clock);
  const orgs = await seededOrganisations(t);
  headers = (await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] }))).headers;
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, withHeaders: Record<string, string> = headers) => t.app.inject({ method: 'GET', url, headers: withHeaders });
const hpo = async (q: string) => (await get(`/api/ontology/hpo/search?q=${encodeURIComponent(q)}`)).json<HpoSearchResponse>().terms;
const orphanet = async (q: string) => (await get(`/api/ontology/orphanet/search?q=${encodeURIComponent(q)}`)).json<OrphanetSearchResponse>().disorders;

const routes = ['/api/ontology/hpo/search?q=seiz', '/api/ontology/hpo/terms/HP:0001250', '/api/ontology/orphanet/search?q=ataxia', '/api/ontology/orphanet/disorders/ORPHA:95'];

describe('ontology routes', () => {
  it('answer only signed-in people who confirmed their second factor', async () => {
    const orgs = await seededOrganisations(t);
    const person = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] });
    const passwordOnly = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password } });
    const halfway = { cookie: passwordOnly.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    for (const url of routes) {
      expect((await get(url, {})).statusCode, url).toBe(401);
      expect((await get(url, halfway)).json(), url).toMatchObject({ status: 401, code: 'secondFactorRequired' });
      expect((await get(url)).statusCode, url).toBe(200);
    }
  });

  it('suggest HPO terms by label prefix, with a short definition and the parents, and say how long the server took', async () => {
    const response = await get('/api/ontology/hpo/search?q=seiz&limit=5');
    expect(response.headers['server-timing']).toMatch(/^search;dur=\d+\.\d+, app;dur=\d+\.\d+$/);
    const terms = response.json<HpoSearchResponse>().terms;
    expect(terms.length).toBeLessThanOrEqual(5);
    expect(terms[0]).toMatchObject({ id: 'HP:0001250', label: 'Seizure', matchedSynonym: null, parents: [{ id: 'HP:0012638', label: 'Abnormal nervous system physiology' }] });
    expect(terms[0]?.definition).toMatch(/^A sudden, transient episode/);
    expect(terms.map((term) => term.id)).toEqual(expect.arrayContaining(['HP:0007359', 'HP:0002197', 'HP:0002069']));
  });

  it('find terms by a later word, by synonym (saying which), by id, alternative id, and despite a typo', async () => {
    expect((await hpo('ataxia')).map((term) => term.id).slice(0, 3)).toEqual(['HP:0001251', 'HP:0002066', 'HP:0002070']);
    expect((await hpo('epileptic'))[0]).toMatchObject({ id: 'HP:0001250', matchedSynonym: 'Epileptic seizure' });
    expect((await hpo('grand mal'))[0]).toMatchObject({ id: 'HP:0002069', matchedSynonym: 'Grand mal seizures' });
    expect((await hpo('HP:0002415')).map((term) => term.label)).toEqual(['Leukodystrophy']);
    expect((await hpo('0001275')).map((term) => term.id)).toEqual(['HP:0001250']);
    expect((await hpo('siezure'))[0]?.id).toBe('HP:0001250');
    expect((await hpo('leukodistrophy'))[0]?.id).toBe('HP:0002415');
    // An obsolete id merged into another term finds that term, never the obsolete one.
    expect((await hpo('HP:0025356')).map((term) => term.id)).toEqual(['HP:0001263']);
    expect((await hpo('psychomotor retardation')).map((term) => term.id)).not.toContain('HP:0025356');
    expect(await hpo('zzzzqqq')).toEqual([]);
  });

  it('refuse a query that is empty or a limit out of range, with a message', async () => {
    for (const url of ['/api/ontology/hpo/search?q=', '/api/ontology/hpo/search?q=seiz&limit=0', '/api/ontology/hpo/search?q=seiz&limit=51', '/api/ontology/orphanet/search']) {
      expect((await get(url)).statusCode, url).toBe(400);
    }
  });

  it('show one term with parents and children, obsolete ones with their replacement, alternative ids resolved', async () => {
    const ataxia = (await get('/api/ontology/hpo/terms/HP:0001251')).json<HpoTermResponse>();
    expect(ataxia).toMatchObject({ id: 'HP:0001251', label: 'Ataxia', obsolete: false, alternativeId: null, parents: [{ id: 'HP:0011443' }] });
    expect(ataxia.children.map((c) => c.label)).toEqual(['Gait ataxia', 'Limb ataxia']);
    expect((await get('/api/ontology/hpo/terms/HP:0025356')).json()).toMatchObject({ obsolete: true, replacedBy: { id: 'HP:0001263', label: 'Global developmental delay' } });
    expect((await get('/api/ontology/hpo/terms/HP:0001253')).json()).toMatchObject({ id: 'HP:0001251', alternativeId: 'HP:0001253' });
    expect((await get('/api/ontology/hpo/terms/HP:9999999')).statusCode).toBe(404);
    expect((await get('/api/ontology/hpo/terms/seizure')).statusCode).toBe(400);
  });

  it('search Orphanet disorders by name, synonym, code and despite a typo, and show one with OMIM references', async () => {
    expect((await orphanet('Friedreich'))[0]).toEqual({ code: 'ORPHA:95', label: 'Friedreich ataxia', disorderType: 'Disease', matchedSynonym: null });
    expect((await orphanet('frda'))[0]).toMatchObject({ code: 'ORPHA:95', matchedSynonym: 'FRDA' });
    expect((await orphanet('ORPHA:399')).map((d) => d.label)).toEqual(['Huntington disease']);
    expect((await orphanet('fridreich'))[0]?.code).toBe('ORPHA:95');
    // Labels first, then the category found through its synonym "Autosomal dominant spinocerebellar ataxia".
    expect((await orphanet('spinocerebellar')).map((d) => d.code)).toEqual(['ORPHA:98755', 'ORPHA:98756', 'ORPHA:98757', 'ORPHA:99']);
    const disorder = (await get('/api/ontology/orphanet/disorders/95')).json<OrphanetDisorderResponse>();
    expect(disorder).toMatchObject({ code: 'ORPHA:95', active: true, omim: [{ code: 'OMIM:229300', relation: 'E' }, { code: 'OMIM:601992', relation: 'BTNT' }] });
    expect((await get('/api/ontology/orphanet/disorders/ORPHA:9999999')).statusCode).toBe(404);
    expect((await get('/api/ontology/orphanet/disorders/friedreich')).statusCode).toBe(400);
  });
});
