import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';

/** What the provider records about one login: the authentication context and methods it claims. */
export interface LoginFacts {
  acr?: string;
  amr?: string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// A plain, labelled form so that browser tests find it by role and label, as a person would.
const loginPage = (uid: string, problem?: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="username" required>
<button type="submit">Sign in</button>
</form></main></body></html>`;

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Consent is granted at once: the test client is first-party, like an ERN platform at EU Login. */
async function grantConsent(provider: Provider, details: InteractionDetails, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const accountId = details.session?.accountId;
  if (accountId === undefined) throw new Error('consent prompt without a signed-in account');
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId: details.params.client_id });
  const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

/**
 * The provider's interaction endpoints (GET shows, POST submits /interaction/:uid): a login form that
 * takes a username — no password, this provider exists only for tests — and automatic consent.
 */
export async function handleInteraction(
  provider: Provider,
  findLogin: (username: string) => LoginFacts | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') return grantConsent(provider, details, req, res);
  if (details.prompt.name !== 'login') throw new Error(`unsupported prompt ${details.prompt.name}`);
  if (req.method !== 'POST') return sendHtml(res, loginPage(details.uid));
  const username = (await readForm(req)).get('login')?.trim() ?? '';
  const facts = findLogin(username);
  if (!facts) return sendHtml(res, loginPage(details.uid, 'There is no account with that username.'));
  await provider.interactionFinished(req, res, { login: { accountId: username, ...facts } }, { mergeWithLastSubmission: false });
}
