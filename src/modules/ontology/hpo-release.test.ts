import { describe, expect, it } from 'vitest';
import { hpoIdOf, parseHpoDocument, readHpoRelease } from './hpo-release.ts';
import { SourceError } from './read-source.ts';
import { trainingHpoFile } from './training-ontologies.ts';

const node = (id: string, lbl: string, meta: object = {}) => ({ id: `http://purl.obolibrary.org/obo/HP_${id}`, lbl, type: 'CLASS', meta });

describe('reading hp.json (OBO Graphs JSON)', () => {
  it('reads the training subset: version, terms, parents, synonyms, alternative ids, obsolete terms', async () => {
    const release = await readHpoRelease(trainingHpoFile);
    expect(release).toMatchObject({ version: 'open-cpms-training-1', releaseDate: null, detail: null });
    expect(release.terms).toHaveLength(70);
    const seizure = release.terms.find((t) => t.id === 'HP:0001250');
    expect(seizure).toMatchObject({ label: 'Seizure', obsolete: false, parents: ['HP:0012638'], altIds: ['HP:0001275', 'HP:0002279'] });
    expect(seizure?.synonyms).toContainEqual({ name: 'Epilepsy', kind: 'related' });
    expect(release.terms.find((t) => t.id === 'HP:0025356')).toMatchObject({ obsolete: true, replacedBy: 'HP:0001263', parents: [] });
    expect(release.terms.filter((t) => t.parents.length === 0 && !t.obsolete).map((t) => t.id)).toEqual(['HP:0000001']);
  });

  it('takes the version and date from owl:versionInfo or the version IRI, and keeps only is_a edges between HP classes', () => {
    const release = parseHpoDocument(
      {
        graphs: [
          {
            meta: { version: 'http://purl.obolibrary.org/obo/hp/releases/2026-01-08/hp.json' },
            nodes: [node('0000001', 'All'), node('0000118', 'Phenotypic abnormality'), { id: 'http://purl.obolibrary.org/obo/RO_0002573', lbl: 'has modifier', type: 'PROPERTY' }],
            edges: [
              { sub: 'http://purl.obolibrary.org/obo/HP_0000118', pred: 'is_a', obj: 'http://purl.obolibrary.org/obo/HP_0000001' },
              { sub: 'http://purl.obolibrary.org/obo/HP_0000118', pred: 'part_of', obj: 'http://purl.obolibrary.org/obo/HP_0000001' },
              { sub: 'http://purl.obolibrary.org/obo/HP_0000118', pred: 'is_a', obj: 'http://purl.obolibrary.org/obo/HP_0099999' },
            ],
          },
        ],
      },
      'hp.json',
    );
    expect(release).toMatchObject({ version: '2026-01-08', releaseDate: '2026-01-08' });
    expect(release.terms.map((t) => [t.id, t.parents])).toEqual([
      ['HP:0000001', []],
      ['HP:0000118', ['HP:0000001']],
    ]);
  });

  it('refuses what is not an HPO release, saying why', () => {
    expect(() => parseHpoDocument({ nodes: [] }, 'x.json')).toThrow(SourceError);
    expect(() => parseHpoDocument({ graphs: [{ nodes: [node('0000001', 'All')], edges: [] }] }, 'x.json')).toThrow(/names no version/);
    expect(() => parseHpoDocument({ graphs: [{ meta: { version: '.../2026-01-08/hp.json' }, nodes: [], edges: [] }] }, 'x.json')).toThrow(/holds no HPO terms/);
  });

  it('knows an HPO id in IRI or CURIE form, and nothing else', () => {
    expect(hpoIdOf('http://purl.obolibrary.org/obo/HP_0001250')).toBe('HP:0001250');
    expect(hpoIdOf('HP:0001250')).toBe('HP:0001250');
    expect(hpoIdOf('http://purl.obolibrary.org/obo/MONDO_0001250')).toBeUndefined();
    expect(hpoIdOf('HP:12')).toBeUndefined();
  });
});
