import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { DirectoryAdapter } from '../adapters/directory-adapter.js';
import { AdapterError } from '../adapters/errors.js';
import type { CallInfo, TelephonyAdapter } from '../adapters/telephony-adapter.js';
import {
  callbackAdapterContext,
  clockContext,
  directoryAdapterContext,
  policyContext,
  telephonyAdapterContext,
} from '../context/index.js';
import {
  actionAvailability,
  actionTimeout,
  type ActionAvailability,
  type ActionContext,
  type Capabilities,
  type InteractionAction,
  type Policy,
} from '../model/actions.js';
import { systemClock, type Clock } from '../model/clock.js';
import type { Interaction } from '../model/interaction.js';
import type { ValidationCode } from '../model/validation.js';
import { CallbackActionDoneEvent, CallbackActionEvent, type ActionArgsOf, type ActionRequestDetail } from '../events/action-events.js';
import { CallbackErrorEvent } from '../events/error-event.js';
import { adapterErrorText } from '../messages/messages.js';
import { InteractionController, type ViewKey } from './interaction-controller.js';
import { withTimeout } from './action-timeout.js';
import { AdapterPolicyController } from './adapter-policy-controller.js';
import { LifetimeScope } from './lifetime-scope.js';

/** What a host may set explicitly; each wins over the value provided by context. */
export interface SessionOverrides {
  adapter?: CallbackAdapter | undefined;
  telephony?: TelephonyAdapter | undefined;
  directory?: DirectoryAdapter | undefined;
  clock?: Clock | undefined;
  policy?: Partial<Policy> | undefined;
  interactionId?: string | undefined;
}

/**
 * The overrides of a host that exposes the usual interaction-bound properties (`adapter`,
 * `telephony`, `directory`, `clock`, `policy`, `interactionId`), read afresh at each call.
 */
export function sessionOverrides(host: SessionOverrides): () => SessionOverrides {
  return () => ({
    adapter: host.adapter,
    telephony: host.telephony,
    directory: host.directory,
    clock: host.clock,
    policy: host.policy,
    interactionId: host.interactionId,
  });
}

export interface SessionError {
  action: string;
  code: AdapterError['code'] | ValidationCode;
  message: string;
}

/**
 * Everything an interaction-bound element needs, in one controller: the adapters, clock and policy
 * (explicit property, else context), the interaction as the adapter publishes it, its call, the
 * allowed actions, and `run()`, which performs an action the house way: a cancelable
 * `callback-action` request event, the adapter call, then `callback-action-done` or a localized
 * error (`callback-error` plus `error` for the host to render). One action of a kind at a time.
 */
export class InteractionSession implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #overrides: () => SessionOverrides;
  readonly #adapterCtx: ContextConsumer<typeof callbackAdapterContext, ReactiveElement>;
  readonly #telephonyCtx: ContextConsumer<typeof telephonyAdapterContext, ReactiveElement>;
  readonly #directoryCtx: ContextConsumer<typeof directoryAdapterContext, ReactiveElement>;
  readonly #clockCtx: ContextConsumer<typeof clockContext, ReactiveElement>;
  readonly #policyCtx: ContextConsumer<typeof policyContext, ReactiveElement>;
  readonly #interaction: InteractionController;
  readonly #adapterPolicy: AdapterPolicyController;
  readonly #lifetime = new LifetimeScope();
  /** The subscription to the telephony adapter's calls, replaced with the adapter. */
  readonly #calls = new LifetimeScope(this.#lifetime);
  #callTelephony: TelephonyAdapter | undefined;
  #pending = new Set<string>();
  #error: SessionError | undefined;
  readonly #followsCalls: boolean;

  /**
   * `onChange(previous, next)` runs for each change the adapter publishes. With `viewKey` (what the
   * host shows of an interaction, as a string), a change re-renders the host only when the key
   * differs. With `followCalls`, a change of the interaction's telephony call (the far end ringing,
   * why it ended: what `call` reads) re-renders the host too; an element that
   * shows no call state leaves it off and is not re-rendered by one.
   */
  constructor(
    host: ReactiveElement,
    overrides: () => SessionOverrides,
    onChange?: (previous: Interaction | undefined, next: Interaction) => void,
    { viewKey, followCalls = false }: { viewKey?: ViewKey; followCalls?: boolean } = {},
  ) {
    this.#host = host;
    this.#overrides = overrides;
    this.#followsCalls = followCalls;
    this.#adapterCtx = new ContextConsumer(host, { context: callbackAdapterContext, subscribe: true });
    this.#telephonyCtx = new ContextConsumer(host, { context: telephonyAdapterContext, subscribe: true });
    this.#directoryCtx = new ContextConsumer(host, { context: directoryAdapterContext, subscribe: true });
    this.#clockCtx = new ContextConsumer(host, { context: clockContext, subscribe: true });
    this.#policyCtx = new ContextConsumer(host, { context: policyContext, subscribe: true });
    this.#adapterPolicy = new AdapterPolicyController(host, () => this.adapter);
    this.#interaction = new InteractionController(
      host,
      () => ({ adapter: this.adapter, interactionId: this.#overrides().interactionId }),
      (previous, next) => {
        if (previous?.state !== next.state && this.#error) {
          this.#error = undefined;
          host.requestUpdate();
        }
        onChange?.(previous, next);
      },
      viewKey,
    );
    host.addController(this);
  }

  get adapter(): CallbackAdapter | undefined {
    return this.#overrides().adapter ?? this.#adapterCtx.value;
  }

  get telephony(): TelephonyAdapter | undefined {
    return this.#overrides().telephony ?? this.#telephonyCtx.value;
  }

  get directory(): DirectoryAdapter | undefined {
    return this.#overrides().directory ?? this.#directoryCtx.value;
  }

  get clock(): Clock {
    return this.#overrides().clock ?? this.#clockCtx.value ?? systemClock;
  }

  /**
   * The explicit `policy`, else the one provided by context, over the policy the adapter says its
   * backend enforces (field by field), so an element alone with `.adapter` applies it too.
   */
  get policy(): Partial<Policy> {
    return this.#adapterPolicy.merged(this.#overrides().policy ?? this.#policyCtx.value) ?? {};
  }

  /** What the adapters in use can do (a missing adapter can do nothing). */
  get capabilities(): Partial<Capabilities> {
    const phone = this.telephony;
    const t = phone?.telephonyCapabilities;
    const c = this.adapter?.callbackCapabilities;
    return {
      dial: t?.dial ?? false,
      hold: t?.hold ?? false,
      dtmf: t?.dtmf ?? false,
      blindTransfer: t?.blindTransfer ?? false,
      conference: t?.conference ?? false,
      consultation: t?.consultation ?? false,
      reschedule: c?.reschedule ?? false,
      // Optional ones: the adapter must say it can, and have the method.
      mute: !!(t?.mute && phone?.mute),
      alternate: !!(t?.alternate && phone?.alternate),
      removeParticipant: !!(t?.removeParticipant && phone?.removeParticipant),
      leaveConference: !!(t?.leaveConference && phone?.leaveConference),
    };
  }

  get actionContext(): ActionContext {
    return { capabilities: this.capabilities, policy: this.policy };
  }

  get interaction(): Interaction | undefined {
    return this.#interaction.value;
  }

  /** The telephony call carrying the interaction, when there is one. */
  get call(): CallInfo | undefined {
    const id = this.interaction?.callId;
    return id ? this.telephony?.getCall(id) : undefined;
  }

  /** The model's answer for an action, with "pending" shown as disabled. */
  availability(action: InteractionAction, extra: Pick<ActionContext, 'chosenDisposition'> = {}): ActionAvailability {
    const interaction = this.interaction;
    if (!interaction) return { status: 'hidden', reason: 'wrong-state' };
    const answer = actionAvailability(interaction, action, { ...this.actionContext, ...extra });
    if (answer.status === 'enabled' && this.#pending.has(action)) return { status: 'disabled', reason: 'wrong-state' };
    return answer;
  }

  isPending(action: string): boolean {
    return this.#pending.has(action);
  }

  /** The last failure, until the next action or state change. */
  get error(): SessionError | undefined {
    return this.#error;
  }

  clearError(): void {
    this.#error = undefined;
    this.#host.requestUpdate();
  }

  /** Shows a validation failure the same way as an adapter failure. */
  showError(action: string, code: SessionError['code'], message: string): void {
    this.#error = { action, code, message };
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new CallbackErrorEvent({ action, code, message, interaction: this.interaction }));
  }

  /**
   * Performs `action`: request event (cancelable), `perform()`, done event or error. Resolves with
   * perform's result, or undefined when cancelled, refused or failed (the error is then shown).
   *
   * An adapter that never answers does not leave the action pending forever: after the policy's
   * `actionTimeoutMs` (`answerTimeoutMs` for actions that wait for a person), measured on the
   * element's clock, the signal given to `perform` aborts, the agent reads a timeout error and may
   * try again. Whatever the adapter does later still reaches the screen through its events.
   */
  async run<T, A extends InteractionAction>(
    action: A,
    perform: (interaction: Interaction, signal: AbortSignal) => Promise<T>,
    args?: ActionArgsOf<A>,
    options: {
      signal?: AbortSignal;
      /** Runs right after `callback-action-done`, before anything re-renders (to fire what follows it). */
      afterDone?: (latest: Interaction | undefined) => void;
    } = {},
  ): Promise<T | undefined> {
    const interaction = this.interaction;
    if (!interaction || this.#pending.has(action)) return undefined;
    // `args` is `action`'s (ActionArgsOf), which TypeScript cannot relate to the union's member.
    const detail = { action, interaction, ...(args ? { args } : {}) } as ActionRequestDetail;
    const request = new CallbackActionEvent(detail);
    if (!this.#host.dispatchEvent(request)) return undefined;
    this.#pending.add(action);
    this.#error = undefined;
    this.#host.requestUpdate();
    try {
      const result = await withTimeout((signal) => perform(interaction, signal), {
        clock: this.clock,
        ms: actionTimeout(action, this.policy),
        what: action,
        signal: options.signal,
      });
      const latest = this.adapter?.getInteraction(interaction.id) ?? this.interaction;
      this.#host.dispatchEvent(new CallbackActionDoneEvent({ ...detail, result: latest }));
      options.afterDone?.(latest);
      return result;
    } catch (thrown) {
      const error = AdapterError.from(thrown);
      // Aborted by the agent's own choice (e.g. ending a consultation that still rings): no error.
      if (!(error.code === 'aborted' && options.signal?.aborted)) this.showError(action, error.code, adapterErrorText(error));
      return undefined;
    } finally {
      this.#pending.delete(action);
      this.#host.requestUpdate();
    }
  }

  /** The telephony adapter and call id, or a typed error when there is no call. */
  requireCall(): { telephony: TelephonyAdapter; callId: string } {
    const telephony = this.telephony;
    const callId = this.interaction?.callId;
    if (!telephony) throw new AdapterError('not-supported', 'No telephony adapter is connected.');
    if (!callId) throw new AdapterError('invalid-state', 'This interaction has no call.');
    return { telephony, callId };
  }

  requireAdapter(): CallbackAdapter {
    const adapter = this.adapter;
    if (!adapter) throw new AdapterError('not-supported', 'No callback adapter is connected.');
    return adapter;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#followCalls();
  }

  hostUpdate(): void {
    // A host may still render after it left the page (a popup closing on removal): the scope then
    // takes no subscription, which would outlive the host.
    if (this.telephony !== this.#callTelephony) this.#followCalls();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  /** With `followCalls`, re-render when the call changes even if the interaction does not. */
  #followCalls(): void {
    this.#calls.open();
    const telephony = (this.#callTelephony = this.telephony);
    if (!this.#followsCalls) return;
    this.#calls.subscribe(() =>
      telephony?.onCall((call) => {
        if (call.interactionId === this.interaction?.id || call.id === this.interaction?.callId) this.#host.requestUpdate();
      }),
    );
  }
}
