import { describe, expect, it } from 'vitest';
import { parsePacket } from './orphanet-release.ts';
import { SourceError } from './read-source.ts';

const packet = (fields: object) => ({ Orphapacket: { creationDate: '2025-12-09 10:41:42', version: '1.3.42', ORPHAcode: '95', Label: 'Friedreich ataxia', DisorderType: { value: 'Disease' }, ...fields } });

describe('reading an ORPHApacket', () => {
  it('reads label, type, synonyms, definition, OMIM references (both shapes) and parents', () => {
    const { disorder, creationDate, version } = parsePacket(
      packet({
        Synonyms: [{ Synonym: 'FA' }, { Synonym: 'FRDA' }],
        ExternalReferences: [
          { ExternalReference: { Source: 'OMIM', Reference: '229300', DisorderMappingRelation: 'E (Exact mapping: the two concepts are equivalent)' } },
          { Source: 'OMIM', Reference: '601992', DisorderMappingRelation: 'BTNT (ORPHAcode is broader than the targeted code used to represent it)' },
          { Source: 'ICD-10', Reference: 'G11.1' },
        ],
        TextSection: { TextSectionType: 'Definition', Contents: 'Caused by <i>FXN</i> expansions.' },
        Parents: [{ Parent: [{ ORPHAcode: '98098', Label: 'Autosomal recessive degenerative and progressive cerebellar ataxia' }] }],
      }),
      'ORPHApacket_95.json',
    );
    expect({ creationDate, version }).toEqual({ creationDate: '2025-12-09 10:41:42', version: '1.3.42' });
    expect(disorder).toEqual({
      code: 95,
      label: 'Friedreich ataxia',
      disorderType: 'Disease',
      definition: 'Caused by FXN expansions.',
      synonyms: ['FA', 'FRDA'],
      parents: [{ code: 98098, label: 'Autosomal recessive degenerative and progressive cerebellar ataxia' }],
      omim: [
        { omim: '229300', relation: 'E' },
        { omim: '601992', relation: 'BTNT' },
      ],
    });
  });

  it('accepts a list of one written as a bare object, as some packets have it', () => {
    const { disorder } = parsePacket(packet({ Parents: { Parent: { ORPHAcode: '79387', Label: 'Metabolic disease with skin involvement' } }, Synonyms: { Synonym: 'FA' } }), 'x');
    expect(disorder.parents).toEqual([{ code: 79387, label: 'Metabolic disease with skin involvement' }]);
    expect(disorder.synonyms).toEqual(['FA']);
  });

  it('refuses a packet without its code or label, naming where', () => {
    expect(() => parsePacket({ Orphapacket: { Label: 'x' } }, 'line 3')).toThrow(SourceError);
    expect(() => parsePacket(packet({ ORPHAcode: 'ninety-five' }), 'line 4')).toThrow(/^line 4: not an ORPHApacket \(Orphapacket\.ORPHAcode/);
  });
});
