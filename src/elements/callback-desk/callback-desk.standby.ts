import { html } from 'lit';
import { msg, str } from '@lit/localize';
import type { DeskOwnership } from '../../controllers/desk-ownership/desk-ownership.js';
import { formatTime } from '../shared/format.js';

/**
 * What the desk shows while another tab of the same browser handles it: why it is empty, since
 * when, and the one thing to do about it. The title takes focus when the desk's own content (where
 * the focus was) goes; the button is the next stop.
 */
export function renderStandby(ownership: DeskOwnership, locale: string, takeOver: () => void) {
  const moved = ownership.reason === 'moved';
  const time = ownership.since === undefined ? undefined : formatTime(ownership.since, locale);
  const title = moved
    ? msg('Your desk moved to another tab', { id: 'desk.standby.moved' })
    : msg('This desk is open in another tab', { id: 'desk.standby.title' });
  const since = time === undefined ? '' : msg(str`Since ${time}.`, { id: 'desk.standby.since' });
  return html`<section part="standby" class="standby" aria-labelledby="standby-title">
    <p id="standby-title" class="standby-title" tabindex="-1">${title}</p>
    <p>
      ${since}
      ${moved
        ? msg('Offers and calls reach that tab now, with what you typed here.', { id: 'desk.standby.moved-detail' })
        : msg('Offers and calls reach that tab only.', { id: 'desk.standby.detail' })}
    </p>
    <button type="button" part="standby-take-over" @click=${takeOver}>
      ${moved ? msg('Take the desk back', { id: 'desk.standby.take-back' }) : msg('Use this tab instead', { id: 'desk.standby.take-over' })}
    </button>
  </section>`;
}

/** Said politely when the desk comes to this tab or leaves it; nothing when this tab simply had it. */
export function ownershipAnnouncement(ownership: DeskOwnership, previous: DeskOwnership | undefined): string | undefined {
  switch (ownership.reason) {
    case 'other-tab':
      return msg('This desk is open in another tab.', { id: 'desk.standby.announce' });
    case 'moved':
      return msg('Your desk moved to another tab.', { id: 'desk.standby.announce-moved' });
    case 'taken-over':
      return msg('This tab now handles your desk.', { id: 'desk.owner.announce' });
    case 'other-tab-closed':
      return previous ? msg('The other tab closed: this tab now handles your desk.', { id: 'desk.owner.announce-closed' }) : undefined;
    case 'only-tab':
    case 'unlocked':
      return undefined;
  }
}
