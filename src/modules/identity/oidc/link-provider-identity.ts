import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { externalIdentities, people } from '../../../db/schema/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { OidcSignInFailure } from './oidc-sign-in-failure.ts';
import type { ProviderIdentity } from './provider-identity.ts';

export interface LinkedPerson {
  personId: string;
  /** known: signed in this way before; linkedByEmail: an existing account, matched by verified e-mail; created: new. */
  how: 'known' | 'linkedByEmail' | 'created';
}

/**
 * The person behind a provider identity (issuer, subject). A first sign-in links to the account with the
 * same e-mail only when the provider vouches that the e-mail is verified — otherwise anyone able to set
 * an address at some provider could take that account; without a match it creates a person.
 */
export async function linkProviderIdentity(tx: Tx, clock: Clock, issuer: string, identity: ProviderIdentity): Promise<LinkedPerson> {
  const now = clock.now().toISOString();
  const [known] = await tx
    .select({ personId: externalIdentities.personId, deactivatedAt: people.deactivatedAt })
    .from(externalIdentities)
    .innerJoin(people, eq(people.id, externalIdentities.personId))
    .where(and(eq(externalIdentities.issuer, issuer), eq(externalIdentities.subject, identity.subject)));
  if (known) {
    if (known.deactivatedAt !== null) throw new OidcSignInFailure('accountDeactivated', 'deactivated', known.personId);
    await tx
      .update(externalIdentities)
      .set({ lastSeenAt: now })
      .where(and(eq(externalIdentities.issuer, issuer), eq(externalIdentities.subject, identity.subject)));
    return { personId: known.personId, how: 'known' };
  }

  if (identity.email === undefined) throw new OidcSignInFailure('oidcNoEmail', 'noEmailClaim');
  const [sameEmail] = await tx
    .select({ id: people.id, deactivatedAt: people.deactivatedAt })
    .from(people)
    .where(eq(sql`lower(${people.email})`, identity.email.toLowerCase()));
  const link = (personId: string) => tx.insert(externalIdentities).values({ issuer, subject: identity.subject, personId, createdAt: now, lastSeenAt: now });
  if (sameEmail) {
    if (!identity.emailVerified) throw new OidcSignInFailure('oidcEmailInUse', 'emailNotVerified', sameEmail.id);
    if (sameEmail.deactivatedAt !== null) throw new OidcSignInFailure('accountDeactivated', 'deactivated', sameEmail.id);
    await link(sameEmail.id);
    return { personId: sameEmail.id, how: 'linkedByEmail' };
  }

  const [created] = await tx
    .insert(people)
    .values({ email: identity.email, displayName: identity.displayName ?? identity.email, createdAt: now })
    .returning({ id: people.id });
  await link(created!.id);
  return { personId: created!.id, how: 'created' };
}
