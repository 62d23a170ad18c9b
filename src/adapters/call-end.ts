import { assertNever } from '../model/state-machine.js';
import type { InteractionEvent } from '../model/state-machine.js';
import type { CallInfo } from './telephony-adapter.js';

/**
 * The hang-up a callback adapter records when the call carrying an interaction ended without the
 * agent's End call: who or what ended it (the contact, the agent's own phone or browser, the
 * network, the phone system), with the reason the phone gave.
 */
export function hangUpOf(call: CallInfo): InteractionEvent {
  const reason = call.endDetail ? { reason: call.endDetail } : {};
  switch (call.endReason) {
    case 'media-failed':
      return { type: 'hang-up', by: 'phone', ...reason };
    case 'connection-lost':
      return { type: 'hang-up', by: 'network', ...reason };
    case 'proxy':
      return { type: 'hang-up', by: 'service', ...reason };
    case undefined:
      return { type: 'hang-up', by: call.endedBy === 'local' ? 'agent' : 'contact' };
    default:
      return assertNever(call.endReason);
  }
}
