import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callQuery, callStreamOf } from '../../api/calls-api.ts';
import { useStream } from '../../api/realtime.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { InCall } from './in-call.tsx';
import { PreJoin, type JoinChoice } from './pre-join.tsx';

const resumeKey = (panelId: string) => `cpms.call.${panelId}`;

/** The choice this tab joined with, kept for the tab's life: a reloaded page goes straight back into the call. */
function readResume(panelId: string): JoinChoice | undefined {
  try {
    const raw = window.sessionStorage.getItem(resumeKey(panelId));
    return raw ? (JSON.parse(raw) as JoinChoice) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A panel's call: before joining, the devices and a preview; then the call. Only the panel's members get past
 * the first request (the server answers everyone else "not found" or "not allowed"). The call's stream is
 * followed from the start, so the join and everything after it arrive on an open subscription.
 */
export function CallPage({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const call = useQuery(callQuery(panelId));
  const [joined, setJoined] = useState<JoinChoice | undefined>(() => readResume(panelId));
  const [left, setLeft] = useState(false);
  const [onEvent, setOnEvent] = useState<((e: Parameters<Parameters<typeof useStream>[1]>[0]) => void) | undefined>();
  useStream(call.data ? callStreamOf(panelId) : undefined, (event) => {
    onEvent?.(event);
    if (event.eventType !== 'signal') void call.refetch();
  });

  const join = (choice: JoinChoice) => {
    window.sessionStorage.setItem(resumeKey(panelId), JSON.stringify(choice));
    setLeft(false);
    setJoined(choice);
  };
  const leave = () => {
    window.sessionStorage.removeItem(resumeKey(panelId));
    setJoined(undefined);
    setLeft(true);
  };

  const back = (
    <Anchor renderRoot={(props) => <Link {...props} to="/panels/$panelId" params={{ panelId }} />} size="sm">
      {t('calls.backToPanel')}
    </Anchor>
  );
  if (call.isPending) return <LoadingState />;
  if (call.error)
    return (
      <Stack>
        <PageHeading>{t('calls.title')}</PageHeading>
        <QueryError error={call.error} onRetry={() => void call.refetch()} />
      </Stack>
    );
  const view = call.data;
  return (
    <Stack gap="md">
      <div>
        {back}
        <PageHeading>{t('calls.titleOf', { title: view.panelTitle })}</PageHeading>
        <Text size="sm">{t('calls.privacy')}</Text>
        <Anchor renderRoot={(props) => <Link {...props} to="/calls/setup-check" />} size="sm">
          {t('setupCheck.nav')}
        </Anchor>
      </div>
      {left && (
        <Alert color="clinicalBlue" variant="light" role="status">
          {t('calls.youLeft')}
        </Alert>
      )}
      {!view.canJoin && !joined ? (
        <Alert color="yellow" variant="light">
          {t('calls.notRunning')}
        </Alert>
      ) : joined ? (
        <InCall panelId={panelId} choice={joined} onLeft={leave} listen={(handler) => setOnEvent(() => handler)} />
      ) : (
        <PreJoin view={view} onJoin={join} />
      )}
      {left && (
        <Button variant="outline" onClick={() => setLeft(false)} w="fit-content">
          {t('calls.rejoin')}
        </Button>
      )}
    </Stack>
  );
}
