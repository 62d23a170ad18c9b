import { expect, waitUntil } from '@open-wc/testing';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <callback-notification> states the element tests do not check with axe: urgent, pending, withdrawn, a web callback. */

const accept = (el: CallbackNotification) => root(el).querySelector<HTMLButtonElement>('[part=accept-button]')!;

describe('<callback-notification> accessibility in every state', () => {
  it('a web-callback offer in its last ten seconds (urgent)', async () => {
    const c = center();
    const el = await mountElement<CallbackNotification>('callback-notification', { adapter: c.cc, clock: c.clock });
    const offer = await c.cc.offer('web-callback');
    await settled(el);
    c.clock.advance(offer.offer.expiresAt - c.clock.now() - 5_000);
    await settled(el);
    expect(el.hasState('urgent')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('waiting for the service after Accept (pending)', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<CallbackNotification>('callback-notification', { adapter: c.cc, clock: c.clock });
    const offering = c.cc.offer('delayed');
    c.clock.advance(1000);
    await offering;
    await settled(el);
    await waitUntil(() => root(el).querySelector('[part=accept-button]'), 'offer');
    accept(el).click();
    await settled(el);
    expect(el.hasState('pending')).to.equal(true);
    expect(accept(el).getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });

  it('an offer withdrawn by the service (notice)', async () => {
    const c = center();
    const el = await mountElement<CallbackNotification>('callback-notification', { adapter: c.cc, clock: c.clock });
    const offer = await c.cc.offer('preview');
    await settled(el);
    c.cc.revoke(offer.id);
    await settled(el);
    expect(root(el).textContent).to.include('withdrawn');
    await expect(el).to.be.accessible();
  });
});
