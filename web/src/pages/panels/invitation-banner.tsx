import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptInvitation, declineInvitation, type PanelDetail } from '../../api/panels-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/**
 * My open invitation to this panel: accept (I join in the invited role) or decline with a reason the lead
 * reads — after which the panel is no longer mine to see, so the board opens.
 */
export function InvitationBanner({ panel, onAnswered }: { panel: PanelDetail; onAnswered: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['panels'] });
  const accept = useMutation({
    mutationFn: () => acceptInvitation(panel.id),
    onSuccess: async () => {
      await refresh();
      onAnswered(t('panels.invitation.accepted'));
    },
  });
  const decline = useMutation({
    mutationFn: () => declineInvitation(panel.id, reason.trim()),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['panels', panel.id] });
      await navigate({ to: '/panels', search: { declined: true } });
      await queryClient.invalidateQueries({ queryKey: ['panels', 'board'] });
    },
  });
  if (!panel.myInvitation) return null;
  const tooShort = reason.trim().length < 3;
  const submitDecline = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!tooShort) decline.mutate();
  };
  return (
    <Alert color="clinicalBlue" variant="light" title={t('panels.invitation.title', { role: t(`panels.role.${panel.myInvitation.role}`) })} role="region" aria-label={t('panels.invitation.label')}>
      <Stack gap="sm">
        <Text size="sm">{t('panels.invitation.text', { when: format.dateTime(panel.myInvitation.invitedAt), lead: panel.lead?.displayName ?? '' })}</Text>
        <ProblemAlert error={accept.error} />
        <Group gap="sm">
          <Button onClick={() => accept.mutate()} loading={accept.isPending}>
            {t('panels.invitation.accept')}
          </Button>
          <Button variant="outline" onClick={() => setDeclining(true)}>
            {t('panels.invitation.decline')}
          </Button>
        </Group>
      </Stack>
      {declining && (
        <Dialog opened onClose={() => setDeclining(false)} title={t('panels.invitation.declineTitle')} size="lg">
          <form onSubmit={submitDecline} noValidate aria-label={t('panels.invitation.declineTitle')}>
            <Stack gap="md">
              <ProblemAlert error={decline.error} />
              <Textarea
                label={t('panels.invitation.declineReason')}
                description={t('panels.invitation.declineHint')}
                required
                autosize
                minRows={3}
                maxLength={2000}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                error={tried && tooShort ? t('panels.invitation.declineMissing') : fieldProblem(decline.error, 'reason')}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDeclining(false)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="red.9" loading={decline.isPending}>
                  {t('panels.invitation.decline')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Dialog>
      )}
    </Alert>
  );
}
