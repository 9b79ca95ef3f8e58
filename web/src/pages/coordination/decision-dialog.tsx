import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { approveAccessRequest, rejectAccessRequest, type AccessRequestView } from '../../api/onboarding-api.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Dialog } from '../../components/dialog.tsx';

interface DecisionDialogProps {
  request: AccessRequestView;
  decision: 'approve' | 'reject';
  onClose: () => void;
  onDecided: (message: string) => void;
}

/** Approve (the reason is optional) or reject (the person reads the reason, so it is required). */
export function DecisionDialog({ request, decision, onClose, onDecided }: DecisionDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const approving = decision === 'approve';
  const mutation = useMutation({
    mutationFn: () => (approving ? approveAccessRequest(request.id, reason) : rejectAccessRequest(request.id, reason)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['access-requests'] });
      onDecided(t(approving ? 'coordination.approved' : 'coordination.rejected', { name: request.person.displayName }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = !approving && reason.trim().length < 3;
    setMissing(blank);
    if (!blank) mutation.mutate();
  };
  const who = { name: request.person.displayName, role: t(`roles.${request.role}`), ern: request.ern.name };
  return (
    <Dialog opened onClose={onClose} title={t(approving ? 'coordination.approveTitle' : 'coordination.rejectTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t(approving ? 'coordination.approveText' : 'coordination.rejectText', who)}</Text>
          <ProblemAlert error={mutation.error} />
          <Textarea
            label={t(approving ? 'coordination.approveReason' : 'coordination.rejectReason')}
            description={t('coordination.reasonHint')}
            required={!approving}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={missing ? t('coordination.reasonMissing') : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={approving ? undefined : 'red.9'} loading={mutation.isPending}>
              {t(approving ? 'coordination.approve' : 'coordination.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
