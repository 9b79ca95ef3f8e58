import { Alert, Anchor, Button, Card, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { iceServersQuery, measureDownloadMbps } from '../../api/calls-api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAudioLevel, useLocalMedia } from './local-media.ts';
import { probeTurnPaths, type PathResult, type TurnPath } from './turn-probe.ts';
import { VideoTile } from './video-tile.tsx';
import classes from './call.module.css';

/** Download a four-person call needs (3 streams of 750 kbit/s, see the requirements page). */
const NEEDED_MBPS = 2.25;
const paths: TurnPath[] = ['udp', 'tcp', 'tls'];

interface NetworkResult {
  turn: Record<TurnPath, PathResult>;
  mbps: number | undefined;
}

const browserSupported = () => typeof RTCPeerConnection === 'function' && !!navigator.mediaDevices?.getUserMedia && typeof WebSocket === 'function';

/**
 * "Check my setup", before a meeting: the browser, the camera and microphone (preview, level), the way to the
 * TURN server over UDP, TCP and TLS, and the bandwidth — ending in a verdict a clinician can act on.
 */
export function SetupCheckPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const media = useLocalMedia({ audioId: undefined, videoId: undefined });
  const level = useAudioLevel(media.stream);
  const [network, setNetwork] = useState<NetworkResult | undefined>();
  const [running, setRunning] = useState(false);
  const supported = browserSupported();
  const hasCamera = !!media.stream?.getVideoTracks().length;
  const hasMic = !!media.stream?.getAudioTracks().length;

  const run = async () => {
    setRunning(true);
    try {
      const ice = await client.fetchQuery(iceServersQuery());
      const [turn, mbps] = await Promise.all([probeTurnPaths(ice), measureDownloadMbps().catch(() => undefined)]);
      setNetwork({ turn, mbps });
    } finally {
      setRunning(false);
    }
  };

  const problems: string[] = [];
  if (!supported) problems.push(t('setupCheck.problem.browser'));
  if (media.stream && !hasCamera) problems.push(t('setupCheck.problem.camera'));
  if (media.stream && !hasMic) problems.push(t('setupCheck.problem.microphone'));
  if (network) {
    const configured = paths.filter((p) => network.turn[p] !== 'notConfigured');
    if (configured.length > 0 && !configured.some((p) => network.turn[p] === 'reachable')) problems.push(t('setupCheck.problem.turn'));
    if (network.mbps !== undefined && network.mbps < NEEDED_MBPS) problems.push(t('setupCheck.problem.bandwidth', { mbps: network.mbps.toFixed(1) }));
  }

  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('setupCheck.title')}</PageHeading>
        <Text size="sm">{t('setupCheck.intro')}</Text>
        <Anchor renderRoot={(props) => <Link {...props} to="/calls/requirements" />} size="sm">
          {t('setupCheck.requirementsLink')}
        </Anchor>
      </div>
      <Card withBorder padding="lg" component="section" aria-labelledby="setup-devices">
        <Title order={2} size="h4" id="setup-devices" mb="sm">
          {t('setupCheck.devices')}
        </Title>
        <Text size="sm">{supported ? t('setupCheck.browserOk') : t('setupCheck.problem.browser')}</Text>
        <div style={{ maxWidth: '24rem' }}>{media.stream && <VideoTile stream={media.stream} label={t('calls.myPreview')} caption={t('calls.me')} muted showVideo={hasCamera} />}</div>
        <Text size="sm" id="setup-level" mt="sm">
          {t('calls.prejoin.level')}
        </Text>
        <Progress value={Math.round(level * 100)} className={classes.meter} aria-labelledby="setup-level" />
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="setup-network">
        <Title order={2} size="h4" id="setup-network" mb="sm">
          {t('setupCheck.network')}
        </Title>
        <Button onClick={() => void run()} loading={running} w="fit-content" mb="sm">
          {network ? t('setupCheck.runAgain') : t('setupCheck.run')}
        </Button>
        {network && (
          <Table aria-label={t('setupCheck.network')}>
            <Table.Tbody>
              {paths.map((p) => (
                <Table.Tr key={p}>
                  <Table.Th scope="row">{t(`setupCheck.path.${p}`)}</Table.Th>
                  <Table.Td>{t(`setupCheck.result.${network.turn[p]}`)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('setupCheck.bandwidth')}</Table.Th>
                <Table.Td>{network.mbps === undefined ? t('setupCheck.result.unreachable') : t('setupCheck.mbps', { mbps: network.mbps.toFixed(1) })}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {network && (
        <Alert color={problems.length === 0 ? 'green' : 'yellow'} variant="light" role="status" title={problems.length === 0 ? t('setupCheck.ready') : t('setupCheck.notReady')}>
          {problems.length > 0 && (
            <List size="sm">
              {problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </Stack>
  );
}
