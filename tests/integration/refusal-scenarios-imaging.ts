import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { panels } from '../../src/db/schema/index.ts';
import { deidentify, type DeidentificationKey, type DeidentifiedFile } from '../../src/modules/imaging/deidentify.contract.ts';
import { syntheticStudy } from '../../src/testing/synthetic-dicom.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { multipartBody } from './attachments-test-app.ts';
import type { ActorName, Cast } from './refusal-cast.ts';
import type { Request, Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders, openPanelOfCast } from './refusal-fixtures.ts';

const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;
const someone = { familyName: 'Matrix', givenName: 'Imaging', dateOfBirth: '2012-02-03', recordNumber: 'MI-1', sex: 'F' as const };

async function waldstadtPatient(t: TestApp, cast: Cast): Promise<string> {
  const identity = { givenName: 'Matrix', familyName: 'Imaging', dateOfBirth: '2012-02-03', recordNumber: `MI-${randomUUID().slice(0, 10)}`, nationalId: null };
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: cast.hp.session!.headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Matrix imaging', sex: 'female', identity } });
  return response.json<{ id: string }>().id;
}

/*
 * The imaging routes only read (and audit) or add a new file, so their fixtures are made once per cast and
 * shared by every scenario and actor: the matrix has 16 imaging routes and a time budget for all routes.
 */
const once = <T>(make: (t: TestApp, cast: Cast) => Promise<T>) => {
  const made = new WeakMap<Cast, Promise<T>>();
  return (t: TestApp, cast: Cast): Promise<T> => {
    if (!made.has(cast)) made.set(cast, make(t, cast));
    return made.get(cast)!;
  };
};

const keys = new Map<string, Promise<DeidentificationKey>>();

/** One CT slice of a fresh synthetic study (new UIDs each time), de-identified under the patient's key as the uploader does. */
async function deidentifiedSlice(t: TestApp, cast: Cast, patientId: string): Promise<DeidentifiedFile> {
  if (!keys.has(patientId)) keys.set(patientId, t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/imaging/deidentification-key`, headers: cast.hp.session!.headers }).then((r) => r.json<DeidentificationKey>()));
  return deidentify(syntheticStudy(someone, [{ modality: 'CT', slices: 1 }])[0]!.bytes, { key: await keys.get(patientId)! });
}

function uploadOf(patientId: string, file: DeidentifiedFile, cast: Cast, actor: ActorName): Request {
  const body = multipartBody([], { filename: 'slice.dcm', content: Buffer.from(file.bytes), contentType: 'application/dicom' });
  return { method: 'POST', url: `/api/patients/${patientId}/imaging/instances`, headers: { ...cast[actor].session?.headers, 'content-type': body.contentType }, payload: body.payload };
}

interface StoredStudy {
  root: string;
  file: DeidentifiedFile;
}

const uploadTarget = once(waldstadtPatient);

/** A Waldstadt patient with one stored slice: the hospital's DICOMweb root. */
const patientStudy = once(async (t: TestApp, cast: Cast): Promise<StoredStudy> => {
  const patientId = await waldstadtPatient(t, cast);
  const file = await deidentifiedSlice(t, cast, patientId);
  await t.app.inject(uploadOf(patientId, file, cast, 'hp'));
  return { root: `/api/patients/${patientId}/dicomweb`, file };
});

/** An open panel (the cast's health professional leads it) given a stored study with its latest share: the panel's DICOMweb root. */
const panelStudy = once(async (t: TestApp, cast: Cast): Promise<StoredStudy> => {
  const panelId = await openPanelOfCast(t, cast);
  const [panel] = await t.database.db.select({ patientId: panels.patientId }).from(panels).where(eq(panels.id, panelId));
  const patientId = panel!.patientId;
  const headers = cast.hp.session!.headers;
  await t.app.inject({ method: 'PUT', url: `/api/patients/${patientId}/record/sections/history`, headers, payload: { expectedVersion: 0, content: { medicalHistory: 'Matrix history.', familyHistory: 'None.' } } });
  const file = await deidentifiedSlice(t, cast, patientId);
  await t.app.inject(uploadOf(patientId, file, cast, 'hp'));
  const { studies } = (await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/imaging/studies`, headers })).json<{ studies: { id: string }[] }>();
  await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers, payload: { recordVersion: 1, sections: [], attachments: [], studies: [{ studyId: studies[0]!.id, label: 'Matrix study' }] } });
  return { root: `/api/panels/${panelId}/dicomweb`, file };
});

/** The same six DICOMweb routes and the study list in both scopes: to outsiders, the patient or panel does not exist. */
function scopeScenarios(base: '/api/patients/:id' | '/api/panels/:id', fixture: (t: TestApp, cast: Cast) => Promise<StoredStudy>): Record<string, Scenario> {
  const get = (url: (s: StoredStudy) => string): Scenario => ({ allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: url(await fixture(t, cast)) }) });
  const series = (s: StoredStudy) => `${s.root}/studies/${s.file.studyInstanceUid}/series/${s.file.seriesInstanceUid}`;
  return {
    [`GET ${base}/imaging/studies`]: get((s) => s.root.replace(/\/dicomweb$/, '/imaging/studies')),
    [`GET ${base}/dicomweb/studies`]: get((s) => `${s.root}/studies`),
    [`GET ${base}/dicomweb/studies/:study/series`]: get((s) => `${s.root}/studies/${s.file.studyInstanceUid}/series`),
    [`GET ${base}/dicomweb/studies/:study/series/:series/instances`]: get((s) => `${series(s)}/instances`),
    [`GET ${base}/dicomweb/studies/:study/series/:series/metadata`]: get((s) => `${series(s)}/metadata`),
    [`GET ${base}/dicomweb/studies/:study/series/:series/instances/:instance`]: get((s) => `${series(s)}/instances/${s.file.sopInstanceUid}`),
    [`GET ${base}/dicomweb/studies/:study/series/:series/instances/:instance/frames/:frames`]: get((s) => `${series(s)}/instances/${s.file.sopInstanceUid}/frames/1`),
  };
}

/**
 * Imaging: the enrolling hospital's staff upload and read a patient's studies; a panel's members read the
 * studies its latest share gave it. To everyone else the patient or the panel does not exist.
 */
export const imagingScenarios: Record<string, Scenario> = {
  'GET /api/patients/:id/imaging/deidentification-key': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await uploadTarget(t, cast)}/imaging/deidentification-key` }) },
  'POST /api/patients/:id/imaging/instances': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast, actor) => {
      const patientId = await uploadTarget(t, cast);
      return uploadOf(patientId, await deidentifiedSlice(t, cast, patientId), cast, actor);
    },
  },
  ...scopeScenarios('/api/patients/:id', patientStudy),
  ...scopeScenarios('/api/panels/:id', panelStudy),
};
