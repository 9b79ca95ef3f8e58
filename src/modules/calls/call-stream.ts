import type { StreamKind } from '../../realtime/stream-kinds.ts';
import { findPanel } from '../panels/panel-scope.ts';
import { takesPart } from './calls.ts';

/**
 * `call:<panelId>`: the panel's call signalling, followed by the panel's accepted lead, members and guests only —
 * members of another panel of the same meeting, coordinators who are not members, and everyone else are refused.
 * Asked again before every event; a signal goes to the person it is addressed to, nobody else.
 */
export const callStreamKind: StreamKind = {
  authorize: async (actor, panelId, db) => {
    const scoped = await findPanel(db, actor, panelId);
    return scoped !== undefined && takesPart(scoped);
  },
  authorizeEvent: (actor, event) => {
    const to = event.data['toPersonId'];
    return to === undefined || to === actor.personId;
  },
};
