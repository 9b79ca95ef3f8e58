/**
 * Synthetic patients for the training environment. Invented people: names, dates and numbers are
 * made up and belong to no one. Phenotypes, results and variants are added with the case record.
 */
export interface TrainingPatient {
  hospital: string;
  enrolledBy: string;
  nickname: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  identity: { givenName: string; familyName: string; dateOfBirth: string; recordNumber: string; nationalId: string | null };
  /** A child: consent given by a legal representative. */
  representative?: string;
  registryConsentErn?: string;
  photographsConsent?: boolean;
  /** Care consent withdrawn after enrolment. */
  careWithdrawn?: boolean;
}

const WALDSTADT = 'Universitätsklinikum Waldstadt';
const NOORDHAVEN = 'Academisch Ziekenhuis Noordhaven';
const SAINTE_AURORE = 'Hôpital Universitaire Sainte-Aurore';
const HP_WALDSTADT = 'hp.waldstadt@training.open-cpms.eu';
const HP_NOORDHAVEN = 'hp.noordhaven@training.open-cpms.eu';
const HP_TWO = 'hp.two-hospitals@training.open-cpms.eu';

export const trainingPatients: TrainingPatient[] = [
  { hospital: WALDSTADT, enrolledBy: HP_WALDSTADT, nickname: 'Kestrel', sex: 'female', identity: { givenName: 'Mira', familyName: 'Tannenfeld', dateOfBirth: '2016-04-12', recordNumber: 'WS-100231', nationalId: null }, representative: 'mother', registryConsentErn: 'ern-rnd', photographsConsent: true },
  { hospital: WALDSTADT, enrolledBy: HP_WALDSTADT, nickname: 'Heron', sex: 'male', identity: { givenName: 'Jonas', familyName: 'Wiesengrund', dateOfBirth: '1987-11-03', recordNumber: 'WS-100877', nationalId: null }, registryConsentErn: 'ern-rnd' },
  { hospital: WALDSTADT, enrolledBy: HP_WALDSTADT, nickname: 'Lynx', sex: 'female', identity: { givenName: 'Greta', familyName: 'Holzbrück', dateOfBirth: '1974-02-28', recordNumber: 'WS-101422', nationalId: null } },
  { hospital: WALDSTADT, enrolledBy: HP_WALDSTADT, nickname: 'Otter', sex: 'male', identity: { givenName: 'Felix', familyName: 'Steinhag', dateOfBirth: '2019-09-17', recordNumber: 'WS-102018', nationalId: null }, representative: 'father', careWithdrawn: true },
  { hospital: WALDSTADT, enrolledBy: HP_TWO, nickname: 'Wren', sex: 'female', identity: { givenName: 'Lotte', familyName: 'Ahornwald', dateOfBirth: '2009-06-21', recordNumber: 'WS-102550', nationalId: null }, representative: 'legal guardian' },
  { hospital: NOORDHAVEN, enrolledBy: HP_NOORDHAVEN, nickname: 'Puffin', sex: 'male', identity: { givenName: 'Daan', familyName: 'Zeeveld', dateOfBirth: '1995-01-09', recordNumber: 'NH-55012', nationalId: null }, registryConsentErn: 'ern-rnd' },
  { hospital: NOORDHAVEN, enrolledBy: HP_NOORDHAVEN, nickname: 'Plover', sex: 'female', identity: { givenName: 'Femke', familyName: 'Duinhoek', dateOfBirth: '2012-08-30', recordNumber: 'NH-55230', nationalId: null }, representative: 'mother', photographsConsent: true },
  { hospital: NOORDHAVEN, enrolledBy: HP_NOORDHAVEN, nickname: 'Avocet', sex: 'male', identity: { givenName: 'Sem', familyName: 'Polderman', dateOfBirth: '1968-03-14', recordNumber: 'NH-55871', nationalId: null } },
  { hospital: NOORDHAVEN, enrolledBy: HP_NOORDHAVEN, nickname: 'Tern', sex: 'unknown', identity: { givenName: 'Noor', familyName: 'Kreekstra', dateOfBirth: '2021-12-02', recordNumber: 'NH-56004', nationalId: null }, representative: 'mother' },
  { hospital: SAINTE_AURORE, enrolledBy: HP_TWO, nickname: 'Ibis', sex: 'female', identity: { givenName: 'Élise', familyName: 'Montclair', dateOfBirth: '2005-05-05', recordNumber: 'SA-9021', nationalId: null }, registryConsentErn: 'erknet' },
  { hospital: SAINTE_AURORE, enrolledBy: HP_TWO, nickname: 'Marten', sex: 'male', identity: { givenName: 'Théo', familyName: 'Valbreuse', dateOfBirth: '2014-10-10', recordNumber: 'SA-9188', nationalId: null }, representative: 'mother' },
  { hospital: SAINTE_AURORE, enrolledBy: HP_TWO, nickname: 'Egret', sex: 'female', identity: { givenName: 'Inès', familyName: 'Roquefeuil', dateOfBirth: '1991-07-22', recordNumber: 'SA-9340', nationalId: null } },
];
