export interface CallbackOpenDetail {
  /** The other open callback the agent wants to see. */
  interactionId: string;
}

/**
 * The agent chose another open callback for the same number in the duplicate warning. A desk
 * shows that interaction's window when it has one; a host page can open it its own way.
 */
export class CallbackOpenEvent extends CustomEvent<CallbackOpenDetail> {
  static readonly eventName = 'callback-open';
  constructor(detail: CallbackOpenDetail) {
    super(CallbackOpenEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-open': CallbackOpenEvent;
  }
}
