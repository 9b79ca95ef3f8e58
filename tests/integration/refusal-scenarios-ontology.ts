import { seedTrainingOntologies } from '../../src/modules/ontology/training-ontologies.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { selfService } from './refusal-fixtures.ts';

/** The training subsets, so the term and disorder looked up exist (a no-op once the seed loaded them). */
const withTrainingOntologies = async (t: TestApp) => {
  await seedTrainingOntologies(t.database.db, t.clock);
};

/** Reference data: any signed-in person with their second factor; anonymous and deactivated callers get 401. */
export const ontologyScenarios: Record<string, Scenario> = {
  'GET /api/ontology/hpo/search': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/ontology/hpo/search?q=seiz' }) },
  'GET /api/ontology/hpo/terms/:id': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async (t) => {
      await withTrainingOntologies(t);
      return { method: 'GET', url: '/api/ontology/hpo/terms/HP:0001250' };
    },
  },
  'GET /api/ontology/orphanet/search': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/ontology/orphanet/search?q=friedreich' }) },
  'GET /api/ontology/orphanet/disorders/:code': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async (t) => {
      await withTrainingOntologies(t);
      return { method: 'GET', url: '/api/ontology/orphanet/disorders/ORPHA:95' };
    },
  },
};
