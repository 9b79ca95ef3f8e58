import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { affiliations, credentials, delegations, people, platformSettings } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { PersonAdminView } from './admin.contract.ts';
import { hashPassword, passwordProblems } from './passwords.ts';
import { describeAffiliations } from './people.queries.ts';
import { endSessions } from './sessions.ts';

export async function listPeople(deps: AppDeps, search: string | undefined): Promise<PersonAdminView[]> {
  const pattern = search ? `%${search.replaceAll(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await deps.db
    .select({ person: people, hasLocalPassword: sql<boolean>`${credentials.passwordHash} is not null` })
    .from(people)
    .leftJoin(credentials, eq(credentials.personId, people.id))
    .where(pattern ? or(ilike(people.displayName, pattern), ilike(people.email, pattern)) : undefined)
    .orderBy(asc(people.displayName))
    .limit(200);
  const ids = rows.map((r) => r.person.id);
  const affiliationRows = ids.length ? await deps.db.select().from(affiliations).where(inArray(affiliations.personId, ids)) : [];
  const described = await describeAffiliations(deps.db, affiliationRows);
  const byPerson = Map.groupBy(affiliationRows.map((a, i) => ({ ...described[i]!, validFrom: a.validFrom, personId: a.personId })), (a) => a.personId);
  return rows.map(({ person, hasLocalPassword }) => ({
    id: person.id,
    email: person.email,
    displayName: person.displayName,
    deactivatedAt: person.deactivatedAt,
    createdAt: person.createdAt,
    hasLocalPassword: Boolean(hasLocalPassword),
    affiliations: (byPerson.get(person.id) ?? []).map(({ personId: _, ...a }) => a),
  }));
}

export async function createLocalAccount(deps: AppDeps, actor: Actor, input: { email: string; displayName: string; initialPassword: string }, clientAddress: string): Promise<string> {
  const problems = passwordProblems(input.initialPassword, [input.email, input.displayName]);
  if (problems.length) throw new AppError('unprocessable', problems.join(' '), [{ path: 'body.initialPassword', message: problems[0]! }]);
  const passwordHash = await hashPassword(input.initialPassword, deps.keys.derive('password-pepper'));
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: people.id }).from(people).where(eq(sql`lower(${people.email})`, input.email.toLowerCase()));
    if (existing) throw new AppError('conflict', 'A person with this e-mail address already exists.');
    const [person] = await tx.insert(people).values({ email: input.email, displayName: input.displayName, createdAt: now }).returning({ id: people.id });
    await tx.insert(credentials).values({ personId: person!.id, passwordHash, passwordChangedAt: now });
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'account.created', targetType: 'person', targetId: person!.id, clientAddress });
    return person!.id;
  });
}

/** Deactivation ends every session at once; the person is never deleted. */
export async function setDeactivated(deps: AppDeps, actor: Actor, personId: string, deactivate: boolean, clientAddress: string): Promise<void> {
  if (deactivate && personId === actor.personId) throw new AppError('forbidden', 'You cannot deactivate yourself.');
  await deps.db.transaction(async (tx) => {
    const updated = await tx.update(people).set({ deactivatedAt: deactivate ? deps.clock.now().toISOString() : null }).where(eq(people.id, personId)).returning({ id: people.id });
    if (!updated.length) throw new AppError('notFound', 'No such person.');
    if (deactivate) await endSessions(tx, deps.clock, personId);
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: deactivate ? 'account.deactivated' : 'account.reactivated', targetType: 'person', targetId: personId, clientAddress });
  });
}

export async function createAffiliation(deps: AppDeps, actor: Actor, input: { personId: string; role: PersonAdminView['affiliations'][number]['role']; hospitalId: string | null; ernId: string | null; validUntil: string | null }, clientAddress: string): Promise<string> {
  const now = deps.clock.now().toISOString();
  if (input.validUntil && input.validUntil <= now) throw new AppError('unprocessable', 'The end must be in the future.', [{ path: 'body.validUntil', message: 'in the past' }]);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(affiliations).values({ ...input, validFrom: now, createdAt: now, createdBy: actor.personId }).returning({ id: affiliations.id });
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'affiliation.created', targetType: 'affiliation', targetId: row!.id, clientAddress, details: { personId: input.personId, role: input.role } });
    return row!.id;
  });
}

export async function endAffiliation(deps: AppDeps, actor: Actor, affiliationId: string, clientAddress: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction(async (tx) => {
    const ended = await tx
      .update(affiliations)
      .set({ validUntil: now })
      .where(and(eq(affiliations.id, affiliationId), or(isNull(affiliations.validUntil), sql`${affiliations.validUntil} > ${now}`), sql`${affiliations.validFrom} < ${now}`))
      .returning({ id: affiliations.id });
    if (!ended.length) throw new AppError('notFound', 'No such current affiliation.');
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'affiliation.ended', targetType: 'affiliation', targetId: affiliationId, clientAddress });
  });
}

export async function createDelegation(deps: AppDeps, actor: Actor, input: { assistantId: string; principalId: string; hospitalId: string }, clientAddress: string): Promise<string> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(delegations).values({ ...input, validFrom: now, createdAt: now }).returning({ id: delegations.id });
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'delegation.created', targetType: 'delegation', targetId: row!.id, clientAddress, details: input });
    return row!.id;
  });
}

export async function updatePlatformSettings(deps: AppDeps, actor: Actor, localAccountsEnabled: boolean, clientAddress: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction(async (tx) => {
    await tx.insert(platformSettings).values({ singleton: 1, localAccountsEnabled, updatedAt: now, updatedBy: actor.personId }).onConflictDoUpdate({ target: platformSettings.singleton, set: { localAccountsEnabled, updatedAt: now, updatedBy: actor.personId } });
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'settings.updated', targetType: 'platform', clientAddress, details: { localAccountsEnabled } });
  });
}
