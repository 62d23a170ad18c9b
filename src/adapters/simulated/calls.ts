import type { TargetRef } from '../../model/interaction.js';
import type { CallInfo, CallState } from '../telephony-adapter.js';
import { AdapterError } from '../errors.js';
import type { ContactBehaviour } from './behaviour.js';
import { Emitter } from '../emitter.js';
import type { TimerSet } from './timers.js';
import type { Clock } from '../../model/clock.js';
import { Retention } from '../retention.js';

/** What the person at the other end of a call has experienced: what a second phone would observe. */
export interface FarEndView {
  /** Talking to the agent (held or not). */
  connected: boolean;
  /** The agent put them on hold. */
  held: boolean;
  /** DTMF digits they received, unmasked, in order. */
  digits: string;
  /** Addresses bridged into their call by a conference. */
  joined: readonly string[];
  /** Where a transfer sent them. */
  transferredTo?: string;
  /** They hear the agent: on the call, not held, and the agent's microphone not muted. */
  hearsAgent: boolean;
}

/** A call and the simulator's private knowledge about it. */
export interface SimulatedCall {
  info: CallInfo;
  behaviour: ContactBehaviour;
  digits: string;
  joined: string[];
  transferredTo?: string;
  /** The agent left this conference: the far end stays on it with the `joined` parties. */
  leftToOthers?: boolean;
  /** The pending ring outcome or the contact's hang-up. */
  timer?: symbol;
  /** On the customer's call: the consultation call in progress. */
  consultation?: { callId: string; target: TargetRef };
  /** On a consultation call: the customer's call it belongs to. */
  consultationOf?: string;
  /** On a consultation call still ringing: fails the `startConsultation` waiting for the answer. */
  failPendingAnswer?: (error: AdapterError) => void;
}

const LIVE: ReadonlySet<CallState> = new Set(['ringing', 'dialing', 'connected', 'held']);

export class CallStore {
  readonly changes = new Emitter<[CallInfo]>();
  readonly #calls = new Map<string, SimulatedCall>();
  readonly #timers: TimerSet;
  readonly #retention: Retention | undefined;

  /**
   * With a clock, an ended call is forgotten `forgetEndedAfterMs` after it ended, once `mayForget`
   * (its interaction closed) allows.
   */
  constructor(timers: TimerSet, retention?: { clock: Clock; forgetEndedAfterMs: number; mayForget: (call: SimulatedCall) => boolean }) {
    this.#timers = timers;
    this.#retention =
      retention &&
      new Retention(retention.clock, retention.forgetEndedAfterMs, (id) => {
        const call = this.#calls.get(id);
        if (!call || LIVE.has(call.info.state)) return true;
        if (!retention.mayForget(call)) return false;
        this.#calls.delete(id);
        return true;
      });
  }

  /** Calls still remembered, ended ones included. */
  get remembered(): number {
    return this.#calls.size;
  }

  /** Stores the call and, unless `quiet`, publishes it (see {@link publish}). */
  add(call: SimulatedCall, quiet = false): SimulatedCall {
    this.#retention?.sweep();
    this.#calls.set(call.info.id, call);
    if (!quiet) this.changes.emit(call.info);
    return call;
  }

  /** Publishes a call stored quietly, once what it refers to exists too. */
  publish(call: SimulatedCall): void {
    this.changes.emit(call.info);
  }

  get(id: string): SimulatedCall | undefined {
    return this.#calls.get(id);
  }

  require(id: string): SimulatedCall {
    const call = this.#calls.get(id);
    if (!call) throw new AdapterError('not-found', `No call with id "${id}".`);
    return call;
  }

  /** Refuses unless the call is in one of `states`. */
  requireIn(id: string, states: readonly CallState[], operation: string): SimulatedCall {
    const call = this.require(id);
    if (!states.includes(call.info.state)) {
      throw new AdapterError('invalid-state', `Cannot ${operation} a call that is ${call.info.state}.`, {
        detail: { state: call.info.state },
      });
    }
    return call;
  }

  /** Publishes a new CallInfo with `changes`. */
  update(call: SimulatedCall, changes: Partial<CallInfo>): CallInfo {
    call.info = { ...call.info, ...changes };
    this.changes.emit(call.info);
    return call.info;
  }

  /** Ends the call (no-op when already ended) and stops its timer. */
  end(call: SimulatedCall, endedBy: 'local' | 'remote', changes: Partial<CallInfo> = {}): void {
    if (!LIVE.has(call.info.state)) return;
    this.#timers.clear(call.timer);
    call.timer = undefined;
    this.update(call, { ...changes, state: 'ended', endedBy, remoteHold: false });
    this.#retention?.finished(call.info.id);
    const fail = call.failPendingAnswer;
    call.failPendingAnswer = undefined;
    fail?.(new AdapterError('aborted', 'The consultation ended before the target answered.'));
  }

  /** Replaces the call's pending timer. */
  schedule(call: SimulatedCall, callback: () => void, ms: number): void {
    this.#timers.clear(call.timer);
    call.timer = this.#timers.set(() => {
      call.timer = undefined;
      callback();
    }, ms);
  }

  cancelTimer(call: SimulatedCall): void {
    this.#timers.clear(call.timer);
    call.timer = undefined;
  }

  farEnd(id: string): FarEndView {
    const call = this.require(id);
    const { state } = call.info;
    const live = state === 'connected' || state === 'held';
    return {
      connected: live || (!!call.leftToOthers && call.joined.length > 0),
      held: state === 'held',
      hearsAgent: state === 'connected' && !call.info.muted,
      digits: call.digits,
      joined: [...call.joined],
      ...(call.transferredTo ? { transferredTo: call.transferredTo } : {}),
    };
  }
}
