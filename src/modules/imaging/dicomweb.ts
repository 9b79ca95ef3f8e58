import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../http/errors.ts';
import { tags } from './confidentiality-profile.contract.ts';
import { readDicom } from './deidentify.contract.ts';
import type { QidoQuery, StudySummary } from './imaging.contract.ts';
import { auditImaging, type ScopedImaging } from './imaging-access.ts';
import { findSeries, findStudy, listInstances, listSeries, listStudies, type InstanceRow, type StudyRow } from './imaging.queries.ts';

/*
 * DICOMweb (PS3.18) over the platform's studies: QIDO-RS search at study, series and instance level,
 * series metadata, and WADO-RS retrieval of instances and frames. Same scopes and audit as the rest: a
 * panel sees only the studies its latest share gave it. Answers carry the de-identified data only.
 */

type Json = Record<string, unknown>;
const attr = (vr: string, ...values: unknown[]) => (values.length && values.every((v) => v !== '' && v !== null && v !== undefined) ? { vr, Value: values } : { vr });

const page = <T>(rows: T[], query: QidoQuery) => rows.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? 1000));

export const studyJson = (study: StudySummary, root: string): Json => ({
  '00080020': attr('DA', study.studyDate),
  '00080061': study.modalities.length ? { vr: 'CS', Value: study.modalities } : { vr: 'CS' },
  '00081190': attr('UR', `${root}/studies/${study.studyInstanceUid}`),
  '00100010': { vr: 'PN' },
  '00100020': { vr: 'LO' },
  '0020000D': attr('UI', study.studyInstanceUid),
  '00201206': attr('IS', study.seriesCount),
  '00201208': attr('IS', study.instanceCount),
});

const instanceAttributes = ['00080016', '00080018', '00080060', '0020000D', '0020000E', '00200013', '00280008', '00280010', '00280011', '00280100'];

const instanceJson = (row: InstanceRow, root: string, study: StudyRow, seriesUid: string): Json => ({
  ...Object.fromEntries(instanceAttributes.filter((tag) => tag in row.metadata).map((tag) => [tag, row.metadata[tag]])),
  '00081190': attr('UR', `${root}/studies/${study.studyInstanceUid}/series/${seriesUid}/instances/${row.sopInstanceUid}`),
});

async function auditRead(deps: AppDeps, actor: Actor, scoped: ScopedImaging, clientAddress: string, action: 'imaging.searched' | 'imaging.retrieved', targetId: string, details: Record<string, unknown>) {
  await deps.db.transaction((tx) => auditImaging(tx, deps.clock, scoped, { actorId: actor.personId, action, clientAddress, targetType: action === 'imaging.searched' ? 'imagingStudies' : 'imagingInstance', targetId, details }));
}

export async function searchStudies(deps: AppDeps, actor: Actor, scoped: ScopedImaging, query: QidoQuery, clientAddress: string): Promise<Json[]> {
  const studies = page(await listStudies(deps.db, scoped.scope, query.StudyInstanceUID), query);
  await auditRead(deps, actor, scoped, clientAddress, 'imaging.searched', scoped.scope.patientId, { level: 'study', results: studies.length });
  return studies.map((s) => studyJson(s, scoped.dicomwebRoot));
}

/** The study within scope, or 404 (a study the panel was not given does not exist for it). */
async function studyInScope(deps: AppDeps, scoped: ScopedImaging, studyUid: string): Promise<StudyRow> {
  const study = await findStudy(deps.db, scoped.scope, studyUid);
  if (!study) throw new AppError('notFound', 'No such study.');
  return study;
}

export async function searchSeries(deps: AppDeps, actor: Actor, scoped: ScopedImaging, studyUid: string, query: QidoQuery, clientAddress: string): Promise<Json[]> {
  const study = await studyInScope(deps, scoped, studyUid);
  const series = page(await listSeries(deps.db, study.id, query.SeriesInstanceUID), query);
  await auditRead(deps, actor, scoped, clientAddress, 'imaging.searched', study.id, { level: 'series', results: series.length });
  return series.map((s) => ({
    '00080060': attr('CS', s.modality),
    '00081190': attr('UR', `${scoped.dicomwebRoot}/studies/${study.studyInstanceUid}/series/${s.seriesInstanceUid}`),
    '0020000D': attr('UI', study.studyInstanceUid),
    '0020000E': attr('UI', s.seriesInstanceUid),
    '00200011': attr('IS', s.seriesNumber),
    '00201209': attr('IS', Number(s.instances)),
  }));
}

async function seriesInScope(deps: AppDeps, scoped: ScopedImaging, studyUid: string, seriesUid: string) {
  const study = await studyInScope(deps, scoped, studyUid);
  const series = await findSeries(deps.db, study.id, seriesUid);
  if (!series) throw new AppError('notFound', 'No such series in this study.');
  return { study, series };
}

export async function searchInstances(deps: AppDeps, actor: Actor, scoped: ScopedImaging, studyUid: string, seriesUid: string, query: QidoQuery, clientAddress: string): Promise<Json[]> {
  const { study, series } = await seriesInScope(deps, scoped, studyUid, seriesUid);
  const instances = page(await listInstances(deps.db, series.id, query.SOPInstanceUID), query);
  await auditRead(deps, actor, scoped, clientAddress, 'imaging.searched', study.id, { level: 'instance', results: instances.length });
  return instances.map((row) => instanceJson(row, scoped.dicomwebRoot, study, seriesUid));
}

/** Every instance's de-identified attributes (PS3.18 series metadata), bulk data left out: what a viewer needs before it asks for frames. */
export async function seriesMetadata(deps: AppDeps, actor: Actor, scoped: ScopedImaging, studyUid: string, seriesUid: string, clientAddress: string): Promise<Json[]> {
  const { study, series } = await seriesInScope(deps, scoped, studyUid, seriesUid);
  const instances = await listInstances(deps.db, series.id);
  await auditRead(deps, actor, scoped, clientAddress, 'imaging.searched', study.id, { level: 'metadata', results: instances.length });
  return instances.map((row) => row.metadata);
}

async function instanceInScope(deps: AppDeps, scoped: ScopedImaging, studyUid: string, seriesUid: string, sopUid: string): Promise<InstanceRow> {
  const { series } = await seriesInScope(deps, scoped, studyUid, seriesUid);
  const [row] = await listInstances(deps.db, series.id, sopUid);
  if (!row) throw new AppError('notFound', 'No such instance in this series.');
  return row;
}

async function collect(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

const blobOf = (row: InstanceRow) => ({ key: row.blobKey, wrappedKey: row.wrappedKey, size: row.size });

/** One frame's bytes: a range read of native pixel data; for compressed data, the file is opened and the frame taken from it. */
async function frameBytes(deps: AppDeps, row: InstanceRow, frame: number): Promise<Buffer> {
  if (row.pixelOffset !== null && row.frameLength !== null) {
    const start = row.pixelOffset + (frame - 1) * row.frameLength;
    return collect(await deps.blobs.get(blobOf(row), { start, end: start + row.frameLength - 1 }));
  }
  const whole = await collect(await deps.blobs.get(blobOf(row)));
  const pixels = readDicom(whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer).dict[tags.pixelData];
  const fragments = (pixels?.Value ?? []).filter((v): v is ArrayBuffer => v instanceof ArrayBuffer);
  if (fragments.length === row.frames) return Buffer.from(fragments[frame - 1]!);
  if (row.frames === 1 && fragments.length > 0) return Buffer.concat(fragments.map((f) => Buffer.from(f)));
  throw new AppError('unprocessable', 'The frames of this instance cannot be separated; retrieve the whole instance instead.');
}

export interface Multipart {
  contentType: string;
  body: Readable;
}

/** A multipart/related answer streamed part after part (PS3.18 8.7.3). */
function multipartRelated(type: string, parts: AsyncIterable<{ contentType: string; body: Readable | Buffer }>): Multipart {
  const boundary = `cpms-${randomUUID()}`;
  async function* generate() {
    for await (const part of parts) {
      yield Buffer.from(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n\r\n`);
      if (Buffer.isBuffer(part.body)) yield part.body;
      else for await (const piece of part.body) yield piece as Buffer;
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { contentType: `multipart/related; type="${type}"; boundary=${boundary}`, body: Readable.from(generate()) };
}

/** WADO-RS instance: the stored (de-identified) Part 10 file. The blob store verifies the first chunk before this answers. */
export async function retrieveInstance(deps: AppDeps, actor: Actor, scoped: ScopedImaging, uids: { study: string; series: string; instance: string }, clientAddress: string): Promise<Multipart> {
  const row = await instanceInScope(deps, scoped, uids.study, uids.series, uids.instance);
  const body = await deps.blobs.get(blobOf(row));
  try {
    await auditRead(deps, actor, scoped, clientAddress, 'imaging.retrieved', row.id, { whole: true });
  } catch (error) {
    body.destroy();
    throw error;
  }
  async function* one() {
    yield { contentType: 'application/dicom', body };
  }
  return multipartRelated('application/dicom', one());
}

/** WADO-RS frames ("1" or "1,3,5", numbered from 1), each as it is stored: raw pixels for native data, the codec's bytes otherwise. */
export async function retrieveFrames(deps: AppDeps, actor: Actor, scoped: ScopedImaging, uids: { study: string; series: string; instance: string }, frameList: string, clientAddress: string): Promise<Multipart> {
  const frames = frameList.split(',').map((f) => Number(f.trim()));
  const row = await instanceInScope(deps, scoped, uids.study, uids.series, uids.instance);
  if (frames.length === 0 || frames.length > 64 || frames.some((f) => !Number.isInteger(f) || f < 1 || f > row.frames)) {
    throw new AppError('badRequest', `Ask for at most 64 frames between 1 and ${row.frames}, separated by commas.`, [{ path: 'params.frames', message: 'not frames of this instance' }]);
  }
  const native = row.pixelOffset !== null;
  const contentType = native ? 'application/octet-stream' : `application/octet-stream; transfer-syntax=${row.transferSyntaxUid}`;
  const bodies = await Promise.all(frames.map((f) => frameBytes(deps, row, f)));
  await auditRead(deps, actor, scoped, clientAddress, 'imaging.retrieved', row.id, { frames });
  async function* all() {
    for (const body of bodies) yield { contentType, body };
  }
  return multipartRelated('application/octet-stream', all());
}
