import type { Interaction } from '../../model/interaction.js';

export interface OfferEventDetail {
  interaction: Interaction;
}

const init = (detail: OfferEventDetail, cancelable = false) => ({ detail, bubbles: true, composed: true, cancelable });

/** The agent asked to accept; `preventDefault()` stops the adapter call. */
export class CallbackAcceptEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-accept';
  constructor(detail: OfferEventDetail) {
    super(CallbackAcceptEvent.eventName, init(detail, true));
  }
}

/** The callback service confirmed the accept. `detail.interaction` is the accepted interaction. */
export class CallbackAcceptedEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-accepted';
  constructor(detail: OfferEventDetail) {
    super(CallbackAcceptedEvent.eventName, init(detail));
  }
}

/** The agent asked to reject; `preventDefault()` stops the adapter call. */
export class CallbackRejectEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-reject';
  constructor(detail: OfferEventDetail) {
    super(CallbackRejectEvent.eventName, init(detail, true));
  }
}

/** The callback service confirmed the reject; the offer went back to routing. */
export class CallbackRejectedEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-rejected';
  constructor(detail: OfferEventDetail) {
    super(CallbackRejectedEvent.eventName, init(detail));
  }
}

/** Nobody answered the offer in time; the callback service returned it to routing. */
export class CallbackExpiredEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-expired';
  constructor(detail: OfferEventDetail) {
    super(CallbackExpiredEvent.eventName, init(detail));
  }
}

/** The callback service withdrew the offer (the customer cancelled, or another agent took it). */
export class CallbackRevokedEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-revoked';
  constructor(detail: OfferEventDetail) {
    super(CallbackRevokedEvent.eventName, init(detail));
  }
}

/** A new offer is shown; a page that wants its own ring sound plays it on this event. */
export class CallbackRingEvent extends CustomEvent<OfferEventDetail> {
  static readonly eventName = 'callback-ring';
  constructor(detail: OfferEventDetail) {
    super(CallbackRingEvent.eventName, init(detail));
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-accept': CallbackAcceptEvent;
    'callback-accepted': CallbackAcceptedEvent;
    'callback-reject': CallbackRejectEvent;
    'callback-rejected': CallbackRejectedEvent;
    'callback-expired': CallbackExpiredEvent;
    'callback-revoked': CallbackRevokedEvent;
    'callback-ring': CallbackRingEvent;
  }
}
