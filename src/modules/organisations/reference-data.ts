/**
 * The 24 European Reference Networks (public reference data, real in every environment) and the
 * disease groups ERN-RND publishes with their use of panels. Other ERNs' groups are added by their
 * coordinators.
 */
export interface ErnReference {
  code: string;
  name: string;
  field: string;
  diseaseGroups?: { name: string; panelUse: string | null }[];
}

export const ernReference: ErnReference[] = [
  { code: 'endo-ern', name: 'Endo-ERN', field: 'rare endocrine conditions' },
  { code: 'erknet', name: 'ERKNet', field: 'rare kidney diseases' },
  { code: 'ern-bond', name: 'ERN BOND', field: 'rare bone disorders' },
  { code: 'ern-cranio', name: 'ERN CRANIO', field: 'craniofacial anomalies and ENT disorders' },
  { code: 'ern-epicare', name: 'ERN EpiCARE', field: 'rare and complex epilepsies' },
  { code: 'ern-euracan', name: 'ERN EURACAN', field: 'rare adult solid cancers' },
  { code: 'ern-eurobloodnet', name: 'ERN EuroBloodNet', field: 'rare haematological diseases' },
  { code: 'ern-euro-nmd', name: 'ERN EURO-NMD', field: 'rare neuromuscular diseases' },
  { code: 'ern-eurogen', name: 'ERN eUROGEN', field: 'rare urogenital diseases and complex conditions' },
  { code: 'ern-eye', name: 'ERN EYE', field: 'rare eye diseases' },
  { code: 'ern-genturis', name: 'ERN GENTURIS', field: 'genetic tumour risk syndromes' },
  { code: 'ern-guard-heart', name: 'ERN GUARD-HEART', field: 'rare and complex diseases of the heart' },
  { code: 'ern-ithaca', name: 'ERN ITHACA', field: 'congenital malformations and rare intellectual disability' },
  { code: 'ern-lung', name: 'ERN LUNG', field: 'rare respiratory diseases' },
  { code: 'ern-paedcan', name: 'ERN PaedCan', field: 'paediatric cancer (haemato-oncology)' },
  { code: 'ern-rare-liver', name: 'ERN RARE-LIVER', field: 'rare hepatological diseases' },
  { code: 'ern-reconnet', name: 'ERN ReCONNET', field: 'rare connective tissue and musculoskeletal diseases' },
  { code: 'ern-rita', name: 'ERN RITA', field: 'rare immunodeficiency, autoinflammatory and autoimmune diseases' },
  {
    code: 'ern-rnd',
    name: 'ERN-RND',
    field: 'rare neurological diseases',
    diseaseGroups: [
      { name: 'Ataxia / HSP', panelUse: 'training of young neurologists and cohort formation' },
      { name: 'Leukodystrophies', panelUse: 'diagnostically unclear and complex cases' },
      { name: 'Atypical parkinsonian syndromes, genetic PD', panelUse: 'diagnostically unclear and complex cases' },
      { name: 'Dystonia / paroxysmal disorders / NBIA', panelUse: 'unsolved cases after comprehensive genetic testing' },
      { name: "Choreas and Huntington's disease", panelUse: 'bona fide HD-like phenotypes of unknown aetiology' },
      { name: 'FTD', panelUse: null },
    ],
  },
  { code: 'ern-skin', name: 'ERN-Skin', field: 'rare and undiagnosed skin disorders' },
  { code: 'ern-transplantchild', name: 'ERN TransplantChild', field: 'transplantation in children' },
  { code: 'vascern', name: 'VASCERN', field: 'rare multisystemic vascular diseases' },
  { code: 'metabern', name: 'MetabERN', field: 'hereditary metabolic disorders' },
  { code: 'ernica', name: 'ERNICA', field: 'rare inherited and congenital digestive and gastrointestinal anomalies' },
];
