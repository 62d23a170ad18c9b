import type { Clock } from '../../model/clock.js';
import type { DispositionNode } from '../../model/interaction.js';
import type { TelephonyAdapter } from '../telephony-adapter.js';
import type { CallbackDataMapping } from './callback-data.js';

export interface GmsRetryOptions {
  /**
   * Further attempts after the first, for reads (GET) only. A write (POST, PUT, DELETE) is sent
   * once: when its answer is lost, the callback is read back to learn whether it was made.
   */
  attempts: number;
  /** Wait before the first retry; doubled for each further one. */
  backoffMs: number;
}

export interface GmsCallbackAdapterOptions {
  /** Base URL of GMS, e.g. `https://gms.example.com` (the `/genesys/...` paths are appended). */
  baseUrl: string;
  /** Callback service name, e.g. `samples-callback`. */
  service: string;
  /** Extra headers on every request (authentication). */
  headers?: Readonly<Record<string, string>>;
  /**
   * Per attempt; a read still unanswered after this rejects with `timeout`. A write unanswered
   * after this is settled by reading the callback back (success when GMS holds the change; one
   * more wait and read when it does not yet). Default 8 s. A write's caller is answered within
   * 2 × `timeoutMs`, read-backs included (each read-back gets `timeoutMs` / 2): keep that below
   * the elements' `actionTimeoutMs` (policy, 30 s by default), or they report "did not answer in
   * time" before the reconciled outcome.
   */
  timeoutMs?: number;
  /**
   * How long a write's own answer is still awaited after `timeoutMs`, so that a late success
   * reaches the interaction; the same write asked again meanwhile joins it. Default 60 s.
   */
  writeDeadlineMs?: number;
  retry?: Partial<GmsRetryOptions>;
  /** IANA zone the service buckets availability in; when set, availability v2 is used. */
  timeZone?: string;
  /** Length of one availability bucket (GMS: 5-120 min). Default 30. */
  bucketMinutes?: number;
  /** Disposition codes the agent may choose (GMS has none: they come from the desktop's config). */
  dispositionCodes?: readonly DispositionNode[];
  /** Mark done needs a disposition; the adapter refuses it without one and says so in its `policy`. */
  dispositionMandatory?: boolean;
  /** How long an offer waits when the data carries no `_agent_preview_timeout`. Default 30 s. */
  offerTimeoutMs?: number;
  /** Rejecting allowed when the data carries no `_agent_preview_allow_reject`. Default true. */
  canRejectByDefault?: boolean;
  /** Which keys of the attached data feed which parts of the interaction. */
  mapping?: Partial<CallbackDataMapping>;
  /**
   * The phone the routed callback calls reach the agent on (the same `TelephonyAdapter` the
   * elements are given). With it, the adapter follows the calls: a ringing inbound call whose data
   * carries a callback id is offered by itself (no `ingest` needed), Accept answers that call and
   * Reject declines it, an offer nobody takes is declined, and what happens to the call (the
   * agent's End call, Hold and Resume, the contact hanging up, a remote hold, mute) reaches the
   * interaction, so Mark done is possible once the call has ended. A preview callback's Call,
   * dialled on this phone with the interaction's id, is followed the same way. Without it, the
   * interaction has no call: End call is refused and Mark done waits for a call end that never comes.
   */
  telephony?: TelephonyAdapter;
  clock?: Clock;
  /** The fetch to use (tests, a proxy); default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 8_000;
export const DEFAULT_WRITE_DEADLINE_MS = 60_000;
export const DEFAULT_RETRY: Readonly<GmsRetryOptions> = Object.freeze({ attempts: 2, backoffMs: 200 });
export const DEFAULT_BUCKET_MINUTES = 30;
export const DEFAULT_OFFER_TIMEOUT_MS = 30_000;
