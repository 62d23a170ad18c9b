import type { AdapterErrorCode } from '../adapters/errors.js';
import type { Interaction } from '../model/interaction.js';
import type { ValidationCode } from '../model/validation.js';

export interface CallbackErrorDetail {
  /** What the agent tried: `accept`, `reject`, `hold`, ... */
  action: string;
  code: AdapterErrorCode | ValidationCode;
  /** Localized, ready to show. */
  message: string;
  interaction?: Interaction | undefined;
  cause?: unknown;
}

/** An action failed; the element shows the message too. */
export class CallbackErrorEvent extends CustomEvent<CallbackErrorDetail> {
  static readonly eventName = 'callback-error';
  constructor(detail: CallbackErrorDetail) {
    super(CallbackErrorEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-error': CallbackErrorEvent;
  }
}
