import type { RescheduleRequest } from '../adapters/callback-adapter.js';
import type { InteractionAction } from '../model/actions.js';
import type { DispositionRef, Interaction, TargetRef } from '../model/interaction.js';

/** What an action's request carries besides the interaction: what the agent chose. Other actions carry nothing. */
export interface ActionArgs {
  /** The number dialled, E.164. */
  call: { number: string };
  transfer: { target: TargetRef };
  conference: { target: TargetRef };
  consult: { target: TargetRef };
  'remove-participant': { target: TargetRef };
  /** The digits as shown: `•` for each masked one. */
  dtmf: { digits: string; masked: boolean };
  /** The new time (and number, reason); `personal`: a callback for this agent only. */
  reschedule: RescheduleRequest & { personal: boolean };
  'set-disposition': { disposition: DispositionRef };
  note: { text: string };
  /** The note typed and not yet saved, sent with Mark done; none without one. */
  'mark-done': { note: string } | undefined;
}

/** The `args` of `action`'s request: `undefined` for an action that carries nothing. */
export type ActionArgsOf<A extends InteractionAction> = A extends keyof ActionArgs ? Readonly<ActionArgs[A]> : undefined;

/** The request for one action: `{ action, interaction, args }`, `args` typed by the action. */
export type ActionRequestFor<A extends InteractionAction> = A extends InteractionAction
  ? { action: A; interaction: Interaction } & (undefined extends ActionArgsOf<A> ? { args?: ActionArgsOf<A> } : { args: ActionArgsOf<A> })
  : never;

/**
 * One union member per action, so that testing `detail.action` narrows `detail.args`:
 * `if (e.detail.action === 'transfer') crm.log(e.detail.args.target.name)`.
 */
export type ActionRequestDetail = ActionRequestFor<InteractionAction>;

export type ActionDoneDetail = ActionRequestDetail & {
  /** The interaction after the action, as the adapter reported it. */
  result?: Interaction | undefined;
};

/**
 * The agent asked for an action on an interaction (hold, transfer, DTMF, reschedule, ...).
 * Cancelable: `preventDefault()` stops the adapter call. `detail.action` says which, and narrows
 * `detail.args` to what that action carries (`ActionArgs`): a transfer's `target`, DTMF `digits`.
 */
export class CallbackActionEvent extends CustomEvent<ActionRequestDetail> {
  static readonly eventName = 'callback-action';
  constructor(detail: ActionRequestDetail) {
    super(CallbackActionEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/** The adapter carried out the action; `detail` as the request's, with `result`. */
export class CallbackActionDoneEvent extends CustomEvent<ActionDoneDetail> {
  static readonly eventName = 'callback-action-done';
  constructor(detail: ActionDoneDetail) {
    super(CallbackActionDoneEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-action': CallbackActionEvent;
    'callback-action-done': CallbackActionDoneEvent;
  }
}
