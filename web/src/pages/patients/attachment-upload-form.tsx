import { Alert, Button, FileInput, Group, Progress, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { UploadCancelled, UploadInterrupted, uploadAttachment, type AttachmentKind, type AttachmentView, type NewAttachment } from '../../api/attachments-api.ts';
import { StatusMessage } from '../../components/status-message.tsx';

export const attachmentKinds: AttachmentKind[] = ['document', 'report', 'image', 'photograph', 'vcf', 'consentForm'];

/** What the file picker offers for each kind: a hint only — the server decides by the file's content. */
const pickerAccepts: Record<AttachmentKind, string> = {
  document: '.pdf,application/pdf,image/png,image/jpeg,image/tiff,image/webp',
  report: '.pdf,application/pdf',
  image: 'image/png,image/jpeg,image/tiff,image/webp',
  photograph: 'image/png,image/jpeg,image/tiff,image/webp',
  vcf: '.vcf,text/x-vcf,text/vcf',
  consentForm: '.pdf,application/pdf,image/png,image/jpeg,image/tiff',
};

/** Why an upload did not work, in words a person can act on; the server's own detail where it gave one. */
function useUploadProblem() {
  const { t } = useTranslation();
  return (error: unknown, kind: AttachmentKind | null): { title: string; text: string } | null => {
    if (!error || error instanceof UploadCancelled) return null;
    if (error instanceof UploadInterrupted) return { title: t('attachments.interrupted'), text: t('attachments.interruptedText') };
    if (!(error instanceof ApiError)) return { title: t('attachments.failed'), text: t('common.unreachable') };
    const detail = error.problem?.detail;
    if (error.status === 413) return { title: t('attachments.tooLarge'), text: detail ?? t('attachments.tooLargeText') };
    if (error.status === 415 || error.status === 422) return { title: t('attachments.wrongType'), text: detail ?? t('attachments.wrongTypeText') };
    if ((error.status === 403 || error.status === 409) && kind === 'photograph') return { title: t('attachments.noPhotographConsent'), text: detail ?? t('attachments.noPhotographConsentText') };
    return { title: t('attachments.failed'), text: detail ?? t('common.failedStatus', { status: error.status }) };
  };
}

/**
 * Uploads one file with its kind and description, showing the upload's progress (a bar, and the
 * percentage announced politely in steps) and a way to cancel it.
 */
export function AttachmentUploadForm({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problemOf = useUploadProblem();
  const [kind, setKind] = useState<AttachmentKind | null>(null);
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const [status, setStatus] = useState('');
  const abort = useRef<() => void>(undefined);
  const upload = useMutation({
    mutationFn: (input: NewAttachment) => {
      const started = uploadAttachment(patientId, input, setProgress);
      abort.current = started.abort;
      return started.done;
    },
    onSuccess: async (stored: AttachmentView) => {
      setStatus(t('attachments.uploaded', { name: stored.fileName ?? '' }));
      setFile(null);
      setDescription('');
      await queryClient.invalidateQueries({ queryKey: ['patients', patientId, 'attachments'] });
    },
    onError: (error) => {
      setProgress(null);
      if (error instanceof UploadCancelled) setStatus(t('attachments.cancelled'));
    },
    onSettled: () => {
      abort.current = undefined;
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    setMissing(kind === null || file === null);
    if (kind === null || file === null) return;
    setProgress(0);
    upload.mutate({ kind, description: description.trim(), file });
  };
  const problem = problemOf(upload.error, kind);
  // Announced in steps of ten, so a screen reader is told how far it is without being flooded.
  const announced = upload.isPending && progress !== null ? t('attachments.progress', { percent: Math.floor(progress / 10) * 10 }) : '';

  return (
    <form onSubmit={submit} noValidate aria-labelledby="attachment-upload-heading">
      <Stack gap="sm">
        {problem && (
          <Alert color="red" variant="light" role="alert" title={problem.title}>
            {problem.text}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('attachments.kind')}
            data={attachmentKinds.map((value) => ({ value, label: t(`attachments.kindValue.${value}`) }))}
            value={kind}
            onChange={setKind}
            allowDeselect={false}
            required
            disabled={upload.isPending}
            error={missing && kind === null ? t('attachments.chooseKind') : undefined}
            description={kind === 'photograph' ? t('attachments.photographHint') : undefined}
          />
          <TextInput label={t('attachments.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={500} disabled={upload.isPending} />
          <FileInput
            label={t('attachments.file')}
            placeholder={t('attachments.chooseFilePlaceholder')}
            accept={kind ? pickerAccepts[kind] : undefined}
            value={file}
            onChange={setFile}
            required
            clearable
            clearButtonProps={{ 'aria-label': t('attachments.clearFile') }}
            disabled={upload.isPending}
            error={missing && file === null ? t('attachments.chooseFile') : undefined}
          />
        </SimpleGrid>
        {progress !== null && (
          <Group gap="sm" wrap="nowrap">
            <Progress value={progress} aria-label={t('attachments.progressLabel')} style={{ flex: 1 }} size="lg" />
            <Text size="sm" fw={500} aria-hidden miw="3rem" ta="right">
              {`${progress}%`}
            </Text>
          </Group>
        )}
        <Group>
          <Button type="submit" loading={upload.isPending}>
            {t('attachments.upload')}
          </Button>
          {upload.isPending && (
            <Button variant="default" onClick={() => abort.current?.()}>
              {t('attachments.cancel')}
            </Button>
          )}
        </Group>
        <StatusMessage>{announced || status}</StatusMessage>
      </Stack>
    </form>
  );
}
