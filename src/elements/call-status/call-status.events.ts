import type { Interaction } from '../../model/interaction.js';

/** Another way to reach the contact than the call. */
export type ContactChannel = 'email' | 'sms' | 'chat';

export interface ChannelRequestDetail {
  channel: ContactChannel;
  /** The contact's e-mail address, SMS number or chat handle, as the contact record has it. Untrusted. */
  address: string;
  interaction: Interaction;
}

/**
 * The agent chose e-mail, SMS or chat in the participant action menu: the host page opens that
 * channel with the contact (the elements do not send messages themselves).
 */
export class ChannelRequestEvent extends CustomEvent<ChannelRequestDetail> {
  static readonly eventName = 'callback-channel';
  constructor(detail: ChannelRequestDetail) {
    super(ChannelRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-channel': ChannelRequestEvent;
  }
}

export interface AfterCallWorkExceededDetail {
  /** The interaction in after-call work, as last published. */
  interaction: Interaction;
  /** When the after-call work began (epoch ms). */
  since: number;
  /** The policy's `afterCallWorkLimitMs` it passed. */
  limitMs: number;
}

/**
 * The agent's after-call work on an interaction passed the policy's `afterCallWorkLimitMs`: the
 * host may remind the agent, tell a supervisor, or set the agent's state. Once per interaction in
 * the page, whichever `<call-status>` shows it.
 */
export class AfterCallWorkExceededEvent extends CustomEvent<AfterCallWorkExceededDetail> {
  static readonly eventName = 'callback-after-call-work-exceeded';
  constructor(detail: AfterCallWorkExceededDetail) {
    super(AfterCallWorkExceededEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-after-call-work-exceeded': AfterCallWorkExceededEvent;
  }
}
