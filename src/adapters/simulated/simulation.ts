import { ALL_CAPABILITIES, DEFAULT_POLICY, type Capabilities, type Policy } from '../../model/actions.js';
import { systemClock, type Clock } from '../../model/clock.js';
import type { Interaction } from '../../model/interaction.js';
import type { CallbackCapabilities, CallOptions } from '../callback-adapter.js';
import { AdapterError } from '../errors.js';
import type { TelephonyCapabilities } from '../telephony-adapter.js';
import { CallbackCalendar, type OfficeHours } from './availability.js';
import { DEFAULT_FORGET_CLOSED_AFTER_MS } from '../retention.js';
import { isClosed } from '../../model/state-machine.js';
import { CallContext } from './call-context.js';
import { CallbackService } from './callback-service.js';
import { CallStore } from './calls.js';
import { Consultations } from './consultation.js';
import { SimulatedDirectory } from './directory.js';
import { dataLocale } from './localized-data.js';
import { FaultInjector, type SimulatedOperation } from './faults.js';
import { InteractionStore } from './interactions.js';
import { RegistrationLine } from './registration.js';
import { RequestPipeline } from './requests.js';
import { Switchboard } from './switchboard.js';
import { TimerSet } from './timers.js';

export interface SimulatedContactCenterOptions {
  /** Time source for latency, offer expiry and the contacts' behaviour (default: the system clock). */
  clock?: Clock;
  /** Round trip of every command (default 250 ms); 0 still answers asynchronously. */
  latencyMs?: number;
  /** What the simulated backend supports; all true by default. */
  capabilities?: Partial<Capabilities>;
  /** Availability and duplicate lookup of the callback service; true by default. */
  callbackCapabilities?: Partial<Omit<CallbackCapabilities, 'reschedule'>>;
  /** Rules the backend enforces, e.g. `dispositionMandatory`, or an offer's `canReject`. */
  policy?: Partial<Policy>;
  /** How long an offer waits before going back to routing (default 30 s). */
  offerTimeoutMs?: number;
  /** Start registered on the phone (default true; false starts `offline`). */
  registered?: boolean;
  /** How long the phone tries to reconnect after the network drops before it reports `offline` (default 10 s). */
  reconnectTimeoutMs?: number;
  /** Office hours of the callback calendar (UTC). */
  officeHours?: OfficeHours;
  /**
   * How long a closed interaction (and its ended calls) is remembered after it closed, on the
   * clock (default 15 minutes; `Infinity` keeps everything). Then `getInteraction(id)` answers
   * undefined, as a backend's agent view would: a shift does not keep every callback it handled.
   */
  forgetClosedAfterMs?: number;
  /**
   * Accepted voice callbacks are placed to the contact as a callback service places them: ready
   * to call while the service sets up the call (`placeCallMs`, default 1.5 s), dialing while the
   * contact's phone rings (the scenario's ring time: a few seconds), then connected, or ready to
   * call again when nobody answers. Off by default: an accepted voice callback is connected at once.
   */
  voiceCallbackDialing?: boolean | { placeCallMs?: number };
  /**
   * The language of the contact center's own data: disposition codes, standard responses, queue,
   * routing-point and skill names, case-data labels and instructions. `es` (or `es-*`) is Spanish;
   * anything else, and the default, English. Customers' own words and names stay as typed.
   */
  locale?: string;
}

/** How long the callback service takes to place an accepted voice callback, by default. */
const DEFAULT_PLACE_CALL_MS = 1_500;

/** The parts of the simulated contact center, wired together, and the checks every command makes. */
export class Simulation {
  readonly clock: Clock;
  readonly capabilities: Readonly<Capabilities>;
  readonly telephonyCapabilities: Readonly<TelephonyCapabilities>;
  readonly callbackCapabilities: Readonly<CallbackCapabilities>;
  /** The rules the backend enforces; replaced as a whole by `setPolicy`. */
  policy: Readonly<Policy>;
  readonly offerTimeoutMs: number;
  latencyMs: number;

  readonly timers: TimerSet;
  readonly faults = new FaultInjector();
  readonly directory = new SimulatedDirectory();
  readonly line: RegistrationLine;
  readonly interactions: InteractionStore;
  readonly calls: CallStore;
  readonly switchboard: Switchboard;
  readonly consultations: Consultations;
  readonly service: CallbackService;
  readonly #pipeline: RequestPipeline;
  #sequence = 0;

  constructor(options: SimulatedContactCenterOptions) {
    this.clock = options.clock ?? systemClock;
    this.latencyMs = options.latencyMs ?? 250;
    this.capabilities = Object.freeze({ ...ALL_CAPABILITIES, ...options.capabilities });
    const { dial, hold, dtmf, blindTransfer, conference, consultation, reschedule, mute, alternate, removeParticipant, leaveConference } = this.capabilities;
    this.telephonyCapabilities = Object.freeze({ dial, hold, dtmf, blindTransfer, conference, consultation, mute, alternate, removeParticipant, leaveConference });
    this.callbackCapabilities = Object.freeze({ availability: true, duplicateLookup: true, ...options.callbackCapabilities, reschedule });
    this.policy = Object.freeze({ ...DEFAULT_POLICY, ...options.policy });
    this.offerTimeoutMs = options.offerTimeoutMs ?? 30_000;
    this.directory.locale = dataLocale(options.locale);

    this.timers = new TimerSet(this.clock);
    this.line = new RegistrationLine(this.timers, options.registered ?? true, options.reconnectTimeoutMs ?? 10_000);
    this.#pipeline = new RequestPipeline({
      timers: this.timers,
      latencyMs: () => this.latencyMs,
      faults: this.faults,
      isOffline: () => this.line.networkDown,
    });
    const forgetAfter = options.forgetClosedAfterMs ?? DEFAULT_FORGET_CLOSED_AFTER_MS;
    this.interactions = new InteractionStore(
      this.clock,
      () => ({ capabilities: this.capabilities, policy: this.policy }),
      forgetAfter,
      (id) => ctx.behaviours.delete(id),
    );
    this.calls = new CallStore(this.timers, {
      clock: this.clock,
      forgetEndedAfterMs: forgetAfter,
      // A call is part of its interaction's record while the agent holds it (the window shows it).
      mayForget: (call) => {
        const owner = call.info.interactionId ? this.interactions.get(call.info.interactionId) : undefined;
        return !owner || isClosed(owner.state);
      },
    });
    const ctx = new CallContext(this.calls, this.interactions, this.directory, (prefix) => this.nextId(prefix));
    this.switchboard = new Switchboard(ctx);
    this.consultations = new Consultations(ctx);
    this.service = new CallbackService({
      clock: this.clock,
      timers: this.timers,
      ctx,
      switchboard: this.switchboard,
      directory: this.directory,
      calendar: new CallbackCalendar(options.officeHours),
      placeVoiceCallbackMs: placeCallAfter(options.voiceCallbackDialing),
    });
  }

  nextId(prefix: string): string {
    return `${prefix}-${++this.#sequence}`;
  }

  /** A command's round trip (latency, abort, offline, injected fault), then `body`. */
  run<T>(operation: SimulatedOperation, options: CallOptions | undefined, body: () => T | Promise<T>): Promise<T> {
    return this.#pipeline.run(operation, options?.signal, body);
  }

  /** A phone command: the capability must exist and the phone be registered. */
  phone<T>(
    operation: SimulatedOperation,
    options: CallOptions | undefined,
    capability: keyof TelephonyCapabilities | undefined,
    body: () => T | Promise<T>,
  ): Promise<T> {
    return this.run(operation, options, () => {
      if (capability) this.requireCapability(!!this.telephonyCapabilities[capability], capability);
      if (this.line.status !== 'registered') throw new AdapterError('offline', 'The phone is not registered.');
      return body();
    });
  }

  requireCapability(supported: boolean, name: string): void {
    if (!supported) throw new AdapterError('not-supported', `This contact center does not support ${name}.`);
  }

  /** The offered callback a ringing call carries, if any. */
  offeredOn(callId: string): Interaction | undefined {
    const call = this.calls.require(callId);
    const interaction = call.info.interactionId ? this.interactions.get(call.info.interactionId) : undefined;
    return call.info.state === 'ringing' && interaction?.state === 'offered' ? interaction : undefined;
  }

  /** Declining the ringing call of a callback offer rejects the offer (with its rules). */
  declineOrReject(callId: string, otherwise: () => void): void {
    const offered = this.offeredOn(callId);
    if (offered) this.service.reject(offered.id);
    else otherwise();
  }
}

function placeCallAfter(option: SimulatedContactCenterOptions['voiceCallbackDialing']): number | undefined {
  if (!option) return undefined;
  return Math.max(0, (option === true ? undefined : option.placeCallMs) ?? DEFAULT_PLACE_CALL_MS);
}
