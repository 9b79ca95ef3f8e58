import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../platform/paths.ts';
import type { S3Settings } from '../storage/s3-backend.ts';

/** A configuration problem, always naming the variable, so start-up can stop with one clear line. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export type Environment = 'training' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  environment: Environment;
  host: string;
  port: number;
  dataDir: string;
  /** Set when running on PostgreSQL; absent means the embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  publicUrl: string;
  /** 32 bytes; absent in training means a key generated once inside the data directory. */
  masterKey: Buffer | undefined;
  allowPgliteInProduction: boolean;
  logLevel: LogLevel;
  trustProxy: boolean | number | string[];
  /** Requests per minute per client address, across the API. */
  rateLimitPerMinute: number;
  /** The OpenID Connect provider (EU Login or any standard one); required in production. */
  oidc: OidcConfig | undefined;
  /** SMTP server for e-mail (smtp:// or smtps://); without it mail stays in the outbox for the administrator. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** S3-compatible object storage for files; absent means the data directory. */
  s3: S3Settings | undefined;
  /** ICE servers for video calls (STUN/TURN); TURN credentials are issued per session from the shared secret. */
  ice: IceConfig;
}

export interface IceConfig {
  /** stun: URIs handed to browsers as they are. */
  stunUrls: string[];
  /** turn:/turns: URIs of one TURN server (coturn) sharing `turnSecret` (its static-auth-secret). */
  turnUrls: string[];
  turnSecret: string | undefined;
  /** Lifetime of the issued TURN credentials, in seconds. */
  turnTtlSeconds: number;
}

function parseIce(env: Env): IceConfig {
  const stunUrls = list(nonEmpty(env, 'CPMS_STUN_URLS'));
  const badStun = stunUrls.find((u) => !/^stuns?:[^\s]+$/.test(u));
  if (badStun) throw new ConfigError('CPMS_STUN_URLS', `must be a comma-separated list of stun: URIs (got ${JSON.stringify(badStun)}).`);
  const turnUrls = list(nonEmpty(env, 'CPMS_TURN_URLS'));
  const badTurn = turnUrls.find((u) => !/^turns?:[^\s]+$/.test(u));
  if (badTurn) throw new ConfigError('CPMS_TURN_URLS', `must be a comma-separated list of turn: or turns: URIs (got ${JSON.stringify(badTurn)}).`);
  const turnSecret = nonEmpty(env, 'CPMS_TURN_SECRET');
  if (turnUrls.length > 0 && turnSecret === undefined) throw new ConfigError('CPMS_TURN_SECRET', 'is required when CPMS_TURN_URLS is set (the static-auth-secret shared with the TURN server).');
  if (turnSecret !== undefined && turnSecret.length < 16) throw new ConfigError('CPMS_TURN_SECRET', 'must be at least 16 characters (generate one with: openssl rand -base64 32).');
  const turnTtlSeconds = parseWith(
    'CPMS_TURN_TTL_SECONDS',
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(60).max(86_400)),
    nonEmpty(env, 'CPMS_TURN_TTL_SECONDS') ?? '3600',
    'must be a number of seconds between 60 and 86400',
  );
  return { stunUrls, turnUrls, turnSecret, turnTtlSeconds };
}

function parseS3(env: Env): S3Settings | undefined {
  const bucket = nonEmpty(env, 'CPMS_S3_BUCKET');
  if (bucket === undefined) return undefined;
  const endpoint = nonEmpty(env, 'CPMS_S3_ENDPOINT');
  if (endpoint !== undefined) {
    try {
      new URL(endpoint);
    } catch {
      throw new ConfigError('CPMS_S3_ENDPOINT', `is not a valid URL (got ${JSON.stringify(endpoint)}).`);
    }
  }
  const accessKeyId = nonEmpty(env, 'CPMS_S3_ACCESS_KEY_ID');
  const secretAccessKey = nonEmpty(env, 'CPMS_S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new ConfigError(accessKeyId === undefined ? 'CPMS_S3_ACCESS_KEY_ID' : 'CPMS_S3_SECRET_ACCESS_KEY', 'must be set together with its pair (or neither, for the default credentials).');
  }
  const forcePathStyle = nonEmpty(env, 'CPMS_S3_FORCE_PATH_STYLE');
  return {
    bucket,
    endpoint,
    region: nonEmpty(env, 'CPMS_S3_REGION') ?? 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: forcePathStyle === undefined ? endpoint !== undefined : parseBoolean(env, 'CPMS_S3_FORCE_PATH_STYLE'),
    prefix: nonEmpty(env, 'CPMS_S3_PREFIX') ?? '',
  };
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label of the sign-in button, e.g. "EU Login". */
  displayName: string;
  /** acr values that prove multi-factor authentication at the provider (empty: never trusted). */
  mfaAcrValues: string[];
  /** amr values that prove multi-factor authentication at the provider (empty: never trusted). */
  mfaAmrValues: string[];
}

const list = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function parseOidc(env: Env): OidcConfig | undefined {
  const issuer = nonEmpty(env, 'CPMS_OIDC_ISSUER');
  if (issuer === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError('CPMS_OIDC_ISSUER', `is not a valid URL (got ${JSON.stringify(issuer)}).`);
  }
  if (url.protocol !== 'https:') throw new ConfigError('CPMS_OIDC_ISSUER', 'must be an https:// address.');
  const clientId = nonEmpty(env, 'CPMS_OIDC_CLIENT_ID');
  if (clientId === undefined) throw new ConfigError('CPMS_OIDC_CLIENT_ID', 'is required when CPMS_OIDC_ISSUER is set.');
  const clientSecret = nonEmpty(env, 'CPMS_OIDC_CLIENT_SECRET');
  if (clientSecret === undefined) throw new ConfigError('CPMS_OIDC_CLIENT_SECRET', 'is required when CPMS_OIDC_ISSUER is set.');
  return {
    issuer,
    clientId,
    clientSecret,
    displayName: nonEmpty(env, 'CPMS_OIDC_DISPLAY_NAME') ?? 'EU Login',
    mfaAcrValues: list(nonEmpty(env, 'CPMS_OIDC_MFA_ACR')),
    mfaAmrValues: list(nonEmpty(env, 'CPMS_OIDC_MFA_AMR')),
  };
}

function parseSmtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('CPMS_SMTP_URL', 'is not a valid URL; expected smtp://user:password@host:587 or smtps://host:465.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('CPMS_SMTP_URL', 'must start with smtp:// or smtps://.');
  return raw;
}

type Env = Record<string, string | undefined>;

const nonEmpty = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

function parseWith<T>(name: string, schema: z.ZodType<T>, raw: string | undefined, hint: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(name, `${hint} (got ${JSON.stringify(raw)}).`);
  return result.data;
}

function parseBoolean(env: Env, name: string): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return false;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got ${JSON.stringify(raw)}).`);
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL; expected postgres://user:password@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql:// (got "${url.protocol}//").`);
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new ConfigError('DATABASE_URL', 'names no host; expected postgres://user:password@host:5432/database.');
  }
  if (url.pathname.length <= 1) {
    throw new ConfigError('DATABASE_URL', 'names no database; expected postgres://user:password@host:5432/database.');
  }
  return raw;
}

function parseMasterKey(raw: string | undefined): Buffer | undefined {
  if (raw === undefined) return undefined;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64') !== raw) {
    throw new ConfigError(
      'CPMS_MASTER_KEY',
      'must be 32 random bytes in base64 (generate one with: openssl rand -base64 32).',
    );
  }
  return key;
}

function parseTrustProxy(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0 || list.some((s) => !/^[0-9a-fA-F:./]+$/.test(s))) {
    throw new ConfigError('CPMS_TRUST_PROXY', `must be false, true, a hop count or a comma-separated list of addresses (got ${JSON.stringify(raw)}).`);
  }
  return list;
}

/**
 * Reads and validates the configuration once, at start-up. Every variable is documented in
 * `.env.example`. Throws ConfigError naming the first bad variable; checks no file system state.
 */
export function loadConfig(env: Env = process.env): Config {
  const environment = parseWith(
    'CPMS_ENV',
    z.enum(['training', 'production']),
    nonEmpty(env, 'CPMS_ENV') ?? 'training',
    'must be "training" or "production"',
  );
  const port = parseWith(
    'PORT',
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(65535)),
    nonEmpty(env, 'PORT') ?? '8080',
    'must be a whole number from 1 to 65535',
  );
  const host = nonEmpty(env, 'HOST') ?? (environment === 'production' ? '0.0.0.0' : '127.0.0.1');
  const dataDir = path.resolve(nonEmpty(env, 'CPMS_DATA_DIR') ?? path.join(projectRoot, 'data'));
  const databaseUrl = parseDatabaseUrl(nonEmpty(env, 'DATABASE_URL'));
  const masterKey = parseMasterKey(nonEmpty(env, 'CPMS_MASTER_KEY'));
  const allowPgliteInProduction = parseBoolean(env, 'CPMS_ALLOW_PGLITE_IN_PRODUCTION');
  const logLevel = parseWith(
    'LOG_LEVEL',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    nonEmpty(env, 'LOG_LEVEL') ?? 'info',
    'must be one of fatal, error, warn, info, debug, trace, silent',
  );
  const trustProxy = parseTrustProxy(nonEmpty(env, 'CPMS_TRUST_PROXY'));
  const rateLimitPerMinute = parseWith(
    'CPMS_RATE_LIMIT_PER_MINUTE',
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1)),
    nonEmpty(env, 'CPMS_RATE_LIMIT_PER_MINUTE') ?? '1200',
    'must be a whole number of requests per minute, at least 1',
  );

  const oidc = parseOidc(env);
  const smtpUrl = parseSmtpUrl(nonEmpty(env, 'CPMS_SMTP_URL'));
  const mailFrom = nonEmpty(env, 'CPMS_MAIL_FROM') ?? 'Open CPMS <no-reply@open-cpms.invalid>';
  const maxUploadBytes = parseWith(
    'CPMS_MAX_UPLOAD_BYTES',
    z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1024).max(5 * 1024 ** 3)),
    nonEmpty(env, 'CPMS_MAX_UPLOAD_BYTES') ?? String(50 * 1024 ** 2),
    'must be a number of bytes between 1024 and 5 GiB',
  );
  const s3 = parseS3(env);
  const ice = parseIce(env);

  const rawPublicUrl = nonEmpty(env, 'CPMS_PUBLIC_URL');
  let publicUrl = `http://localhost:${port}`;
  if (rawPublicUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(rawPublicUrl);
    } catch {
      throw new ConfigError('CPMS_PUBLIC_URL', `is not a valid URL (got ${JSON.stringify(rawPublicUrl)}).`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConfigError('CPMS_PUBLIC_URL', 'must be an http:// or https:// address.');
    }
    publicUrl = url.origin;
  }

  if (environment === 'production') {
    const missing: string[] = [];
    if (masterKey === undefined) missing.push('CPMS_MASTER_KEY (32 random bytes in base64: openssl rand -base64 32)');
    if (rawPublicUrl === undefined) missing.push('CPMS_PUBLIC_URL (the https:// address users reach)');
    if (oidc === undefined) missing.push('CPMS_OIDC_ISSUER with CPMS_OIDC_CLIENT_ID and CPMS_OIDC_CLIENT_SECRET (the identity provider, e.g. EU Login)');
    const [first] = missing;
    if (first !== undefined) {
      throw new ConfigError(first.split(' ')[0]!, `is required in production: set ${missing.join('; and ')}.`);
    }
    if (!publicUrl.startsWith('https://')) {
      throw new ConfigError('CPMS_PUBLIC_URL', 'must be an https:// address in production.');
    }
    if (databaseUrl === undefined && !allowPgliteInProduction) {
      throw new ConfigError(
        'DATABASE_URL',
        'is required in production: the embedded database runs without fsync and on the main thread, so it can lose acknowledged writes on power loss and serves a fraction of PostgreSQL\'s load. Set DATABASE_URL=postgres://..., or CPMS_ALLOW_PGLITE_IN_PRODUCTION=true to accept that risk.',
      );
    }
  }

  return {
    environment,
    host,
    port,
    dataDir,
    databaseUrl,
    publicUrl,
    masterKey,
    allowPgliteInProduction,
    logLevel,
    trustProxy,
    rateLimitPerMinute,
    oidc,
    smtpUrl,
    mailFrom,
    maxUploadBytes,
    s3,
    ice,
  };
}
