import { isAdapterError } from '../errors.js';
import type { RegistrationStatus } from '../telephony-adapter.js';
import { Emitter } from '../emitter.js';
import type { TimerSet } from './timers.js';

/**
 * The phone's registration and the network under it. When the network drops, a registered phone
 * goes `reconnecting`, then `offline` after `reconnectTimeoutMs`; when it comes back, the phone
 * registers again if it was meant to be registered.
 */
export class RegistrationLine {
  readonly changes = new Emitter<[RegistrationStatus]>();
  readonly #timers: TimerSet;
  readonly #reconnectTimeoutMs: number;
  #status: RegistrationStatus;
  /** The agent asked to be registered (and did not unregister since). */
  #wanted: boolean;
  #networkDown = false;
  #giveUp: symbol | undefined;

  constructor(timers: TimerSet, registered: boolean, reconnectTimeoutMs: number) {
    this.#timers = timers;
    this.#reconnectTimeoutMs = reconnectTimeoutMs;
    this.#wanted = registered;
    this.#status = registered ? 'registered' : 'offline';
  }

  get status(): RegistrationStatus {
    return this.#status;
  }

  get networkDown(): boolean {
    return this.#networkDown;
  }

  /** `send` is the REGISTER round trip; its failure leaves the phone `failed` (or where it was). */
  async register(send: () => Promise<void>): Promise<void> {
    if (this.#status === 'registered') return send();
    const before = this.#status;
    this.#set('connecting');
    try {
      await send();
    } catch (error) {
      this.#set(this.#networkDown || isAdapterError(error, 'aborted') ? before : 'failed');
      throw error;
    }
    this.#wanted = true;
    this.#set(this.#networkDown ? 'reconnecting' : 'registered');
  }

  unregister(): void {
    this.#wanted = false;
    this.#set('offline');
  }

  setNetworkDown(down: boolean): void {
    if (down === this.#networkDown) return;
    this.#networkDown = down;
    this.#timers.clear(this.#giveUp);
    this.#giveUp = undefined;
    if (down) {
      if (this.#status !== 'registered' && this.#status !== 'connecting') return;
      this.#set('reconnecting');
      this.#giveUp = this.#timers.set(() => {
        this.#giveUp = undefined;
        this.#set('offline');
      }, this.#reconnectTimeoutMs);
    } else if (this.#wanted) {
      this.#set('registered');
    }
  }

  #set(status: RegistrationStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.changes.emit(status);
  }
}
