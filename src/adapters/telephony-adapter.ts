import type { Capabilities } from '../model/actions.js';
import type { DialResult, TargetRef } from '../model/interaction.js';
import type { CallOptions } from './callback-adapter.js';
import type { Unsubscribe } from './errors.js';

export type RegistrationStatus = 'offline' | 'connecting' | 'registered' | 'reconnecting' | 'failed';

/**
 * What the phone can do. The first six every adapter states; the others are optional: absent or
 * false means the adapter cannot (it may not even have the method), and the elements leave the
 * control out. `leaveConference` is true only where the conference lives in the network (a bridge),
 * so the others stay connected when the agent leaves.
 */
export type TelephonyCapabilities = Pick<
  Capabilities,
  'dial' | 'hold' | 'dtmf' | 'blindTransfer' | 'conference' | 'consultation'
> &
  Partial<Pick<Capabilities, 'mute' | 'alternate' | 'removeParticipant' | 'leaveConference'>>;

export type CallState = 'ringing' | 'dialing' | 'connected' | 'held' | 'ended';

/**
 * Why a call ended, when it was not simply the agent or the far end hanging up:
 * - `connection-lost`: the connection to the phone system dropped and the call could not be
 *   recovered (the network).
 * - `media-failed`: the agent's own phone (for the sip.js adapter, the browser) could not go on
 *   with the call, for example it refused the other side's session description, and ended it.
 * - `proxy`: the phone system between the two parties ended it (a SIP proxy's own BYE).
 */
export type CallEndReason = 'connection-lost' | 'media-failed' | 'proxy';

export interface CallInfo {
  id: string;
  direction: 'inbound' | 'outbound';
  state: CallState;
  remote: string;
  /** Set on `ended`: who hung up, or how a dial attempt failed. */
  endedBy?: 'local' | 'remote';
  dialResult?: DialResult;
  remoteHold?: boolean;
  /** The interaction this call carries, when known. */
  interactionId?: string;
  /** Callback data that came with an inbound call (e.g. SIP headers). Untrusted. */
  data?: Readonly<Record<string, string>>;
  /** This call is a consultation (or a conference leg being dialled) made from that call. */
  consultationOf?: string;
  /** An outbound call's far end is ringing (SIP 180/183). */
  alerting?: boolean;
  /** Addresses conferenced into this call besides the agent and `remote`. */
  participants?: readonly string[];
  /**
   * Set on `ended` when the call did not end by someone hanging up (see {@link CallEndReason}).
   * `endedBy` then says which side's equipment ended it: `local` for `media-failed`, `remote` for
   * `connection-lost` and `proxy`.
   */
  endReason?: CallEndReason;
  /**
   * With `endReason` (or a far end that gave a reason with its hang-up): the details as whoever
   * ended the call gave them, for example the browser's error or a SIP Reason header's text.
   * Not localized, untrusted: show it as text.
   */
  endDetail?: string;
  /** The agent's microphone is muted on this call (see {@link TelephonyAdapter.mute}). */
  muted?: boolean;
  /**
   * Set on an inbound call the phone refused as it arrived, never offered: it is published once,
   * already `ended` (`endedBy: 'local'`). `incompatible-media`: its audio cannot be connected from
   * here (for the sip.js adapter: the offer has no ICE or no DTLS-SRTP, so the far end needs a
   * WebRTC gateway; the caller got 488 Not Acceptable Here).
   */
  refused?: 'incompatible-media';
}

export interface DialRequest {
  number: string;
  interactionId?: string;
}

export interface DtmfOptions extends CallOptions {
  method?: 'rfc4733' | 'info';
  /**
   * Sensitive digits (a card number, a PIN): the far end still receives them, but the case
   * history of the interaction records one `•` per digit instead.
   */
  masked?: boolean;
}

/**
 * The phone: calls and what can be done with them. Implementations: simulated, sip.js, ...
 * Every change of a call is published to `onCall` subscribers with the whole new value.
 */
export interface TelephonyAdapter {
  readonly telephonyCapabilities: TelephonyCapabilities;

  status(): RegistrationStatus;
  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe;
  register(options?: CallOptions): Promise<void>;
  unregister(options?: CallOptions): Promise<void>;

  onCall(listener: (call: CallInfo) => void): Unsubscribe;
  getCall(id: string): CallInfo | undefined;

  answer(callId: string, options?: CallOptions): Promise<CallInfo>;
  decline(callId: string, options?: CallOptions): Promise<void>;
  /** Resolves once the call is dialing; its outcome arrives through `onCall`. */
  dial(request: DialRequest, options?: CallOptions): Promise<CallInfo>;
  hangUp(callId: string, options?: CallOptions): Promise<void>;
  hold(callId: string, options?: CallOptions): Promise<CallInfo>;
  resume(callId: string, options?: CallOptions): Promise<CallInfo>;
  sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void>;
  blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void>;
  /** Conference a target into the call at once. */
  conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo>;
  /** Holds `callId` and calls the target; resolves with the consultation call once it answers. */
  startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo>;
  completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void>;
  completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo>;
  /** Ends the consultation call and resumes the original one. */
  endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo>;

  /**
   * Mutes (or unmutes) the agent's microphone on a connected or held call: nobody on the call hears
   * the agent, the agent still hears them. Muting a muted call changes nothing. The new value is
   * published as `CallInfo.muted`. Capability `mute`.
   */
  mute?(callId: string, muted: boolean, options?: CallOptions): Promise<CallInfo>;
  /**
   * During an answered consultation: holds the party the agent talks with and resumes the other
   * (the customer's call, or the consultation call). Resolves with the customer's call. Completing
   * the transfer or conference, or ending the consultation, works from either side. Capability
   * `alternate`.
   */
  alternate?(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo>;
  /**
   * Drops one party (by `target.address`, else `target.id`) from a conference on the call; the agent
   * and the others stay. `not-found` when the target is not in it. Capability `removeParticipant`.
   */
  removeParticipant?(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo>;
  /**
   * The agent leaves a conference: the call ends for the agent, the contact and the others stay
   * connected to one another. Capability `leaveConference`.
   */
  leaveConference?(callId: string, options?: CallOptions): Promise<void>;
}
