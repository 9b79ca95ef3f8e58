import { Alert, Button, Checkbox, Group, MultiSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_EXPERT_CONTRIBUTIONS } from '../../../../src/modules/panels/panel-lifecycle.contract.ts';
import { expertGroupsQuery, transitionPanel, type ExpertView, type PanelAction } from '../../api/panels-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { ExpertPicker } from './expert-picker.tsx';

export interface TransitionTarget {
  panelId: string;
  panelTitle: string;
  ernId: string;
  action: PanelAction;
  reason: 'required' | 'optional';
  needsAcknowledgement: boolean;
  expertContributionCount: number;
  /** People on the panel already (not offered when forwarding). */
  onPanel?: string[];
}

interface TransitionDialogProps {
  target: TransitionTarget;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * One step of the panel's lifecycle, confirmed: the reason where the step needs one (it is recorded and
 * shown to the panel), the acknowledgement when closing with too few expert contributions, and, when a
 * coordinator accepts a request, the experts it is forwarded to.
 */
export function TransitionDialog({ target, onClose, onDone }: TransitionDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [experts, setExperts] = useState<ExpertView[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const accepting = target.action === 'accept';
  const groups = useQuery({ ...expertGroupsQuery(target.ernId), enabled: accepting });
  const reasonRequired = target.reason === 'required' || target.needsAcknowledgement;
  const mutation = useMutation({
    mutationFn: () =>
      transitionPanel(target.panelId, target.action, {
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(target.needsAcknowledgement ? { acknowledgeFewContributions: acknowledged } : {}),
        ...(accepting && experts.length + groupIds.length > 0 ? { invite: { personIds: experts.map((e) => e.personId), expertGroupIds: groupIds } } : {}),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['panels'] });
      onDone(t(`panels.transitionDone.${target.action}`, { title: target.panelTitle }));
    },
  });
  const reasonMissing = tried && reasonRequired && reason.trim() === '';
  const acknowledgementMissing = tried && target.needsAcknowledgement && !acknowledged;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if ((reasonRequired && reason.trim() === '') || (target.needsAcknowledgement && !acknowledged)) return;
    mutation.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={t(`panels.transitionTitle.${target.action}`)} size={accepting ? 'xl' : 'lg'}>
      <form onSubmit={submit} noValidate aria-label={t(`panels.transitionTitle.${target.action}`)}>
        <Stack gap="md">
          <Text>{t(`panels.transitionText.${target.action}`, { title: target.panelTitle })}</Text>
          {target.needsAcknowledgement && (
            <Alert color="red" variant="light" title={t('panels.fewContributions.title')}>
              <Text size="sm">{t('panels.fewContributions.text', { count: target.expertContributionCount, minimum: MIN_EXPERT_CONTRIBUTIONS })}</Text>
            </Alert>
          )}
          <ProblemAlert error={mutation.error} />
          {accepting && (
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('panels.triage.forwardHeading')}
              </Title>
              <Text size="sm">{t('panels.triage.forwardHint')}</Text>
              <ExpertPicker selected={experts} onChange={setExperts} defaultErnId={target.ernId} exclude={target.onPanel} />
              <MultiSelect
                label={t('panels.triage.expertGroups')}
                placeholder={groups.data?.expertGroups.length ? undefined : t('panels.triage.noExpertGroups')}
                data={(groups.data?.expertGroups ?? []).map((g) => ({ value: g.id, label: t('panels.triage.groupOption', { name: g.name, count: g.members.length }) }))}
                value={groupIds}
                onChange={setGroupIds}
                searchable
              />
            </Stack>
          )}
          <Textarea
            label={reasonRequired ? t(`panels.reasonLabel.${target.action}`) : t('panels.reasonOptional')}
            description={t('panels.reasonHint')}
            required={reasonRequired}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonMissing ? t('panels.reasonMissing') : fieldProblem(mutation.error, 'reason')}
            data-autofocus={accepting ? undefined : true}
          />
          {target.needsAcknowledgement && (
            <Checkbox
              checked={acknowledged}
              onChange={(event) => setAcknowledged(event.currentTarget.checked)}
              label={t('panels.fewContributions.acknowledge')}
              error={acknowledgementMissing ? t('panels.fewContributions.acknowledgeMissing') : fieldProblem(mutation.error, 'acknowledgeFewContributions')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} color={target.action === 'cancel' || target.action === 'close' ? 'red.9' : undefined}>
              {t(`panels.action.${target.action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
