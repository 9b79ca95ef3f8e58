import { Badge, Card, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import classes from './call.module.css';

/** One video with a caption; `label` names it for assistive technology (and for the browser tests). */
export function VideoTile({ stream, label, caption, muted, speaking, showVideo, badges }: { stream: MediaStream; label: string; caption: string; muted?: boolean; speaking?: boolean; showVideo: boolean; badges?: string[] }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) video.current.srcObject = stream;
  }, [stream]);
  return (
    <Card withBorder padding={0} className={speaking ? `${classes.tile} ${classes.speaking}` : classes.tile} aria-label={caption}>
      <video ref={video} className={classes.video} autoPlay playsInline muted={muted ?? false} aria-label={label} hidden={!showVideo} />
      {!showVideo && <div className={classes.placeholder} aria-hidden="true">{caption.slice(0, 1)}</div>}
      <Group gap={4} className={classes.caption} wrap="nowrap">
        <Text size="sm" fw={600} c="white" truncate>
          {caption}
        </Text>
        {badges?.map((b) => (
          <Badge key={b} size="xs" color="dark" variant="filled">
            {b}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}
