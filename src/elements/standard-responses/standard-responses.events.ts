import type { StandardResponse } from '../../adapters/directory-adapter.js';

export interface ResponseInsertDetail {
  /** The response as the directory returned it. */
  response: StandardResponse;
  /** The text to insert (the response's body, plain text). */
  text: string;
}

/** The agent asked to insert the shown response into the note; the element that owns the note inserts it. */
export class ResponseInsertEvent extends CustomEvent<ResponseInsertDetail> {
  static readonly eventName = 'response-insert';
  constructor(detail: ResponseInsertDetail) {
    super(ResponseInsertEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'response-insert': ResponseInsertEvent;
  }
}
