import { z } from 'zod';

export const DiseaseGroup = z.object({
  id: z.string(),
  name: z.string(),
  panelUse: z.string().nullable(),
});

export const Ern = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  diseaseGroups: z.array(DiseaseGroup),
});
export type Ern = z.infer<typeof Ern>;

export const ErnListResponse = z.object({ erns: z.array(Ern) });
export type ErnListResponse = z.infer<typeof ErnListResponse>;

export const MembershipType = z.enum(['fullMember', 'affiliatedPartner']);

export const Hospital = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  country: z.string().length(2),
  memberships: z.array(z.object({ ernId: z.string(), ernCode: z.string(), type: MembershipType })),
});
export type Hospital = z.infer<typeof Hospital>;

export const HospitalListResponse = z.object({ hospitals: z.array(Hospital) });
export type HospitalListResponse = z.infer<typeof HospitalListResponse>;
