import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createAffiliation, type PersonAdminView } from '../../api/admin-api.ts';
import { hospitalListQuery } from '../../api/onboarding-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import type { Role } from '../../auth/roles.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { Dialog } from '../../components/dialog.tsx';

/** Referrers are confirmed through their access request (stated hospital and country), not granted here. */
type GrantableRole = Exclude<Role, 'referrer'>;
const roleOrder: Record<GrantableRole, number> = {
  healthProfessional: 1,
  assistant: 2,
  guestExpert: 3,
  coordinator: 4,
  hospitalRepresentative: 5,
  dataProtectionOfficer: 6,
  researcher: 7,
  platformAdministrator: 8,
};
const roles = (Object.keys(roleOrder) as GrantableRole[]).sort((a, b) => roleOrder[a] - roleOrder[b]);

interface AffiliationDialogProps {
  person: PersonAdminView;
  onClose: () => void;
  onCreated: (text: string) => void;
}

/** Grants an affiliation directly (no access request): role, network and/or hospital, optional end date. */
export function AffiliationDialog({ person, onClose, onCreated }: AffiliationDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const erns = useQuery(ernListQuery);
  const hospitals = useQuery(hospitalListQuery);
  const [role, setRole] = useState<GrantableRole | null>(null);
  const [ernId, setErnId] = useState<string | null>(null);
  const [hospitalId, setHospitalId] = useState<string | null>(null);
  const [until, setUntil] = useState('');
  const create = useMutation({
    mutationFn: createAffiliation,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'people'] });
      onCreated(t('people.affiliationCreated', { name: person.displayName }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    const validUntil = until ? new Date(`${until}T23:59:59`).toISOString() : null;
    create.mutate({ personId: person.id, role, ernId, hospitalId, validUntil });
  };
  return (
    <Dialog opened onClose={onClose} title={t('people.addAffiliationFor', { name: person.displayName })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={create.error} />
          <Select
            label={t('people.role')}
            required
            data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
            value={role}
            onChange={(v) => setRole(roles.find((r) => r === v) ?? null)}
            error={fieldProblem(create.error, 'role')}
            data-autofocus
          />
          <Select
            label={t('people.ern')}
            clearable
            searchable
            data={(erns.data?.erns ?? []).map((e) => ({ value: e.id, label: e.name }))}
            value={ernId}
            onChange={setErnId}
            error={fieldProblem(create.error, 'ernId')}
          />
          <Select
            label={t('people.hospital')}
            clearable
            searchable
            data={(hospitals.data?.hospitals ?? []).map((h) => ({ value: h.id, label: `${h.name}, ${h.city}` }))}
            value={hospitalId}
            onChange={setHospitalId}
            error={fieldProblem(create.error, 'hospitalId')}
          />
          <TextInput
            type="date"
            label={t('people.validUntil')}
            description={t('people.validUntilHint')}
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
            error={fieldProblem(create.error, 'validUntil')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!role}>
              {t('people.addAffiliation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
