import { Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveOnUnload } from '../../api/calls-api.ts';
import type { RealtimeEvent } from '../../api/realtime.ts';
import { useLocalMedia } from './local-media.ts';
import { MeshCall, type CallSnapshot } from './mesh-call.ts';
import type { JoinChoice } from './pre-join.tsx';
import { VideoTile } from './video-tile.tsx';
import classes from './call.module.css';

const initial: CallSnapshot = { status: 'joining', peerId: undefined, remotes: [], participants: [], speaking: undefined, problem: undefined };

/** The call itself: tiles with names and roles, the active speaker, mute, camera, screen sharing, who is here, leave. */
export function InCall({ panelId, choice, onLeft, listen }: { panelId: string; choice: JoinChoice; onLeft: () => void; listen: (handler: (event: RealtimeEvent) => void) => void }) {
  const { t } = useTranslation();
  const media = useLocalMedia(choice);
  const [snapshot, setSnapshot] = useState<CallSnapshot>(initial);
  const [mic, setMic] = useState(choice.mic);
  const [camera, setCamera] = useState(choice.camera);
  const [sharing, setSharing] = useState(false);
  const mesh = useRef<MeshCall | undefined>(undefined);

  useEffect(() => {
    if (!media.stream) return;
    const call = new MeshCall({ panelId, local: media.stream, state: { mic: choice.mic, camera: choice.camera, screen: false }, onChange: setSnapshot });
    mesh.current = call;
    listen((event) => call.handle(event));
    void call.start();
    const onPageHide = () => {
      if (call.peerId) leaveOnUnload(panelId, call.peerId);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      call.dispose();
    };
    // The call lives as long as this stream; the choice is fixed for its life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [media.stream, panelId]);

  const toggleMic = () => {
    mesh.current?.setMic(!mic);
    setMic(!mic);
  };
  const toggleCamera = () => {
    mesh.current?.setCamera(!camera);
    setCamera(!camera);
  };
  const toggleScreen = async () => {
    if (sharing) {
      await mesh.current?.stopScreen();
      setSharing(false);
      return;
    }
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (!track) return;
      track.addEventListener('ended', () => setSharing(false));
      await mesh.current?.shareScreen(track);
      setSharing(true);
    } catch {
      // the person cancelled the browser's picker
    }
  };
  const leave = async () => {
    await mesh.current?.leave();
    onLeft();
  };

  const role = (r: 'lead' | 'member' | 'guest') => t(`calls.role.${r}`);
  const { status } = snapshot;
  if (status === 'replaced' || status === 'full' || status === 'refused') {
    return (
      <Alert color={status === 'replaced' ? 'clinicalBlue' : 'red'} variant="light" role="alert">
        {status === 'replaced' ? t('calls.replaced') : status === 'full' ? (snapshot.problem ?? '') : t('calls.refused', { detail: snapshot.problem ?? '' })}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Text role="status" size="sm">
        {status === 'joining' ? t('calls.joining') : status === 'reconnecting' ? t('calls.reconnecting') : t('calls.inCall', { count: snapshot.participants.length + 1 })}
      </Text>
      <Group>
        <Button variant={mic ? 'filled' : 'outline'} onClick={toggleMic} aria-pressed={!mic}>
          {mic ? t('calls.mute') : t('calls.unmute')}
        </Button>
        <Button variant={camera ? 'filled' : 'outline'} onClick={toggleCamera} aria-pressed={!camera}>
          {camera ? t('calls.cameraOff') : t('calls.cameraOn')}
        </Button>
        <Button variant="outline" onClick={() => void toggleScreen()} aria-pressed={sharing}>
          {sharing ? t('calls.stopSharing') : t('calls.shareScreen')}
        </Button>
        <Button color="red.9" onClick={() => void leave()}>
          {t('calls.leave')}
        </Button>
      </Group>
      <section aria-label={t('calls.tiles')} className={classes.grid}>
        {media.stream && <VideoTile stream={media.stream} label={t('calls.myPreview')} caption={t('calls.me')} muted showVideo={camera} badges={mic ? [] : [t('calls.muted')]} />}
        {snapshot.remotes.map((r) => (
          <VideoTile
            key={r.participant.peerId}
            stream={r.camera}
            label={t('calls.cameraOf', { name: r.participant.displayName })}
            caption={`${r.participant.displayName} (${role(r.participant.role)})`}
            speaking={snapshot.speaking === r.participant.peerId}
            showVideo={r.state.camera}
            badges={[...(r.state.mic ? [] : [t('calls.muted')]), ...(snapshot.speaking === r.participant.peerId ? [t('calls.speaking')] : []), ...(r.connection === 'connected' ? [] : [t('calls.connecting')])]}
          />
        ))}
        {snapshot.remotes
          .filter((r) => r.state.screen)
          .map((r) => (
            <VideoTile key={`${r.participant.peerId}-screen`} stream={r.screen} label={t('calls.screenOf', { name: r.participant.displayName })} caption={t('calls.screenCaption', { name: r.participant.displayName })} muted showVideo />
          ))}
      </section>
      <Card withBorder padding="md" component="section" aria-labelledby="participants-heading">
        <Title order={2} size="h5" id="participants-heading" mb="xs">
          {t('calls.participants')}
        </Title>
        <List>
          <List.Item>{t('calls.me')}</List.Item>
          {snapshot.participants.map((p) => (
            <List.Item key={p.peerId}>
              {p.displayName} ({role(p.role)})
            </List.Item>
          ))}
        </List>
      </Card>
    </Stack>
  );
}
