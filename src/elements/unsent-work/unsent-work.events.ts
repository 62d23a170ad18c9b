import type { PendingWork } from '../../controllers/pending-work/pending-work-store.js';

export interface WorkDiscardDetail {
  interactionId: string;
  /** What is (or was) thrown away: the note, the disposition, the pending Mark done. */
  work: PendingWork;
}

/**
 * The agent confirmed Discard of work an earlier page left unsent. Cancelable: `preventDefault()`
 * keeps it (a host that files it elsewhere first, for one).
 */
export class WorkDiscardEvent extends CustomEvent<WorkDiscardDetail> {
  static readonly eventName = 'callback-work-discard';
  constructor(detail: WorkDiscardDetail) {
    super(WorkDiscardEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/** The work is gone from this browser: nothing of it was sent. */
export class WorkDiscardedEvent extends CustomEvent<WorkDiscardDetail> {
  static readonly eventName = 'callback-work-discarded';
  constructor(detail: WorkDiscardDetail) {
    super(WorkDiscardedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-work-discard': WorkDiscardEvent;
    'callback-work-discarded': WorkDiscardedEvent;
  }
}
