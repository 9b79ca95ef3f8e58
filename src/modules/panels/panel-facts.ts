import { and, count, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { erns, panelContributions, panelShares } from '../../db/schema/index.ts';
import { hasActiveConsent } from '../consent/consents.ts';
import type { PanelFacts } from './panel-lifecycle.contract.ts';
import type { PanelRow } from './panel-scope.ts';

/** Contributions by members other than the requester: the ones the networks' monitoring counts. */
export async function expertContributionCount(db: Db | Tx, panel: Pick<PanelRow, 'id' | 'requestedBy'>): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(panelContributions)
    .where(and(eq(panelContributions.panelId, panel.id), ne(panelContributions.authorId, panel.requestedBy)));
  return row?.n ?? 0;
}

/** What the lifecycle needs to know about a panel now (read in the caller's transaction). */
export async function loadPanelFacts(db: Db | Tx, panel: PanelRow): Promise<PanelFacts> {
  const [ern] = await db.select({ triageRequired: erns.triageRequired }).from(erns).where(eq(erns.id, panel.ernId));
  const [share] = await db.select({ id: panelShares.id }).from(panelShares).where(eq(panelShares.panelId, panel.id)).limit(1);
  return {
    status: panel.status,
    triageRequired: ern?.triageRequired ?? true,
    careConsentActive: await hasActiveConsent(db, panel.patientId, 'care'),
    hasShare: share !== undefined,
    expertContributions: await expertContributionCount(db, panel),
  };
}
