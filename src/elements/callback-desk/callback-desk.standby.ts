import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { announce } from '../../controllers/announcer.js';
import type { DeskOwnershipController } from '../../controllers/desk-ownership/desk-ownership-controller.js';
import type { DeskHandover, DeskOwnership } from '../../controllers/desk-ownership/desk-ownership.js';
import { formatTime } from '../shared/format.js';

/**
 * What the desk shows while another tab of the same browser handles it: why it is empty, since
 * when, and the one thing to do about it. The title takes focus when the desk's own content (where
 * the focus was) goes; the button is the next stop. Once asked, the button stays where it is (focus
 * stays on it): unavailable while the other tab finishes, and Stop waiting while interactions open
 * there keep the desk in that tab.
 */
export function renderStandby(desk: DeskOwnershipController, locale: string) {
  const ownership = desk.ownership!;
  const lock = desk.tabLock;
  const handover = lock?.handover;
  const moved = ownership.reason === 'moved';
  const time = ownership.since === undefined ? undefined : formatTime(ownership.since, locale);
  const title = moved
    ? msg('Your desk moved to another tab', { id: 'desk.standby.moved' })
    : msg('This desk is open in another tab', { id: 'desk.standby.title' });
  const since = time === undefined ? '' : msg(str`Since ${time}.`, { id: 'desk.standby.since' });
  const status = handoverMessage(handover);
  const busy = handover === 'busy';
  return html`<section part="standby" class="standby" aria-labelledby="standby-title">
    <p id="standby-title" class="standby-title" tabindex="-1">${title}</p>
    <p>
      ${since}
      ${moved
        ? msg('Offers and calls reach that tab now, with what you typed here.', { id: 'desk.standby.moved-detail' })
        : msg('Offers and calls reach that tab only.', { id: 'desk.standby.detail' })}
    </p>
    <p id="standby-handover" ?hidden=${!status}>${status ?? ''}</p>
    <button
      type="button"
      part="standby-take-over"
      aria-disabled=${handover && !busy ? 'true' : 'false'}
      aria-describedby=${status ? 'standby-handover' : nothing}
      @click=${() => (busy ? lock?.cancelTakeOver() : lock?.takeOver())}
    >
      ${busy
        ? msg('Stop waiting', { id: 'desk.standby.stop-waiting' })
        : moved
          ? msg('Take the desk back', { id: 'desk.standby.take-back' })
          : msg('Use this tab instead', { id: 'desk.standby.take-over' })}
    </button>
  </section>`;
}

const announced = new WeakMap<DeskOwnershipController, DeskHandover | undefined>();

/** Says where this tab's request for the desk stands, politely, each time that changes (the desk calls it after each update). */
export function announceHandover(desk: DeskOwnershipController): void {
  const handover = desk.tabLock?.handover;
  if (announced.get(desk) === handover) return;
  announced.set(desk, handover);
  const message = handoverMessage(handover);
  if (message) announce(message);
}

/** Where this tab's request for the desk stands, in words; nothing while it waits for a first answer. */
function handoverMessage(handover: DeskHandover | undefined): string | undefined {
  switch (handover) {
    case 'finishing':
      return msg('Finishing in the other tab…', { id: 'desk.standby.finishing' });
    case 'busy':
      return msg('Interactions are open in the other tab: finish them there first. This tab takes the desk as soon as they are done.', {
        id: 'desk.standby.busy',
      });
    case 'asking':
    case undefined:
      return undefined;
  }
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
