import type { TargetRef } from '../../model/interaction.js';
import type { Clock } from '../../model/clock.js';

/** Where the callback data of an inbound call is read from in its INVITE. */
export interface SipCallbackDataOptions {
  /**
   * Every header whose name starts with this prefix (case-insensitive) becomes a data key: the
   * rest of the name, as sent. Default `X-Genesys-`; `''` turns prefix matching off.
   */
  headerPrefix?: string;
  /** Explicit header → data key map (header names case-insensitive), applied after the prefix. */
  headers?: Readonly<Record<string, string>>;
  /** A header whose value is a JSON object of string values (URI-encoded or plain), merged in. */
  jsonHeader?: string;
  /** `uri`: header values are percent-decoded (how non-ASCII text travels in SIP headers). */
  valueEncoding?: 'none' | 'uri';
}

export interface SipReconnectOptions {
  /** First delay after a drop. Default 500 ms. */
  initialDelayMs?: number;
  /** Longest delay between tries. Default 30 s. */
  maxDelayMs?: number;
}

export interface SipAudioOptions {
  /** Microphone (`MediaDeviceInfo.deviceId`); default: the system default. */
  inputDeviceId?: string;
  /** Speaker (`HTMLMediaElement.setSinkId`); default: the system default. */
  outputDeviceId?: string;
  /** Supplies the outgoing audio instead of `getUserMedia` (a processed or a test stream). */
  microphone?: (deviceId: string | undefined) => Promise<MediaStream>;
  /** Where remote audio plays; default: one detached `Audio` element per call. */
  createRemoteAudio?: () => HTMLAudioElement;
}

export interface SipTelephonyOptions {
  /** WebSocket server URIs (`wss://…`), tried in order: the next one when a server cannot be reached. */
  servers: readonly string[];
  /** The agent's address of record, e.g. `sip:agent1001@example.com`. */
  aor: string;
  authorizationUsername?: string;
  password?: string;
  displayName?: string;
  /** Domain that numbers and bare extensions are dialled in; default: the AOR's host. */
  domain?: string;
  /** ICE servers; default none (set STUN/TURN for calls that leave the local network). */
  iceServers?: RTCIceServer[];
  /** How digits are sent: RFC 4733 telephone events (default) or SIP INFO. */
  dtmfMethod?: 'rfc4733' | 'info';
  /** Tone length for RFC 4733; Chromium sends short tones as end packets only, so keep ≥ 400 ms. */
  dtmfDurationMs?: number;
  /** Final response when the agent rejects an offered call: 486 Busy Here (default) or 603 Decline. */
  rejectStatusCode?: 486 | 603;
  /** An outbound call nobody answers is cancelled after this long. Default 45 s. */
  noAnswerTimeoutMs?: number;
  /** How long to wait for a REGISTER (or a re-INVITE, REFER) to be answered. Default 10 s. */
  requestTimeoutMs?: number;
  /** Registration lifetime asked of the registrar, in seconds. Default 300. */
  registerExpiresSeconds?: number;
  callbackData?: SipCallbackDataOptions;
  reconnect?: SipReconnectOptions;
  audio?: SipAudioOptions;
  /** Maps a transfer or consultation target to a SIP URI; default {@link defaultTargetUri}. */
  targetUri?: (target: TargetRef, domain: string) => string;
  /**
   * Register with `+sip.instance` and `reg-id=1` (RFC 5626/5627), so that a registrar supporting
   * GRUU answers with one; sip.js then uses that GRUU as the Contact of every call. The calls'
   * remote targets then name this user agent instance, not one WebSocket connection: in-dialog
   * requests (the re-INVITE that recovers a call, the far end's BYE) find it again after a
   * reconnection, even to a restarted proxy. Useful only with a proxy that routes in-dialog
   * requests for a GRUU through its location table (`tests/sip/kamailio.cfg` `route[GRUU]`); a
   * proxy that hands out GRUUs (Kamailio's registrar does by default) but neither routes them nor
   * aliases the Contact would send in-dialog requests for the agent to itself. Default false.
   */
  gruu?: boolean;
  /**
   * The UUID sent as `+sip.instance` when `gruu` is on. Unique per device/tab: two registrations
   * of one AOR with the same instance replace each other. Default: a random UUID, kept for the
   * adapter's lifetime.
   */
  instanceId?: string;
  /**
   * The adapter's time: the 491 glare back-off, the re-INVITE, REFER and ACK timeouts, the
   * recovery's retries, the no-answer timeout and how long ended calls are kept. Default the
   * system clock; a test passes a `ManualClock` to run the seconds of RFC 3261 waits by hand.
   * (Registration and reconnection keep real time.)
   */
  clock?: Clock;
  /** sip.js log level. Default `error`. */
  logLevel?: 'debug' | 'log' | 'warn' | 'error';
}

export const SIP_DEFAULTS = {
  dtmfMethod: 'rfc4733',
  dtmfDurationMs: 400,
  dtmfGapMs: 80,
  rejectStatusCode: 486,
  noAnswerTimeoutMs: 45_000,
  requestTimeoutMs: 10_000,
  registerExpiresSeconds: 300,
  headerPrefix: 'X-Genesys-',
  initialDelayMs: 500,
  maxDelayMs: 30_000,
} as const;

/**
 * A SIP user part for `user`: characters RFC 3261 allows unescaped stay, everything else is
 * percent-encoded, so a number or an extension can never inject URI parameters or headers.
 */
export function escapeUserPart(user: string): string {
  return [...user]
    .map((ch) => (/^[A-Za-z0-9\-_.!~*'()&=+$,;?/]$/.test(ch) && ch !== ';' && ch !== '?' ? ch : encodeURIComponent(ch)))
    .join('');
}

/**
 * The URI for a target: its address as is when it is already a `sip:`/`sips:` URI, otherwise the
 * address (or id) as the user part in `domain`.
 */
export function defaultTargetUri(target: TargetRef, domain: string): string {
  const address = (target.address ?? target.id).trim();
  if (/^sips?:/i.test(address)) return address;
  return `sip:${escapeUserPart(address.replace(/[\s().-]/g, ''))}@${domain}`;
}
