import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { sendKeys } from '../helpers/keys.js';
import type { CallStatus, ChannelRequestEvent } from '../../src/call-status.js';
import { openPopupCount } from '../../src/controllers/popup-controller.js';
import { connected, items, menuButton, part, root, setup } from '../helpers/call-status-fixtures.js';
import { focusedIn } from '../helpers/dom.js';
import { recordEvents } from '../helpers/events.js';
import '../helpers/lit-warnings.js';

describe('<call-status> participant action menu', () => {
  const recordChannelRequests = (el: HTMLElement) => recordEvents(el, ['callback-channel'], (e) => e as ChannelRequestEvent);

  it('opens from the keyboard, moves with arrows, Home and End, and Escape returns focus', async () => {
    const { el } = await connected();
    const requests = recordChannelRequests(el);
    const button = menuButton(el)!;
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await aTimeout(0);
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(el.hasState('menu-open')).to.equal(true);
    const [email, sms] = items(el);
    expect(items(el).map((i) => i.querySelector('.item-label')!.textContent)).to.deep.equal(['Send e-mail', 'Send SMS']);
    expect(focusedIn(el)).to.equal(email);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedIn(el)).to.equal(sms);
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedIn(el)).to.equal(email);
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedIn(el)).to.equal(sms);
    await sendKeys({ press: 'Home' });
    expect(focusedIn(el)).to.equal(email);
    await sendKeys({ press: 'End' });
    expect(focusedIn(el)).to.equal(sms);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(items(el)).to.have.length(0);
    expect(focusedIn(el)).to.equal(button);
    expect(requests).to.have.length(0);
  });

  it('ArrowUp opens on the last item; Enter fires callback-channel and closes', async () => {
    const { el, id, cc } = await connected();
    const requests = recordChannelRequests(el);
    menuButton(el)!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await aTimeout(0);
    await el.updateComplete;
    expect(focusedIn(el)?.classList.contains('sms')).to.equal(true);
    const event = oneEvent(el, 'callback-channel');
    await sendKeys({ press: 'Enter' });
    const { detail, bubbles, composed } = await event;
    expect(detail.channel).to.equal('sms');
    expect(detail.address).to.equal(cc.getInteraction(id)!.contact.sms);
    expect(detail.interaction.id).to.equal(id);
    expect(bubbles && composed).to.equal(true);
    await el.updateComplete;
    expect(menuButton(el)!.getAttribute('aria-expanded')).to.equal('false');
    expect(focusedIn(el)).to.equal(menuButton(el));
    expect(requests).to.have.length(1);
  });

  it('Space on an item chooses it; ArrowDown on the button opens on the first item', async () => {
    const { el, id, cc } = await connected();
    menuButton(el)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await aTimeout(0);
    const event = oneEvent(el, 'callback-channel');
    await sendKeys({ press: 'Space' });
    const { detail } = await event;
    expect(detail).to.deep.include({ channel: 'email', address: cc.getInteraction(id)!.contact.email });
  });

  it('offers only the channels the contact has', async () => {
    const { el } = await connected('scheduled');
    menuButton(el)!.click();
    await aTimeout(0);
    await el.updateComplete;
    expect(items(el).map((i) => i.querySelector('.item-label')!.textContent)).to.deep.equal(['Send e-mail', 'Start chat']);
    const chatOnly = await connected('immediate', { contact: { email: undefined, sms: undefined, chat: '@margaret' } });
    menuButton(chatOnly.el)!.click();
    await aTimeout(0);
    await chatOnly.el.updateComplete;
    expect(items(chatOnly.el).map((i) => i.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Start chat @margaret']);
  });

  it('is disabled with the reason when the contact has no other channel', async () => {
    const { el } = await connected('immediate', { contact: { email: undefined, sms: undefined } });
    const requests = recordChannelRequests(el);
    const button = menuButton(el)!;
    expect(button.disabled).to.equal(true);
    const reason = root(el).getElementById(button.getAttribute('aria-describedby')!)!;
    expect(reason.textContent).to.equal('The contact has no e-mail, SMS or chat address.');
    button.click();
    await aTimeout(0);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('works with the mouse and closes on an outside click', async () => {
    const { el } = await connected();
    const requests = recordChannelRequests(el);
    const rect = menuButton(el)!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(rect.x + 5), Math.round(rect.y + 5)] });
    await aTimeout(0);
    await el.updateComplete;
    expect(items(el)).to.have.length(2);
    await sendMouse({ type: 'click', position: [700, 550] });
    await el.updateComplete;
    expect(items(el)).to.have.length(0);
    expect(requests).to.have.length(0);
    await sendMouse({ type: 'click', position: [Math.round(rect.x + 5), Math.round(rect.y + 5)] });
    await aTimeout(0);
    await el.updateComplete;
    const item = items(el)[1]!.getBoundingClientRect();
    const event = oneEvent(el, 'callback-channel');
    await sendMouse({ type: 'click', position: [Math.round(item.x + 10), Math.round(item.y + item.height / 2)] });
    expect((await event).detail.channel).to.equal('sms');
  });

  it('is not clipped by an overflow:hidden container', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const el = await fixture<CallStatus>(html`<call-status .adapter=${cc} .telephony=${cc} .clock=${clock} interaction-id=${offer.id}></call-status>`);
    // A small box that clips what overflows it, low in the stacking order.
    const wrapper = document.createElement('div');
    wrapper.style.cssText = 'overflow:hidden;height:60px;width:220px;position:relative;z-index:1';
    el.replaceWith(wrapper);
    wrapper.append(el);
    await el.updateComplete;
    menuButton(el)!.click();
    await aTimeout(50);
    const menu = part(el, 'menu')!;
    expect(menu.matches(':popover-open')).to.equal(true);
    const wrapperRect = wrapper.getBoundingClientRect();
    const last = items(el).at(-1)!.getBoundingClientRect();
    expect(last.bottom).to.be.greaterThan(wrapperRect.bottom);
    const hit = root(el).elementFromPoint(last.x + last.width / 2, last.y + last.height / 2);
    expect(hit?.closest('[role=menuitem]')).to.equal(items(el).at(-1));
  });

  it('closes when the interaction is done', async () => {
    const { el, cc, id, callId } = await connected();
    menuButton(el)!.click();
    await aTimeout(0);
    await cc.hangUp(callId);
    await cc.markDone(id);
    await el.updateComplete;
    await el.updateComplete;
    expect(openPopupCount()).to.equal(0);
    expect(menuButton(el)).to.equal(null);
  });
});
