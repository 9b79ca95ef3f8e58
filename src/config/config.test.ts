import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const production = {
  CPMS_ENV: 'production',
  CPMS_MASTER_KEY: key,
  CPMS_PUBLIC_URL: 'https://cpms.example.org',
  DATABASE_URL: 'postgres://u:p@db:5432/cpms',
  CPMS_OIDC_ISSUER: 'https://login.example.org',
  CPMS_OIDC_CLIENT_ID: 'cpms',
  CPMS_OIDC_CLIENT_SECRET: 's3cret',
};

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to training on the embedded database at port 8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ environment: 'training', port: 8080, databaseUrl: undefined, publicUrl: 'http://localhost:8080' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /whole number/],
    [{ PORT: '70000' }, 'PORT', /1 to 65535/],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /not a valid URL/],
    [{ DATABASE_URL: 'mysql://u@h/db' }, 'DATABASE_URL', /postgres:\/\//],
    [{ DATABASE_URL: 'postgres://u@h:5432/' }, 'DATABASE_URL', /names no database/],
    [{ CPMS_ENV: 'staging' }, 'CPMS_ENV', /training" or "production/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [{ CPMS_MASTER_KEY: 'c2hvcnQ=' }, 'CPMS_MASTER_KEY', /32 random bytes/],
    [{ CPMS_ALLOW_PGLITE_IN_PRODUCTION: 'maybe' }, 'CPMS_ALLOW_PGLITE_IN_PRODUCTION', /true or false/],
    [{ CPMS_TRUST_PROXY: 'everyone!' }, 'CPMS_TRUST_PROXY', /hop count/],
  ])('refuses %o naming the variable', (env, variable, message) => {
    const error = refusal(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('accepts a complete production configuration', () => {
    expect(loadConfig(production)).toMatchObject({ environment: 'production', host: '0.0.0.0', publicUrl: 'https://cpms.example.org' });
  });

  it('refuses an identity provider over plain http, or without its client credentials', () => {
    expect(refusal({ CPMS_OIDC_ISSUER: 'http://login.example.org', CPMS_OIDC_CLIENT_ID: 'a', CPMS_OIDC_CLIENT_SECRET: 'b' }).variable).toBe('CPMS_OIDC_ISSUER');
    expect(refusal({ CPMS_OIDC_ISSUER: 'https://login.example.org' }).variable).toBe('CPMS_OIDC_CLIENT_ID');
    expect(refusal({ CPMS_SMTP_URL: 'mail.example.org' }).variable).toBe('CPMS_SMTP_URL');
  });

  it('refuses production without a master key or public address, naming what is missing', () => {
    expect(refusal({ ...production, CPMS_OIDC_ISSUER: '' }).variable).toBe('CPMS_OIDC_ISSUER');
    expect(refusal({ ...production, CPMS_MASTER_KEY: '' }).variable).toBe('CPMS_MASTER_KEY');
    expect(refusal({ ...production, CPMS_PUBLIC_URL: '' }).variable).toBe('CPMS_PUBLIC_URL');
    expect(refusal({ ...production, CPMS_PUBLIC_URL: 'http://cpms.example.org' }).message).toMatch(/https/);
  });

  it('refuses the embedded database in production unless explicitly allowed, and says why', () => {
    const error = refusal({ ...production, DATABASE_URL: '' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toMatch(/fsync/);
    expect(loadConfig({ ...production, DATABASE_URL: '', CPMS_ALLOW_PGLITE_IN_PRODUCTION: 'true' }).databaseUrl).toBeUndefined();
  });
});
