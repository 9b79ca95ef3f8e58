import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteMessage, discussionFileHref, discussionKey, editMessage, messagesQuery, type MessageView, type ThreadView } from '../../api/discussion-api.ts';
import type { PanelDetail } from '../../api/panels-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { MessageComposer } from './panel-discussion-composer.tsx';
import { mentionsIn, MentionTextarea, type Mentionable } from './panel-discussion-mentions.tsx';

interface Context {
  panelId: string;
  members: readonly Mentionable[];
  canPost: boolean;
  canOpenFiles: boolean;
  /** Names by message id, to say which message a nested reply answers. */
  authors: Map<string, string>;
}

function EditForm({ context, message, onDone }: { context: Context; message: MessageView; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(message.body);
  const mutation = useMutation({
    mutationFn: () => editMessage(context.panelId, message.id, { body: body.trim(), mentions: mentionsIn(body, context.members) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: discussionKey(context.panelId) });
      onDone();
    },
  });
  return (
    <form
      noValidate
      aria-label={t('discussion.editLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        if (body.trim() !== '') mutation.mutate();
      }}
    >
      <Stack gap="sm">
        <ProblemAlert error={mutation.error} />
        <MentionTextarea label={t('discussion.editLabel')} value={body} onChange={setBody} members={context.members} autoFocus />
        <Group gap="sm">
          <Button type="submit" loading={mutation.isPending}>
            {t('discussion.saveEdit')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteDialog({ context, message, onClose }: { context: Context; message: MessageView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => deleteMessage(context.panelId, message.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: discussionKey(context.panelId) });
      onClose();
    },
  });
  return (
    <Dialog opened onClose={onClose} title={t('discussion.deleteTitle')}>
      <Stack gap="md">
        <Text>{t('discussion.deleteText')}</Text>
        <ProblemAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {t('discussion.deleteConfirm')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function Message({ context, message, rootId, onReply }: { context: Context; message: MessageView; rootId: string; onReply: (message: MessageView) => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const headingId = `message-${message.id}`;
  const answers = message.parentId !== null && message.parentId !== rootId ? context.authors.get(message.parentId) : undefined;
  return (
    <Card withBorder padding="sm" component="article" aria-labelledby={headingId} ml={message.parentId ? 'xl' : 0}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} id={headingId}>
            {message.author.displayName}
          </Text>
          <Badge variant="outline" color="gray.8">
            {message.author.role ? t(`discussion.role.${message.author.role}`) : t('discussion.role.coordinator')}
          </Badge>
          <Text size="sm" c="dimmed">
            {format.dateTime(message.createdAt)}
            {message.editedAt && !message.deletedAt ? ` · ${t('discussion.edited')}` : ''}
          </Text>
        </Group>
        {answers && <Text size="sm">{t('discussion.inReplyTo', { name: answers })}</Text>}
        {message.deletedAt ? (
          <Text fs="italic">{t('discussion.deleted')}</Text>
        ) : editing ? (
          <EditForm context={context} message={message} onDone={() => setEditing(false)} />
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Text>
        )}
        {message.files.length > 0 && (
          <Stack gap={2} component="ul" aria-label={t('discussion.files.ofMessage')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {message.files.map((file) => (
              <li key={file.id}>
                {context.canOpenFiles ? (
                  <Anchor href={discussionFileHref(context.panelId, file.id)} download size="sm">
                    {t('discussion.files.download', { name: file.fileName ?? t('discussion.files.unnamed') })}
                  </Anchor>
                ) : (
                  <Text size="sm">{t('discussion.files.membersOnly', { name: file.fileName ?? t('discussion.files.unnamed') })}</Text>
                )}
              </li>
            ))}
          </Stack>
        )}
        {context.canPost && !message.deletedAt && !editing && (
          <Group gap="xs">
            <Button size="compact-sm" variant="subtle" onClick={() => onReply(message)} aria-label={t('discussion.replyTo', { name: message.author.displayName })}>
              {t('discussion.reply')}
            </Button>
            {message.mine && (
              <>
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
                  {t('discussion.edit')}
                </Button>
                <Button size="compact-sm" variant="subtle" onClick={() => setDeleting(true)}>
                  {t('discussion.delete')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
      {deleting && <DeleteDialog context={context} message={message} onClose={() => setDeleting(false)} />}
    </Card>
  );
}

function Thread({ context, thread }: { context: Context; thread: ThreadView }) {
  const { t } = useTranslation();
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  return (
    <Stack gap="xs" component="li">
      {[thread.root, ...thread.replies].map((message) => (
        <Message key={message.id} context={context} message={message} rootId={thread.root.id} onReply={setReplyTo} />
      ))}
      {replyTo && (
        <div style={{ marginLeft: 'var(--mantine-spacing-xl)' }}>
          <MessageComposer
            panelId={context.panelId}
            members={context.members}
            parentId={replyTo.id}
            label={t('discussion.replyLabel', { name: replyTo.author.displayName })}
            submitLabel={t('discussion.sendReply')}
            canAttach={context.canOpenFiles}
            onPosted={() => setReplyTo(null)}
            onCancel={() => setReplyTo(null)}
          />
        </div>
      )}
    </Stack>
  );
}

/** The threads, older pages on request, and a field for a new thread while the discussion runs. */
export function PanelDiscussionMessages({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery(messagesQuery(panel.id));
  const members = panel.members.filter((m) => m.status === 'accepted').map((m) => ({ personId: m.personId, displayName: m.displayName }));
  let body;
  if (pages.isPending) body = <LoadingState />;
  else if (pages.error) body = <QueryError error={pages.error} onRetry={() => void pages.refetch()} />;
  else {
    // Pages come newest first; each page is oldest first: shown oldest to newest overall.
    const threads = [...pages.data.pages].reverse().flatMap((page) => page.threads);
    const first = pages.data.pages[0]!;
    const authors = new Map(threads.flatMap((th) => [th.root, ...th.replies]).map((m) => [m.id, m.author.displayName]));
    const context: Context = { panelId: panel.id, members, canPost: first.canPost, canOpenFiles: first.canOpenFiles, authors };
    body = (
      <Stack gap="md">
        {pages.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
              {t('discussion.older')}
            </Button>
          </Group>
        )}
        {threads.length === 0 && <Text>{t('discussion.empty')}</Text>}
        <Stack gap="lg" component="ol" aria-label={t('discussion.threadsLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {threads.map((thread) => (
            <Thread key={thread.root.id} context={context} thread={thread} />
          ))}
        </Stack>
        {first.canPost ? (
          <MessageComposer panelId={panel.id} members={members} label={t('discussion.newThreadLabel')} submitLabel={t('discussion.post')} canAttach={first.canOpenFiles} />
        ) : (
          <Text size="sm">{t('discussion.closed')}</Text>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="discussion-heading">
      <Title order={3} size="h4" id="discussion-heading">
        {t('discussion.title')}
      </Title>
      {body}
    </Stack>
  );
}
