import { auditActions } from '../../../../src/modules/audit/audit-actions.contract.ts';

export { auditActions };

export type AuditActionGroup = 'sessions' | 'onboarding' | 'administration' | 'patients' | 'panels' | 'audit';

/** The group of an action, from the part before the dot. */
const groupOfPrefix: Record<string, AuditActionGroup> = {
  session: 'sessions',
  account: 'sessions',
  profile: 'sessions',
  accessRequest: 'onboarding',
  guest: 'onboarding',
  affiliation: 'administration',
  delegation: 'administration',
  ern: 'administration',
  hospital: 'administration',
  membership: 'administration',
  settings: 'administration',
  consentTemplate: 'administration',
  patient: 'patients',
  consent: 'patients',
  attachment: 'patients',
  imaging: 'patients',
  record: 'patients',
  phenopacket: 'patients',
  panel: 'panels',
  panelSettings: 'administration',
  expertGroup: 'panels',
  meeting: 'panels',
  discussion: 'panels',
  infoRequest: 'panels',
  outcomeReport: 'panels',
};
const groupOf = (action: string): AuditActionGroup => groupOfPrefix[action.split('.')[0] ?? ''] ?? 'audit';

export function auditActionOptions(groupLabel: (group: AuditActionGroup) => string) {
  const byGroup = Map.groupBy(auditActions, groupOf);
  return [...byGroup].map(([group, actions]) => ({ group: groupLabel(group), items: actions.map((value) => ({ value, label: value })) }));
}
