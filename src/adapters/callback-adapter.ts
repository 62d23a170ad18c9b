import type { Capabilities, Policy } from '../model/actions.js';
import type {
  AvailabilitySlot,
  Channel,
  DispositionRef,
  Interaction,
  RescheduleReason,
} from '../model/interaction.js';
import type { Unsubscribe } from './errors.js';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RescheduleRequest {
  /** New desired time (epoch ms, UTC on the wire). */
  time: number;
  /** Call back on another number (needs the privilege). */
  number?: string;
  reason?: RescheduleReason;
}

export interface AvailabilityQuery {
  from: number;
  to: number;
  /** IANA zone the service should bucket days in (GMS availability v2). */
  timeZone?: string;
}

export interface MarkDoneRequest {
  disposition?: DispositionRef;
  /** A last note to attach to the history. */
  note?: string;
}

export type AgentReadyState = 'ready' | 'not-ready';

/** Why the agent is not ready: a code for the backend and reports, a label to show. */
export interface NotReadyReason {
  code: string;
  label: string;
  /**
   * What the reason means beyond its label, for the elements to word it in the agent's language:
   * `after-call-work` is the backend's after-call work (a work mode rather than a reason code).
   */
  kind?: 'after-call-work';
}

export interface ReadyStateOptions extends CallOptions {
  /** Not ready for this reason: the `code` of one of the adapter's {@link CallbackAdapter.notReadyReasons}. */
  reason?: string;
}

export interface NotReadyReasonsOptions extends CallOptions {
  /** The agent's language (BCP 47), for backends that label reasons per language. */
  locale?: string;
}

/** What a backend says of the agent's state on a channel beyond Ready / Not ready. */
export interface ReadyStateDetail {
  state: AgentReadyState;
  /** Why not ready, as the backend has it (whoever chose it). */
  reason?: NotReadyReason;
  /** In after-call work (a backend's work mode). */
  afterCallWork?: boolean;
  /** Do Not Disturb is on: nothing is routed to the agent, whatever the state. */
  dnd?: boolean;
}

/** Why an offer left the agent without an answer from them. */
export type RevokeReason = 'expired' | 'revoked';

export interface CallbackCapabilities extends Pick<Capabilities, 'reschedule'> {
  /** The service can list open slots for rescheduling. */
  availability: boolean;
  /** The service can look up other open callbacks for the same number. */
  duplicateLookup: boolean;
}

/**
 * The callback service as the elements see it: offers arrive, the agent accepts or rejects,
 * reschedules and marks done. Implementations: simulated (in-browser), GMS (REST), ...
 *
 * Every interaction change, whatever its cause (agent action, customer hang-up, expiry), is
 * published to `onInteraction` subscribers with the whole new interaction.
 */
export interface CallbackAdapter {
  readonly callbackCapabilities: CallbackCapabilities;

  /**
   * Where this adapter's interaction ids are unique, as a stable string (a backend's address and
   * service). The agent's unsent work is kept per scope across reloads: work stored for `cb-1` of
   * one backend is never shown on `cb-1` of another. An adapter whose ids restart with each
   * instance (the simulated contact center) gives each instance its own scope. Without one, work
   * read back after a reload goes to the first adapter that asks for that id.
   */
  readonly workScope?: string;

  /**
   * The rules this backend enforces (a mandatory disposition, whether offers may be rejected,
   * rescheduling on a new number, ...), read afresh each time. The elements apply it under the
   * `policy` a page sets explicitly (which wins field by field) and above the defaults, so a rule
   * the service enforces is shown before the agent runs into its refusal. Optional: an adapter
   * without one leaves the policy to the page.
   */
  readonly policy?: Readonly<Partial<Policy>>;

  /**
   * Called with the new `policy` each time it changes (an administrator changed a privilege, the
   * service's configuration was reloaded). Returns an unsubscribe function. Optional: without it,
   * `policy` is taken to be fixed.
   */
  onPolicy?(listener: (policy: Readonly<Partial<Policy>>) => void): Unsubscribe;

  /** Called with each new offer. Returns an unsubscribe function. */
  onOffer(listener: (interaction: Interaction) => void): Unsubscribe;
  /** Called with the new value each time an interaction changes. */
  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe;
  /** The interaction as last known, or undefined. */
  getInteraction(id: string): Interaction | undefined;
  /** Interactions currently offered to or held by the agent. */
  listInteractions(): Interaction[];

  accept(id: string, options?: CallOptions): Promise<Interaction>;
  reject(id: string, options?: CallOptions): Promise<Interaction>;
  reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction>;
  availability(id: string, query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]>;
  setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction>;
  addNote(id: string, text: string, options?: CallOptions): Promise<Interaction>;
  markDone(id: string, request?: MarkDoneRequest, options?: CallOptions): Promise<Interaction>;
  /** Other open callbacks for the same number (duplicate warning). */
  findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]>;

  getReadyState(channel: Channel): AgentReadyState;
  /** `options.reason`: why not ready, a code from `notReadyReasons` (ignored by adapters without them). */
  setReadyState(channel: Channel, state: AgentReadyState, options?: ReadyStateOptions): Promise<void>;
  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe;

  /**
   * The reasons the backend offers for going not ready (its configured reason codes, its presence
   * definitions), each code accepted as `setReadyState`'s `reason`. Optional: without it the
   * elements offer the page's reasons and keep the chosen one in the page.
   */
  notReadyReasons?(options?: NotReadyReasonsOptions): Promise<NotReadyReason[]>;
  /**
   * The agent's state on a channel as the backend reports it, with its reason, after-call work and
   * Do Not Disturb; undefined for a channel it says no more of than `getReadyState`. Optional.
   */
  readyStateDetail?(channel: Channel): ReadyStateDetail | undefined;
  /** Called each time `readyStateDetail` changes on a channel, its state or not. Optional, with it. */
  onReadyStateDetail?(listener: (channel: Channel, detail: ReadyStateDetail) => void): Unsubscribe;
  /**
   * Turns the backend's Do Not Disturb on or off for the agent (nothing is routed while it is on,
   * whatever the ready state). Resolves once the backend took it; the new state is reported as
   * `readyStateDetail`'s `dnd`. Optional: without it the elements offer no DND toggle.
   */
  setDoNotDisturb?(on: boolean, options?: CallOptions): Promise<void>;
}
