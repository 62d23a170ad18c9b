import type { Session } from 'sip.js';
import type { CallEndReason } from '../telephony-adapter.js';

/** Who or what ended a call, as the adapter publishes it (`endedBy`, `endReason`, `endDetail`). */
export interface CallEnd {
  by: 'local' | 'remote';
  reason?: CallEndReason;
  detail?: string;
}

/** A session description handler that keeps the browser's words for the last description it refused. */
export interface RecordsMediaFailure {
  /** Undefined again once a description is accepted. */
  readonly mediaFailure: string | undefined;
}

/** The browser's refusal without the API's preamble ("Failed to execute 'x' on 'RTCPeerConnection': "). */
export function mediaFailureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Failed to execute '[^']*' on '[^']*':\s*/, '').trim() || 'unknown error';
}

/** What the session's description handler last refused, if anything. */
export function mediaFailureOf(session: Session): string | undefined {
  const handler = session.sessionDescriptionHandler as Partial<RecordsMediaFailure> | undefined;
  return handler?.mediaFailure;
}

interface ByeRequest {
  getHeader(name: string): string | undefined;
  getHeaders(name: string): string[];
}

/**
 * What a received BYE says about who ended the call. A request from the far end reaches us through
 * the proxy, which adds its own Via: a BYE with a single Via on a dialog that has a route set
 * (a proxy on the path) was made by that proxy. Its Reason header (RFC 3326), if any, says why.
 */
export function byeFacts(request: ByeRequest, routeSet: readonly string[]): { fromProxy: boolean; reason?: string } {
  const vias = request.getHeaders('via').reduce((n, value) => n + value.split(',').filter((v) => v.trim()).length, 0);
  const reason = reasonText(request.getHeader('reason'));
  return { fromProxy: vias === 1 && routeSet.length > 0, ...(reason ? { reason } : {}) };
}

/**
 * A Reason header in words: `SIP;cause=408;text="Request Timeout"` → `408 Request Timeout`,
 * `Q.850;cause=16;text="Normal call clearing"` → `Q.850 16 Normal call clearing`. Undefined for
 * none, and for a normal clearing (SIP 200, Q.850 16), which says no more than a plain hang-up.
 */
export function reasonText(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const protocol = /^\s*([^;\s]+)/.exec(header)?.[1] ?? '';
  const cause = /;\s*cause\s*=\s*(\d+)/i.exec(header)?.[1];
  const text = /;\s*text\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1]?.replace(/\\(.)/g, '$1');
  if ((/^sip$/i.test(protocol) && cause === '200') || (/^q\.850$/i.test(protocol) && cause === '16')) return undefined;
  const words = [/^sip$/i.test(protocol) ? '' : protocol, cause ?? '', text ?? ''].filter(Boolean).join(' ');
  return words || undefined;
}
