import type { DispositionRef, HistoryEntry, Interaction } from '../../model/interaction.js';

export interface CallbackDoneDetail {
  interaction: Interaction;
  disposition: DispositionRef | undefined;
  /** The notes attached during the interaction, oldest first. */
  notes: string[];
  history: readonly HistoryEntry[];
}

/** What `callback-done` tells of an interaction marked done. */
export function doneDetail(done: Interaction): CallbackDoneDetail {
  return {
    interaction: done,
    disposition: done.disposition,
    notes: done.history.flatMap((h) => (h.kind === 'note' ? [h.text] : [])),
    history: done.history,
  };
}

/** The interaction was marked done: what the host CRM files with the case. */
export class CallbackDoneEvent extends CustomEvent<CallbackDoneDetail> {
  static readonly eventName = 'callback-done';
  constructor(detail: CallbackDoneDetail) {
    super(CallbackDoneEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-done': CallbackDoneEvent;
  }
}
