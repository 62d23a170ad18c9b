import type { Notification, Session } from 'sip.js';
import type { Clock } from '../../model/clock.js';
import type { TargetRef } from '../../model/interaction.js';
import { AdapterError } from '../errors.js';
import { sipfragStatus } from './invite-data.js';
import { sleep } from './reinvite.js';

/** How long a transfer may take until a NOTIFY says the target answered (Timer C-like), ms. */
const REFER_TIMEOUT_MS = 32_000;
/** After an attended transfer, how long the target has to replace (and so end) the consultation, ms. */
const REPLACED_WITHIN_MS = 2_000;

/** What the agent is told when a target could not be reached (a final INVITE or NOTIFY status). */
export function targetError(target: TargetRef, status: number | undefined, noAnswer = status === 408 || status === 480): AdapterError {
  if (noAnswer) return new AdapterError('target-no-answer', `${target.name} did not answer.`);
  if (status === 486 || status === 600) return new AdapterError('target-busy', `${target.name} is busy.`);
  return new AdapterError('target-declined', `${target.name} declined the call.`, { detail: { status } });
}

/** What a transfer needs of a call. */
export interface TransferCall {
  readonly session: Session;
  /** Why we are ending it, once we started to. */
  endingBy?: 'local' | 'remote';
}

export interface TransferHost<C extends TransferCall> {
  /** The transfer's timeout and the wait for a replaced consultation. */
  readonly clock: Clock;
  /** Ends a call (BYE), whatever its state. */
  terminate(call: C): Promise<void>;
  /** Resolves when the call has ended. */
  ended(call: C): Promise<void>;
}

/**
 * Transfers by REFER (RFC 3515): blind to a URI, attended with Replaces to the consultation's
 * session. The agent's leg ends only when a NOTIFY (its sipfrag) reports the target answered; a
 * failure keeps the call (sip.js 0.21 ends nothing by itself).
 */
export class Transfers<C extends TransferCall> {
  readonly #host: TransferHost<C>;

  constructor(host: TransferHost<C>) {
    this.#host = host;
  }

  /**
   * The customer's call goes to the consultation's target, who replaces the consultation dialog
   * and so ends it; it is ended here if it lingers.
   */
  async attended(call: C, consultation: C, target: TargetRef): Promise<void> {
    await this.refer(call, consultation.session, target);
    await Promise.race([this.#host.ended(consultation), sleep(this.#host.clock, REPLACED_WITHIN_MS)]);
    await this.#host.terminate(consultation).catch(() => undefined);
  }

  /**
   * A blind transfer (`to` a URI), or the REFER of an attended one (`to` the consultation's
   * session): the agent's leg ends once the target answered.
   */
  async refer(call: C, to: Parameters<Session['refer']>[0], target: TargetRef): Promise<void> {
    const { clock } = this.#host;
    await new Promise<void>((resolve, reject) => {
      const timer = clock.setTimeout(() => reject(new AdapterError('timeout', `The transfer to ${target.name} did not complete.`)), REFER_TIMEOUT_MS);
      const fail = (error: AdapterError) => {
        clock.clearTimeout(timer);
        reject(error);
      };
      call.session
        .refer(to, {
          requestDelegate: {
            onReject: (response) => fail(new AdapterError('target-declined', `The transfer was refused (${response.message.statusCode}).`)),
          },
          onNotify: (notification: Notification) => {
            void notification.accept().catch(() => undefined);
            const status = sipfragStatus(notification.request.body);
            if (status === undefined || status < 200) return;
            if (status >= 300) {
              fail(targetError(target, status));
              return;
            }
            clock.clearTimeout(timer);
            resolve();
          },
        })
        .catch((error: unknown) => fail(new AdapterError('invalid-state', 'The transfer could not be sent.', { cause: error })));
    });
    call.endingBy = 'local';
    await this.#host.terminate(call);
  }
}
