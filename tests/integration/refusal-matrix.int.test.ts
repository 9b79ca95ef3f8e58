import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../src/testing/test-app.ts';
import { createCast, refusedActors, type ActorName, type Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { adminScenarios } from './refusal-scenarios-admin.ts';
import { identityScenarios, runLast } from './refusal-scenarios-identity.ts';
import { patientScenarios } from './refusal-scenarios-patients.ts';
import { ontologyScenarios } from './refusal-scenarios-ontology.ts';
import { attachmentScenarios } from './refusal-scenarios-attachments.ts';
import { imagingScenarios } from './refusal-scenarios-imaging.ts';
import { recordScenarios } from './refusal-scenarios-records.ts';
import { meetingScenarios } from './refusal-scenarios-meetings.ts';
import { consentScenarios } from './refusal-scenarios-consent.ts';
import { outcomeReportScenarios } from './refusal-scenarios-outcome-reports.ts';
import { panelScenarios } from './refusal-scenarios-panels.ts';
import { discussionScenarios } from './refusal-scenarios-discussion.ts';
import { callScenarios } from './refusal-scenarios-calls.ts';
import { answerUpgrade, isUpgrade, realtimeScenarios } from './refusal-scenarios-realtime.ts';
import { referralScenarios } from './refusal-scenarios-referrals.ts';

/**
 * The refusal matrix, generated from the route table: every registered API route must have a scenario
 * here, and for each the exact answer to every refused actor is proven on the very request that the
 * allowed actor (the positive control) gets a 2xx for.
 */
const scenarios: Record<string, Scenario> = { ...identityScenarios, ...adminScenarios, ...patientScenarios, ...attachmentScenarios, ...imagingScenarios, ...recordScenarios, ...meetingScenarios, ...ontologyScenarios, ...consentScenarios, ...panelScenarios, ...discussionScenarios, ...realtimeScenarios, ...outcomeReportScenarios, ...referralScenarios, ...callScenarios };

/** Thousands of requests, one after another: the matrix grows with every route and outlasts the default per-test limit on a shared machine. */
const MATRIX_TIMEOUT_MS = 600_000;

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  // The matrix sends thousands of requests a minute from one address: the rate limit would answer 429.
  t = await createTestApp({ env: { CPMS_RATE_LIMIT_PER_MINUTE: '1000000' } });
  cast = await createCast(t);
});
afterAll(async () => {
  await t?.close();
});

async function answer(scenario: Scenario, actor: ActorName): Promise<{ status: number; body: string }> {
  const { headers, ...request } = await scenario.request(t, cast, actor);
  const options: InjectOptions = { ...request, method: request.method, headers: headers ?? cast[actor].session?.headers ?? {} };
  // A WebSocket cannot go through inject: the upgrade goes through injectWS, and 101 is its success.
  if (isUpgrade({ headers })) return answerUpgrade(t, { url: request.url, headers: { ...cast[actor].session?.headers, ...headers } });
  const response = await t.app.inject(options);
  return { status: response.statusCode, body: response.body.slice(0, 300) };
}

describe('refusal matrix', () => {
  it('has a scenario for every registered route, and none for a route that does not exist', () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((key) => !(key in scenarios)), 'routes without a scenario').toEqual([]);
    expect(Object.keys(scenarios).filter((key) => !registered.includes(key)), 'scenarios without a route').toEqual([]);
  });

  it('answers every refused actor exactly, and the allowed actor with a 2xx, on every route', async () => {
    const keys = t.app.routeTable.map((r) => `${r.method} ${r.url}`).sort((a, b) => runLast.indexOf(a) - runLast.indexOf(b));
    const failures: string[] = [];
    let checks = 0;
    for (const key of keys) {
      const scenario = scenarios[key]!;
      const positive = await answer(scenario, scenario.allowed);
      checks += 1;
      const succeeded = (positive.status >= 200 && positive.status <= 299) || positive.status === 101; // 101: an upgrade (answerUpgrade)
      if (!succeeded) failures.push(`${key} as ${scenario.allowed} (positive control): ${positive.status} ${positive.body}`);
      if (scenario.refusals === 'public') continue;
      for (const actor of refusedActors) {
        const expected = scenario.refusals[actor];
        const got = await answer(scenario, actor);
        checks += 1;
        if (got.status !== expected) failures.push(`${key} as ${actor}: expected ${expected}, got ${got.status} ${got.body}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checks).toBeGreaterThan(keys.length * 3);
  }, MATRIX_TIMEOUT_MS);

  /*
   * A referring clinician reaches nothing but their own referrals: on every other route they get exactly the answer
   * a researcher of ERN-RND (the wrongRole actor, refused everywhere) gets — the same request, so the same fixture.
   */
  it('answers the referrer on every route outside referrals exactly as it answers an actor with no business there', async () => {
    cast = await createCast(t); // the matrix above ended the cast's sessions (runLast)
    const keys = t.app.routeTable.map((r) => `${r.method} ${r.url}`).filter((key) => !(key in referralScenarios)).sort((a, b) => runLast.indexOf(a) - runLast.indexOf(b));
    const differences: string[] = [];
    let checked = 0;
    for (const key of keys) {
      const scenario = scenarios[key]!;
      if (scenario.refusals === 'public') continue;
      const got = await answer(scenario, 'referrer');
      checked += 1;
      if (got.status !== scenario.refusals.wrongRole) differences.push(`${key} as referrer: expected ${scenario.refusals.wrongRole} (as wrongRole), got ${got.status} ${got.body}`);
    }
    expect(differences).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  }, MATRIX_TIMEOUT_MS);
});
