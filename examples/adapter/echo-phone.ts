/**
 * EchoPhone: an example `TelephonyAdapter`, written from the package's public types alone
 * (docs/write-an-adapter.md walks through it). Its "network" is in memory: every number answers
 * after `ringMs`, except those listed as busy, not answering or declining. A real adapter would
 * send each command to its phone system and publish what the system reports; this one decides the
 * outcome itself, and records what each far end experienced (`farEnd(callId)`) so that a test can
 * check it, as a second phone would.
 */
import { AdapterError, throwIfAborted } from 'callback-elements/adapters.js';
import type {
  CallInfo,
  CallOptions,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
  Unsubscribe,
} from 'callback-elements/adapters.js';
import type { Clock, TargetRef } from 'callback-elements/model.js';

export interface EchoPhoneOptions {
  /** Where time comes from: `ManualClock` (callback-elements/model.js) in tests. */
  clock: Clock;
  /** How long a far end rings before it answers, or gives up (ms). Default 3 s. */
  ringMs?: number;
  /** Numbers or addresses that are busy, that never answer, that decline a consultation. */
  busy?: readonly string[];
  noAnswer?: readonly string[];
  declines?: readonly string[];
}

/** What the person at the far end of a call has experienced. */
export interface EchoFarEnd {
  connected: boolean;
  held: boolean;
  digits: string;
  joined: string[];
  transferredTo?: string;
}

/** Valid numbers are E.164; anything else is refused before a call is placed. */
const E164 = /^\+[1-9]\d{6,14}$/;
const DTMF = /^[0-9*#A-D]+$/;

/** The phone's own bookkeeping for one call: what it publishes, and the far end. */
interface Leg {
  info: CallInfo;
  far: EchoFarEnd;
  /** The far end's pending answer, busy signal or give-up. */
  timer?: unknown;
}

export class EchoPhone implements TelephonyAdapter {
  readonly telephonyCapabilities: TelephonyCapabilities = {
    dial: true,
    hold: true,
    dtmf: true,
    blindTransfer: true,
    conference: true,
    consultation: true,
  };

  readonly #clock: Clock;
  readonly #ringMs: number;
  readonly #busy: ReadonlySet<string>;
  readonly #noAnswer: ReadonlySet<string>;
  readonly #declines: ReadonlySet<string>;
  #status: RegistrationStatus = 'offline';
  readonly #legs = new Map<string, Leg>();
  readonly #callListeners = new Set<(call: CallInfo) => void>();
  readonly #statusListeners = new Set<(status: RegistrationStatus) => void>();
  #nextId = 1;

  constructor(options: EchoPhoneOptions) {
    this.#clock = options.clock;
    this.#ringMs = options.ringMs ?? 3_000;
    this.#busy = new Set(options.busy ?? []);
    this.#noAnswer = new Set(options.noAnswer ?? []);
    this.#declines = new Set(options.declines ?? []);
  }

  // ---- registration ------------------------------------------------------------------------

  status(): RegistrationStatus {
    return this.#status;
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return subscribe(this.#statusListeners, listener);
  }

  async register(options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    this.#setStatus('connecting');
    await this.#roundTrip(options);
    this.#setStatus('registered');
  }

  async unregister(options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    this.#setStatus('offline');
  }

  // ---- calls -------------------------------------------------------------------------------

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return subscribe(this.#callListeners, listener);
  }

  getCall(id: string): CallInfo | undefined {
    const leg = this.#legs.get(id);
    return leg ? { ...leg.info } : undefined;
  }

  async answer(callId: string, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const leg = this.#leg(callId, ['ringing']);
    leg.far.connected = true;
    return this.#update(leg, { state: 'connected' });
  }

  async decline(callId: string, options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    this.#end(this.#leg(callId, ['ringing']), 'local');
  }

  async dial(request: DialRequest, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    this.#registered();
    if (!E164.test(request.number)) throw new AdapterError('invalid-input', `Not a number that can be dialled: ${request.number}`);
    const leg = this.#place(request.number, request.interactionId === undefined ? {} : { interactionId: request.interactionId });
    return { ...leg.info };
  }

  async hangUp(callId: string, options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    this.#end(this.#leg(callId, ['ringing', 'dialing', 'connected', 'held']), 'local');
  }

  async hold(callId: string, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const leg = this.#leg(callId, ['connected']);
    if (this.#consultationOf(callId)) throw new AdapterError('invalid-state', 'The customer is already held for a consultation.');
    leg.far.held = true;
    return this.#update(leg, { state: 'held' });
  }

  async resume(callId: string, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const leg = this.#leg(callId, ['held']);
    if (this.#consultationOf(callId)) throw new AdapterError('invalid-state', 'End or complete the consultation first.');
    leg.far.held = false;
    return this.#update(leg, { state: 'connected' });
  }

  async sendDtmf(callId: string, digits: string, options: DtmfOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    if (!DTMF.test(digits)) throw new AdapterError('invalid-input', 'Only 0-9, *, # and A-D can be sent.');
    this.#leg(callId, ['connected']).far.digits += digits;
  }

  async blindTransfer(callId: string, target: TargetRef, options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    const leg = this.#leg(callId, ['connected', 'held']);
    const address = addressOf(target);
    leg.far.transferredTo = address;
    leg.far.held = false;
    // The far end is now with the target: only our side of the call ends.
    this.#update(leg, { state: 'ended', endedBy: 'local' });
  }

  async conference(callId: string, target: TargetRef, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const leg = this.#leg(callId, ['connected', 'held']);
    const address = addressOf(target);
    leg.far.joined.push(address);
    leg.far.held = false;
    return this.#update(leg, { state: 'connected', participants: [...(leg.info.participants ?? []), address] });
  }

  async startConsultation(callId: string, target: TargetRef, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const customer = this.#leg(callId, ['connected', 'held']);
    if (this.#consultationOf(callId)) throw new AdapterError('invalid-state', 'A consultation is already going on.');
    const address = addressOf(target);
    // Hold the customer, then call the target.
    customer.far.held = true;
    if (customer.info.state === 'connected') this.#update(customer, { state: 'held' });
    const consultation = this.#place(address, { consultationOf: callId });
    const backToCustomer = () => {
      if (consultation.info.state !== 'ended') this.#end(consultation, 'local');
      if (customer.info.state === 'held') {
        customer.far.held = false;
        this.#update(customer, { state: 'connected' });
      }
    };
    return new Promise<CallInfo>((resolve, reject) => {
      const onAbort = () => {
        stop();
        backToCustomer();
        reject(new AdapterError('aborted', 'The consultation was cancelled.'));
      };
      const stop = this.onCall((call) => {
        if (call.id !== consultation.info.id) return;
        if (call.state === 'connected') {
          settle();
          resolve(call);
        } else if (call.state === 'ended') {
          settle();
          // The customer stays held: the agent resumes them, or consults someone else.
          const code = call.dialResult === 'busy' ? 'target-busy' : call.dialResult === 'no-answer' ? 'target-no-answer' : 'target-declined';
          reject(new AdapterError(code, `The consultation with ${target.name} did not connect.`));
        }
      });
      const settle = () => {
        stop();
        options.signal?.removeEventListener('abort', onAbort);
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async completeTransfer(callId: string, consultationId: string, options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    const [customer, consultation] = this.#consultation(callId, consultationId);
    customer.far.transferredTo = consultation.info.remote;
    customer.far.held = false;
    this.#update(customer, { state: 'ended', endedBy: 'local' });
    this.#update(consultation, { state: 'ended', endedBy: 'local' });
  }

  async completeConference(callId: string, consultationId: string, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const [customer, consultation] = this.#consultation(callId, consultationId);
    customer.far.joined.push(consultation.info.remote);
    customer.far.held = false;
    // The target's leg joins the customer's call: it is no call of its own any more.
    this.#update(consultation, { state: 'ended', endedBy: 'local' });
    return this.#update(customer, { state: 'connected', participants: [...(customer.info.participants ?? []), consultation.info.remote] });
  }

  async endConsultation(callId: string, consultationId: string, options: CallOptions = {}): Promise<CallInfo> {
    await this.#roundTrip(options);
    const customer = this.#leg(callId, ['held']);
    const consultation = this.#leg(consultationId, ['dialing', 'connected']);
    if (consultation.info.consultationOf !== callId) throw new AdapterError('not-found', 'No such consultation on this call.');
    // A consultation still ringing fails its startConsultation (target-declined) as it ends.
    this.#end(consultation, 'local');
    customer.far.held = false;
    return this.#update(customer, { state: 'connected' });
  }

  // ---- the far end (for tests and demos: not part of the contract) ---------------------------

  /** A caller rings the agent; `data` travels with the call (as SIP headers would). */
  ringIn(from: string, data: Record<string, string> = {}): CallInfo {
    const leg = this.#add({ direction: 'inbound', state: 'ringing', remote: from, data });
    return { ...leg.info };
  }

  /** The far end hangs up. */
  hangUpRemotely(callId: string): void {
    const leg = this.#legs.get(callId);
    if (leg && leg.info.state !== 'ended') this.#end(leg, 'remote');
  }

  /** What the far end of a call has experienced so far. */
  farEnd(callId: string): EchoFarEnd {
    const far = this.#legs.get(callId)?.far;
    if (!far) throw new AdapterError('not-found', `No call ${callId}.`);
    return { ...far, joined: [...far.joined] };
  }

  dispose(): void {
    for (const leg of this.#legs.values()) this.#clock.clearTimeout(leg.timer);
    this.#callListeners.clear();
    this.#statusListeners.clear();
  }

  // ---- inside --------------------------------------------------------------------------------

  /**
   * Where a real adapter awaits its phone system's answer. Checks the signal before and after,
   * so a command cancelled while in flight is rejected with `aborted` and changes nothing.
   */
  async #roundTrip(options: CallOptions): Promise<void> {
    throwIfAborted(options.signal);
    await Promise.resolve();
    throwIfAborted(options.signal);
  }

  #registered(): void {
    if (this.#status !== 'registered') throw new AdapterError('offline', 'The phone is not registered.');
  }

  #setStatus(status: RegistrationStatus): void {
    this.#status = status;
    for (const listener of [...this.#statusListeners]) listener(status);
  }

  /** The call, in one of `states`: else `not-found` or `invalid-state`. */
  #leg(callId: string, states: readonly CallInfo['state'][]): Leg {
    const leg = this.#legs.get(callId);
    if (!leg) throw new AdapterError('not-found', `No call ${callId}.`);
    if (!states.includes(leg.info.state)) throw new AdapterError('invalid-state', `The call is ${leg.info.state}.`);
    return leg;
  }

  /** The consultation call placed from `callId` and still up, if any. */
  #consultationOf(callId: string): Leg | undefined {
    return [...this.#legs.values()].find((leg) => leg.info.consultationOf === callId && leg.info.state !== 'ended');
  }

  /** The customer's call (held) and its answered consultation. */
  #consultation(callId: string, consultationId: string): [Leg, Leg] {
    const customer = this.#leg(callId, ['held', 'connected']);
    const consultation = this.#leg(consultationId, ['connected', 'held']);
    if (consultation.info.consultationOf !== callId) throw new AdapterError('not-found', 'No such consultation on this call.');
    return [customer, consultation];
  }

  #add(info: Omit<CallInfo, 'id'>): Leg {
    const leg: Leg = { info: { id: `echo-call-${this.#nextId++}`, ...info }, far: { connected: false, held: false, digits: '', joined: [] } };
    this.#legs.set(leg.info.id, leg);
    this.#publish(leg);
    return leg;
  }

  /** An outbound call, and what its far end does after ringing. */
  #place(remote: string, extra: Pick<CallInfo, 'interactionId' | 'consultationOf'>): Leg {
    const leg = this.#add({ direction: 'outbound', state: 'dialing', remote, ...extra });
    leg.timer = this.#clock.setTimeout(() => {
      if (leg.info.state !== 'dialing') return;
      if (this.#busy.has(remote)) this.#update(leg, { state: 'ended', endedBy: 'remote', dialResult: 'busy' });
      else if (this.#noAnswer.has(remote)) this.#update(leg, { state: 'ended', endedBy: 'remote', dialResult: 'no-answer' });
      else if (this.#declines.has(remote)) this.#update(leg, { state: 'ended', endedBy: 'remote' });
      else {
        leg.far.connected = true;
        this.#update(leg, { state: 'connected' });
      }
    }, this.#ringMs);
    return leg;
  }

  #end(leg: Leg, by: 'local' | 'remote'): void {
    this.#clock.clearTimeout(leg.timer);
    leg.far.connected = false;
    leg.far.held = false;
    this.#update(leg, { state: 'ended', endedBy: by });
  }

  /** Every change is published with the whole new value. */
  #update(leg: Leg, changes: Partial<CallInfo>): CallInfo {
    leg.info = { ...leg.info, ...changes };
    if (leg.info.state === 'ended') this.#clock.clearTimeout(leg.timer);
    this.#publish(leg);
    return { ...leg.info };
  }

  #publish(leg: Leg): void {
    for (const listener of [...this.#callListeners]) listener({ ...leg.info });
  }
}

function subscribe<T>(listeners: Set<T>, listener: T): Unsubscribe {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function addressOf(target: TargetRef): string {
  if (!target.address) throw new AdapterError('invalid-input', `${target.name} has no address to call.`);
  return target.address;
}
