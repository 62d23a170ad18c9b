import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';
import { root } from '../helpers/dom.js';

/**
 * What the agent is told about an offer beyond Accept and Reject: why Reject is missing when the
 * offer cannot be rejected, and that a rejected offer went back to routing (the live region must
 * not keep saying "New callback").
 */

async function mount(lang = 'en') {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <callback-notification .adapter=${cc} .clock=${clock}></callback-notification>
  </div>`);
  const el = wrapper.querySelector<CallbackNotification>('callback-notification')!;
  await el.updateComplete;
  return { clock, cc, el };
}


describe('<callback-notification> says what happened and why', () => {
  it('an offer that cannot be rejected says so where Reject would be, and Accept is described by it', async () => {
    const { cc, el } = await mount();
    await cc.offer('no-reject');
    await settled(el);
    expect(root(el).querySelector('button.reject') === null, 'no Reject').to.equal(true);
    const reason = root(el).querySelector<HTMLElement>('[part=no-reject]')!;
    expect(reason !== null, 'a visible reason').to.equal(true);
    expect(reason.textContent!.trim()).to.equal('This callback must be taken: the contact center does not allow rejecting it.');
    expect(reason.checkVisibility()).to.equal(true);
    const accept = root(el).querySelector<HTMLButtonElement>('button.accept')!;
    expect(accept.getAttribute('aria-describedby')).to.equal(reason.id);
    expect(root(el).getElementById(accept.getAttribute('aria-describedby')!) === reason, 'the reference resolves in the same shadow root').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('an agent without the privilege to reject is told it is their privilege', async () => {
    const { cc, el } = await mount();
    el.policy = { canReject: false };
    await cc.offer('immediate');
    await settled(el);
    expect(root(el).querySelector('button.reject') === null, 'no Reject').to.equal(true);
    expect(root(el).querySelector('[part=no-reject]')!.textContent!.trim()).to.equal('You do not have the permission to reject callbacks.');
  });

  it('an offer that can be rejected has Reject and no reason', async () => {
    const { cc, el } = await mount();
    await cc.offer('immediate');
    await settled(el);
    expect(root(el).querySelector('button.reject') !== null, 'Reject shown').to.equal(true);
    expect(root(el).querySelector('[part=no-reject]') === null, 'no reason').to.equal(true);
    expect(root(el).querySelector('button.accept')!.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('after Reject the live region says the offer was rejected, no longer "New callback"', async () => {
    const { cc, el } = await mount();
    const offer = await cc.offer('immediate');
    await settled(el);
    expect(announcement()).to.match(/^New callback: /);
    root(el).querySelector<HTMLButtonElement>('button.reject')!.click();
    await settled(el);
    await settled(el);
    expect(cc.getInteraction(offer.id)!.state).to.equal('rejected');
    expect(announcement()).to.not.include('New callback');
    expect(announcement()).to.equal(`Callback from ${offer.contact.name} rejected. It went back to routing.`);
  });

  it('an offer rejected elsewhere (another tab) is announced too', async () => {
    const { cc, el } = await mount();
    const offer = await cc.offer('immediate');
    await settled(el);
    await cc.reject(offer.id);
    await settled(el);
    expect(announcement()).to.equal(`Callback from ${offer.contact.name} rejected. It went back to routing.`);
  });

  it('in Spanish: the reason and the outcome', async () => {
    const { cc, el } = await mount('es');
    await cc.offer('no-reject');
    await settled(el);
    const reason = () => root(el).querySelector('[part=no-reject]')?.textContent?.trim();
    await waitUntil(() => reason() === 'Esta devolución de llamada se debe atender: el centro de contacto no permite rechazarla.', `reason in Spanish: ${reason()}`);
    const other = await cc.offer('immediate');
    await cc.reject(other.id);
    await settled(el);
    expect(announcement()).to.equal(`Devolución de llamada de ${other.contact.name} rechazada. Volvió al enrutamiento.`);
  });
});
