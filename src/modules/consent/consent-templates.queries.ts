import { and, asc, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { isUuid } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { consentFormTemplates } from '../../db/schema/consents.ts';
import { erns } from '../../db/schema/organisations.ts';
import type { ConsentTemplateFilter, ConsentTemplateView } from './consent-templates.contract.ts';

export type ConsentTemplateRow = typeof consentFormTemplates.$inferSelect;

const toView = (row: ConsentTemplateRow, ernCode: string | null): ConsentTemplateView => ({
  id: row.id,
  kind: row.kind,
  ernId: row.ernId,
  ernCode,
  language: row.language,
  version: row.version,
  title: row.title,
  fileName: row.fileName,
  mediaType: 'application/pdf',
  size: row.size,
  sha256: row.sha256,
  uploadedAt: row.uploadedAt,
  retiredAt: row.retiredAt,
  active: row.retiredAt === null,
});

async function select(db: Db | Tx, where: SQL | undefined): Promise<ConsentTemplateView[]> {
  const rows = await db
    .select({ template: consentFormTemplates, ernCode: erns.code })
    .from(consentFormTemplates)
    .leftJoin(erns, eq(erns.id, consentFormTemplates.ernId))
    .where(where)
    .orderBy(asc(consentFormTemplates.kind), asc(consentFormTemplates.language), asc(erns.code), desc(consentFormTemplates.uploadedAt), asc(consentFormTemplates.id));
  return rows.map((r) => toView(r.template, r.ernCode));
}

/** Every template, retired ones included (administrators). */
export const allConsentTemplates = (db: Db | Tx) => select(db, undefined);

/** The templates in use, filtered; with an ERN, that network's own templates and the platform's. */
export const activeConsentTemplates = (db: Db | Tx, filter: ConsentTemplateFilter) =>
  select(
    db,
    and(
      isNull(consentFormTemplates.retiredAt),
      filter.kind === undefined ? undefined : eq(consentFormTemplates.kind, filter.kind),
      filter.language === undefined ? undefined : eq(consentFormTemplates.language, filter.language),
      filter.ernId === undefined ? undefined : or(isNull(consentFormTemplates.ernId), eq(consentFormTemplates.ernId, filter.ernId)),
    ),
  );

export async function consentTemplateView(db: Db | Tx, id: string): Promise<ConsentTemplateView | undefined> {
  return (await select(db, eq(consentFormTemplates.id, id)))[0];
}

/** One template by the id from a URL, or undefined (the caller answers 404). */
export async function findConsentTemplate(db: Db | Tx, id: string): Promise<ConsentTemplateRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(consentFormTemplates).where(eq(consentFormTemplates.id, id));
  return row;
}

/** Whether this kind, network, language and version is taken (the table's unique key, nulls not distinct). */
export async function consentTemplateExists(db: Db | Tx, key: { kind: ConsentTemplateRow['kind']; ernId: string | null; language: string; version: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: consentFormTemplates.id })
    .from(consentFormTemplates)
    .where(
      and(
        eq(consentFormTemplates.kind, key.kind),
        key.ernId === null ? isNull(consentFormTemplates.ernId) : eq(consentFormTemplates.ernId, key.ernId),
        eq(consentFormTemplates.language, key.language),
        eq(consentFormTemplates.version, key.version),
      ),
    )
    .limit(1);
  return row !== undefined;
}
