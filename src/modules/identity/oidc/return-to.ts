const MAX_LENGTH = 2000;
const placeholderOrigin = 'https://return-to.invalid';
// The URL parser silently drops tabs and newlines, which would turn "/\t/host" into "//host".
const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * A same-origin path to land on after signing in, or "/". Refuses anything that could leave the site
 * (absolute URLs, "//host", "/\host", control characters) and API paths, which are no place to land.
 */
export function safeReturnTo(raw: string | undefined): string {
  if (raw === undefined || raw.length === 0 || raw.length > MAX_LENGTH) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || hasControlCharacter(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, placeholderOrigin);
  } catch {
    return '/';
  }
  if (url.origin !== placeholderOrigin) return '/';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The web app's pages for what a sign-in still owes (shared with the web app: keep them in step). */
export const SECOND_FACTOR_PAGE = '/sign-in/second-factor';
export const ENROL_AUTHENTICATOR_PAGE = '/sign-in/authenticator';

/** Where the browser goes after the provider: the page that collects what is owed, else returnTo. */
export function landingAfterSignIn(next: 'done' | 'secondFactor' | 'enrolSecondFactor', returnTo: string): string {
  if (next === 'done') return returnTo;
  const page = next === 'secondFactor' ? SECOND_FACTOR_PAGE : ENROL_AUTHENTICATOR_PAGE;
  return returnTo === '/' ? page : `${page}?${new URLSearchParams({ returnTo }).toString()}`;
}

/** The sign-in page showing why signing in failed (the code only; the page words it). */
export const signInErrorPath = (code: string) => `/sign-in?${new URLSearchParams({ error: code }).toString()}`;
