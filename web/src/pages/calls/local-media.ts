import { useEffect, useState } from 'react';

export interface DeviceChoice {
  audioId: string | undefined;
  videoId: string | undefined;
}

export interface LocalMedia {
  stream: MediaStream | undefined;
  devices: MediaDeviceInfo[];
  /** Why the camera or microphone could not be opened (permission refused, no device, in use). */
  problem: string | undefined;
}

/** Asks for camera and microphone; a refused or missing device leaves the other usable. */
async function openMedia(choice: DeviceChoice): Promise<{ stream: MediaStream; problem: string | undefined }> {
  if (!navigator.mediaDevices?.getUserMedia) return { stream: new MediaStream(), problem: 'NotSupportedError' };
  const video: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, ...(choice.videoId ? { deviceId: { exact: choice.videoId } } : {}) };
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, ...(choice.audioId ? { deviceId: { exact: choice.audioId } } : {}) };
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio, video }), problem: undefined };
  } catch (both) {
    const stream = new MediaStream();
    for (const constraints of [{ audio }, { video }]) {
      try {
        for (const track of (await navigator.mediaDevices.getUserMedia(constraints)).getTracks()) stream.addTrack(track);
      } catch {
        // this one is unavailable; the other may work
      }
    }
    return { stream, problem: (both as Error).name };
  }
}

/** Camera and microphone for the chosen devices, reopened when the choice changes, stopped on unmount. */
export function useLocalMedia(choice: DeviceChoice): LocalMedia {
  const { audioId, videoId } = choice;
  const [media, setMedia] = useState<LocalMedia>({ stream: undefined, devices: [], problem: undefined });
  useEffect(() => {
    let stopped = false;
    let opened: MediaStream | undefined;
    void openMedia({ audioId, videoId }).then(async ({ stream, problem }) => {
      opened = stream;
      if (stopped) return stream.getTracks().forEach((t) => t.stop());
      const devices = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
      setMedia({ stream, devices, problem });
    });
    return () => {
      stopped = true;
      opened?.getTracks().forEach((t) => t.stop());
    };
  }, [audioId, videoId]);
  return media;
}

/** The microphone's loudness (0..1), measured with an AnalyserNode a few times a second. */
export function useAudioLevel(stream: MediaStream | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    }, 150);
    return () => {
      clearInterval(timer);
      void context.close();
    };
  }, [stream]);
  return level;
}
