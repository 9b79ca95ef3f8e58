import type { TFunction } from 'i18next';
import type { OidcSignInError } from '../../../../src/modules/identity/oidc/oidc.contract.ts';

/**
 * The codes the identity-provider callback puts in /sign-in?error=<code> (a Record, so a code added
 * to the contract fails the type check until it has words here); anything else gets the general message.
 */
const explained: Record<OidcSignInError, true> = {
  oidcUnavailable: true,
  oidcCancelled: true,
  oidcExpired: true,
  oidcFailed: true,
  oidcNoEmail: true,
  oidcEmailInUse: true,
  accountDeactivated: true,
};

const isKnown = (code: string): code is OidcSignInError => Object.hasOwn(explained, code);

export function signInErrorMessage(t: TFunction, code: string): string {
  return isKnown(code) ? t(`signIn.errors.${code}`) : t('signIn.errors.unknown');
}
