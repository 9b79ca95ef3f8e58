import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deleteAttachment, type AttachmentView } from '../../api/attachments-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';

/** Asks before deleting a file; a signed consent form a consent cites is refused by the server (409), said here. */
export function DeleteAttachmentDialog({ patientId, attachment, onClose, onDeleted }: { patientId: string; attachment: AttachmentView | null; onClose: () => void; onDeleted: (name: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const name = attachment?.fileName ?? t('attachments.unnamed');
  const remove = useMutation({
    mutationFn: (id: string) => deleteAttachment(patientId, id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['patients', patientId, 'attachments'] });
      onDeleted(name);
      onClose();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog opened={attachment !== null} onClose={close} title={t('attachments.deleteTitle')}>
      <Stack gap="sm">
        <Text>{t('attachments.deleteText', { name })}</Text>
        <ProblemAlert error={remove.error} title={t('attachments.deleteFailed')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" loading={remove.isPending} onClick={() => attachment && remove.mutate(attachment.id)}>
            {t('attachments.delete')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
