import type { Role } from '../db/schema/identity.ts';

/**
 * Training accounts, one for every role (README lists them). Training only: the seed never runs on a
 * production database, and password hashes are peppered with the installation's own key, so these
 * passwords cannot work anywhere else.
 */
export interface TrainingAccount {
  email: string;
  displayName: string;
  password: string;
  /** Base32 TOTP secret; absent for the newcomer, who has no access yet. */
  totpSecret?: string;
  /** `stated`: a referrer's own hospital (not on the platform) and its country, as confirmed by the ERN. */
  affiliations: { role: Role; hospital?: string; ern?: string; validDays?: number; stated?: { hospital: string; country: string } }[];
  /** An assistant acts for this health professional (by e-mail). */
  actsFor?: string;
}

const at = (name: string) => `${name}@training.open-cpms.eu`;
const WALDSTADT = 'Universitätsklinikum Waldstadt';
const NOORDHAVEN = 'Academisch Ziekenhuis Noordhaven';
const SAINTE_AURORE = 'Hôpital Universitaire Sainte-Aurore';

export const trainingAccounts: TrainingAccount[] = [
  { email: at('hp.waldstadt'), displayName: 'Dr. Lena Brandt', password: 'Training-Waldstadt-2026', totpSecret: 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD', affiliations: [{ role: 'healthProfessional', hospital: WALDSTADT, ern: 'ern-rnd' }] },
  { email: at('hp.noordhaven'), displayName: 'Dr. Pieter de Vries', password: 'Training-Noordhaven-2026', totpSecret: '2LE4Z3ZPY2XCAUCTNNFVAC4O72KSZBBP', affiliations: [{ role: 'healthProfessional', hospital: NOORDHAVEN, ern: 'ern-rnd' }] },
  {
    email: at('hp.two-hospitals'),
    displayName: 'Dr. Camille Moreau',
    password: 'Training-TwoHospitals-2026',
    totpSecret: 'A22NXOXLBI7HEIP35VJPEPXOQVRBQHJ7',
    affiliations: [
      { role: 'healthProfessional', hospital: WALDSTADT, ern: 'erknet' },
      { role: 'healthProfessional', hospital: SAINTE_AURORE, ern: 'erknet' },
    ],
  },
  { email: at('assistant.waldstadt'), displayName: 'Jonas Keller', password: 'Training-Assistant-2026', totpSecret: 'YUWGVFIVNTLPDGMI4HJ3SZMSLMTNLESU', affiliations: [{ role: 'assistant', hospital: WALDSTADT }], actsFor: at('hp.waldstadt') },
  { email: at('coordinator.rnd'), displayName: 'Dr. Ana Sousa', password: 'Training-Coordinator-2026', totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', affiliations: [{ role: 'coordinator', ern: 'ern-rnd' }] },
  { email: at('coordinator.erknet'), displayName: 'Dr. Mateusz Nowak', password: 'Training-Erknet-2026', totpSecret: 'IPMFPNSYJ6TYEC3RG7GAQW6WY7JYEOT3', affiliations: [{ role: 'coordinator', ern: 'erknet' }] },
  { email: at('representative.waldstadt'), displayName: 'Petra Hoffmann', password: 'Training-Representative-2026', totpSecret: 'TS4TB7UMXQPS3P4YDRPU5GPH2LGIA7NB', affiliations: [{ role: 'hospitalRepresentative', hospital: WALDSTADT }] },
  { email: at('dpo.waldstadt'), displayName: 'Markus Weber', password: 'Training-Privacy-2026', totpSecret: 'OSDCTCBE22WEV6DJ3W5VGS3FSU7XD42E', affiliations: [{ role: 'dataProtectionOfficer', hospital: WALDSTADT }] },
  { email: at('researcher.rnd'), displayName: 'Dr. Sofia Romano', password: 'Training-Researcher-2026', totpSecret: 'YEJKX3C4W5DX6C3UKF6X5WXR2IVIWVPF', affiliations: [{ role: 'researcher', ern: 'ern-rnd' }] },
  { email: at('admin'), displayName: 'Platform Administrator', password: 'Training-Admin-2026', totpSecret: 'M3JFXHNK5T3IFZLNKJUWVVGI6KQZGGBX', affiliations: [{ role: 'platformAdministrator' }] },
  { email: at('guest.valid'), displayName: 'Dr. Erik Lindqvist', password: 'Training-Guest-2026', totpSecret: 'C2CVKHHCAC25EZIWZXMZ35TN75TXQKUI', affiliations: [{ role: 'guestExpert', ern: 'ern-rnd', validDays: 90 }] },
  { email: at('guest.expired'), displayName: 'Dr. Maeve Byrne', password: 'Training-Expired-2026', totpSecret: 'QSARZWU5ABWQC52H7PBQITA6OW5V2IIE', affiliations: [{ role: 'guestExpert', ern: 'ern-rnd', validDays: -1 }] },
  { email: at('referrer'), displayName: 'Dr. Tomás Ferreira', password: 'Training-Referrer-2026', totpSecret: 'L7D6GMZHVRWCGY3VTGQAMHTXAFEX3SZH', affiliations: [{ role: 'referrer', ern: 'ern-rnd', stated: { hospital: 'Kreiskrankenhaus Talheim', country: 'DE' } }] },
  { email: at('newcomer'), displayName: 'Dr. Newcomer', password: 'Training-Newcomer-2026', affiliations: [] },
];
