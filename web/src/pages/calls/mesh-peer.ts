/** What each side tells the other over the peer's data channel (no server involved). */
export interface PeerState {
  mic: boolean;
  camera: boolean;
  screen: boolean;
}

export interface LocalTracks {
  audio: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

const GATHER_WAIT_MS = 1500;

type SignalOut = (kind: 'offer' | 'answer' | 'candidate', payload: string) => Promise<void>;

/**
 * One WebRTC connection to one other participant. Three transceivers in a fixed order — audio, camera, screen —
 * negotiated once, so sharing a screen or turning the camera off never renegotiates: the sender's track is
 * replaced. A negotiated data channel carries the small state (mic, camera, screen) peer to peer.
 */
export class MeshPeer {
  readonly pc: RTCPeerConnection;
  readonly camera = new MediaStream();
  readonly screen = new MediaStream();
  remoteState: PeerState = { mic: true, camera: true, screen: false };
  readonly #channel: RTCDataChannel;
  readonly #send: SignalOut;
  readonly #pendingCandidates: RTCIceCandidateInit[] = [];
  #queue: Promise<void> = Promise.resolve();
  /** Candidates found before the SDP is sent travel inside it; only later ones are sent one by one. */
  #sdpSent = false;

  constructor(config: RTCConfiguration, send: SignalOut, onChange: () => void) {
    this.pc = new RTCPeerConnection({ ...config, bundlePolicy: 'max-bundle' });
    this.#send = send;
    this.#channel = this.pc.createDataChannel('state', { negotiated: true, id: 0 });
    this.#channel.onmessage = (event) => {
      try {
        this.remoteState = JSON.parse(String(event.data)) as PeerState;
        onChange();
      } catch {
        // ignore a malformed state
      }
    };
    this.pc.onicecandidate = (event) => {
      if (event.candidate && this.#sdpSent) void this.#send('candidate', JSON.stringify(event.candidate.toJSON())).catch(() => undefined);
    };
    this.pc.ontrack = (event) => {
      const index = this.pc.getTransceivers().indexOf(event.transceiver);
      const target = index === 2 ? this.screen : this.camera;
      for (const old of target.getTracks()) if (old.kind === event.track.kind) target.removeTrack(old);
      target.addTrack(event.track);
      onChange();
    };
    this.pc.onconnectionstatechange = onChange;
    this.#channel.onopen = onChange;
  }

  /** The side that joined later offers, with its tracks in the fixed order. */
  async offer(tracks: LocalTracks, stream: MediaStream): Promise<void> {
    this.pc.addTransceiver(tracks.audio ?? 'audio', { direction: 'sendrecv', streams: [stream] });
    this.pc.addTransceiver(tracks.camera ?? 'video', { direction: 'sendrecv', streams: [stream] });
    this.pc.addTransceiver(tracks.screen ?? 'video', { direction: 'sendrecv' });
    await this.#sendDescription('offer');
  }

  /**
   * Sends the local description once the candidates are gathered, or after GATHER_WAIT_MS at the latest (a slow
   * TURN server): one signal instead of dozens, then any late candidate on its own.
   */
  async #sendDescription(kind: 'offer' | 'answer'): Promise<void> {
    await this.pc.setLocalDescription();
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, GATHER_WAIT_MS);
        const pc = this.pc;
        function done() {
          clearTimeout(timer);
          pc.removeEventListener('icegatheringstatechange', onChange);
          resolve();
        }
        function onChange() {
          if (pc.iceGatheringState === 'complete') done();
        }
        pc.addEventListener('icegatheringstatechange', onChange);
      });
    }
    const sdp = this.pc.localDescription!.sdp;
    this.#sdpSent = true;
    await this.#send(kind, sdp);
  }

  /** Signals are handled one at a time, in the order they arrived. */
  receive(kind: 'offer' | 'answer' | 'candidate', payload: string, tracks: LocalTracks): Promise<void> {
    this.#queue = this.#queue.then(() => this.#receive(kind, payload, tracks)).catch(() => undefined);
    return this.#queue;
  }

  async #receive(kind: 'offer' | 'answer' | 'candidate', payload: string, tracks: LocalTracks): Promise<void> {
    if (kind === 'candidate') {
      const candidate = JSON.parse(payload) as RTCIceCandidateInit;
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(candidate);
      else this.#pendingCandidates.push(candidate);
      return;
    }
    await this.pc.setRemoteDescription({ type: kind, sdp: payload });
    if (kind === 'offer') {
      const [audio, camera, screen] = this.pc.getTransceivers();
      const own: (MediaStreamTrack | null)[] = [tracks.audio, tracks.camera, tracks.screen];
      for (const [i, transceiver] of [audio, camera, screen].entries()) {
        if (!transceiver) continue;
        transceiver.direction = 'sendrecv';
        await transceiver.sender.replaceTrack(own[i] ?? null);
      }
      await this.#sendDescription('answer');
    }
    for (const candidate of this.#pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate);
  }

  async replace(slot: 'audio' | 'camera' | 'screen', track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.pc.getTransceivers()[slot === 'audio' ? 0 : slot === 'camera' ? 1 : 2];
    if (transceiver) await transceiver.sender.replaceTrack(track);
  }

  sendState(state: PeerState): void {
    if (this.#channel.readyState === 'open') this.#channel.send(JSON.stringify(state));
  }

  /** Fewer pixels and bits per stream as the call grows: each participant uploads one stream per other participant. */
  async adapt(participants: number): Promise<void> {
    const sender = this.pc.getTransceivers()[1]?.sender;
    if (!sender?.track) return;
    const parameters = sender.getParameters();
    if (!parameters.encodings || parameters.encodings.length === 0) return;
    const [bitrate, scale] = participants <= 2 ? [1_500_000, 1] : participants <= 4 ? [700_000, 1.5] : [350_000, 2.5];
    for (const encoding of parameters.encodings) {
      encoding.maxBitrate = bitrate;
      encoding.scaleResolutionDownBy = scale;
    }
    await sender.setParameters(parameters).catch(() => undefined);
  }

  /** The loudness of this participant's audio now (0..1), from the receiver's statistics. */
  async audioLevel(): Promise<number> {
    let level = 0;
    const stats = await this.pc.getStats().catch(() => undefined);
    stats?.forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio' && typeof report.audioLevel === 'number') level = Math.max(level, report.audioLevel);
    });
    return level;
  }

  close(): void {
    this.#channel.close();
    this.pc.close();
  }
}
