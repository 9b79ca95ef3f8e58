/**
 * The panel lifecycle, written once: the server enforces it and the web app imports it (at run time:
 * keep this file free of imports) to show the buttons a person may press.
 *
 *   draft → submitted (triage, where the ERN wants it) → open → outcomeDrafting → outcomeSigned → closed → archived
 *   draft → open directly where the ERN does not triage; submitted → draft (returned with a question);
 *   draft / submitted → cancelled; open / outcomeDrafting → closed without an outcome (with a reason).
 *
 * outcomeDrafting → outcomeSigned is not offered through the transitions endpoint: only signing the
 * outcome report (the lead's second factor, the frozen version) moves a panel there, through
 * `recordOutcomeSigned` in the signing transaction.
 */

export const panelStatuses = ['draft', 'submitted', 'open', 'outcomeDrafting', 'outcomeSigned', 'closed', 'archived', 'cancelled'] as const;
export type PanelStatus = (typeof panelStatuses)[number];

export const panelActions = ['submit', 'accept', 'returnToDraft', 'cancel', 'startOutcome', 'resumeDiscussion', 'signOutcome', 'close', 'archive'] as const;
export type PanelAction = (typeof panelActions)[number];

/** Who moves panels: the panel lead (the requester by default) and the coordinators of the owning ERN. */
export type TransitionActor = 'lead' | 'coordinator';

/** Conditions a transition needs besides the state and the role. */
export type TransitionGuard = 'careConsent' | 'share';

export interface TransitionRule {
  action: PanelAction;
  from: PanelStatus;
  to: PanelStatus;
  by: readonly TransitionActor[];
  /** 'required': the person must say why (recorded on the transition row). */
  reason: 'required' | 'optional';
  /** Only where the ERN triages (true) or does not (false); absent: either way. */
  triage?: boolean;
  guards: readonly TransitionGuard[];
  /** Closing: fewer than two expert contributions must be acknowledged with a reason. */
  contributionCheck?: boolean;
  /** 'outcomeReport': reached only by signing the outcome report, never through the transitions endpoint. */
  via: 'transitions' | 'outcomeReport';
}

const rule = (r: Omit<TransitionRule, 'guards' | 'via' | 'reason'> & Partial<Pick<TransitionRule, 'guards' | 'via' | 'reason'>>): TransitionRule => ({
  guards: [],
  via: 'transitions',
  reason: 'optional',
  ...r,
});

export const transitionRules: readonly TransitionRule[] = [
  rule({ action: 'submit', from: 'draft', to: 'submitted', by: ['lead'], triage: true, guards: ['careConsent', 'share'] }),
  rule({ action: 'submit', from: 'draft', to: 'open', by: ['lead'], triage: false, guards: ['careConsent', 'share'] }),
  rule({ action: 'accept', from: 'submitted', to: 'open', by: ['coordinator'], guards: ['careConsent'] }),
  rule({ action: 'returnToDraft', from: 'submitted', to: 'draft', by: ['coordinator'], reason: 'required' }),
  rule({ action: 'cancel', from: 'draft', to: 'cancelled', by: ['lead'], reason: 'required' }),
  rule({ action: 'cancel', from: 'submitted', to: 'cancelled', by: ['lead', 'coordinator'], reason: 'required' }),
  rule({ action: 'startOutcome', from: 'open', to: 'outcomeDrafting', by: ['lead'] }),
  rule({ action: 'resumeDiscussion', from: 'outcomeDrafting', to: 'open', by: ['lead'] }),
  rule({ action: 'signOutcome', from: 'outcomeDrafting', to: 'outcomeSigned', by: ['lead'], via: 'outcomeReport' }),
  rule({ action: 'close', from: 'open', to: 'closed', by: ['lead'], reason: 'required', contributionCheck: true }),
  rule({ action: 'close', from: 'outcomeDrafting', to: 'closed', by: ['lead'], reason: 'required', contributionCheck: true }),
  rule({ action: 'close', from: 'outcomeSigned', to: 'closed', by: ['lead'], contributionCheck: true }),
  rule({ action: 'archive', from: 'closed', to: 'archived', by: ['lead', 'coordinator'] }),
];

/** Panels that are still being worked on: they have a deadline and can be overdue. */
export const activeStatuses: readonly PanelStatus[] = ['submitted', 'open', 'outcomeDrafting'];

/** Members contribute while the discussion is open; outcome drafting freezes contributions. */
export const contributionStatuses: readonly PanelStatus[] = ['open'];

/** Closing with fewer expert contributions than this must be acknowledged (such panels do not count in monitoring). */
export const MIN_EXPERT_CONTRIBUTIONS = 2;

export interface PanelFacts {
  status: PanelStatus;
  /** The owning ERN's setting. */
  triageRequired: boolean;
  /** The patient's care consent is in force now. */
  careConsentActive: boolean;
  /** The panel has been given a share of the record. */
  hasShare: boolean;
  /** Contributions by members other than the requester. */
  expertContributions: number;
}

export interface ActorFacts {
  /** The actor's accepted role on this panel, if any. */
  panelRole: 'lead' | 'member' | 'guest' | null;
  /** The actor coordinates the owning ERN. */
  coordinator: boolean;
}

export interface AllowedTransition {
  action: PanelAction;
  to: PanelStatus;
  reason: 'required' | 'optional';
  via: 'transitions' | 'outcomeReport';
  /** Guards not met now: the button is shown disabled with the reason. */
  blockedBy: TransitionGuard[];
  /** Closing now needs the acknowledgement that the panel has fewer than two expert contributions. */
  needsAcknowledgement: boolean;
}

const actsAs = (actor: ActorFacts): TransitionActor[] => [...(actor.panelRole === 'lead' ? (['lead'] as const) : []), ...(actor.coordinator ? (['coordinator'] as const) : [])];

const rulesFrom = (panel: PanelFacts, action?: PanelAction) =>
  transitionRules.filter((r) => r.from === panel.status && (action === undefined || r.action === action) && (r.triage === undefined || r.triage === panel.triageRequired));

const guardMet = (panel: PanelFacts, guard: TransitionGuard) => (guard === 'careConsent' ? panel.careConsentActive : panel.hasShare);

/** Every transition this actor may take from the panel's state, with the guards that block it now. */
export function allowedTransitions(panel: PanelFacts, actor: ActorFacts): AllowedTransition[] {
  const roles = actsAs(actor);
  return rulesFrom(panel)
    .filter((r) => r.by.some((b) => roles.includes(b)))
    .map((r) => ({
      action: r.action,
      to: r.to,
      reason: r.reason,
      via: r.via,
      blockedBy: r.guards.filter((g) => !guardMet(panel, g)),
      needsAcknowledgement: r.contributionCheck === true && panel.expertContributions < MIN_EXPERT_CONTRIBUTIONS,
    }));
}

/** Whether the actor holds a role that may take this action from the panel's state (403 otherwise). */
export function mayAttempt(panel: Pick<PanelFacts, 'status'>, actor: ActorFacts, action: PanelAction): boolean {
  const roles = actsAs(actor);
  const here = transitionRules.filter((r) => r.action === action && r.from === panel.status);
  // From a state the action does not leave, the answer is about the state (409), not the role — for
  // those who could take the action somewhere.
  const candidates = here.length > 0 ? here : transitionRules.filter((r) => r.action === action);
  return candidates.some((r) => r.by.some((b) => roles.includes(b)));
}

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; status: 403 | 409 | 422; problem: 'role' | 'state' | 'outcomeReport' | TransitionGuard | 'reason' | 'fewContributions'; message: string };

const guardMessages: Record<TransitionGuard, string> = {
  careConsent: 'The patient\'s care consent is not in force: no panel can go ahead without it. Record a new care consent first.',
  share: 'Choose what of the record the panel may see (a record version and its sections or files) before submitting.',
};

const statusWords: Record<PanelStatus, string> = {
  draft: 'a draft',
  submitted: 'awaiting triage',
  open: 'open',
  outcomeDrafting: 'drafting its outcome',
  outcomeSigned: 'signed',
  closed: 'closed',
  archived: 'archived',
  cancelled: 'cancelled',
};

/** The one decision on a requested transition: role (403), state (409), guards (409), input (422). */
export function checkTransition(panel: PanelFacts, actor: ActorFacts, action: PanelAction, input: { reason?: string | null; acknowledgeFewContributions?: boolean }): TransitionCheck {
  if (!mayAttempt(panel, actor, action)) return { ok: false, status: 403, problem: 'role', message: 'Your role on this panel does not allow this step.' };
  const candidates = rulesFrom(panel, action);
  const roles = actsAs(actor);
  const found = candidates.find((r) => r.by.some((b) => roles.includes(b)));
  if (!found) return { ok: false, status: 409, problem: 'state', message: `This panel is ${statusWords[panel.status]}: it cannot be moved that way now.` };
  if (found.via === 'outcomeReport') return { ok: false, status: 409, problem: 'outcomeReport', message: 'A panel is signed only by signing its outcome report (with your second factor).' };
  const blocked = found.guards.find((g) => !guardMet(panel, g));
  if (blocked) return { ok: false, status: 409, problem: blocked, message: guardMessages[blocked] };
  const reason = input.reason?.trim() ?? '';
  if (found.reason === 'required' && reason.length === 0) return { ok: false, status: 422, problem: 'reason', message: 'Say why: the reason is recorded with this step and shown to the panel.' };
  if (found.contributionCheck && panel.expertContributions < MIN_EXPERT_CONTRIBUTIONS && (!input.acknowledgeFewContributions || reason.length === 0)) {
    return {
      ok: false,
      status: 422,
      problem: 'fewContributions',
      message: `This panel has ${panel.expertContributions} expert contribution${panel.expertContributions === 1 ? '' : 's'}; panels closed with fewer than ${MIN_EXPERT_CONTRIBUTIONS} do not count in the network's monitoring. To close it anyway, acknowledge this and give the reason.`,
    };
  }
  return { ok: true, rule: found };
}
