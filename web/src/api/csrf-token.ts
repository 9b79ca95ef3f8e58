/**
 * The session's CSRF token, kept in one place. Sign-in and GET /api/auth/session hand it over;
 * the API client sends it on every unsafe request (POST, PUT, PATCH, DELETE); sign-out forgets it.
 */
let current: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  current = token || undefined;
}

export function csrfToken(): string | undefined {
  return current;
}
