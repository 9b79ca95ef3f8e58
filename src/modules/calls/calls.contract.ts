import { z } from 'zod';

/** A mesh call: each participant sends its media to every other, so uplink grows with the call (see ARCHITECTURE.md). */
export const MAX_CALL_PARTICIPANTS = 8;
/** A page sends a heartbeat this often; a peer silent for HEARTBEAT_TIMEOUT_SECONDS is taken out of the call. */
export const HEARTBEAT_SECONDS = 15;
export const HEARTBEAT_TIMEOUT_SECONDS = 45;
/** An SDP offer with several tracks is a few KiB; this bounds a signal's payload. */
export const MAX_SIGNAL_PAYLOAD = 32_000;

/** The real-time stream of a panel's call; its events: participant.joined, participant.left, signal. */
export const callStream = (panelId: string) => `call:${panelId.toLowerCase()}`;

export const RTCIceServer = z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() });
export const IceServers = z.object({
  iceServers: z.array(RTCIceServer),
  /** When the TURN credentials stop working (null without TURN): the page asks again before then. */
  expiresAt: z.string().nullable(),
});
export type IceServers = z.infer<typeof IceServers>;

export const CallRole = z.enum(['lead', 'member', 'guest']);

export const CallParticipant = z.object({
  peerId: z.uuid(),
  personId: z.uuid(),
  displayName: z.string(),
  role: CallRole,
  joinedAt: z.string(),
});
export type CallParticipant = z.infer<typeof CallParticipant>;

/** The call as a member of the panel sees it (also before joining). */
export const CallView = z.object({
  panelId: z.uuid(),
  panelTitle: z.string(),
  callId: z.uuid().nullable(),
  participants: z.array(CallParticipant),
  maxParticipants: z.int(),
  /** Whether the panel's state lets a call run (open, or drafting its outcome). */
  canJoin: z.boolean(),
});
export type CallView = z.infer<typeof CallView>;

export const JoinedCall = z.object({
  callId: z.uuid(),
  peerId: z.uuid(),
  /** Everyone already in the call: the newcomer sends each of them an offer. */
  participants: z.array(CallParticipant),
  ice: IceServers,
  heartbeatSeconds: z.int(),
  /** The stream's counter when the peer joined: subscribe after it to get every later event. */
  streamHead: z.int(),
});
export type JoinedCall = z.infer<typeof JoinedCall>;

export const PeerBody = z.object({ peerId: z.uuid() }).strict();
export type PeerBody = z.infer<typeof PeerBody>;

export const HeartbeatAnswer = z.object({ participants: z.array(CallParticipant), ice: IceServers });
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswer>;

export const SignalKind = z.enum(['offer', 'answer', 'candidate']);
export const NewSignal = z
  .object({
    from: z.uuid(),
    to: z.uuid(),
    kind: SignalKind,
    /** The SDP, or the ICE candidate as JSON; relayed as is, never read by the server. */
    payload: z.string().min(1).max(MAX_SIGNAL_PAYLOAD),
  })
  .strict();
export type NewSignal = z.infer<typeof NewSignal>;

export const SignalView = z.object({ id: z.uuid(), from: z.uuid(), to: z.uuid(), kind: SignalKind, payload: z.string(), createdAt: z.string() });
export type SignalView = z.infer<typeof SignalView>;

/** The data of the call stream's events (ids only). */
export interface CallEventData {
  'participant.joined': { peerId: string; personId: string };
  'participant.left': { peerId: string; personId: string; reason: string };
  signal: { signalId: string; from: string; to: string; toPersonId: string; kind: z.infer<typeof SignalKind> };
}

/** One stream's budget by call size (the web app's adaptation uses the same table). */
export const STREAM_BUDGET = [
  { upTo: 2, kbps: 1500 },
  { upTo: 4, kbps: 700 },
  { upTo: MAX_CALL_PARTICIPANTS, kbps: 350 },
] as const;

export const NetworkRule = z.object({
  purpose: z.string(),
  host: z.string(),
  port: z.int(),
  protocol: z.enum(['TCP', 'UDP']),
  note: z.string(),
});

/** What a hospital's IT department must allow, generated from this installation's configuration. */
export const TechnicalRequirements = z.object({
  rules: z.array(NetworkRule),
  turnConfigured: z.boolean(),
  browsers: z.array(z.string()),
  bandwidth: z.array(z.object({ participants: z.int(), uploadKbps: z.int(), downloadKbps: z.int() })),
  maxParticipants: z.int(),
});
export type TechnicalRequirements = z.infer<typeof TechnicalRequirements>;

/** Bytes the setup check downloads to estimate the bandwidth. */
export const SPEED_TEST_BYTES = 1_000_000;
