import { msg, str } from '@lit/localize';
import type { Availability } from '../../adapters/directory-adapter.js';
import type { TargetRef } from '../../model/interaction.js';
import { assertNever } from '../../model/states.js';
import type { TargetPurpose } from './team-communicator.events.js';

/** Localized words of the team communicator. */

export function purposeLabel(purpose: TargetPurpose): string {
  switch (purpose) {
    case 'transfer':
      return msg('Transfer to…', { id: 'communicator.purpose.transfer' });
    case 'conference':
      return msg('Conference with…', { id: 'communicator.purpose.conference' });
    case 'consult':
      return msg('Consult with…', { id: 'communicator.purpose.consult' });
    default:
      return assertNever(purpose);
  }
}

/** Group heading of each kind of target. */
export function kindLabel(kind: TargetRef['kind']): string {
  switch (kind) {
    case 'agent':
      return msg('Agents', { id: 'communicator.kind.agent' });
    case 'queue':
      return msg('Queues', { id: 'communicator.kind.queue' });
    case 'routing-point':
      return msg('Routing points', { id: 'communicator.kind.routing-point' });
    case 'skill':
      return msg('Skills', { id: 'communicator.kind.skill' });
    case 'contact':
      return msg('Contacts', { id: 'communicator.kind.contact' });
    default:
      return assertNever(kind);
  }
}

export function availabilityLabel(availability: Availability): string {
  switch (availability) {
    case 'ready':
      return msg('Ready', { id: 'communicator.availability.ready' });
    case 'not-ready':
      return msg('Not ready', { id: 'communicator.availability.not-ready' });
    case 'busy':
      return msg('Busy', { id: 'communicator.availability.busy' });
    case 'offline':
      return msg('Offline', { id: 'communicator.availability.offline' });
    default:
      return assertNever(availability);
  }
}

export function waitingLabel(waiting: number, locale: string): string {
  const count = new Intl.NumberFormat(locale).format(waiting);
  return msg(str`${count} waiting`, { id: 'communicator.waiting' });
}

export function resultCountLabel(count: number, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(count);
  return count === 1 ? msg('1 result', { id: 'communicator.one-result' }) : msg(str`${n} results`, { id: 'communicator.results' });
}

export function noMatchLabel(text: string): string {
  return msg(str`No match for “${text}”.`, { id: 'communicator.no-match' });
}
