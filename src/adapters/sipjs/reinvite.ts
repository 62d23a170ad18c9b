import type { Session, Web } from 'sip.js';
import type { Clock } from '../../model/clock.js';
import { AdapterError } from '../errors.js';
import type { CallInfo } from '../telephony-adapter.js';

/** What a re-INVITE needs of a call. */
export interface ReinviteCall {
  readonly info: Pick<CallInfo, 'state'>;
  readonly session: Session;
  /** The agent's own INVITE: decides the 491 back-off (RFC 3261 §14.1). */
  readonly ownsCallId: boolean;
  /**
   * An answered incoming call: resolves when the caller's ACK of the answer arrives (or the call
   * ends). Until then the answer's INVITE transaction is in progress, and no re-INVITE may start
   * (RFC 3261 §14.1): sip.js would send it, then end the call when the ACK arrives.
   */
  readonly acknowledged?: Promise<void>;
}

export interface ReinviteHost<C extends ReinviteCall> {
  /** Every wait (the glare back-off, the recovery's retries) and every timeout. */
  readonly clock: Clock;
  /** How long a request (and the caller's ACK) may take. */
  readonly requestTimeoutMs: number;
  /** sip.js ended the call's session (it could not use an answer). */
  terminated(call: C): boolean;
  /** Resolves when the call's end has been published. */
  ended(call: C): Promise<void>;
  /** Why an action on the call failed because the call ended meanwhile. */
  endedError(call: C): AdapterError;
}

/** Re-INVITEs retried after a 491 before the agent is told of the conflict. */
const GLARE_RETRIES = 3;
/** Statuses of a recovery re-INVITE that mean the far end is still reconnecting. */
const RECOVERY_WAITABLE = [404, 408, 480, 503];
/** How long recovery keeps trying while the far end cannot be found, ms. */
const RECOVERY_DEADLINE_MS = 10_000;

/**
 * How long to wait before retrying a re-INVITE that got a 491 (glare: both sides re-INVITEd at
 * once), RFC 3261 §14.1: 2.1–4 s for the side that owns the Call-ID (placed the call), 0–2 s for
 * the other, so that the two retries do not cross again.
 */
export function glareWaitMs(ownsCallId: boolean, random: () => number = Math.random): number {
  return ownsCallId ? 2_100 + random() * 1_900 : random() * 2_000;
}

/**
 * A failure of an in-dialog request that ends the dialog (RFC 3261 §12.2.1.2): a 481 (the far end
 * does not know the call) or a 408. Returns the SIP answer in words, or undefined for any other.
 */
export function dialogEndedBy(error: unknown): string | undefined {
  if (!(error instanceof AdapterError)) return undefined;
  const { status, sipResponse } = error.detail;
  if (status !== 481 && status !== 408) return undefined;
  return typeof sipResponse === 'string' && sipResponse ? sipResponse : String(status);
}

/** Resolves after `ms` of `clock`'s time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** A SIP final response, as sip.js hands it to a request delegate. */
interface Response {
  message: { statusCode?: number; reasonPhrase?: string };
}

export type RequestDelegate = { onAccept: () => void; onReject: (response: Response) => void };

/**
 * Sends an in-dialog request and waits for its final response, within `timeoutMs` of `clock`.
 * Resolves with the status code when it is one of `tolerated`, otherwise rejects on a failure
 * response or a timeout.
 */
export function request(
  clock: Clock,
  timeoutMs: number,
  send: (delegate: RequestDelegate) => Promise<unknown>,
  tolerated: readonly number[] = [],
): Promise<number | undefined> {
  return new Promise<number | undefined>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new AdapterError('timeout', 'The other side did not answer in time.')), timeoutMs);
    const done = (fn: () => void) => {
      clock.clearTimeout(timer);
      fn();
    };
    send({
      onAccept: () => done(() => resolve(undefined)),
      onReject: (response) => {
        const code = response.message.statusCode ?? 0;
        const status = `${code} ${response.message.reasonPhrase ?? ''}`.trim();
        done(() =>
          tolerated.includes(code)
            ? resolve(code)
            : reject(
                new AdapterError(code === 481 ? 'invalid-state' : 'service-unavailable', `The request failed: ${status}`, {
                  detail: { status: code, sipResponse: status },
                }),
              ),
        );
      },
    }).catch((error: unknown) =>
      done(() => reject(new AdapterError('invalid-state', error instanceof Error ? error.message : 'The request could not be sent.', { cause: error }))),
    );
  });
}

/**
 * The re-INVITEs of the sip.js adapter: hold, resume, and the recovery of a call after the
 * WebSocket came back. Each waits for the caller's ACK of the agent's answer first, and a 491
 * (glare) is retried after the RFC 3261 §14.1 wait, on the host's clock.
 */
export class Reinvites<C extends ReinviteCall> {
  readonly #host: ReinviteHost<C>;

  constructor(host: ReinviteHost<C>) {
    this.#host = host;
  }

  /** An in-dialog request within the request timeout (see {@link request}). */
  request(send: (delegate: RequestDelegate) => Promise<unknown>, tolerated: readonly number[] = []): Promise<number | undefined> {
    return request(this.#host.clock, this.#host.requestTimeoutMs, send, tolerated);
  }

  /** A re-INVITE that holds or resumes the call, retried on 491 (see {@link glareWaitMs}). */
  async send(call: C, hold: boolean, extra: { iceRestart?: boolean } = {}): Promise<void> {
    try {
      await this.#sendOnce(call, hold, extra);
    } catch (error) {
      // sip.js answers the far end's next re-INVITE with the options of our last one: put back
      // those of the state the call stays in, or a failed hold holds the call after all.
      call.session.sessionDescriptionHandlerOptionsReInvite = {
        ...call.session.sessionDescriptionHandlerOptionsReInvite,
        hold: call.info.state === 'held',
      } as Web.SessionDescriptionHandlerOptions;
      throw error;
    }
  }

  /**
   * After the WebSocket came back: re-INVITEs the call with an ICE restart, trying a few more
   * times while the far end (reconnecting too) cannot be found. Resolves false when it failed.
   */
  async recover(call: C): Promise<boolean> {
    const { clock } = this.#host;
    const deadline = clock.now() + RECOVERY_DEADLINE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.send(call, call.info.state === 'held', { iceRestart: true });
        return true;
      } catch (error) {
        const status = error instanceof AdapterError ? error.detail.status : undefined;
        const waitable = typeof status === 'number' && RECOVERY_WAITABLE.includes(status);
        if (!waitable || clock.now() >= deadline || call.info.state === 'ended') return false;
        await sleep(clock, Math.min(500 * 2 ** attempt, 2_000));
      }
    }
  }

  async #sendOnce(call: C, hold: boolean, extra: { iceRestart?: boolean }): Promise<void> {
    await this.#acknowledged(call);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.request(
        (requestDelegate) =>
          call.session.invite({
            requestDelegate,
            sessionDescriptionHandlerOptions: {
              hold,
              constraints: { audio: true, video: false },
              ...(extra.iceRestart ? { offerOptions: { iceRestart: true } } : {}),
            } as Web.SessionDescriptionHandlerOptions,
          }),
        [491],
      );
      // sip.js says the re-INVITE was accepted even when it then ended the call (it could not use
      // the answer): fail once the call shows as ended, so that the agent reads why after the end.
      if (this.#host.terminated(call)) {
        await this.#host.ended(call);
        throw this.#host.endedError(call);
      }
      if (outcome !== 491) return;
      if (attempt >= GLARE_RETRIES) throw new AdapterError('conflict', 'The other side kept changing the call at the same time; try again.', { retryable: true });
      await sleep(this.#host.clock, glareWaitMs(call.ownsCallId));
    }
  }

  /** Until the caller acknowledged the agent's answer (at once for other calls), within the request timeout. */
  async #acknowledged(call: C): Promise<void> {
    if (!call.acknowledged) return;
    const { clock } = this.#host;
    let timer: unknown;
    const late = new Promise<'late'>((resolve) => (timer = clock.setTimeout(() => resolve('late'), this.#host.requestTimeoutMs)));
    const outcome = await Promise.race([call.acknowledged, late]);
    clock.clearTimeout(timer);
    if (outcome === 'late') throw new AdapterError('timeout', 'The other side did not confirm the call in time.');
    if (call.info.state === 'ended') throw new AdapterError('invalid-state', 'The call ended.');
  }
}
