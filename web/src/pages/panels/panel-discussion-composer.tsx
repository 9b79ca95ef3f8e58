import { Alert, Button, CloseButton, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { discussionKey, FileUploadCancelled, FileUploadInterrupted, postMessage, uploadDiscussionFile, type DiscussionFileView } from '../../api/discussion-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { mentionsIn, MentionTextarea, type Mentionable } from './panel-discussion-mentions.tsx';

/** A hint for the file picker only: the server decides by the file's content. */
const ACCEPT = '.pdf,application/pdf,image/png,image/jpeg,image/tiff,image/webp';

function useUploadProblem() {
  const { t } = useTranslation();
  return (error: unknown): string | null => {
    if (!error || error instanceof FileUploadCancelled) return null;
    if (error instanceof FileUploadInterrupted) return t('discussion.files.interrupted');
    if (error instanceof ApiError) return error.problem?.detail ?? t('common.failedStatus', { status: error.status });
    return t('common.unreachable');
  };
}

interface ComposerProps {
  panelId: string;
  members: readonly Mentionable[];
  /** The message answered; absent for a new thread. */
  parentId?: string;
  label: string;
  submitLabel: string;
  /** Members may attach files (coordinators write text only). */
  canAttach: boolean;
  onPosted?: () => void;
  onCancel?: () => void;
}

/**
 * Writes a message or a reply: text with @mentions of members and, for members, files uploaded first (with
 * their progress; a file can be cancelled while it uploads) and posted with the message.
 */
export function MessageComposer({ panelId, members, parentId, label, submitLabel, canAttach, onPosted, onCancel }: ComposerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const uploadProblem = useUploadProblem();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<DiscussionFileView[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const abort = useRef<() => void>(undefined);

  const upload = useMutation({
    mutationFn: (file: File) => {
      const started = uploadDiscussionFile(panelId, file, setProgress);
      abort.current = started.abort;
      return started.done;
    },
    onSuccess: (stored) => {
      setFiles((list) => [...list, stored]);
      setStatus(t('discussion.files.uploaded', { name: stored.fileName ?? '' }));
    },
    onError: (error) => {
      if (error instanceof FileUploadCancelled) setStatus(t('discussion.files.cancelled'));
    },
    onSettled: () => {
      abort.current = undefined;
      setProgress(null);
    },
  });

  const post = useMutation({
    mutationFn: () => postMessage(panelId, { body: body.trim(), parentId: parentId ?? null, mentions: mentionsIn(body, members), fileIds: files.map((f) => f.id) }),
    onSuccess: async () => {
      setBody('');
      setFiles([]);
      setStatus(parentId ? t('discussion.replied') : t('discussion.posted'));
      await queryClient.invalidateQueries({ queryKey: discussionKey(panelId) });
      onPosted?.();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    if (body.trim() !== '' && !upload.isPending) post.mutate();
  };
  const problem = uploadProblem(upload.error);
  const announced = upload.isPending && progress !== null ? t('discussion.files.progress', { percent: Math.floor(progress / 10) * 10 }) : '';

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        <ProblemAlert error={post.error} title={t('discussion.postFailed')} />
        <MentionTextarea label={label} value={body} onChange={setBody} members={members} error={fieldProblem(post.error, 'body') ?? fieldProblem(post.error, 'mentions')} disabled={post.isPending} autoFocus={parentId !== undefined} />
        {problem && (
          <Alert color="red" variant="light" role="alert" title={t('discussion.files.failed')}>
            {problem}
          </Alert>
        )}
        {files.length > 0 && (
          <Stack gap={4} aria-label={t('discussion.files.attached')} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {files.map((file) => (
              <Group component="li" key={file.id} gap="xs">
                <Text size="sm">{file.fileName ?? t('discussion.files.unnamed')}</Text>
                <CloseButton size="sm" aria-label={t('discussion.files.remove', { name: file.fileName ?? '' })} onClick={() => setFiles((list) => list.filter((f) => f.id !== file.id))} />
              </Group>
            ))}
          </Stack>
        )}
        {progress !== null && (
          <Group gap="sm" wrap="nowrap">
            <Progress value={progress} aria-label={t('discussion.files.progressLabel')} style={{ flex: 1 }} size="lg" />
            <Text size="sm" fw={500} aria-hidden miw="3rem" ta="right">{`${progress}%`}</Text>
          </Group>
        )}
        <Group gap="sm">
          <Button type="submit" loading={post.isPending} disabled={upload.isPending}>
            {submitLabel}
          </Button>
          {canAttach && (
            <FileButton onChange={(file) => file && upload.mutate(file)} accept={ACCEPT} disabled={upload.isPending || post.isPending}>
              {(props) => (
                <Button variant="default" {...props}>
                  {t('discussion.files.attach')}
                </Button>
              )}
            </FileButton>
          )}
          {upload.isPending && (
            <Button variant="default" onClick={() => abort.current?.()}>
              {t('discussion.files.cancel')}
            </Button>
          )}
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
        <StatusMessage>{announced || status}</StatusMessage>
      </Stack>
    </form>
  );
}
