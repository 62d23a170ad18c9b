import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { accessibleWithPopup, center, type Center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <callback-desk> states the element tests do not check with axe: an offer waiting, popups open inside, back to idle. */

const deskProps = (c: Center) => ({ callbackAdapter: c.cc, telephonyAdapter: c.cc, directoryAdapter: c.cc, clock: c.clock });
const windowRoot = (desk: CallbackDesk) => root(desk).querySelector('[part=window]:not([hidden]) > *')!.shadowRoot!;
const actions = (desk: CallbackDesk) => windowRoot(desk).querySelector('call-actions')!;

describe('<callback-desk> accessibility in every state', () => {
  it('an offer waiting while idle', async () => {
    const c = center();
    const desk = await mountElement<CallbackDesk>('callback-desk', deskProps(c));
    await c.cc.offer('delayed');
    await settled(desk);
    const notification = root(desk).querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('[part=accept-button]'), 'offer shown');
    await expect(desk).to.be.accessible();
  });

  it('a voice window with the transfer popup open and results listed, and with the participant menu open', async () => {
    const c = center();
    const desk = await mountElement<CallbackDesk>('callback-desk', deskProps(c));
    const offer = await c.cc.offer('immediate');
    await c.cc.accept(offer.id);
    await settled(desk);
    // The window comes with the desk's next renders: look for it without assuming it is there yet.
    await waitUntil(
      () => root(desk).querySelector('[part=window]:not([hidden]) > *')?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector('[data-action=transfer]'),
      'window',
    );
    actions(desk).shadowRoot!.querySelector<HTMLButtonElement>('[data-action=transfer]')!.click();
    await settled(desk);
    const panel = actions(desk).shadowRoot!.querySelector<HTMLElement>('#panel')!;
    await waitUntil(() => panel.matches(':popover-open'), 'popup');
    await sendKeys({ type: 'Ben' });
    c.clock.advance(200);
    await settled(desk);
    await waitUntil(() => panel.querySelector('team-communicator')!.shadowRoot!.querySelector('[role=option]'), 'results');
    await accessibleWithPopup(desk, panel);
    await sendKeys({ press: 'Escape' });
    await settled(desk);

    const status = windowRoot(desk).querySelector('call-status')!;
    status.shadowRoot!.querySelector<HTMLButtonElement>('[part=menu-button]')!.click();
    await settled(status);
    await accessibleWithPopup(desk, status.shadowRoot!.querySelector('[part=menu]'));
  });

  it('idle again after the interaction is done', async () => {
    const c = center();
    const desk = await mountElement<CallbackDesk>('callback-desk', deskProps(c));
    const offer = await c.cc.offer('web-callback');
    await c.cc.accept(offer.id);
    await settled(desk);
    await c.cc.markDone(offer.id);
    await settled(desk);
    expect(root(desk).querySelector('.idle') !== null, 'idle message').to.equal(true);
    await expect(desk).to.be.accessible();
  });
});
