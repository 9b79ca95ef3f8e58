import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ActiveAffiliation, Actor, Delegation } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { affiliations, delegations, people, sessions } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';

/** Idle and absolute limits of a session. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** lastSeenAt is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export const SESSION_COOKIE = 'cpms_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  id: string;
  csrfToken: string;
}

export async function createSession(
  tx: Db | Tx,
  clock: Clock,
  options: { personId: string; method: 'local' | 'oidc'; secondFactor: boolean; userAgent?: string | undefined; clientAddress?: string | undefined },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = clock.now();
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      personId: options.personId,
      method: options.method,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      secondFactorAt: options.secondFactor ? now.toISOString() : null,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
      clientAddress: options.clientAddress ?? null,
    })
    .returning({ id: sessions.id });
  return { token, id: row!.id, csrfToken };
}

/** The person's affiliations and delegations valid at this instant. */
export async function loadActiveGrants(db: Db | Tx, personId: string, now: Date): Promise<Pick<Actor, 'affiliations' | 'delegations'>> {
  const at = now.toISOString();
  const validNow = (validFrom: PgColumn, validUntil: PgColumn) => and(lte(validFrom, at), or(isNull(validUntil), gt(validUntil, at)));
  const [affiliationRows, delegationRows] = await Promise.all([
    db
      .select({ id: affiliations.id, role: affiliations.role, hospitalId: affiliations.hospitalId, ernId: affiliations.ernId, validUntil: affiliations.validUntil })
      .from(affiliations)
      .where(and(eq(affiliations.personId, personId), validNow(affiliations.validFrom, affiliations.validUntil))),
    db
      .select({ principalId: delegations.principalId, hospitalId: delegations.hospitalId })
      .from(delegations)
      .innerJoin(affiliations, and(eq(affiliations.personId, delegations.principalId), eq(affiliations.hospitalId, delegations.hospitalId), eq(affiliations.role, 'healthProfessional')))
      .where(and(eq(delegations.assistantId, personId), validNow(delegations.validFrom, delegations.validUntil), validNow(affiliations.validFrom, affiliations.validUntil))),
  ]);
  return { affiliations: affiliationRows, delegations: delegationRows };
}

export interface SessionLookup {
  actor: Actor;
  csrfToken: string;
}

/**
 * The session lookup every signed-in request makes: the session, its person and the grants valid at this
 * instant, in one round trip, as a prepared statement (named on PostgreSQL, so it is parsed and planned once
 * per connection). Grants come back as JSON; `::text` keeps timestamps in the text form Drizzle reads them in.
 */
function prepareSessionLookup(db: Db) {
  const at = sql.placeholder('at');
  return db
    .select({
      tokenHash: sessions.tokenHash,
      id: sessions.id,
      method: sessions.method,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      secondFactorAt: sessions.secondFactorAt,
      personId: people.id,
      displayName: people.displayName,
      email: people.email,
      deactivatedAt: people.deactivatedAt,
      affiliations: sql<ActiveAffiliation[]>`(select coalesce(json_agg(json_build_object('id', a.id, 'role', a.role, 'hospitalId', a.hospital_id, 'ernId', a.ern_id, 'validUntil', a.valid_until::text) order by a.id), '[]'::json)
        from affiliations a where a.person_id = ${people.id} and a.valid_from <= ${at} and (a.valid_until is null or a.valid_until > ${at}))`,
      delegations: sql<Delegation[]>`(select coalesce(json_agg(json_build_object('principalId', d.principal_id, 'hospitalId', d.hospital_id) order by d.id), '[]'::json)
        from delegations d join affiliations pa on pa.person_id = d.principal_id and pa.hospital_id = d.hospital_id and pa.role = 'healthProfessional'
        where d.assistant_id = ${people.id} and d.valid_from <= ${at} and (d.valid_until is null or d.valid_until > ${at})
          and pa.valid_from <= ${at} and (pa.valid_until is null or pa.valid_until > ${at}))`,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.endedAt)))
    .prepare('session_lookup');
}

const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

/**
 * The actor behind a session token, or undefined when the token is unknown, ended, idle too long, past
 * its absolute lifetime, or its person deactivated.
 */
export async function resolveSessionToken(db: Db, clock: Clock, token: string): Promise<SessionLookup | undefined> {
  const now = clock.now();
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const [row] = await lookup.execute({ tokenHash: hashToken(token), at: now.toISOString() });
  if (!row || row.deactivatedAt !== null) return undefined;
  const lastSeen = new Date(row.lastSeenAt).getTime();
  if (now.getTime() >= new Date(row.expiresAt).getTime() || now.getTime() - lastSeen >= SESSION_IDLE_MS) return undefined;
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.tokenHash, row.tokenHash));
  }
  return {
    csrfToken: row.csrfToken,
    actor: {
      personId: row.personId,
      displayName: row.displayName,
      email: row.email,
      sessionId: row.id,
      method: row.method,
      secondFactor: row.secondFactorAt !== null,
      secondFactorAt: row.secondFactorAt,
      affiliations: row.affiliations,
      delegations: row.delegations,
    },
  };
}

export async function markSecondFactor(tx: Db | Tx, clock: Clock, sessionId: string): Promise<void> {
  await tx.update(sessions).set({ secondFactorAt: clock.now().toISOString() }).where(eq(sessions.id, sessionId));
}

/** Ends one of the person's sessions (or all of them); returns how many ended. */
export async function endSessions(tx: Db | Tx, clock: Clock, personId: string, sessionId?: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: clock.now().toISOString() })
    .where(and(eq(sessions.personId, personId), isNull(sessions.endedAt), sessionId ? eq(sessions.id, sessionId) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/** The person's sessions that are still usable. */
export async function listActiveSessions(db: Db, clock: Clock, personId: string) {
  const now = clock.now();
  const rows = await db
    .select({ id: sessions.id, method: sessions.method, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, clientAddress: sessions.clientAddress })
    .from(sessions)
    .where(and(eq(sessions.personId, personId), isNull(sessions.endedAt), gt(sessions.expiresAt, now.toISOString())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.filter((s) => now.getTime() - new Date(s.lastSeenAt).getTime() < SESSION_IDLE_MS);
}
