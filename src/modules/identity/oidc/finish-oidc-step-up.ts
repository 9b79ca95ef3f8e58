import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../access/actor.ts';
import type { AppDeps } from '../../../app-deps.ts';
import { externalIdentities, type oidcLogins } from '../../../db/schema/index.ts';
import { PLATFORM_PARTITION } from '../../audit/audit-actions.contract.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { markSecondFactor } from '../sessions.ts';
import type { RequestContext } from '../sign-in.ts';
import { exchangeCode } from './exchange-code.ts';
import type { OidcClient } from './oidc-client.ts';
import { OidcSignInFailure } from './oidc-sign-in-failure.ts';
import { readProviderIdentity } from './provider-identity.ts';
import { OIDC_LOGIN_TTL_MS } from './start-oidc-login.ts';

/** Clock skew allowed between the provider's auth_time and this server's record of the step-up's start. */
const SKEW_MS = 60_000;

/**
 * Finishes a step-up: the provider re-authenticated the person just now (auth_time after the step-up began),
 * with a multi-factor method this platform trusts, as the same person whose session asked for it. Then the
 * session's second factor counts as confirmed now (see secondFactorRecent), audited in the same transaction.
 */
export async function finishOidcStepUp(
  deps: AppDeps,
  oidc: OidcClient,
  login: typeof oidcLogins.$inferSelect,
  callbackUrl: URL,
  actor: Actor | undefined,
  context: RequestContext,
): Promise<{ returnTo: string }> {
  if (!actor) throw new OidcSignInFailure('oidcExpired', 'stepUpWithoutSession');
  if (deps.clock.now().getTime() - new Date(login.createdAt).getTime() > OIDC_LOGIN_TTL_MS) throw new OidcSignInFailure('oidcExpired', 'loginExpired', actor.personId);
  const configuration = await oidc.configuration();
  const { idToken, userInfo } = await exchangeCode(configuration, callbackUrl, login);
  const identity = readProviderIdentity(idToken, userInfo, oidc.settings);
  const [linked] = await deps.db
    .select({ personId: externalIdentities.personId })
    .from(externalIdentities)
    .where(and(eq(externalIdentities.issuer, configuration.serverMetadata().issuer), eq(externalIdentities.subject, identity.subject)));
  if (linked?.personId !== actor.personId) throw new OidcSignInFailure('oidcFailed', 'stepUpOtherPerson', actor.personId);
  if (!identity.providerMfa) throw new OidcSignInFailure('oidcFailed', 'stepUpWithoutMfa', actor.personId);
  const authTime = typeof idToken.auth_time === 'number' ? idToken.auth_time * 1000 : undefined;
  if (authTime === undefined || authTime < new Date(login.createdAt).getTime() - SKEW_MS) throw new OidcSignInFailure('oidcFailed', 'stepUpNotFresh', actor.personId);
  await deps.db.transaction(async (tx) => {
    await markSecondFactor(tx, deps.clock, actor.sessionId);
    await recordAudit(tx, deps.clock, {
      partition: PLATFORM_PARTITION,
      actorId: actor.personId,
      action: 'session.secondFactorConfirmed',
      targetType: 'session',
      targetId: actor.sessionId,
      clientAddress: context.clientAddress,
      details: { factor: 'oidcStepUp' },
    });
  });
  return { returnTo: login.returnTo ?? '/' };
}
