/**
 * Plays the browser at the test provider: follows its redirects with a cookie jar and submits the
 * login form as `username`, stopping where the provider sends the browser back to `redirectUri`.
 * Returns that callback URL (code, state, iss) without fetching it: the test hands it to the app.
 */
export async function signInAtTestProvider(authorizationUrl: string, username: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  const request = async (url: URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };

  let url = new URL(authorizationUrl);
  let response = await request(url);
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get('location');
    if (location !== null && response.status >= 300 && response.status < 400) {
      url = new URL(location, url);
      if (url.href.startsWith(`${redirectUri}?`)) return url;
      response = await request(url);
      continue;
    }
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      await response.body?.cancel();
      const form = new URLSearchParams({ login: username });
      response = await request(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      if (response.status === 200) throw new Error(`the test provider refused the login "${username}"`);
      continue;
    }
    throw new Error(`unexpected answer ${response.status} from the test provider at ${url.pathname}`);
  }
  throw new Error('the test provider did not send the browser back');
}
