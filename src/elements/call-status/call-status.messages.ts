import { msg, str } from '@lit/localize';
import type { Interaction, InteractionState } from '../../model/interaction.js';
import { assertNever } from '../../model/states.js';
import { dialResultLabel } from '../../messages/messages.js';
import { contactLabel } from '../shared/phone-format.js';

/** The call state in the agent's words. */
export function callStateLabel(state: InteractionState, remoteHold = false): string {
  if (remoteHold && (state === 'connected' || state === 'held')) return msg('Held by the customer', { id: 'call-state.remote-hold' });
  switch (state) {
    case 'offered':
      return msg('Ringing', { id: 'call-state.ringing' });
    case 'dialing':
      return msg('Dialing', { id: 'call-state.dialing' });
    case 'connected':
      return msg('Connected', { id: 'call-state.connected' });
    case 'held':
      return msg('On hold', { id: 'call-state.held' });
    case 'ready-to-call':
      return msg('Ready to call', { id: 'call-state.ready-to-call' });
    case 'ended':
      return msg('Ended', { id: 'call-state.ended' });
    case 'done':
      return msg('Done', { id: 'call-state.done' });
    case 'rejected':
      return msg('Rejected', { id: 'call-state.rejected' });
    case 'expired':
      return msg('Not answered in time', { id: 'call-state.expired' });
    case 'revoked':
      return msg('Withdrawn', { id: 'call-state.revoked' });
    default:
      return assertNever(state);
  }
}

/**
 * What to announce when the adapter reports that the call changed, or undefined when the change
 * is not worth interrupting the agent for.
 */
export function callChangeAnnouncement(previous: Interaction, next: Interaction): string | undefined {
  const who = contactLabel(next.contact);
  const last = next.history.at(-1);
  if (last?.kind === 'participant-left' && last !== previous.history.at(-1)) {
    const member = last.target.name;
    return msg(str`${member} left the conference.`, { id: 'announce.participant-left' });
  }
  if (previous.state === next.state) {
    if (!!previous.remoteHold === !!next.remoteHold) return undefined;
    return next.remoteHold
      ? msg(str`${who} put the call on hold.`, { id: 'announce.remote-hold' })
      : msg(str`${who} took the call off hold.`, { id: 'announce.remote-resume' });
  }
  switch (next.state) {
    case 'dialing':
      return msg(str`Calling ${who}…`, { id: 'announce.dialing' });
    case 'connected':
      return previous.state === 'held'
        ? msg(str`Call with ${who} resumed.`, { id: 'announce.resumed' })
        : msg(str`Connected to ${who}.`, { id: 'announce.connected' });
    case 'held':
      return msg(str`Call with ${who} on hold.`, { id: 'announce.held' });
    case 'ended':
    case 'ready-to-call': {
      if (last?.kind === 'hang-up' && last.by === 'contact') return msg(str`${who} hung up.`, { id: 'announce.contact-hung-up' });
      if (last?.kind === 'transfer') {
        const target = last.target.name;
        return msg(str`Call with ${who} transferred to ${target}.`, { id: 'announce.transferred' });
      }
      const attempt = next.attempts.at(-1);
      if (previous.state === 'dialing' && attempt && attempt.result !== 'connected' && attempt.result !== 'cancelled') {
        const result = dialResultLabel(attempt.result);
        return msg(str`Call to ${who} not connected: ${result}.`, { id: 'announce.dial-failed' });
      }
      // Accepted, nobody on the line yet (a web callback, or a voice one the service dials): said,
      // so that the live region no longer reads the offer ("New callback: …").
      if (previous.state === 'offered') {
        return next.state === 'ready-to-call' ? msg(str`Callback from ${who} accepted. Ready to call.`, { id: 'announce.accepted-ready' }) : undefined;
      }
      return msg(str`Call with ${who} ended.`, { id: 'announce.ended' });
    }
    default:
      return undefined;
  }
}
