import type { DirectoryTarget } from '../../adapters/directory-adapter.js';

/** What the agent is choosing a target for. */
export type TargetPurpose = 'transfer' | 'conference' | 'consult';

export interface TargetSelectDetail {
  /** The chosen agent, queue, routing point, skill or contact, as the directory returned it. */
  target: DirectoryTarget;
  purpose: TargetPurpose;
}

/** The agent chose a target in the team communicator (Enter or a click on a result). */
export class TargetSelectEvent extends CustomEvent<TargetSelectDetail> {
  static readonly eventName = 'target-select';
  constructor(detail: TargetSelectDetail) {
    super(TargetSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'target-select': TargetSelectEvent;
  }
}
