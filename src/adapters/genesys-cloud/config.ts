import type { Clock } from '../../model/clock.js';

/** How many requests may start within a window: Genesys Cloud allows about 300 a minute per token. */
export interface RateLimit {
  requests: number;
  perMs: number;
}

export interface GenesysCloudOptions {
  /**
   * The region's API base URL, e.g. `https://api.mypurecloud.com` or `https://api.mypurecloud.de`
   * (any URL in tests). The `/api/v2/...` paths are appended.
   */
  baseUrl: string;
  /**
   * The agent's OAuth access token (implicit grant or PKCE: the host page signs the agent in). Called
   * before the first request and again after a 401, so the host can hand out a refreshed token.
   */
  accessToken: () => string | Promise<string>;
  /** The signed-in agent's user id (`GET /api/v2/users/me`). */
  userId: string;
  /** Per request; a request unanswered after this rejects with `timeout` (a write is read back first). Default 8 s. */
  timeoutMs?: number;
  /** Reads are tried again this many times after a network error, a timeout or a 5xx. Default 2. */
  retries?: number;
  /** Wait before the first retry, doubled for each further one. Default 250 ms. */
  backoffMs?: number;
  /** Requests this adapter starts at most; default 25 per 5 s (300 a minute). */
  rateLimit?: RateLimit;
  /** Longest wait a 429's `Retry-After` is honoured for before the request fails. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Mark done needs a wrap-up code (also when the queue's wrap-up prompt is `mandatory`). */
  dispositionMandatory?: boolean;
  /** How long an offer waits when the participant carries no `alertingTimeoutMs`. Default 30 s. */
  offerTimeoutMs?: number;
  /**
   * The participant attribute (participant data set by the flow) that says whether the agent may
   * reject the offer (`"false"` forbids it). Callbacks with `skipEnabled: false` may not be rejected
   * either. Default `allowReject`.
   */
  allowRejectAttribute?: string;
  /** The participant attribute whose value is shown as the subject. Default `subject`. */
  subjectAttribute?: string;
  /** Attributes never shown as case information (flow internals). Default: names starting with `_` or `scriptId`. */
  hiddenAttribute?: (key: string) => boolean;
  /** Domain time: offers' expiry, reschedule checks. Default the system clock. */
  clock?: Clock;
  /** Timers for the network (heartbeat watchdog, reconnect back-off, channel renewal). Default the system clock. */
  timers?: Clock;
  /** Time before a channel's `expires` at which a new channel replaces it. Default 10 minutes. */
  renewBeforeMs?: number;
  /** Silence on the notification socket after which a ping is sent; no answer within the same time again is a drop. Default 65 s (heartbeats come every 30 s). */
  silenceMs?: number;
  /** The fetch to use (tests, a proxy); default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** The WebSocket constructor; default `globalThis.WebSocket`. */
  WebSocket?: typeof WebSocket;
}

export const DEFAULTS = Object.freeze({
  timeoutMs: 8_000,
  retries: 2,
  backoffMs: 250,
  rateLimit: Object.freeze({ requests: 25, perMs: 5_000 }),
  maxRetryAfterMs: 60_000,
  offerTimeoutMs: 30_000,
  allowRejectAttribute: 'allowReject',
  subjectAttribute: 'subject',
  renewBeforeMs: 10 * 60_000,
  silenceMs: 65_000,
});
