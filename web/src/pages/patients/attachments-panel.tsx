import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentContentHref, attachmentsQuery, type AttachmentView } from '../../api/attachments-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { AttachmentUploadForm } from './attachment-upload-form.tsx';
import { DeleteAttachmentDialog } from './delete-attachment-dialog.tsx';

/** A size in the person's language: bytes, kB or MB (decimal, as file managers show them). */
function useFileSize() {
  const { i18n } = useTranslation();
  return (bytes: number) => {
    const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
    return new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  };
}

/** The patient's files (enrolling hospital's staff): list, download, delete, and the upload form. */
export function AttachmentsPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const size = useFileSize();
  const me = useSignedInSession().person.id;
  const files = useQuery(attachmentsQuery(patientId));
  const [deleting, setDeleting] = useState<AttachmentView | null>(null);
  const [status, setStatus] = useState('');
  const nameOf = (file: AttachmentView) => file.fileName ?? t('attachments.unnamed');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="attachments-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="attachments-heading">
          {t('attachments.title')}
        </Title>
        {files.isPending && <LoadingState />}
        {files.error && <QueryError error={files.error} onRetry={() => void files.refetch()} />}
        {files.data && files.data.attachments.length === 0 && <Text>{t('attachments.empty')}</Text>}
        {files.data && files.data.attachments.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs">
              <Table.Caption>{t('attachments.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('attachments.name')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.kind')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.size')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.uploadedColumn')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {files.data.attachments.map((file) => (
                  <Table.Tr key={file.id}>
                    <Table.Th scope="row" fw={500}>
                      {nameOf(file)}
                      {file.description && (
                        <Text size="sm" c="dimmed" fw={400}>
                          {file.description}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{t(`attachments.kindValue.${file.kind}`)}</Table.Td>
                    <Table.Td>{size(file.size)}</Table.Td>
                    <Table.Td>{t('attachments.uploadedBy', { who: file.uploadedBy === me ? t('attachments.byYou') : t('attachments.byColleague'), when: format.dateTime(file.uploadedAt) })}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button component="a" size="xs" variant="default" href={attachmentContentHref(patientId, file.id)} download={file.fileName ?? true} aria-label={t('attachments.downloadNamed', { name: nameOf(file) })}>
                          {t('attachments.download')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setDeleting(file)} aria-label={t('attachments.deleteNamed', { name: nameOf(file) })}>
                          {t('attachments.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <StatusMessage>{status}</StatusMessage>
        <Title order={3} size="h4" id="attachment-upload-heading">
          {t('attachments.uploadTitle')}
        </Title>
        <AttachmentUploadForm patientId={patientId} />
      </Stack>
      <DeleteAttachmentDialog patientId={patientId} attachment={deleting} onClose={() => setDeleting(null)} onDeleted={(name) => setStatus(t('attachments.deleted', { name }))} />
    </Card>
  );
}
