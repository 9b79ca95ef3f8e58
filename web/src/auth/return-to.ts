/**
 * Where to go after signing in. Only a path on this site is accepted (never "//evil.example" or
 * "https://…"), and never a sign-in page itself, so a crafted link cannot send a person elsewhere.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value === '/sign-in' || value.startsWith('/sign-in/') || value.startsWith('/sign-in?')) return undefined;
  return value;
}

/** The search of a page that takes a return path. */
export interface ReturnToSearch {
  returnTo?: string;
}

export const validateReturnTo = (search: Record<string, unknown>): ReturnToSearch => {
  const returnTo = safeReturnTo(search.returnTo);
  return returnTo ? { returnTo } : {};
};
