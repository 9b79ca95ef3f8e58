import { ernReference } from './modules/organisations/reference-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publicAccess } from './http/access.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';
import { testDatabaseKind } from './testing/test-database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('health', () => {
  it('reports the database kind, version and environment', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: testDatabaseKind(), version: '0.1.0', environment: 'training' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 with the same shape when the database is gone', async () => {
    const other = await createTestApp();
    await other.database.close();
    const response = await other.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', database: testDatabaseKind() });
    await other.app.close();
  });
});

describe('reference data', () => {
  it('lists the 24 ERNs with ERN-RND and its six disease groups', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/erns' });
    expect(response.statusCode).toBe(200);
    const { erns } = response.json<{ erns: { name: string; diseaseGroups: { name: string }[] }[] }>();
    // (on PostgreSQL the database is shared with other tests, which may add networks of their own)
    const reference = erns.filter((ern) => ernReference.some((r) => r.name === ern.name));
    expect(reference).toHaveLength(24);
    const rnd = erns.find((ern) => ern.name === 'ERN-RND');
    expect(rnd?.diseaseGroups.map((g) => g.name)).toEqual([
      'Ataxia / HSP',
      'Leukodystrophies',
      'Atypical parkinsonian syndromes, genetic PD',
      'Dystonia / paroxysmal disorders / NBIA',
      "Choreas and Huntington's disease",
      'FTD',
    ]);
  });

  it('lists fictional hospitals in several countries with their membership types', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/hospitals' });
    const { hospitals } = response.json<{ hospitals: { name: string; country: string; memberships: { ernCode: string; type: string }[] }[] }>();
    expect(new Set(hospitals.map((h) => h.country)).size).toBeGreaterThanOrEqual(5);
    const lodz = hospitals.find((h) => h.name === 'Szpital Kliniczny im. Łucji Wrzos');
    expect(lodz?.memberships).toContainEqual(expect.objectContaining({ ernCode: 'ern-rnd', type: 'affiliatedPartner' }));
    expect(hospitals.some((h) => h.memberships.length === 0)).toBe(true);
  });
});

describe('errors', () => {
  it('answers an unknown API path with problem+json 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'notFound', title: 'Not found', requestId: response.headers['x-request-id'] });
  });
});

describe('the page', () => {
  it('is served with a fresh style nonce in a strict CSP on every response', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/' });
    const second = await t.app.inject({ method: 'GET', url: '/networks' });
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(response.body).toContain(`content="${nonce}"`);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
    }
    expect(first.headers['content-security-policy']).not.toEqual(second.headers['content-security-policy']);
  });

  it('serves hashed assets with long caching and unknown files as 404', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });
});

describe('route declarations', () => {
  it('refuses to register an API route without an access rule', async () => {
    await expect(createTestApp({ register: (app) => app.get('/api/undeclared', async () => ({})) })).rejects.toThrow(
      /GET \/api\/undeclared declares no access rule/,
    );
  });

  it('documents every registered API route in OpenAPI with its access rule and session requirement', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, { security: unknown[]; 'x-access': string }>> }>();
    expect(document.openapi).toBe('3.1.0');
    expect(t.app.routeTable.length).toBeGreaterThanOrEqual(5);
    for (const route of t.app.routeTable) {
      const operation = document.paths[route.url.replaceAll(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
      expect(operation?.['x-access']).toBe(route.access.rule);
      expect(operation?.security).toEqual(route.access.session ? [{ session: [] }] : []);
    }
  });
});

describe('input', () => {
  let echo: TestApp;
  beforeAll(async () => {
    echo = await createTestApp({
      register: (app) =>
        app.post(
          '/api/echo',
          { config: { access: publicAccess('test only') }, schema: { body: z.object({ count: z.number().int() }) } },
          async (request) => request.body,
        ),
    });
  });
  afterAll(async () => {
    await echo?.close();
  });

  it('is validated with zod before the handler runs: a 400 problem naming the field', async () => {
    const response = await echo.app.inject({ method: 'POST', url: '/api/echo', payload: { count: 'many' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'badRequest', problems: [expect.objectContaining({ path: 'body.count' })] });
  });

  it('answers malformed JSON with a 400, never a 500', async () => {
    const response = await echo.app.inject({ method: 'POST', url: '/api/echo', headers: { 'content-type': 'application/json' }, payload: '{"count": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'badRequest' });
  });

  it('answers an unsupported content type with 415 and an oversized body with 413', async () => {
    const wrongType = await echo.app.inject({ method: 'POST', url: '/api/echo', headers: { 'content-type': 'application/x-foo' }, payload: 'x' });
    expect(wrongType.statusCode).toBe(415);
    const huge = await echo.app.inject({ method: 'POST', url: '/api/echo', payload: { count: 1, pad: 'x'.repeat(2_000_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'payloadTooLarge' });
  });
});
