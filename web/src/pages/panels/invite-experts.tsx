import { Button, Group, MultiSelect, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expertGroupsQuery, inviteExperts, type ExpertView, type PanelDetail } from '../../api/panels-api.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ExpertPicker } from './expert-picker.tsx';

/** Invite experts from the directory (also of other networks) and saved expert groups; each gets a content-free e-mail. */
export function InviteExperts({ panel, onInvited }: { panel: PanelDetail; onInvited: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [experts, setExperts] = useState<ExpertView[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const groups = useQuery(expertGroupsQuery(panel.ern.id));
  const onPanel = panel.members.filter((m) => m.status !== 'declined').map((m) => m.personId);
  const mutation = useMutation({
    mutationFn: () => inviteExperts(panel.id, { personIds: experts.map((e) => e.personId), expertGroupIds: groupIds }),
    onSuccess: async ({ invited }) => {
      setExperts([]);
      setGroupIds([]);
      await queryClient.invalidateQueries({ queryKey: ['panels', panel.id] });
      onInvited(t('panels.members.invited', { count: invited.length }));
    },
  });
  return (
    <Stack gap="sm">
      <ExpertPicker selected={experts} onChange={setExperts} defaultErnId={panel.ern.id} exclude={onPanel} />
      <MultiSelect
        label={t('panels.triage.expertGroups')}
        placeholder={groups.data?.expertGroups.length ? undefined : t('panels.triage.noExpertGroups')}
        data={(groups.data?.expertGroups ?? []).map((g) => ({ value: g.id, label: t('panels.triage.groupOption', { name: g.name, count: g.members.length }) }))}
        value={groupIds}
        onChange={setGroupIds}
        searchable
      />
      <ProblemAlert error={mutation.error} />
      <Group>
        <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={experts.length + groupIds.length === 0}>
          {t('panels.members.invite')}
        </Button>
      </Group>
    </Stack>
  );
}
