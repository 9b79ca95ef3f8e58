import { eq } from 'drizzle-orm';
import type { Actor } from '../../../access/actor.ts';
import type { AppDeps } from '../../../app-deps.ts';
import { oidcLogins } from '../../../db/schema/index.ts';
import { PLATFORM_PARTITION } from '../../audit/audit-actions.contract.ts';
import { recordAudit, recordDenied } from '../../audit/record-audit.ts';
import { createSession, type NewSession } from '../sessions.ts';
import { nextStep, type RequestContext, type SignInNext } from '../sign-in.ts';
import { exchangeCode } from './exchange-code.ts';
import { finishOidcStepUp } from './finish-oidc-step-up.ts';
import type { OidcClient } from './oidc-client.ts';
import { OidcSignInFailure } from './oidc-sign-in-failure.ts';
import { linkProviderIdentity } from './link-provider-identity.ts';
import { readProviderIdentity } from './provider-identity.ts';
import { OIDC_LOGIN_TTL_MS } from './start-oidc-login.ts';

export type OidcCallbackResult = ({ kind: 'signIn' } & OidcSignInResult) | { kind: 'stepUp'; returnTo: string };

export interface OidcSignInResult {
  personId: string;
  session: NewSession;
  next: SignInNext;
  returnTo: string;
}

type PendingLoginRow = typeof oidcLogins.$inferSelect;

/** As local sign-in decides (sign-in.ts), with a trusted multi-factor claim of the provider in place of the TOTP. */
async function completeLogin(deps: AppDeps, oidc: OidcClient, login: PendingLoginRow, callbackUrl: URL, context: RequestContext): Promise<OidcSignInResult> {
  if (deps.clock.now().getTime() - new Date(login.createdAt).getTime() > OIDC_LOGIN_TTL_MS) throw new OidcSignInFailure('oidcExpired', 'loginExpired');
  const configuration = await oidc.configuration();
  const { idToken, userInfo } = await exchangeCode(configuration, callbackUrl, login);
  const identity = readProviderIdentity(idToken, userInfo, oidc.settings);
  const issuer = configuration.serverMetadata().issuer;
  const { personId, session } = await deps.db.transaction(async (tx) => {
    const linked = await linkProviderIdentity(tx, deps.clock, issuer, identity);
    const audit = { partition: PLATFORM_PARTITION, actorId: linked.personId, clientAddress: context.clientAddress };
    if (linked.how === 'created') {
      await recordAudit(tx, deps.clock, { ...audit, action: 'account.created', targetType: 'person', targetId: linked.personId, details: { method: 'oidc' } });
    }
    const created = await createSession(tx, deps.clock, { personId: linked.personId, method: 'oidc', secondFactor: identity.providerMfa, ...context });
    await recordAudit(tx, deps.clock, {
      ...audit,
      action: 'session.signIn',
      targetType: 'session',
      targetId: created.id,
      details: { method: 'oidc', identity: linked.how, providerMfa: identity.providerMfa },
    });
    return { personId: linked.personId, session: created };
  });
  return { personId, session, next: await nextStep(deps, personId, identity.providerMfa), returnTo: login.returnTo ?? '/' };
}

/**
 * Finishes a sign-in at the provider's callback. The pending login is deleted as it is read, so a state
 * (and its code) works once, on any node. Refusals after that point are audited as failed sign-ins.
 */
export async function finishOidcLogin(
  deps: AppDeps,
  oidc: OidcClient,
  input: { callbackUrl: URL; state: string | undefined; boundState: string | undefined },
  context: RequestContext,
  /** The session the browser already holds, if any: a step-up confirms that session's second factor. */
  currentActor?: Actor,
): Promise<OidcCallbackResult> {
  // The state must return to the browser that started the login (its cookie); otherwise an attacker
  // could hand someone a callback URL that signs them in as the attacker (login CSRF).
  if (input.state === undefined || input.state !== input.boundState) throw new OidcSignInFailure('oidcExpired', 'stateNotBound');
  const [login] = await deps.db.delete(oidcLogins).where(eq(oidcLogins.state, input.state)).returning();
  if (!login) throw new OidcSignInFailure('oidcExpired', 'stateUnknown');
  if (login.purpose === 'stepUp') return { kind: 'stepUp', ...(await stepUp(deps, oidc, login, input.callbackUrl, currentActor, context)) };
  try {
    return { kind: 'signIn', ...(await completeLogin(deps, oidc, login, input.callbackUrl, context)) };
  } catch (error) {
    if (error instanceof OidcSignInFailure) {
      await recordDenied(deps.db, deps.clock, {
        partition: PLATFORM_PARTITION,
        actorId: error.personId,
        action: 'session.signInFailed',
        targetType: 'person',
        targetId: error.personId,
        clientAddress: context.clientAddress,
        details: { method: 'oidc', reason: error.code },
      });
    }
    throw error;
  }
}

async function stepUp(deps: AppDeps, oidc: OidcClient, login: PendingLoginRow, callbackUrl: URL, actor: Actor | undefined, context: RequestContext) {
  try {
    return await finishOidcStepUp(deps, oidc, login, callbackUrl, actor, context);
  } catch (error) {
    if (error instanceof OidcSignInFailure) {
      if (actor) {
        await recordDenied(deps.db, deps.clock, {
          partition: PLATFORM_PARTITION,
          actorId: actor.personId,
          action: 'session.secondFactorFailed',
          targetType: 'session',
          targetId: actor.sessionId,
          clientAddress: context.clientAddress,
          details: { factor: 'oidcStepUp', reason: error.reason },
        });
        error.stepUpReturnTo = login.returnTo ?? '/';
      }
    }
    throw error;
  }
}
