import type { Tx } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { publishEvent } from '../../realtime/publish-event.ts';

/**
 * Tells the panel's open pages that its outcome report changed (ids and counters only): they fetch it again
 * through the authorized route. Published in the writing transaction, so a rolled-back change announces nothing.
 */
export const publishReportChange = (tx: Tx, clock: Clock, panelId: string, change: { version: number; revision: number; state: 'draft' | 'signed' }) =>
  publishEvent(tx, clock, { stream: `panel:${panelId.toLowerCase()}`, type: 'outcomeReport.changed', data: change });
