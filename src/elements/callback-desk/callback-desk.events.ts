import type { DeskOwnership } from '../../controllers/desk-ownership/desk-ownership.js';

export interface DeskOwnershipDetail extends DeskOwnership {
  /** Whose desk (the callback adapter's `workScope`, or `default`): one owner per scope per browser. */
  scope: string;
}

/**
 * The agent's desk came to this tab (`detail.owner` true: the desk connects its adapters) or is
 * handled by another tab of the same browser (false: this desk connects nothing and shows why).
 * A host page that connects adapters of its own (a SIP registration, a notification channel)
 * does so while its desk owns, and disconnects when it stops: one registration per agent.
 */
export class DeskOwnershipEvent extends CustomEvent<DeskOwnershipDetail> {
  static readonly eventName = 'callback-desk-ownership';
  constructor(detail: DeskOwnershipDetail) {
    super(DeskOwnershipEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-desk-ownership': DeskOwnershipEvent;
  }
}
