import { Button, Card, Group, Progress, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../api/calls-api.ts';
import { useAudioLevel, useLocalMedia, type DeviceChoice } from './local-media.ts';
import { VideoTile } from './video-tile.tsx';
import classes from './call.module.css';

export interface JoinChoice extends DeviceChoice {
  mic: boolean;
  camera: boolean;
}

/** Before joining: pick the camera and microphone, see and hear yourself, choose to join with either off. */
export function PreJoin({ view, onJoin }: { view: CallView; onJoin: (choice: JoinChoice) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<DeviceChoice>({ audioId: undefined, videoId: undefined });
  const [mic, setMic] = useState(true);
  const [camera, setCamera] = useState(true);
  const media = useLocalMedia(choice);
  const level = useAudioLevel(media.stream);
  const options = (kind: MediaDeviceKind) => media.devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ value: d.deviceId, label: d.label || t('calls.device', { n: i + 1 }) }));
  const audioTrack = media.stream?.getAudioTracks()[0];
  const videoTrack = media.stream?.getVideoTracks()[0];
  const full = view.participants.length >= view.maxParticipants;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="prejoin-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="prejoin-heading">
          {t('calls.prejoin.heading')}
        </Title>
        <Text size="sm">{view.participants.length === 0 ? t('calls.prejoin.nobody') : t('calls.prejoin.inCall', { names: view.participants.map((p) => p.displayName).join(', ') })}</Text>
        <Group align="flex-start" grow>
          <div style={{ maxWidth: '28rem' }}>
            {media.stream && <VideoTile stream={media.stream} label={t('calls.myPreview')} caption={t('calls.me')} muted showVideo={camera && !!videoTrack} />}
          </div>
          <Stack gap="sm">
            <Select label={t('calls.prejoin.camera')} data={options('videoinput')} value={videoTrack?.getSettings().deviceId ?? null} onChange={(value) => setChoice((c) => ({ ...c, videoId: value ?? undefined }))} allowDeselect={false} />
            <Select label={t('calls.prejoin.microphone')} data={options('audioinput')} value={audioTrack?.getSettings().deviceId ?? null} onChange={(value) => setChoice((c) => ({ ...c, audioId: value ?? undefined }))} allowDeselect={false} />
            <div>
              <Text size="sm" id="prejoin-level">
                {t('calls.prejoin.level')}
              </Text>
              <Progress value={Math.round(level * 100)} className={classes.meter} aria-labelledby="prejoin-level" />
            </div>
            <Switch label={t('calls.prejoin.cameraOn')} checked={camera} onChange={(e) => setCamera(e.currentTarget.checked)} />
            <Switch label={t('calls.prejoin.micOn')} checked={mic} onChange={(e) => setMic(e.currentTarget.checked)} />
            {media.problem && <Text size="sm" c="red.9">{t('calls.prejoin.deviceProblem')}</Text>}
          </Stack>
        </Group>
        {full && <Text c="red.9">{t('calls.full', { max: view.maxParticipants })}</Text>}
        <Group>
          <Button onClick={() => onJoin({ ...choice, mic, camera })} disabled={!media.stream || full}>
            {t('calls.join')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
