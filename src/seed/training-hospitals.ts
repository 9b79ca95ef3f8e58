/** Fictional hospitals for the training environment. None of them exists. */
export interface TrainingHospital {
  name: string;
  city: string;
  country: string;
  memberships: { ernCode: string; type: 'fullMember' | 'affiliatedPartner' }[];
}

export const trainingHospitals: TrainingHospital[] = [
  {
    name: 'Universitätsklinikum Waldstadt',
    city: 'Waldstadt',
    country: 'DE',
    memberships: [
      { ernCode: 'ern-rnd', type: 'fullMember' },
      { ernCode: 'erknet', type: 'fullMember' },
      { ernCode: 'ern-ithaca', type: 'affiliatedPartner' },
    ],
  },
  {
    name: 'Academisch Ziekenhuis Noordhaven',
    city: 'Noordhaven',
    country: 'NL',
    memberships: [
      { ernCode: 'ern-rnd', type: 'fullMember' },
      { ernCode: 'ern-euro-nmd', type: 'fullMember' },
    ],
  },
  {
    name: 'Hôpital Universitaire Sainte-Aurore',
    city: 'Belrive',
    country: 'FR',
    memberships: [
      { ernCode: 'erknet', type: 'fullMember' },
      { ernCode: 'ern-ithaca', type: 'fullMember' },
    ],
  },
  {
    name: 'Szpital Kliniczny im. Łucji Wrzos',
    city: 'Zielonów',
    country: 'PL',
    memberships: [
      { ernCode: 'ern-rnd', type: 'affiliatedPartner' },
      { ernCode: 'ern-euro-nmd', type: 'fullMember' },
    ],
  },
  {
    name: 'Ospedale Pediatrico San Lucio',
    city: 'Valmora',
    country: 'IT',
    memberships: [
      { ernCode: 'ern-ithaca', type: 'fullMember' },
      { ernCode: 'erknet', type: 'affiliatedPartner' },
    ],
  },
  {
    name: 'Hospital Clínico Santa Brígida',
    city: 'Puerto Albar',
    country: 'ES',
    memberships: [{ ernCode: 'ern-euro-nmd', type: 'affiliatedPartner' }],
  },
  // Not a member of any network: its clinicians refer patients or receive guest accounts.
  { name: 'Ballinrowan General Hospital', city: 'Ballinrowan', country: 'IE', memberships: [] },
];
