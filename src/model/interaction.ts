/**
 * The value types of a callback interaction. Plain data, no DOM, no vendor types. Everything that
 * came from a caller, a web form or an IVR (names, case data, instructions) is untrusted text: the
 * elements render it as text, never as HTML.
 */

export type Channel = 'voice' | 'web-callback';

/** GMS callback types; `preview` is "delayed, with agent preview". */
export type CallbackType = 'immediate' | 'delayed' | 'scheduled' | 'preview';

export const CALLBACK_TYPES: readonly CallbackType[] = ['immediate', 'delayed', 'scheduled', 'preview'];

export interface Contact {
  id?: string;
  name: string;
  /** The number to call back, as received (validated before dialing). */
  phone: string;
  email?: string;
  /** A number that accepts SMS, when different from `phone` or known to. */
  sms?: string;
  /** A chat or messaging handle. */
  chat?: string;
  /** IANA time zone of the contact, e.g. `America/New_York`. */
  timeZone?: string;
}

export interface Offer {
  offeredAt: number;
  /** When the offer goes back to routing if nobody accepts it (epoch ms). */
  expiresAt: number;
  /** The agent may reject (a privilege, or the GMS `_agent_preview_allow_reject` option). */
  canReject: boolean;
}

/** One field gathered by the IVR or the web form, in the order it was gathered. Untrusted. */
export interface CaseField {
  key: string;
  /** A display label supplied by the backend; `key` is shown when absent. */
  label?: string;
  value: string;
}

/** Dial result of one attempt to reach the contact (GMS `_CB_DIAL_<n>_RESULT`). */
export type DialResult =
  | 'connected'
  | 'no-answer'
  | 'busy'
  | 'answering-machine'
  | 'fax'
  | 'error'
  | 'cancelled';

export interface Attempt {
  at: number;
  number: string;
  result: DialResult;
}

/** A party the agent can transfer to, conference in or consult, chosen in the team communicator. */
export interface TargetRef {
  kind: 'agent' | 'queue' | 'routing-point' | 'skill' | 'contact';
  id: string;
  name: string;
  /** The address the telephony adapter dials (extension, SIP URI, E.164 number). */
  address?: string;
}

export interface DispositionRef {
  code: string;
  label: string;
}

/** Reason given when a callback is scheduled again (web callback "Schedule callback"). */
export type RescheduleReason = 'no-answer' | 'busy' | 'unavailable' | 'answering-machine' | 'requested';

export type ConsultationOutcome = 'transferred' | 'conferenced' | 'returned' | 'declined' | 'no-answer';

/**
 * Who or what ended a call: the agent, the contact, the agent's own phone or browser (it could not
 * go on with the call), the network (the connection to the phone system was lost) or the phone
 * service between the two (a proxy that ended it).
 */
export type HangUpBy = 'agent' | 'contact' | 'phone' | 'network' | 'service';

/** One timestamped line of the case history. */
export type HistoryEntry = { at: number } & (
  | { kind: 'accepted' }
  | { kind: 'dial'; number: string; result?: DialResult }
  | { kind: 'dtmf'; digits: string; masked: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'hold' }
  | { kind: 'resume' }
  | { kind: 'transfer'; target: TargetRef }
  | { kind: 'conference'; target: TargetRef }
  | { kind: 'participant-left'; target: TargetRef }
  /** The agent left a conference; the contact and the others stayed on the call. */
  | { kind: 'left-conference' }
  | { kind: 'consultation-started'; target: TargetRef }
  | { kind: 'consultation-ended'; target: TargetRef; outcome: ConsultationOutcome }
  | { kind: 'rescheduled'; time: number; number?: string; reason?: RescheduleReason }
  | { kind: 'disposition'; disposition: DispositionRef }
  /** The call ended; `reason` (untrusted, not localized) says why when the phone gave one. */
  | { kind: 'hang-up'; by: HangUpBy; reason?: string }
  | { kind: 'done' }
);

export type HistoryKind = HistoryEntry['kind'];

/**
 * Where the interaction is. Offer: `offered` → `rejected` | `expired` | `revoked` | accepted.
 * Web callback once accepted: `ready-to-call` → `dialing` → `connected` ⇄ `held` → `ready-to-call`
 * (after either side hangs up) → `done` (Mark done, or Schedule callback: a web callback scheduled
 * for another time closes with `rescheduled` as its last history entry). Voice once accepted:
 * `connected` ⇄ `held` → `ended` → `done`. A consultation is a sub-state of `held` (see {@link Consultation}); after Alternate, of
 * `connected`, with the consulted party held. After the call (`ended`, or a web callback back to
 * `ready-to-call` after a hang-up) the agent is in after-call work until Mark done (see
 * `afterCallWorkSince`).
 */
export type InteractionState =
  | 'offered'
  | 'rejected'
  | 'expired'
  | 'revoked'
  | 'ready-to-call'
  | 'dialing'
  | 'connected'
  | 'held'
  | 'ended'
  | 'done';

export const INTERACTION_STATES: readonly InteractionState[] = [
  'offered',
  'rejected',
  'expired',
  'revoked',
  'ready-to-call',
  'dialing',
  'connected',
  'held',
  'ended',
  'done',
];

/**
 * Why an offer was withdrawn, when the adapter knows. `incompatible-media`: the call's audio cannot
 * be connected from the browser (the caller's side needs a WebRTC gateway), so the phone refused it
 * as it arrived; the agent is told, not offered it.
 */
export type RevokedReason = 'incompatible-media';

/** A second call to a target while the customer is held. */
export interface Consultation {
  target: TargetRef;
  state: 'dialing' | 'connected';
  /**
   * After Alternate: the consulted party is on hold and the agent talks with the customer (the
   * interaction is then `connected`). Absent while the customer is the one held.
   */
  held?: boolean;
  /** Telephony id of the consultation call, when the adapter gives one. */
  callId?: string;
}

/** What the callback service reported about the customer's side of the callback (GMS reporting keys). */
export interface CallbackReport {
  /** When the callback was offered to the customer (`_CB_T_CALLBACK_OFFERED`). */
  offeredToCustomerAt?: number;
  /** When the customer accepted the callback offer (`_CB_T_CALLBACK_ACCEPTED`). */
  acceptedByCustomerAt?: number;
  /** Estimated wait, in seconds, when the callback was offered (`_CB_EWT_WHEN_CALLBACK_WAS_OFFERED`). */
  ewtSeconds?: number;
  /** Position in queue when the callback was offered (`_CB_POS_WHEN_CALLBACK_WAS_OFFERED`). */
  queuePosition?: number;
}

export interface Interaction {
  id: string;
  channel: Channel;
  callbackType: CallbackType;
  state: InteractionState;
  contact: Contact;
  /** When the customer asked to be called (epoch ms); absent = as soon as possible. */
  desiredTime?: number;
  offer: Offer;
  /** What the customer wants, from the form or IVR. Untrusted. */
  subject?: string;
  /** Instructions for the agent, from the callback service. Untrusted. */
  instructions?: string;
  caseData: readonly CaseField[];
  attempts: readonly Attempt[];
  history: readonly HistoryEntry[];
  consultation?: Consultation;
  /** Others conferenced into the call, besides the agent and the contact. */
  participants?: readonly TargetRef[];
  /** Held by the remote side (shown, but not something the agent resumes). */
  remoteHold?: boolean;
  /** The agent's microphone is muted on the call: the contact (and everyone else on it) does not hear the agent. */
  muted?: boolean;
  /** When the current call was connected (for the duration timer). */
  connectedAt?: number;
  disposition?: DispositionRef;
  /** The note the agent is writing; it joins the history when saved. */
  note: string;
  /** Id of the telephony call carrying this interaction, when there is one. */
  callId?: string;
  /** Reporting data from the callback service, when it sends any. */
  report?: CallbackReport;
  /** Set on a `revoked` interaction when the adapter said why it was withdrawn. */
  revokedReason?: RevokedReason;
}

/** A disposition code or a folder of them. */
export interface DispositionNode {
  code: string;
  label: string;
  children?: readonly DispositionNode[];
}

/** A time the callback service can still take, with how many callbacks fit. */
export interface AvailabilitySlot {
  start: number;
  end: number;
  capacity: number;
}
