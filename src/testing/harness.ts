import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { DirectoryAdapter } from '../adapters/directory-adapter.js';
import type { CallInfo, TelephonyAdapter } from '../adapters/telephony-adapter.js';
import type { Channel, DispositionRef, Interaction, TargetRef } from '../model/interaction.js';

/**
 * What an adapter implementation provides so the shared contract suites can drive it. The
 * simulated center drives itself; a GMS adapter's harness drives a contract HTTP server, a sip.js
 * adapter's harness a second SIP user agent on the far end.
 */
export interface ContractHarness {
  /** The backend's "now" (epoch ms). */
  now(): number;
  /** Runs the backend's time forward by `ms` and lets the work it triggers settle. */
  advance(ms: number): Promise<void>;
  dispose(): void | Promise<void>;
}

export interface HarnessOfferOptions {
  /** How long the offer waits before going back to routing. */
  expiresInMs?: number;
  /** Whether the agent may reject it (GMS `_agent_preview_allow_reject`). */
  canReject?: boolean;
}

export interface CallbackHarnessConfig {
  /** The backend refuses Mark done without a disposition. */
  dispositionMandatory?: boolean;
}

export interface CallbackHarness extends ContractHarness {
  adapter: CallbackAdapter;
  /** The backend routes a new callback to the agent; resolves once the adapter has published it. */
  offer(channel: Channel, options?: HarnessOfferOptions): Promise<Interaction>;
  /** A disposition code the backend knows. */
  knownDisposition: DispositionRef;
}

/** What the person at the far end of a call has experienced: what a second phone observes. */
export interface FarEnd {
  connected: boolean;
  held: boolean;
  /** DTMF digits received, in order. */
  digits: string;
  /** Addresses brought into the call by a conference. */
  joined: readonly string[];
  /** Where a transfer sent the far end. */
  transferredTo?: string;
  /**
   * The far end receives the agent's audio (a simulated far end knows; a real phone's harness
   * reports whether audio from the agent keeps arriving). Absent when the harness cannot tell.
   */
  hearsAgent?: boolean;
}

export interface TelephonyHarness extends ContractHarness {
  adapter: TelephonyAdapter;
  /** E.164 numbers whose far end answers, is busy, does not answer; and a number that is not valid. */
  numbers: { answers: string; busy: string; noAnswer: string; invalid: string };
  /** Targets that answer a consultation, and that decline it. Both have an `address`. */
  targets: { answers: TargetRef & { address: string }; declines: TargetRef & { address: string } };
  /** Longest time a far end or a target takes to answer, decline or give up. */
  maxRingMs: number;
  /** The far end calls the agent; resolves with the ringing call the adapter published. */
  ringIn(): Promise<CallInfo>;
  /** The far end hangs up the call. */
  hangUpRemotely(callId: string): Promise<void>;
  farEnd(callId: string): Promise<FarEnd>;
}

export interface DirectoryHarness {
  adapter: DirectoryAdapter;
  /** A contact that exists, with a valid phone number. */
  contactId: string;
  dispose(): void | Promise<void>;
}
