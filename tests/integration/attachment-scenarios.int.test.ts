import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/testing/test-app.ts';
import { createAttachmentsTestApp } from './attachments-test-app.ts';
import { createCast, refusedActors, type ActorName, type Cast } from './refusal-cast.ts';
import { attachmentScenarios } from './refusal-scenarios-attachments.ts';

/**
 * The attachment scenarios, run as the refusal matrix runs them. Needed only until buildApp registers
 * the attachment routes and the matrix spreads `attachmentScenarios`: then delete this file.
 */
let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createAttachmentsTestApp();
  cast = await createCast(t);
});
afterAll(async () => {
  await t?.close();
});

async function answer(key: string, actor: ActorName): Promise<{ status: number; body: string }> {
  const { headers, ...request } = await attachmentScenarios[key]!.request(t, cast, actor);
  const options: InjectOptions = { ...request, method: request.method, headers: headers ?? cast[actor].session?.headers ?? {} };
  const response = await t.app.inject(options);
  return { status: response.statusCode, body: response.body.slice(0, 300) };
}

describe('attachment refusal scenarios', () => {
  it('cover every attachment route', () => {
    const registered = t.app.routeTable.filter((r) => r.url.includes('/attachments')).map((r) => `${r.method} ${r.url}`);
    expect(registered.sort()).toEqual(Object.keys(attachmentScenarios).sort());
  });

  it('answer every refused actor exactly, and the allowed actor with a 2xx', async () => {
    const failures: string[] = [];
    for (const [key, scenario] of Object.entries(attachmentScenarios)) {
      const positive = await answer(key, scenario.allowed);
      if (positive.status < 200 || positive.status > 299) failures.push(`${key} as ${scenario.allowed}: ${positive.status} ${positive.body}`);
      if (scenario.refusals === 'public') continue;
      for (const actor of refusedActors) {
        const got = await answer(key, actor);
        if (got.status !== scenario.refusals[actor]) failures.push(`${key} as ${actor}: expected ${scenario.refusals[actor]}, got ${got.status} ${got.body}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
