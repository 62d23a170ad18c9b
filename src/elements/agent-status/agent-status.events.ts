import type { AgentReadyState, NotReadyReason } from '../../adapters/callback-adapter.js';
import type { Channel } from '../../model/interaction.js';

/** Why the agent is not ready: a code for reporting and a label to show (the adapter's type). */
export type { NotReadyReason };

export interface AgentStateDetail {
  channel: Channel;
  state: AgentReadyState;
  /** The chosen reason, when going not ready. */
  reason?: NotReadyReason;
}

const init = (detail: AgentStateDetail, cancelable: boolean) => ({ detail, bubbles: true, composed: true, cancelable });

/** The agent asked to become ready or not ready on a channel; `preventDefault()` stops the adapter call. */
export class AgentStateChangeEvent extends CustomEvent<AgentStateDetail> {
  static readonly eventName = 'agent-state-change';
  constructor(detail: AgentStateDetail) {
    super(AgentStateChangeEvent.eventName, init(detail, true));
  }
}

/** The callback service took the new state. */
export class AgentStateChangedEvent extends CustomEvent<AgentStateDetail> {
  static readonly eventName = 'agent-state-changed';
  constructor(detail: AgentStateDetail) {
    super(AgentStateChangedEvent.eventName, init(detail, false));
  }
}

declare global {
  interface HTMLElementEventMap {
    'agent-state-change': AgentStateChangeEvent;
    'agent-state-changed': AgentStateChangedEvent;
  }
}
