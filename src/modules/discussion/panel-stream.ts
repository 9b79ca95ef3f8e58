import type { StreamKind } from '../../realtime/stream-kinds.ts';
import { findPanel } from '../panels/panel-scope.ts';
import { canReadDiscussion } from './discussion-rules.ts';

/**
 * `panel:<panelId>`: followed by whoever finds the panel in their scope and may read its discussion (its
 * accepted lead, members and guests, the owning ERN's coordinators). The hub asks again before every event
 * it sends, live or replayed, so a member who leaves or whose guest account ends receives nothing more.
 */
export const panelStreamKind: StreamKind = {
  authorize: async (actor, panelId, db) => {
    const scoped = await findPanel(db, actor, panelId);
    return scoped !== undefined && canReadDiscussion(scoped);
  },
};
