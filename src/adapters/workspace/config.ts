/** How the Workspace adapters reach the Workspace API v3 and which agent they log in. */
export interface WorkspaceOptions {
  /** The API's base URL, without `/workspace/v3` (for example `https://api.example.com`). */
  baseUrl: string;
  /** Sent as `x-api-key` on every request and on the CometD connection, when the gateway needs one. */
  apiKey?: string;
  /**
   * The agent's access token (from the host page's sign-in). Called for `initialize-workspace`, and
   * again whenever the API answers 401 (an expired token or session): the adapter then initializes
   * a new session with the new token and carries on.
   */
  token: () => string | Promise<string>;
  /** The agent's login id (`activate-channels`). */
  agentId: string;
  /** The DN the agent works on (`activate-channels`). */
  dn: string;
  /** How long one request may take before it fails with `timeout`. Default 10 s. */
  timeoutMs?: number;
  /**
   * How long an accepted request waits for the notification that shows its result (a call held, a
   * consultation dialing) before the adapter reads the calls back to decide. Default 10 s.
   */
  confirmTimeoutMs?: number;
  /**
   * Reject (and an offer's timeout) redirects the ringing call to this number or routing point
   * instead of releasing it (`/voice/calls/{id}/redirect`).
   */
  rejectTo?: string;
  /** For tests and proxies. Default: the page's `fetch`. */
  fetch?: typeof fetch;
}

export const WORKSPACE_DEFAULTS = Object.freeze({ timeoutMs: 10_000, confirmTimeoutMs: 10_000 });

/** The CometD channels the adapter subscribes to. */
export const CHANNELS = Object.freeze({
  initialization: '/workspace/v3/initialization',
  voice: '/workspace/v3/voice',
  /** Open media: web callbacks as workitems (a guess of the contract server: see the README). */
  media: '/workspace/v3/media',
});
