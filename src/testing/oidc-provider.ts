import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import Provider from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { handleInteraction, type LoginFacts } from './oidc-provider-interactions.ts';

/**
 * The provider serves https with a fixed self-signed certificate for 127.0.0.1 and localhost (100-year
 * validity), so the app's OIDC client runs exactly as in production: https only, no insecure switch.
 * Regenerate with: openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -keyout oidc-test-provider.key.pem
 *   -out oidc-test-provider.cert.pem -subj "/CN=Open CPMS test identity provider (loopback only)"
 *   -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -addext "basicConstraints=critical,CA:TRUE"
 */
const fixtures = path.join(import.meta.dirname, 'fixtures');
/** Give this file to a server process as NODE_EXTRA_CA_CERTS so that it trusts the test provider. */
export const TEST_PROVIDER_CA_FILE = path.join(fixtures, 'oidc-test-provider.cert.pem');
const TEST_PROVIDER_KEY_FILE = path.join(fixtures, 'oidc-test-provider.key.pem');

let trustedInProcess = false;
/** Adds the test certificate to this process's default trust store (fetch included); test processes only. */
export function trustTestProviderInThisProcess(): void {
  if (trustedInProcess) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), fs.readFileSync(TEST_PROVIDER_CA_FILE, 'utf8')]);
  trustedInProcess = true;
}

export interface TestOidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** Standard claims the provider releases for the scopes openid, email and profile, plus what the login claims. */
export interface TestOidcAccount extends LoginFacts {
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
}

export interface TestOidcProviderOptions {
  /** Default: any free port. */
  port?: number;
  clients: TestOidcClient[];
  /** Subject -> account; the username typed at the login form is the subject. */
  accounts?: Record<string, TestOidcAccount>;
  /** Authentication methods claimed for accounts that name none (e.g. ['pwd', 'otp']). */
  amr?: string[];
  /** Authentication context claimed for accounts that name none. */
  acr?: string;
  /** Default true: trust the provider's certificate in this process (in-process tests). */
  trustInProcess?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  /** Live: accounts added here can sign in at once. */
  accounts: Record<string, TestOidcAccount>;
  stop(): Promise<void>;
}

/** A real OpenID Connect provider (oidc-provider 9) on loopback: authorization code with PKCE only. */
export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  if (options.trustInProcess !== false) trustTestProviderInThisProcess();
  const accounts: Record<string, TestOidcAccount> = { ...options.accounts };
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = https.createServer({ key: fs.readFileSync(TEST_PROVIDER_KEY_FILE), cert: fs.readFileSync(TEST_PROVIDER_CA_FILE) }, (req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    adapter: createMemoryAdapter(), // in memory is right for a test provider; named so it does not warn
    clients: options.clients.map((client) => ({ ...client, grant_types: ['authorization_code'], response_types: ['code'] })),
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts[sub];
      if (!account) return undefined;
      const { acr: _acr, amr: _amr, ...claims } = account;
      return { accountId: sub, claims: () => ({ sub, ...claims }) };
    },
    // acr, amr and auth_time ride with 'openid' so that every ID token carries them, as EU Login's do.
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
  });
  provider.on('server_error', (_ctx, error) => process.stderr.write(`test OIDC provider: ${String(error)}\n`));

  const findLogin = (username: string): LoginFacts | undefined => {
    const account = accounts[username];
    if (!account) return undefined;
    const acr = account.acr ?? options.acr;
    const amr = account.amr ?? options.amr;
    return { ...(acr ? { acr } : {}), ...(amr ? { amr } : {}) };
  };
  const providerHandler = provider.callback();
  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return providerHandler(req, res);
    handleInteraction(provider, findLogin, req, res).catch((error: unknown) => {
      process.stderr.write(`test OIDC provider interaction: ${String(error)}\n`);
      res.statusCode = 500;
      res.end('interaction failed');
    });
  };

  return {
    issuer,
    accounts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
