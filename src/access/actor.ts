import type { Role } from '../db/schema/identity.ts';

export type { Role };

export interface ActiveAffiliation {
  id: string;
  role: Role;
  hospitalId: string | null;
  ernId: string | null;
  validUntil: string | null;
}

export interface Delegation {
  principalId: string;
  hospitalId: string;
}

/**
 * The person making a request, with what they hold right now: only affiliations valid at this instant,
 * never a deactivated person (such a person has no actor at all).
 */
export interface Actor {
  personId: string;
  displayName: string;
  email: string;
  sessionId: string;
  method: 'local' | 'oidc';
  /** The second factor was confirmed in this session (TOTP, or the provider's multi-factor claim). */
  secondFactor: boolean;
  /** When the second factor was last confirmed in this session (sign-in or a later step-up); null if never. */
  secondFactorAt?: string | null;
  affiliations: ActiveAffiliation[];
  delegations: Delegation[];
}

export interface RoleScope {
  ernId?: string;
  hospitalId?: string;
}

/** Holds `role` — in that ERN and/or hospital when given. A role in one ERN or hospital gives nothing in another. */
export function hasRole(actor: Actor, role: Role, scope: RoleScope = {}): boolean {
  return actor.affiliations.some(
    (a) =>
      a.role === role &&
      (scope.ernId === undefined || a.ernId === scope.ernId) &&
      (scope.hospitalId === undefined || a.hospitalId === scope.hospitalId),
  );
}

export const ernsWhere = (actor: Actor, role: Role): string[] =>
  [...new Set(actor.affiliations.filter((a) => a.role === role && a.ernId !== null).map((a) => a.ernId!))];

export const hospitalsWhere = (actor: Actor, ...roles: Role[]): string[] =>
  [...new Set(actor.affiliations.filter((a) => roles.includes(a.role) && a.hospitalId !== null).map((a) => a.hospitalId!))];

export const isPlatformAdministrator = (actor: Actor): boolean => hasRole(actor, 'platformAdministrator');

/**
 * Every role can reach clinical data or people's accounts, so every affiliated person must confirm a
 * second factor; a person with no affiliation yet (filing an access request) need not.
 */
export const secondFactorOwed = (actor: Actor): boolean => actor.affiliations.length > 0 && !actor.secondFactor;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids from URLs are checked before they reach SQL: a malformed id is simply not found. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && uuidPattern.test(value);

/** How recent a second factor must be for acts that carry legal weight (signing an outcome report). */
export const STEP_UP_WINDOW_MS = 5 * 60_000;

/**
 * The second factor was confirmed in this session within the step-up window: the person re-entered a code
 * (POST /api/auth/second-factor again) just before the act, not only at sign-in hours ago.
 */
export const secondFactorRecent = (actor: Actor, now: Date): boolean =>
  actor.secondFactor && actor.secondFactorAt != null && now.getTime() - new Date(actor.secondFactorAt).getTime() < STEP_UP_WINDOW_MS;
