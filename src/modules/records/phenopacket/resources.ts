import { CURIE } from '../codes.ts';
import { isPlainObject } from './json.ts';

interface Resource {
  id: string;
  name: string;
  url: string;
  iriPrefix: string;
}

/** The code systems a record uses, described as a phenopacket's metaData.resources wants them. */
const knownResources: Record<string, Resource> = {
  HP: { id: 'hp', name: 'human phenotype ontology', url: 'http://purl.obolibrary.org/obo/hp.owl', iriPrefix: 'http://purl.obolibrary.org/obo/HP_' },
  ORPHA: { id: 'ordo', name: 'Orphanet Rare Disease Ontology', url: 'https://www.orphadata.com', iriPrefix: 'http://www.orpha.net/ORDO/Orphanet_' },
  OMIM: { id: 'omim', name: 'An Online Catalog of Human Genes and Genetic Disorders', url: 'https://www.omim.org', iriPrefix: 'https://www.omim.org/entry/' },
  MONDO: { id: 'mondo', name: 'Mondo Disease Ontology', url: 'http://purl.obolibrary.org/obo/mondo.obo', iriPrefix: 'http://purl.obolibrary.org/obo/MONDO_' },
  ICD10: { id: 'icd10', name: 'International Classification of Diseases, 10th revision', url: 'https://icd.who.int/browse10', iriPrefix: 'https://icd.who.int/browse10/2019/en#/' },
  LOINC: { id: 'loinc', name: 'Logical Observation Identifiers Names and Codes', url: 'https://loinc.org', iriPrefix: 'https://loinc.org/' },
  GENO: { id: 'geno', name: 'Genotype Ontology', url: 'http://purl.obolibrary.org/obo/geno.owl', iriPrefix: 'http://purl.obolibrary.org/obo/GENO_' },
  HGNC: { id: 'hgnc', name: 'HUGO Gene Nomenclature Committee', url: 'https://www.genenames.org', iriPrefix: 'https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/' },
  SO: { id: 'so', name: 'Sequence types and features ontology', url: 'http://purl.obolibrary.org/obo/so.owl', iriPrefix: 'http://purl.obolibrary.org/obo/SO_' },
  NCIT: { id: 'ncit', name: 'NCI Thesaurus OBO Edition', url: 'http://purl.obolibrary.org/obo/ncit.owl', iriPrefix: 'http://purl.obolibrary.org/obo/NCIT_' },
  UO: { id: 'uo', name: 'Units of measurement ontology', url: 'http://purl.obolibrary.org/obo/uo.owl', iriPrefix: 'http://purl.obolibrary.org/obo/UO_' },
  UCUM: { id: 'ucum', name: 'Unified Code for Units of Measure', url: 'https://ucum.org', iriPrefix: 'https://ucum.org/ucum#' },
};

/** Every CURIE prefix in the phenopacket: ontology classes carry "id", gene descriptors "valueId". */
function prefixesIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) prefixesIn(item, found);
  else if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'id' || key === 'valueId') && typeof inner === 'string' && CURIE.test(inner)) found.add(inner.slice(0, inner.indexOf(':')));
      else prefixesIn(inner, found);
    }
  }
  return found;
}

/**
 * One resource per prefix used. The record keeps terms as they were entered, not the release they
 * came from, so the version is said to be unspecified rather than guessed.
 */
export function resourcesFor(phenopacket: Record<string, unknown>) {
  return [...prefixesIn(phenopacket, new Set())].sort().map((prefix) => {
    const known = knownResources[prefix] ?? { id: prefix.toLowerCase(), name: prefix, url: '', iriPrefix: '' };
    return { id: known.id, name: known.name, url: known.url, version: 'unspecified', namespacePrefix: prefix, iriPrefix: known.iriPrefix };
  });
}
