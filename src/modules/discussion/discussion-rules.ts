import type { PanelStatus } from '../panels/panel-lifecycle.contract.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';

/** The discussion runs while the panel is open and while its outcome is drafted; before and after, it is read-only. */
export const discussionStatuses: readonly PanelStatus[] = ['open', 'outcomeDrafting'];

/** Who reads (and, while it runs, writes in) a panel's discussion: its lead, members and guests who accepted, and the owning ERN's coordinators. */
export const canReadDiscussion = (scoped: ScopedPanel): boolean => scoped.role !== null || scoped.coordinator;

export const discussionRuns = (scoped: ScopedPanel): boolean => discussionStatuses.includes(scoped.panel.status);

export const canPost = (scoped: ScopedPanel): boolean => canReadDiscussion(scoped) && discussionRuns(scoped);

/** Files and information requests are the members' (the case's clinical material stays with them). */
export const isMember = (scoped: ScopedPanel): boolean => scoped.role !== null;

export const closedDiscussion = 'The discussion is closed: it runs while the panel is open or drafting its outcome, and stays readable afterwards.';
