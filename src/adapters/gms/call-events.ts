import type { Interaction } from '../../model/interaction.js';
import { transition, type InteractionEvent } from '../../model/state-machine.js';
import { hangUpOf } from '../call-end.js';
import type { CallInfo } from '../telephony-adapter.js';

/**
 * What a change of the call carrying a GMS interaction means for that interaction. The GMS adapter
 * is not the phone the elements act through: the agent's End call, Hold and Resume reach the phone
 * directly, and the adapter learns of them, as of the far end's doings, only from the call's new
 * value. So a call ended here (`endedBy: 'local'`, no `endReason`) is the agent's hang-up, a call
 * held here is the agent's hold, and the rest is read as the phone reports it (an end caused by
 * the agent's browser, the network or the phone system is recorded as such: see `hangUpOf`).
 */
export function eventsForCall(interaction: Interaction, call: CallInfo): InteractionEvent[] {
  const { state } = interaction;
  const events: InteractionEvent[] = [];
  const inCall = state === 'connected' || state === 'held';
  if (call.state === 'ended') {
    if (state === 'offered') events.push({ type: 'revoke' });
    else if (state === 'dialing' && call.endedBy === 'remote') {
      events.push({ type: 'dial-failed', result: call.dialResult && call.dialResult !== 'connected' ? call.dialResult : 'error' });
    } else if (state === 'dialing' || inCall) events.push(hangUpOf(call));
    return events;
  }
  if (state === 'dialing' && call.state === 'connected') events.push({ type: 'answered' });
  else if (state === 'connected' && call.state === 'held') events.push({ type: 'hold' });
  else if (state === 'held' && call.state === 'connected') events.push({ type: 'resume' });
  if (inCall || events.some((e) => e.type === 'answered')) {
    if (!!call.remoteHold !== !!interaction.remoteHold) events.push({ type: 'remote-hold', held: !!call.remoteHold });
    if (!!call.muted !== !!interaction.muted) events.push({ type: 'mute', muted: !!call.muted });
  }
  return events;
}

/** The events that apply, in order, each to the interaction the ones before it left. */
export function applicable(interaction: Interaction, events: readonly InteractionEvent[], at: number): InteractionEvent[] {
  const kept: InteractionEvent[] = [];
  let current = interaction;
  for (const event of events) {
    try {
      current = transition(current, event, at);
      kept.push(event);
    } catch {
      // Already there (the same change reported twice), or not something this state takes.
    }
  }
  return kept;
}
