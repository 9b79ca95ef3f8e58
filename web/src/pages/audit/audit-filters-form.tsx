import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventFilters } from '../../api/audit-api.ts';
import { hospitalListQuery } from '../../api/onboarding-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { holdsAnyRole } from '../../auth/roles.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { auditActionOptions, auditActions } from './audit-action-options.ts';

const ANY = 'any';
/** A datetime-local value ("2026-11-22T10:30") in the browser's zone, as an ISO instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);
const blank = { partition: ANY, action: ANY, outcome: ANY, actorId: '', patientId: '', from: '', to: '' };

/** Which chain (administrators: any; data-protection officers: their hospitals'), action, outcome, person, patient, period. */
export function AuditFiltersForm({ onApply }: { onApply: (filters: AuditEventFilters) => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const isAdministrator = holdsAnyRole(session, ['platformAdministrator']);
  const hospitals = useQuery({ ...hospitalListQuery, enabled: isAdministrator });
  const erns = useQuery({ ...ernListQuery, enabled: isAdministrator });
  const [form, setForm] = useState(blank);
  const set = (key: keyof typeof blank, value: string | null) => setForm((f) => ({ ...f, [key]: value ?? '' }));
  const ownHospitals = session.affiliations
    .filter((a) => a.role === 'dataProtectionOfficer' && a.hospitalId)
    .map((a) => ({ value: `hospital:${a.hospitalId}`, label: t('audit.partitionHospital', { name: a.hospitalName ?? a.hospitalId }) }));
  const partitions = isAdministrator
    ? [
        { value: 'platform', label: t('audit.partitionPlatform') },
        ...(hospitals.data?.hospitals ?? []).map((h) => ({ value: `hospital:${h.id}`, label: t('audit.partitionHospital', { name: h.name }) })),
        ...(erns.data?.erns ?? []).map((e) => ({ value: `ern:${e.id}`, label: t('audit.partitionErn', { name: e.name }) })),
      ]
    : ownHospitals;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const action = auditActions.find((a) => a === form.action);
    onApply({
      partition: form.partition === ANY ? undefined : form.partition,
      action,
      outcome: form.outcome === 'success' || form.outcome === 'denied' ? form.outcome : undefined,
      actorId: form.actorId.trim() || undefined,
      patientId: form.patientId.trim() || undefined,
      from: toInstant(form.from),
      to: toInstant(form.to),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <Select
          label={t('audit.partition')}
          searchable
          allowDeselect={false}
          data={[{ value: ANY, label: t('audit.anyPartition') }, ...partitions]}
          value={form.partition}
          onChange={(v) => set('partition', v)}
        />
        <Select
          label={t('audit.action')}
          searchable
          allowDeselect={false}
          data={[{ value: ANY, label: t('audit.anyAction') }, ...auditActionOptions((g) => t(`audit.groups.${g}`))]}
          value={form.action}
          onChange={(v) => set('action', v)}
        />
        <Select
          label={t('audit.outcome')}
          allowDeselect={false}
          data={(['any', 'success', 'denied'] as const).map((value) => ({ value, label: t(`audit.outcomeValue.${value}`) }))}
          value={form.outcome}
          onChange={(v) => set('outcome', v)}
        />
        <TextInput
          label={t('audit.actorId')}
          description={t('audit.idHint')}
          value={form.actorId}
          onChange={(e) => set('actorId', e.currentTarget.value)}
          spellCheck={false}
        />
        <TextInput
          label={t('audit.patientId')}
          description={t('audit.idHint')}
          value={form.patientId}
          onChange={(e) => set('patientId', e.currentTarget.value)}
          spellCheck={false}
        />
        <Group grow gap="sm" align="flex-start">
          <TextInput type="datetime-local" label={t('audit.from')} value={form.from} onChange={(e) => set('from', e.currentTarget.value)} />
          <TextInput type="datetime-local" label={t('audit.to')} value={form.to} onChange={(e) => set('to', e.currentTarget.value)} />
        </Group>
      </SimpleGrid>
      <Group mt="md" gap="sm">
        <Button type="submit">{t('audit.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setForm(blank);
            onApply({});
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}
