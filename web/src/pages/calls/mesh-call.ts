import { ApiError } from '../../api/api-client.ts';
import { callStreamOf, fetchSignal, joinCall, leaveCall, sendHeartbeat, sendSignal, type CallParticipant, type IceServers } from '../../api/calls-api.ts';
import { realtime, type RealtimeEvent } from '../../api/realtime.ts';
import { MeshPeer, type LocalTracks, type PeerState } from './mesh-peer.ts';

export type CallStatus = 'joining' | 'inCall' | 'reconnecting' | 'replaced' | 'full' | 'refused' | 'left';

export interface RemoteView {
  participant: CallParticipant;
  camera: MediaStream;
  screen: MediaStream;
  state: PeerState;
  connection: RTCPeerConnectionState;
}

export interface CallSnapshot {
  status: CallStatus;
  peerId: string | undefined;
  remotes: RemoteView[];
  /** Everyone else in the call (also those whose connection is still being set up). */
  participants: CallParticipant[];
  /** The remote peer speaking loudest now, if anyone is. */
  speaking: string | undefined;
  problem: string | undefined;
}

export interface MeshCallOptions {
  panelId: string;
  /** Microphone and camera as chosen before joining (either may be off or missing). */
  local: MediaStream;
  state: PeerState;
  onChange: (snapshot: CallSnapshot) => void;
}

const SPEAKING_LEVEL = 0.02;

/**
 * The browser's side of a panel call: a WebRTC mesh. Joining returns who is already there; the newcomer offers
 * to each. Signals travel through the server (POST, then an event on the call's stream naming the signal, which
 * the addressee fetches). Anything that breaks — a failed connection, a heartbeat the server no longer knows,
 * the network coming back — rejoins as a new peer; the others see the old one leave and the new one arrive.
 */
export class MeshCall {
  readonly #o: MeshCallOptions;
  readonly #peers = new Map<string, MeshPeer>();
  readonly #participants = new Map<string, CallParticipant>();
  #peerId: string | undefined;
  #ice: IceServers = { iceServers: [], expiresAt: null };
  #status: CallStatus = 'joining';
  #state: PeerState;
  #screen: MediaStreamTrack | null = null;
  #speaking: string | undefined;
  #problem: string | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #levels: ReturnType<typeof setInterval> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #rejoining = false;
  readonly #onOnline = () => {
    if (this.#status === 'reconnecting') void this.#join();
  };

  constructor(options: MeshCallOptions) {
    this.#o = options;
    this.#state = options.state;
    this.#applyLocalState();
    window.addEventListener('online', this.#onOnline);
  }

  get peerId(): string | undefined {
    return this.#peerId;
  }

  /** 'relay' forces media through the TURN server (the setup check and its test use it to prove that path). */
  static get iceTransportPolicy(): RTCIceTransportPolicy {
    return window.sessionStorage.getItem('cpms.iceTransportPolicy') === 'relay' ? 'relay' : 'all';
  }

  /** Joins once the call's stream is subscribed, so no event after the join can be missed. */
  async start(): Promise<void> {
    await realtime.subscribed(callStreamOf(this.#o.panelId));
    await this.#join();
    this.#levels = setInterval(() => void this.#measureLevels(), 500);
  }

  handle(event: RealtimeEvent): void {
    if (!this.#peerId) return;
    const data = event.data as { peerId?: string; reason?: string; signalId?: string; to?: string; from?: string; kind?: string };
    if (event.eventType === 'participant.left' && data.peerId) {
      if (data.peerId === this.#peerId) {
        if (data.reason === 'rejoined') this.#stop('replaced');
        else if (data.reason === 'timedOut') void this.#rejoin();
        return;
      }
      this.#drop(data.peerId);
    } else if (event.eventType === 'participant.joined') {
      void this.#beat();
    } else if (event.eventType === 'signal' && data.to === this.#peerId && data.signalId && data.from) {
      void this.#onSignal(data.signalId, data.from);
    }
  }

  setMic(on: boolean): void {
    this.#state = { ...this.#state, mic: on };
    this.#applyLocalState();
  }

  setCamera(on: boolean): void {
    this.#state = { ...this.#state, camera: on };
    this.#applyLocalState();
  }

  async shareScreen(track: MediaStreamTrack): Promise<void> {
    this.#screen = track;
    track.addEventListener('ended', () => void this.stopScreen());
    for (const peer of this.#peers.values()) await peer.replace('screen', track);
    this.#state = { ...this.#state, screen: true };
    this.#applyLocalState();
  }

  async stopScreen(): Promise<void> {
    if (!this.#screen) return;
    this.#screen.stop();
    this.#screen = null;
    for (const peer of this.#peers.values()) await peer.replace('screen', null);
    this.#state = { ...this.#state, screen: false };
    this.#applyLocalState();
  }

  async leave(): Promise<void> {
    const peerId = this.#peerId;
    this.#stop('left');
    if (peerId) await leaveCall(this.#o.panelId, peerId).catch(() => undefined);
  }

  /** Stops everything on this page without telling the server (the page is going away; see leaveOnUnload). */
  dispose(): void {
    this.#stop(this.#status === 'inCall' ? 'left' : this.#status);
  }

  #tracks(): LocalTracks {
    return { audio: this.#o.local.getAudioTracks()[0] ?? null, camera: this.#o.local.getVideoTracks()[0] ?? null, screen: this.#screen };
  }

  #applyLocalState(): void {
    for (const track of this.#o.local.getAudioTracks()) track.enabled = this.#state.mic;
    for (const track of this.#o.local.getVideoTracks()) track.enabled = this.#state.camera;
    for (const peer of this.#peers.values()) peer.sendState(this.#state);
    this.#emit();
  }

  async #join(): Promise<void> {
    clearTimeout(this.#retry);
    this.#closePeers();
    try {
      const joined = await joinCall(this.#o.panelId);
      if (this.#status === 'left' || this.#status === 'replaced') {
        await leaveCall(this.#o.panelId, joined.peerId).catch(() => undefined);
        return;
      }
      this.#peerId = joined.peerId;
      this.#ice = joined.ice;
      this.#participants.clear();
      for (const p of joined.participants) this.#participants.set(p.peerId, p);
      this.#status = 'inCall';
      this.#problem = undefined;
      clearInterval(this.#heartbeat);
      this.#heartbeat = setInterval(() => void this.#beat(), joined.heartbeatSeconds * 1000);
      for (const p of joined.participants) {
        const peer = this.#peer(p.peerId);
        void peer.offer(this.#tracks(), this.#o.local).catch(() => undefined);
      }
      this.#emit();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && /full/i.test(error.message)) return this.#stop('full', error.message);
      if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 409)) return this.#stop('refused', error.message);
      // The network is down or the server restarting: try again, sooner when the browser says it is back online.
      this.#status = 'reconnecting';
      this.#emit();
      this.#retry = setTimeout(() => void this.#join(), 3000);
    }
  }

  async #rejoin(): Promise<void> {
    if (this.#rejoining || this.#status === 'left' || this.#status === 'replaced') return;
    this.#rejoining = true;
    this.#status = 'reconnecting';
    this.#peerId = undefined;
    this.#emit();
    try {
      await this.#join();
    } finally {
      this.#rejoining = false;
    }
  }

  #peer(remotePeerId: string): MeshPeer {
    let peer = this.#peers.get(remotePeerId);
    if (peer) return peer;
    const from = this.#peerId!;
    const send = (kind: 'offer' | 'answer' | 'candidate', payload: string) => sendSignal(this.#o.panelId, { from, to: remotePeerId, kind, payload }).then(() => undefined);
    const config: RTCConfiguration = { iceServers: this.#ice.iceServers, iceTransportPolicy: MeshCall.iceTransportPolicy };
    peer = new MeshPeer(config, send, () => this.#onPeerChange(remotePeerId));
    this.#peers.set(remotePeerId, peer);
    return peer;
  }

  #onPeerChange(remotePeerId: string): void {
    const peer = this.#peers.get(remotePeerId);
    if (!peer) return;
    if (peer.pc.connectionState === 'connected') {
      peer.sendState(this.#state);
      void peer.adapt(this.#peers.size + 1);
    }
    if (peer.pc.connectionState === 'failed') void this.#rejoin();
    this.#emit();
  }

  async #onSignal(signalId: string, from: string): Promise<void> {
    try {
      const signal = await fetchSignal(this.#o.panelId, signalId);
      if (signal.to !== this.#peerId) return;
      if (!this.#participants.has(from)) await this.#beat();
      await this.#peer(from).receive(signal.kind, signal.payload, this.#tracks());
    } catch {
      // a signal of a peer that left meanwhile: nothing to do
    }
  }

  /** Tells the server this page is still here; learns who is in the call and refreshes the TURN credentials. */
  async #beat(): Promise<void> {
    const peerId = this.#peerId;
    if (!peerId) return;
    try {
      const answer = await sendHeartbeat(this.#o.panelId, peerId);
      this.#ice = answer.ice;
      // Adds and renames only: an answer may predate a join that crossed it. Leaving is the participant.left event.
      for (const p of answer.participants) if (p.peerId !== peerId) this.#participants.set(p.peerId, p);
      for (const peer of this.#peers.values()) peer.pc.setConfiguration({ iceServers: answer.ice.iceServers, iceTransportPolicy: MeshCall.iceTransportPolicy });
      for (const peer of this.#peers.values()) void peer.adapt(this.#participants.size + 1);
      this.#emit();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && peerId === this.#peerId) void this.#rejoin();
    }
  }

  async #measureLevels(): Promise<void> {
    let loudest: string | undefined;
    let max = SPEAKING_LEVEL;
    for (const [id, peer] of this.#peers) {
      const level = await peer.audioLevel();
      if (level > max) [loudest, max] = [id, level];
    }
    if (loudest !== this.#speaking) {
      this.#speaking = loudest;
      this.#emit();
    }
  }

  #drop(remotePeerId: string): void {
    this.#peers.get(remotePeerId)?.close();
    this.#peers.delete(remotePeerId);
    this.#participants.delete(remotePeerId);
    this.#emit();
  }

  #closePeers(): void {
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
  }

  #stop(status: CallStatus, problem?: string): void {
    this.#status = status;
    this.#problem = problem;
    this.#peerId = undefined;
    clearInterval(this.#heartbeat);
    clearInterval(this.#levels);
    clearTimeout(this.#retry);
    window.removeEventListener('online', this.#onOnline);
    this.#closePeers();
    this.#screen?.stop();
    this.#emit();
  }

  #emit(): void {
    const remotes: RemoteView[] = [];
    for (const [id, peer] of this.#peers) {
      const participant = this.#participants.get(id);
      if (participant) remotes.push({ participant, camera: peer.camera, screen: peer.screen, state: peer.remoteState, connection: peer.pc.connectionState });
    }
    this.#o.onChange({ status: this.#status, peerId: this.#peerId, remotes, participants: [...this.#participants.values()], speaking: this.#speaking, problem: this.#problem });
  }
}
