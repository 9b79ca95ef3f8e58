import { Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endAllSessions } from '../../api/me-api.ts';
import { useSignOut } from '../../auth/use-sign-out.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Dialog } from '../../components/dialog.tsx';

/** Ends every session of this person, this one included (after asking), then shows the sign-in page. */
export function EndAllSessionsButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const { endedElsewhere } = useSignOut();
  const mutation = useMutation({ mutationFn: endAllSessions, onSuccess: endedElsewhere });
  return (
    <>
      <Button variant="outline" color="red.9" onClick={open}>
        {t('sessions.endAll')}
      </Button>
      <Dialog opened={opened} onClose={close} title={t('sessions.endAllTitle')}>
        <Text mb="md">{t('sessions.endAllText')}</Text>
        <ProblemAlert error={mutation.error} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {t('sessions.endAllConfirm')}
          </Button>
        </Group>
      </Dialog>
    </>
  );
}
