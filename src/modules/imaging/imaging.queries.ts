import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { imagingInstances, imagingSeries, imagingStudies, panelShareStudies } from '../../db/schema/index.ts';
import type { StudySummary } from './imaging.contract.ts';

/**
 * Which studies a request may see: all of the patient's (the enrolling hospital), or only those a panel
 * was given in its latest share, each under the sharer's label. Every query below takes it.
 */
export interface StudyScope {
  patientId: string;
  /** Study id -> label; undefined for all of the patient's studies. */
  shared: Map<string, string> | undefined;
}

export type StudyRow = typeof imagingStudies.$inferSelect;
export type SeriesRow = typeof imagingSeries.$inferSelect;
export type InstanceRow = typeof imagingInstances.$inferSelect;

const studiesWhere = (scope: StudyScope, extra?: SQL): SQL | undefined =>
  and(eq(imagingStudies.patientId, scope.patientId), scope.shared ? inArray(imagingStudies.id, [...scope.shared.keys(), '00000000-0000-0000-0000-000000000000']) : undefined, extra);

export async function listStudies(db: Db | Tx, scope: StudyScope, studyInstanceUid?: string): Promise<StudySummary[]> {
  const studies = await db.select().from(imagingStudies).where(studiesWhere(scope, studyInstanceUid === undefined ? undefined : eq(imagingStudies.studyInstanceUid, studyInstanceUid))).orderBy(asc(imagingStudies.createdAt), asc(imagingStudies.id));
  if (studies.length === 0) return [];
  const series = await db
    .select({ studyId: imagingSeries.studyId, modality: imagingSeries.modality, instances: count(imagingInstances.id) })
    .from(imagingSeries)
    .innerJoin(imagingInstances, eq(imagingInstances.seriesId, imagingSeries.id))
    .where(inArray(imagingSeries.studyId, studies.map((s) => s.id)))
    .groupBy(imagingSeries.id, imagingSeries.studyId, imagingSeries.modality);
  return studies.map((study) => {
    const mine = series.filter((s) => s.studyId === study.id);
    return {
      id: study.id,
      studyInstanceUid: study.studyInstanceUid,
      studyDate: study.studyDate,
      modalities: [...new Set(mine.map((s) => s.modality))].sort(),
      seriesCount: mine.length,
      instanceCount: mine.reduce((sum, s) => sum + Number(s.instances), 0),
      label: scope.shared?.get(study.id) ?? null,
    };
  });
}

export async function findStudy(db: Db | Tx, scope: StudyScope, studyInstanceUid: string): Promise<StudyRow | undefined> {
  const [row] = await db.select().from(imagingStudies).where(studiesWhere(scope, eq(imagingStudies.studyInstanceUid, studyInstanceUid)));
  return row;
}

export async function listSeries(db: Db | Tx, studyId: string, seriesInstanceUid?: string) {
  return db
    .select({ id: imagingSeries.id, seriesInstanceUid: imagingSeries.seriesInstanceUid, modality: imagingSeries.modality, seriesNumber: imagingSeries.seriesNumber, instances: count(imagingInstances.id) })
    .from(imagingSeries)
    .innerJoin(imagingInstances, eq(imagingInstances.seriesId, imagingSeries.id))
    .where(and(eq(imagingSeries.studyId, studyId), seriesInstanceUid === undefined ? undefined : eq(imagingSeries.seriesInstanceUid, seriesInstanceUid)))
    .groupBy(imagingSeries.id)
    .orderBy(asc(imagingSeries.seriesNumber), asc(imagingSeries.seriesInstanceUid));
}

export async function findSeries(db: Db | Tx, studyId: string, seriesInstanceUid: string): Promise<SeriesRow | undefined> {
  const [row] = await db.select().from(imagingSeries).where(and(eq(imagingSeries.studyId, studyId), eq(imagingSeries.seriesInstanceUid, seriesInstanceUid)));
  return row;
}

export async function listInstances(db: Db | Tx, seriesId: string, sopInstanceUid?: string): Promise<InstanceRow[]> {
  return db
    .select()
    .from(imagingInstances)
    .where(and(eq(imagingInstances.seriesId, seriesId), sopInstanceUid === undefined ? undefined : eq(imagingInstances.sopInstanceUid, sopInstanceUid)))
    .orderBy(asc(imagingInstances.instanceNumber), asc(imagingInstances.sopInstanceUid));
}

/** The studies a share gave a panel, with their labels. */
export async function sharedStudies(db: Db | Tx, shareId: string): Promise<Map<string, string>> {
  const rows = await db.select({ studyId: panelShareStudies.studyId, label: panelShareStudies.label }).from(panelShareStudies).where(eq(panelShareStudies.shareId, shareId));
  return new Map(rows.map((r) => [r.studyId, r.label]));
}

/** Which of these study ids are the patient's (for a share). */
export async function studiesOfPatient(db: Db | Tx, patientId: string, studyIds: string[]): Promise<string[]> {
  if (studyIds.length === 0) return [];
  const rows = await db.select({ id: imagingStudies.id }).from(imagingStudies).where(and(eq(imagingStudies.patientId, patientId), inArray(imagingStudies.id, studyIds)));
  return rows.map((r) => r.id);
}
