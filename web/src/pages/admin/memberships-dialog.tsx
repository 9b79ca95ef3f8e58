import { Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../../src/modules/organisations/organisations.contract.ts';
import { endMembership, setMembership, type MembershipType } from '../../api/admin-api.ts';
import { hospitalListQuery } from '../../api/onboarding-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Dialog } from '../../components/dialog.tsx';

const types: MembershipType[] = ['fullMember', 'affiliatedPartner'];

/** A hospital's standing in each network: set (full member or affiliated partner) or end. */
export function MembershipsDialog({ hospital, onClose }: { hospital: Hospital; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const erns = useQuery(ernListQuery);
  const [ernId, setErnId] = useState<string | null>(null);
  const [type, setType] = useState<MembershipType>('fullMember');
  const refresh = () => queryClient.invalidateQueries({ queryKey: hospitalListQuery.queryKey });
  const set = useMutation({ mutationFn: () => setMembership(hospital.id, ernId ?? '', type), onSuccess: refresh });
  const end = useMutation({ mutationFn: (id: string) => endMembership(hospital.id, id), onSuccess: refresh });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ernId) set.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={t('hospitals.membershipsOf', { name: hospital.name })} size="lg">
      <Stack gap="md">
        <ProblemAlert error={set.error ?? end.error} />
        {hospital.memberships.length === 0 ? (
          <Text>{t('hospitals.noMemberships')}</Text>
        ) : (
          <List spacing="xs" aria-label={t('hospitals.memberships')}>
            {hospital.memberships.map((m) => (
              <List.Item key={m.ernId}>
                <Group gap="sm">
                  <Text span>{`${m.ernCode.toUpperCase()} · ${t(`hospitals.type.${m.type}`)}`}</Text>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    loading={end.isPending && end.variables === m.ernId}
                    onClick={() => end.mutate(m.ernId)}
                    aria-label={t('hospitals.endMembershipIn', { ern: m.ernCode.toUpperCase() })}
                  >
                    {t('hospitals.endMembership')}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <Select
              label={t('hospitals.ern')}
              searchable
              required
              data={(erns.data?.erns ?? []).map((e) => ({ value: e.id, label: e.name }))}
              value={ernId}
              onChange={setErnId}
            />
            <Select
              label={t('hospitals.membershipType')}
              data={types.map((value) => ({ value, label: t(`hospitals.type.${value}`) }))}
              value={type}
              onChange={(v) => setType(types.find((x) => x === v) ?? 'fullMember')}
              allowDeselect={false}
            />
            <Button type="submit" loading={set.isPending} disabled={!ernId}>
              {t('hospitals.setMembership')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Dialog>
  );
}
