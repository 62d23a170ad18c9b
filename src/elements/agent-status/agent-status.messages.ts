import { msg, str } from '@lit/localize';
import type { AgentReadyState } from '../../adapters/callback-adapter.js';
import type { RegistrationStatus } from '../../adapters/telephony-adapter.js';
import type { Channel } from '../../model/interaction.js';
import { assertNever } from '../../model/states.js';
import type { NotReadyReason } from './agent-status.events.js';

/** Localized words of <agent-status>; read at render time so a language change applies. */

export function defaultNotReadyReasons(): NotReadyReason[] {
  return [
    { code: 'break', label: msg('Break', { id: 'agent-status.reason.break' }) },
    { code: 'meeting', label: msg('Meeting', { id: 'agent-status.reason.meeting' }) },
    { code: 'after-call-work', label: msg('After-call work', { id: 'agent-status.reason.after-call-work' }) },
    { code: 'training', label: msg('Training', { id: 'agent-status.reason.training' }) },
  ];
}

/** A backend's after-call work, offered as a not-ready reason. */
export function afterCallWorkReasonLabel(): string {
  return msg('After-call work', { id: 'agent-status.reason.after-call-work' });
}

export function channelLabel(channel: Channel): string {
  switch (channel) {
    case 'voice':
      return msg('Voice', { id: 'agent-status.channel.voice' });
    case 'web-callback':
      return msg('Web callback', { id: 'agent-status.channel.web-callback' });
    default:
      return assertNever(channel);
  }
}

export function readyStateLabel(state: AgentReadyState): string {
  switch (state) {
    case 'ready':
      return msg('Ready', { id: 'agent-status.ready' });
    case 'not-ready':
      return msg('Not ready', { id: 'agent-status.not-ready' });
    default:
      return assertNever(state);
  }
}

export function registrationLabel(status: RegistrationStatus): string {
  switch (status) {
    case 'connecting':
      return msg('Connecting…', { id: 'agent-status.phone.connecting' });
    case 'registered':
      return msg('Connected', { id: 'agent-status.phone.registered' });
    case 'reconnecting':
      return msg('Connection lost, reconnecting…', { id: 'agent-status.phone.reconnecting' });
    case 'offline':
      return msg('Offline', { id: 'agent-status.phone.offline' });
    case 'failed':
      return msg('Registration failed', { id: 'agent-status.phone.failed' });
    default:
      return assertNever(status);
  }
}

/** "Voice: Not ready (Break)". */
export function readyAnnouncement(channel: Channel, state: AgentReadyState, reason?: NotReadyReason): string {
  const name = channelLabel(channel);
  const label = readyStateLabel(state);
  if (!reason) return msg(str`${name}: ${label}.`, { id: 'agent-status.announce.state' });
  const why = reason.label;
  return msg(str`${name}: ${label} (${why}).`, { id: 'agent-status.announce.state-reason' });
}

/** What to say when the phone's registration changes, or undefined to stay quiet. */
export function registrationAnnouncement(status: RegistrationStatus, afterDrop: boolean): string | undefined {
  switch (status) {
    case 'reconnecting':
      return msg('Phone connection lost. Reconnecting…', { id: 'agent-status.announce.reconnecting' });
    case 'offline':
      return msg('Phone offline: calls cannot reach you.', { id: 'agent-status.announce.offline' });
    case 'failed':
      return msg('Phone registration failed.', { id: 'agent-status.announce.failed' });
    case 'registered':
      return afterDrop ? msg('Phone connected again.', { id: 'agent-status.announce.registered' }) : undefined;
    case 'connecting':
      return undefined;
    default:
      return assertNever(status);
  }
}
