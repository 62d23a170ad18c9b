import { AdapterError, type AdapterErrorCode } from '../errors.js';

/** Every asynchronous command of the three adapter contracts, by method name. */
export type SimulatedOperation =
  // CallbackAdapter
  | 'accept'
  | 'reject'
  | 'reschedule'
  | 'availability'
  | 'setDisposition'
  | 'addNote'
  | 'markDone'
  | 'findOpenByNumber'
  | 'setReadyState'
  // TelephonyAdapter
  | 'register'
  | 'unregister'
  | 'answer'
  | 'decline'
  | 'dial'
  | 'hangUp'
  | 'hold'
  | 'resume'
  | 'sendDtmf'
  | 'blindTransfer'
  | 'conference'
  | 'startConsultation'
  | 'completeTransfer'
  | 'completeConference'
  | 'endConsultation'
  | 'mute'
  | 'alternate'
  | 'removeParticipant'
  | 'leaveConference'
  // DirectoryAdapter
  | 'searchTargets'
  | 'getContact'
  | 'updateContact'
  | 'searchResponses'
  | 'dispositionCodes';

export interface FaultOptions {
  /** How many of the next calls fail (default 1). */
  times?: number;
  message?: string;
  /** Extra detail for the error, e.g. `alternatives` for `time-unavailable`. */
  detail?: Readonly<Record<string, unknown>>;
}

interface PendingFault {
  code: AdapterErrorCode;
  remaining: number;
  message: string;
  detail: Readonly<Record<string, unknown>> | undefined;
}

const DEFAULT_MESSAGES: Partial<Record<AdapterErrorCode, string>> = {
  network: 'The contact center could not be reached.',
  timeout: 'The contact center did not answer in time.',
  'service-unavailable': 'The callback service is unavailable.',
  offline: 'The connection to the contact center is down.',
};

/**
 * Failures on demand: `failNext('accept', 'network')` makes the next `accept` reject with a
 * `network` AdapterError and change nothing. Faults queue per operation, first in, first out.
 */
export class FaultInjector {
  #pending = new Map<SimulatedOperation, PendingFault[]>();

  failNext(operation: SimulatedOperation, code: AdapterErrorCode, options: FaultOptions = {}): void {
    const times = Math.max(1, Math.floor(options.times ?? 1));
    const queue = this.#pending.get(operation) ?? [];
    queue.push({
      code,
      remaining: times,
      message: options.message ?? DEFAULT_MESSAGES[code] ?? `Simulated ${code} failure of ${operation}.`,
      detail: options.detail,
    });
    this.#pending.set(operation, queue);
  }

  /** The error the next call of `operation` fails with, if any; counts the call. */
  take(operation: SimulatedOperation): AdapterError | undefined {
    const queue = this.#pending.get(operation);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.shift();
    if (queue.length === 0) this.#pending.delete(operation);
    return new AdapterError(fault.code, fault.message, fault.detail ? { detail: fault.detail } : {});
  }

  /** Faults still waiting to fire, per operation. */
  pending(operation?: SimulatedOperation): number {
    const count = (queue: PendingFault[]) => queue.reduce((sum, f) => sum + f.remaining, 0);
    if (operation) return count(this.#pending.get(operation) ?? []);
    return [...this.#pending.values()].reduce((sum, queue) => sum + count(queue), 0);
  }

  clear(operation?: SimulatedOperation): void {
    if (operation) this.#pending.delete(operation);
    else this.#pending.clear();
  }
}
