import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.ts';
import type { Actor } from '../../access/actor.ts';
import { credentials, people, platformSettings, recoveryCodes } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { open, seal } from '../../platform/secret-box.ts';
import { PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { createSession, loadActiveGrants, markSecondFactor, type NewSession } from './sessions.ts';
import { accountKey, addressKey, clearAccount, recordFailure, retryAfterMs } from './throttle.ts';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpEnrolment, type TotpEnrolment } from './totp.ts';

export type SignInNext = 'done' | 'secondFactor' | 'enrolSecondFactor';

export interface RequestContext {
  clientAddress: string;
  userAgent: string | undefined;
}

const WRONG_CREDENTIALS = 'The e-mail address or the password is not right.';

export async function localAccountsEnabled(deps: AppDeps): Promise<boolean> {
  const [row] = await deps.db.select({ enabled: platformSettings.localAccountsEnabled }).from(platformSettings);
  return row?.enabled ?? true;
}

/**
 * What the person still owes after the first factor: nothing (second factor already confirmed, e.g. by the
 * identity provider's multi-factor claim), a TOTP code, or enrolling one (only people with a role must).
 */
export async function nextStep(deps: AppDeps, personId: string, secondFactor: boolean): Promise<SignInNext> {
  if (secondFactor) return 'done';
  const grants = await loadActiveGrants(deps.db, personId, deps.clock.now());
  const [cred] = await deps.db.select({ confirmed: credentials.totpConfirmedAt }).from(credentials).where(eq(credentials.personId, personId));
  if (cred?.confirmed) return 'secondFactor';
  return grants.affiliations.length > 0 ? 'enrolSecondFactor' : 'done';
}

/**
 * Local sign-in. Throttled per account and per address before the password is even checked; an unknown
 * account costs the same argon2 verification and gets the same answer as a wrong password.
 */
export async function signInLocal(
  deps: AppDeps,
  input: { email: string; password: string },
  context: RequestContext,
): Promise<{ session: NewSession; next: SignInNext }> {
  if (!(await localAccountsEnabled(deps))) {
    throw new AppError('forbidden', 'Local accounts are switched off on this platform; sign in with your identity provider.');
  }
  const keys = { account: accountKey(input.email), address: addressKey(context.clientAddress) };
  const wait = await retryAfterMs(deps.db, deps.clock, [keys.account, keys.address]);
  if (wait > 0) throw new AppError('tooManyRequests', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} seconds.`);

  const pepper = deps.keys.derive('password-pepper');
  const [person] = await deps.db
    .select({ id: people.id, deactivatedAt: people.deactivatedAt, passwordHash: credentials.passwordHash })
    .from(people)
    .leftJoin(credentials, eq(credentials.personId, people.id))
    .where(eq(sql`lower(${people.email})`, input.email.trim().toLowerCase()));
  const passwordOk = await verifyPassword(person?.passwordHash ?? (await decoyHash(pepper)), input.password, pepper);
  if (!person || !person.passwordHash || !passwordOk || person.deactivatedAt !== null) {
    await recordFailure(deps.db, deps.clock, keys);
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps.clock, {
        partition: PLATFORM_PARTITION,
        actorId: person?.id ?? null,
        action: 'session.signInFailed',
        targetType: 'person',
        targetId: person?.id ?? null,
        clientAddress: context.clientAddress,
        outcome: 'denied',
      }),
    );
    throw new AppError('unauthenticated', WRONG_CREDENTIALS);
  }
  await clearAccount(deps.db, keys.account);
  const session = await deps.db.transaction(async (tx) => {
    const created = await createSession(tx, deps.clock, { personId: person.id, method: 'local', secondFactor: false, ...context });
    await recordAudit(tx, deps.clock, {
      partition: PLATFORM_PARTITION,
      actorId: person.id,
      action: 'session.signIn',
      targetType: 'session',
      targetId: created.id,
      clientAddress: context.clientAddress,
      details: { method: 'local' },
    });
    return created;
  });
  return { session, next: await nextStep(deps, person.id, false) };
}

async function totpState(deps: AppDeps, personId: string) {
  const [row] = await deps.db.select().from(credentials).where(eq(credentials.personId, personId));
  return row;
}

const totpKey = (deps: AppDeps) => deps.keys.derive('totp-secrets');

/** Confirms the second factor of this session with a TOTP code (throttled like passwords). */
export async function confirmSecondFactor(deps: AppDeps, actor: Actor, code: string, context: RequestContext): Promise<void> {
  const keys = { account: accountKey(actor.email), address: addressKey(context.clientAddress) };
  const wait = await retryAfterMs(deps.db, deps.clock, [keys.account, keys.address]);
  if (wait > 0) throw new AppError('tooManyRequests', `Too many wrong codes. Try again in ${Math.ceil(wait / 1000)} seconds.`);
  const state = await totpState(deps, actor.personId);
  if (!state?.totpSecret || !state.totpConfirmedAt) throw new AppError('conflict', 'No authenticator is set up for this account yet.');
  const secret = open(totpKey(deps), state.totpSecret, actor.personId);
  const result = await checkTotp(secret, code, deps.clock.now(), state.totpLastStep);
  await deps.db.transaction(async (tx) => {
    if (result.ok) {
      await tx.update(credentials).set({ totpLastStep: result.step }).where(eq(credentials.personId, actor.personId));
      await markSecondFactor(tx, deps.clock, actor.sessionId);
    }
    await recordAudit(tx, deps.clock, {
      partition: PLATFORM_PARTITION,
      actorId: actor.personId,
      action: result.ok ? 'session.secondFactorConfirmed' : 'session.secondFactorFailed',
      targetType: 'session',
      targetId: actor.sessionId,
      clientAddress: context.clientAddress,
      outcome: result.ok ? 'success' : 'denied',
      details: { factor: 'totp' },
    });
  });
  if (!result.ok) {
    await recordFailure(deps.db, deps.clock, keys);
    throw new AppError('unprocessable', 'That code is not right (or was already used). Enter the current code from your authenticator app.');
  }
}

/** Uses one recovery code in place of the authenticator (it cannot be used again). */
export async function useRecoveryCode(deps: AppDeps, actor: Actor, code: string, context: RequestContext): Promise<void> {
  const keys = { account: accountKey(actor.email), address: addressKey(context.clientAddress) };
  const wait = await retryAfterMs(deps.db, deps.clock, [keys.account, keys.address]);
  if (wait > 0) throw new AppError('tooManyRequests', `Too many wrong codes. Try again in ${Math.ceil(wait / 1000)} seconds.`);
  const codeHash = hashRecoveryCode(code, totpKey(deps));
  const used = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(recoveryCodes)
      .set({ usedAt: deps.clock.now().toISOString() })
      .where(and(eq(recoveryCodes.personId, actor.personId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    if (!row) return false;
    await markSecondFactor(tx, deps.clock, actor.sessionId);
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'account.recoveryCodeUsed', targetType: 'session', targetId: actor.sessionId, clientAddress: context.clientAddress });
    return true;
  });
  if (!used) {
    await recordFailure(deps.db, deps.clock, keys);
    throw new AppError('unprocessable', 'That recovery code is not right or was already used.');
  }
}

/**
 * Starts (or restarts) authenticator enrolment. A person with a confirmed authenticator must have
 * confirmed it in this session to replace it.
 */
export async function startTotpEnrolment(deps: AppDeps, actor: Actor): Promise<TotpEnrolment> {
  const state = await totpState(deps, actor.personId);
  if (state?.totpConfirmedAt && !actor.secondFactor) {
    throw new AppError('forbidden', 'Confirm your current authenticator first; then you can replace it.');
  }
  const secret = newTotpSecret();
  const sealed = seal(totpKey(deps), deps.keys.version, secret, actor.personId);
  await deps.db
    .insert(credentials)
    .values({ personId: actor.personId, totpSecret: sealed })
    .onConflictDoUpdate({ target: credentials.personId, set: { totpSecret: sealed, totpConfirmedAt: null, totpLastStep: null } });
  return totpEnrolment(secret, actor.email);
}

/** Finishes enrolment with a first code; confirms this session's second factor; returns recovery codes once. */
export async function confirmTotpEnrolment(deps: AppDeps, actor: Actor, code: string, context: RequestContext): Promise<string[]> {
  const state = await totpState(deps, actor.personId);
  if (!state?.totpSecret || state.totpConfirmedAt) throw new AppError('conflict', 'Start setting up an authenticator first.');
  const result = await checkTotp(open(totpKey(deps), state.totpSecret, actor.personId), code, deps.clock.now(), null);
  if (!result.ok) throw new AppError('unprocessable', 'That code is not right. Scan the QR code again and enter the current code.');
  const codes = newRecoveryCodes();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction(async (tx) => {
    await tx.update(credentials).set({ totpConfirmedAt: now, totpLastStep: result.step }).where(eq(credentials.personId, actor.personId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, actor.personId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ personId: actor.personId, codeHash: hashRecoveryCode(c, totpKey(deps)), createdAt: now })));
    await markSecondFactor(tx, deps.clock, actor.sessionId);
    await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'account.totpEnrolled', targetType: 'person', targetId: actor.personId, clientAddress: context.clientAddress });
  });
  return codes;
}

export async function hasConfirmedTotp(deps: AppDeps, personId: string): Promise<boolean> {
  return (await totpState(deps, personId))?.totpConfirmedAt != null;
}
