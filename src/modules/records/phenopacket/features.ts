import type { PhenotypicFeature } from '../record-sections.contract.ts';
import { compact } from './json.ts';
import { noteUnsupported, termOf, type ImportNotes } from './import-notes.ts';
import type { FeatureInput } from './phenopacket-schema.ts';

/** A phenotypic feature of a phenopacket as a record item; its free-text description becomes the note. */
export function featureFromPhenopacket(feature: FeatureInput, path: string, notes: ImportNotes, id: string): PhenotypicFeature {
  noteUnsupported(notes, path, feature, ['evidence'], 'not imported: the record keeps no evidence codes or literature references for a feature');
  return compact({
    id,
    type: termOf(feature.type),
    excluded: feature.excluded ?? false,
    onset: feature.onset,
    resolution: feature.resolution,
    severity: feature.severity && termOf(feature.severity),
    modifiers: feature.modifiers?.map(termOf),
    note: feature.description,
  });
}

/** A record item as a phenopacket PhenotypicFeature; onsets leave in the form they were given. */
export const featureToPhenopacket = (feature: PhenotypicFeature) =>
  compact({
    type: feature.type,
    // protobuf JSON omits false
    excluded: feature.excluded ? true : undefined,
    description: feature.note,
    severity: feature.severity,
    modifiers: feature.modifiers,
    onset: feature.onset,
    resolution: feature.resolution,
  });
