import type { TargetRef } from '../../model/interaction.js';
import type { CallOptions } from '../callback-adapter.js';
import { Emitter } from '../emitter.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import type {
  CallInfo,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
} from '../telephony-adapter.js';
import { callInfoOf, sameCall } from './calls.js';
import { WORKSPACE_DEFAULTS, type WorkspaceOptions } from './config.js';
import { WorkspaceSession } from './session.js';
import type { WireCall } from './wire.js';

/** Ended calls kept for `getCall` (the elements read a call's outcome after it ended). */
const KEEP_ENDED = 50;

interface Waiter {
  check(): void;
}

/** A wait for a change to show: see `#until`. */
interface Waiting<T> {
  promise: Promise<T>;
  cancel(): void;
  /** The wait is over (resolved or rejected). */
  readonly settled: boolean;
}

const invalidState = (message: string) => new AdapterError('invalid-state', message);

/**
 * The agent's phone through the Genesys Engage Workspace API v3: calls on the agent's DN as
 * T-Server has them. Every command is a REST request the API accepts at once; its result arrives
 * as a `CallStateChanged` notification, and the command resolves when the call shows it (or, if
 * no notification comes within `confirmTimeoutMs`, when a read-back of the calls shows it).
 *
 * Capabilities: dial, hold, DTMF, single-step transfer and conference, consultation with complete
 * transfer and conference, alternate, removing a conference member and leaving a conference (the
 * conference lives in the switch). The Workspace API has no mute.
 */
export class WorkspaceTelephonyAdapter implements TelephonyAdapter {
  readonly telephonyCapabilities: TelephonyCapabilities = Object.freeze({
    dial: true,
    hold: true,
    dtmf: true,
    blindTransfer: true,
    conference: true,
    consultation: true,
    alternate: true,
    removeParticipant: true,
    leaveConference: true,
  });

  readonly session: WorkspaceSession;
  readonly #confirmMs: number;
  readonly #rejectTo: string | undefined;
  readonly #calls = new Map<string, CallInfo>();
  /** The stable id of each connId a call has had. */
  readonly #ids = new Map<string, string>();
  /** The current connId of each call. */
  readonly #connIds = new Map<string, string>();
  readonly #releasedHere = new Set<string>();
  readonly #interactionIds = new Map<string, string>();
  readonly #emitter = new Emitter<[CallInfo]>();
  readonly #waiters = new Set<Waiter>();
  readonly #stop: Unsubscribe[];

  /** `session`: share one with the Workspace callback adapter of the same agent. */
  constructor(options: WorkspaceOptions, session: WorkspaceSession = new WorkspaceSession(options)) {
    this.session = session;
    this.#confirmMs = options.confirmTimeoutMs ?? WORKSPACE_DEFAULTS.confirmTimeoutMs;
    this.#rejectTo = options.rejectTo;
    this.#stop = [
      session.onVoice((message) => {
        if (message.messageType === 'CallStateChanged' && 'call' in message && message.call) this.#apply(message.call);
      }),
      session.onReestablished(() => {
        void this.#readBack()
          .catch(() => undefined)
          .finally(() => session.reestablishedDone());
      }),
    ];
  }

  /** Stops following the session's notifications and logs the agent out. */
  async dispose(): Promise<void> {
    for (const stop of this.#stop) stop();
    await this.session.close().catch(() => undefined);
    this.#emitter.clear();
  }

  // --- registration ---------------------------------------------------------------------------

  status(): RegistrationStatus {
    return this.session.status();
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.session.onStatus(listener);
  }

  async register(options?: CallOptions): Promise<void> {
    await this.session.open(options?.signal);
    await this.#readBack().catch(() => undefined);
  }

  async unregister(options?: CallOptions): Promise<void> {
    await this.session.close(options?.signal);
    // Logout released the agent's calls; their notifications no longer reach a closed session.
    for (const call of [...this.#calls.values()]) {
      if (call.state !== 'ended') this.#publish({ ...call, state: 'ended', endedBy: 'local' });
    }
  }

  // --- calls ----------------------------------------------------------------------------------

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#emitter.on(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#calls.get(id);
  }

  /** The call's user data as last notified (GMS keys, disposition...), by the call's id. */
  userData(id: string): Readonly<Record<string, string>> {
    return this.#calls.get(id)?.data ?? {};
  }

  /** The connId the API knows the call by now. */
  connIdOf(id: string): string {
    return this.#connIds.get(id) ?? id;
  }

  async answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    const call = this.#known(callId);
    if (call.state !== 'ringing') throw invalidState(`The call is ${call.state}, not ringing.`);
    return this.#command(callId, 'answer', undefined, (c) => c.state === 'connected', options);
  }

  async decline(callId: string, options?: CallOptions): Promise<void> {
    const call = this.#known(callId);
    if (call.state !== 'ringing') throw invalidState(`The call is ${call.state}, not ringing.`);
    this.#releasedHere.add(callId);
    const to = this.#rejectTo;
    if (to) await this.#command(callId, 'redirect', { destination: to }, (c) => c.state === 'ended', options);
    else await this.#command(callId, 'release', undefined, (c) => c.state === 'ended', options);
  }

  async dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const destination = request.number.replace(/[\s().-]/g, '');
    if (!/^\+?\d{3,15}$/.test(destination)) throw new AdapterError('invalid-input', `"${request.number}" is not a number that can be dialled.`);
    const before = new Set(this.#calls.keys());
    const placed = this.#until(
      () => [...this.#calls.values()].find((c) => !before.has(c.id) && c.direction === 'outbound' && !c.consultationOf && c.remote === destination),
      options,
    );
    try {
      await this.#post('/voice/make-call', { destination }, options);
    } catch (error) {
      await this.#reconcile(placed, error);
    }
    const call = await placed.promise;
    if (request.interactionId) {
      this.#interactionIds.set(call.id, request.interactionId);
      this.#publish({ ...call, interactionId: request.interactionId });
    }
    return this.#calls.get(call.id)!;
  }

  async hangUp(callId: string, options?: CallOptions): Promise<void> {
    const call = this.#known(callId);
    if (call.state === 'ended') throw invalidState('The call has already ended.');
    this.#releasedHere.add(callId);
    await this.#command(callId, 'release', undefined, (c) => c.state === 'ended', options);
  }

  async hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    const call = this.#known(callId);
    if (call.state !== 'connected') throw invalidState(`The call is ${call.state}, not connected.`);
    return this.#command(callId, 'hold', undefined, (c) => c.state === 'held', options);
  }

  async resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    const call = this.#known(callId);
    if (call.state !== 'held') throw invalidState(`The call is ${call.state}, not held.`);
    if (this.#consultationOf(callId)) throw invalidState('A consultation is in progress: end it or complete it first.');
    return this.#command(callId, 'retrieve', undefined, (c) => c.state === 'connected', options);
  }

  async sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void> {
    const call = this.#known(callId);
    const tones = digits.replace(/\s+/g, '').toUpperCase();
    if (!/^[0-9*#A-D]+$/.test(tones)) throw new AdapterError('invalid-input', `"${digits}" are not DTMF digits.`);
    if (call.state !== 'connected') throw invalidState(`The call is ${call.state}, not connected.`);
    await this.#post(`/voice/calls/${encodeURIComponent(this.connIdOf(callId))}/send-dtmf`, { dtmfDigits: tones }, options);
  }

  async blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    const call = this.#known(callId);
    if (call.state !== 'connected' && call.state !== 'held') throw invalidState(`The call is ${call.state}.`);
    await this.#command(callId, 'single-step-transfer', { destination: addressOf(target) }, (c) => c.state === 'ended', options);
  }

  async conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const call = this.#known(callId);
    if (call.state !== 'connected') throw invalidState(`The call is ${call.state}, not connected.`);
    const address = addressOf(target);
    return this.#command(callId, 'single-step-conference', { destination: address }, (c) => (c.participants ?? []).includes(address), options);
  }

  async removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const call = this.#known(callId);
    const address = addressOf(target);
    if (!(call.participants ?? []).includes(address)) throw new AdapterError('not-found', `${address} is not in the conference.`);
    if (call.state !== 'connected') throw invalidState(`The call is ${call.state}, not connected.`);
    return this.#command(callId, 'delete-from-conference', { dnToDrop: address }, (c) => !(c.participants ?? []).includes(address), options);
  }

  async leaveConference(callId: string, options?: CallOptions): Promise<void> {
    const call = this.#known(callId);
    if (!call.participants?.length || call.state === 'ended') throw invalidState('The call is not a conference.');
    this.#releasedHere.add(callId);
    await this.#command(callId, 'release', undefined, (c) => c.state === 'ended', options);
  }

  async startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    // A consultation cancelled in the same task it was asked for is never sent.
    throwIfAborted(options?.signal);
    await Promise.resolve();
    throwIfAborted(options?.signal);
    const call = this.#known(callId);
    if (call.state !== 'connected') throw invalidState(`The call is ${call.state}, not connected.`);
    if (this.#consultationOf(callId)) throw invalidState('A consultation is already in progress.');
    const before = new Set(this.#calls.keys());
    // Not cancellable by the signal: once sent, the customer may be held and the target ringing,
    // which only a reconnect undoes.
    const placed = this.#until(() => [...this.#calls.values()].find((c) => !before.has(c.id) && c.consultationOf === callId));
    try {
      await this.#post(`/voice/calls/${encodeURIComponent(this.connIdOf(callId))}/initiate-transfer`, { destination: addressOf(target) });
    } catch (error) {
      await this.#reconcile(placed, error);
    }
    const consultation = await placed.promise;
    const signal = options?.signal;
    if (signal?.aborted) return this.#abandon(callId, consultation.id, signal);
    const answered = this.#until(() => {
      const now = this.#calls.get(consultation.id);
      if (now?.state === 'connected') return now;
      if (now?.state === 'ended') throw consultationFailure(now);
      return undefined;
    }, signal ? { signal } : {});
    try {
      return await answered.promise;
    } catch (error) {
      if (signal?.aborted) return this.#abandon(callId, consultation.id, signal);
      throw error;
    }
  }

  async completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    const consultation = this.#consultation(callId, consultationId);
    if (consultation.state !== 'connected' && consultation.state !== 'held') throw invalidState('The consulted party has not answered.');
    await this.#command(
      consultationId,
      'complete-transfer',
      { parentConnId: this.connIdOf(callId) },
      () => this.#calls.get(callId)?.state === 'ended' && this.#calls.get(consultationId)?.state === 'ended',
      options,
      true,
    );
  }

  async completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const consultation = this.#consultation(callId, consultationId);
    if (consultation.state !== 'connected' && consultation.state !== 'held') throw invalidState('The consulted party has not answered.');
    await this.#command(
      consultationId,
      'complete-conference',
      { parentConnId: this.connIdOf(callId) },
      () => this.#calls.get(callId)?.state === 'connected' && this.#calls.get(consultationId)?.state === 'ended',
      options,
      true,
    );
    return this.#calls.get(callId)!;
  }

  async endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const consultation = this.#consultation(callId, consultationId);
    if (consultation.state === 'ended') {
      const call = this.#known(callId);
      return call.state === 'held' ? this.resume(callId, options) : call;
    }
    await this.#command(
      consultationId,
      'reconnect',
      { heldConnId: this.connIdOf(callId) },
      () => this.#calls.get(callId)?.state === 'connected' && this.#calls.get(consultationId)?.state === 'ended',
      options,
      true,
    );
    return this.#calls.get(callId)!;
  }

  async alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    if (callId === consultationId) throw invalidState('Alternate needs the call and its consultation.');
    const consultation = this.#consultation(callId, consultationId);
    const call = this.#known(callId);
    const [active, held] =
      call.state === 'connected' && consultation.state === 'held' ? [callId, consultationId]
        : call.state === 'held' && consultation.state === 'connected' ? [consultationId, callId]
          : [undefined, undefined];
    if (!active || !held) throw invalidState('Alternate needs one party held and the other connected.');
    await this.#command(
      active,
      'alternate',
      { heldConnId: this.connIdOf(held) },
      () => this.#calls.get(active)?.state === 'held' && this.#calls.get(held)?.state === 'connected',
      options,
    );
    return this.#calls.get(callId)!;
  }

  // --- internals ------------------------------------------------------------------------------

  #known(callId: string): CallInfo {
    const call = this.#calls.get(callId);
    if (!call) throw new AdapterError('not-found', `No call ${callId}.`);
    return call;
  }

  #consultation(callId: string, consultationId: string): CallInfo {
    this.#known(callId);
    const consultation = this.#known(consultationId);
    if (consultation.consultationOf !== callId) throw invalidState(`${consultationId} is not a consultation of ${callId}.`);
    return consultation;
  }

  /** The open consultation made from the call, if any. */
  #consultationOf(callId: string): CallInfo | undefined {
    return [...this.#calls.values()].find((c) => c.consultationOf === callId && c.state !== 'ended');
  }

  /** Ends a consultation the agent stopped waiting for, then rejects with `aborted`. */
  async #abandon(callId: string, consultationId: string, signal: AbortSignal): Promise<never> {
    await this.endConsultation(callId, consultationId).catch(() => undefined);
    throw new AdapterError('aborted', 'The consultation was cancelled.', { cause: signal.reason });
  }

  #post(path: string, data: unknown, options?: CallOptions) {
    throwIfAborted(options?.signal);
    return this.session.http.send({ method: 'POST', path, body: data === undefined ? {} : { data } });
  }

  /**
   * Sends `action` on the call and resolves with the call once `done` holds for it; rejects with
   * `invalid-state` if the call ends first without that.
   */
  async #command(callId: string, action: string, data: unknown, done: (call: CallInfo) => boolean, options?: CallOptions, pair = false): Promise<CallInfo> {
    const wait = this.#until(() => {
      const call = this.#calls.get(callId);
      if (!call) return undefined;
      if (done(call)) return call;
      // A command on a consultation pair waits for both calls: one of them may end first.
      if (call.state === 'ended' && !pair) throw invalidState('The call ended.');
      return undefined;
    });
    try {
      await this.#post(`/voice/calls/${encodeURIComponent(this.connIdOf(callId))}/${action}`, data, options);
    } catch (error) {
      return this.#reconcile(wait, error);
    }
    return wait.promise;
  }

  /**
   * A write failed. If its answer was lost (a timeout, a dropped connection) it may have been
   * carried out all the same: the notification that shows it, or a read-back of the calls, tells.
   * Carried out: resolves as if it had answered. Read back and not carried out: the original
   * failure (safe to try again). Neither known: `unconfirmed`. Never sent again.
   */
  async #reconcile<T>(wait: Waiting<T>, error: unknown): Promise<T> {
    const failure = AdapterError.from(error);
    if (failure.code !== 'timeout' && failure.code !== 'network') {
      wait.cancel();
      throw failure;
    }
    const read = await this.#readBack().then(
      () => true,
      () => false,
    );
    // A read-back publishes what it finds, which settles the wait when the change was made.
    await Promise.resolve();
    if (wait.settled) return wait.promise;
    if (read) {
      wait.cancel();
      throw failure;
    }
    try {
      return await wait.promise;
    } catch (late) {
      if (AdapterError.from(late).code !== 'timeout') throw late;
      throw new AdapterError('unconfirmed', 'The Workspace API did not answer, and whether the change was made could not be read back.', { cause: failure });
    }
  }

  /**
   * Resolves with what `test` returns once it returns something (checked now and after each
   * notification); rejects when it throws, on abort, or when neither the notifications nor a
   * read-back of the calls show it within `confirmTimeoutMs`.
   */
  #until<T>(test: () => T | undefined, options: CallOptions = {}): Waiting<T> {
    let waiter: Waiter | undefined;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { signal } = options;
    let onAbort = () => {};
    const cleanup = () => {
      settled = true;
      if (waiter) this.#waiters.delete(waiter);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const promise = new Promise<T>((resolve, reject) => {
      const check = () => {
        try {
          const value = test();
          if (value === undefined) return false;
          cleanup();
          resolve(value);
        } catch (error) {
          cleanup();
          reject(error);
        }
        return true;
      };
      waiter = { check };
      if (check()) return;
      this.#waiters.add(waiter);
      onAbort = () => {
        cleanup();
        reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => {
        void this.#readBack()
          .catch(() => undefined)
          .finally(() => {
            if (!check()) {
              cleanup();
              reject(new AdapterError('timeout', `The Workspace API did not confirm the change within ${this.#confirmMs} ms.`));
            }
          });
      }, this.#confirmMs);
    });
    // The caller may stop waiting (cancel) without anyone reading the rejection.
    promise.catch(() => undefined);
    return {
      promise,
      cancel: cleanup,
      get settled() {
        return settled;
      },
    };
  }

  /** Reads the agent's calls back (after a reconnect, or a change that was not notified). */
  async #readBack(): Promise<void> {
    const answer = await this.session.http.send<{ calls?: WireCall[] }>({ method: 'GET', path: '/voice/calls' });
    const calls = answer.data?.calls ?? [];
    const present = new Set<string>();
    for (const wire of calls) present.add(this.#apply(wire));
    for (const call of [...this.#calls.values()]) {
      // Ended while the notifications were away: who ended it is not known, so the far end did.
      if (call.state !== 'ended' && !present.has(call.id)) this.#publish({ ...call, state: 'ended', endedBy: this.#releasedHere.has(call.id) ? 'local' : 'remote' });
    }
  }

  #idOf = (connId: string): string => this.#ids.get(connId) ?? connId;

  /** Files a notified (or read-back) call; returns its stable id. */
  #apply(wire: WireCall): string {
    if (wire.previousConnId) this.#ids.set(wire.id, this.#idOf(wire.previousConnId));
    const id = this.#idOf(wire.id);
    this.#connIds.set(id, wire.id);
    const previous = this.#calls.get(id);
    // Completed after Released, or a late notification about a call already ended here.
    if (previous?.state === 'ended') return id;
    const info = callInfoOf(wire, { previous, idOf: this.#idOf, releasedHere: this.#releasedHere.has(id) });
    const interactionId = this.#interactionIds.get(id);
    this.#publish(interactionId ? { ...info, interactionId } : info);
    return id;
  }

  #publish(call: CallInfo): void {
    if (sameCall(this.#calls.get(call.id), call)) return;
    // Re-inserted so the map's order is the order of last change (oldest ended calls pruned first).
    this.#calls.delete(call.id);
    this.#calls.set(call.id, call);
    this.#emitter.emit(call);
    for (const waiter of [...this.#waiters]) waiter.check();
    if (call.state === 'ended') this.#prune();
  }

  #prune(): void {
    const ended = [...this.#calls.values()].filter((c) => c.state === 'ended');
    for (const call of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) {
      this.#calls.delete(call.id);
      this.#releasedHere.delete(call.id);
      this.#interactionIds.delete(call.id);
      const connId = this.#connIds.get(call.id);
      this.#connIds.delete(call.id);
      if (connId) this.#ids.delete(connId);
    }
  }
}

/** Where a target is dialled: its address, else its id (an agent's DN, a queue's number). */
function addressOf(target: TargetRef): string {
  return target.address ?? target.id;
}

function consultationFailure(call: CallInfo): AdapterError {
  if (call.endedBy === 'local') return new AdapterError('aborted', 'The consultation was ended.');
  if (call.dialResult === 'busy') return new AdapterError('target-busy', 'The consulted party is busy.');
  if (call.dialResult === 'no-answer') return new AdapterError('target-no-answer', 'The consulted party did not answer.');
  return new AdapterError('target-declined', 'The consulted party declined the consultation.');
}
