import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-notification.js';
import '../../src/callback-provider.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import { formatPhone, phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { eventType, recordEvents } from '../helpers/events.js';
import { root, shadowText } from '../helpers/dom.js';

function setup(latencyMs = 0) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs });
  return { clock, cc };
}

async function mount(cc: SimulatedContactCenter, clock: ManualClock, attrs = '') {
  const el = await fixture<CallbackNotification>(html`<callback-notification></callback-notification>`);
  for (const [name, value] of attrs ? attrs.split(' ').map((a) => a.split('=')) : []) el.setAttribute(name!, value ?? '');
  el.adapter = cc;
  el.clock = clock;
  await el.updateComplete;
  return el;
}

const button = (el: CallbackNotification, name: 'accept' | 'reject' | 'dismiss') =>
  root(el).querySelector<HTMLButtonElement>(`button.${name}`);

/** The notification's events, recorded by type. */
const NOTIFICATION_EVENTS = [
  'callback-accept', 'callback-accepted', 'callback-reject', 'callback-rejected',
  'callback-expired', 'callback-revoked', 'callback-error', 'callback-ring',
];

describe('<callback-notification>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('shows nothing and stays accessible with no offer', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    expect(root(el).querySelector('section')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the offer: type, contact, number, desired time, instructions, form data, countdown', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const offer = await cc.offer('scheduled');
    await el.updateComplete;
    const t = shadowText(el);
    expect(t).to.include('Scheduled');
    expect(t).to.include(offer.contact.name);
    expect(t).to.include(formatPhone(offer.contact.phone));
    expect(t).to.include('Desired time');
    for (const field of offer.caseData.filter((f) => f.value)) expect(t).to.include(field.value);
    const seconds = Math.ceil((offer.offer.expiresAt - clock.now()) / 1000);
    // A duration with units ("30 sec", "1 min, 5 sec"), never a clock that reads like a time of day.
    const countdown = seconds >= 60 ? `${Math.floor(seconds / 60)} min, ${seconds % 60} sec` : `${seconds} sec`;
    expect(root(el).querySelector('[part=countdown]')!.textContent).to.include(countdown);
    expect(el.hasState('offered')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the configured items in the configured order', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    el.infoItems = ['number', 'type'];
    await cc.offer('immediate');
    await el.updateComplete;
    const labels = [...root(el).querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).to.deep.equal(['Number', 'Type']);
  });

  it('reads info-items from the attribute', async () => {
    const { cc, clock } = setup();
    const el = await fixture<CallbackNotification>(html`<callback-notification info-items="type, desired-time"></callback-notification>`);
    el.adapter = cc;
    el.clock = clock;
    await cc.offer('immediate');
    await el.updateComplete;
    expect([...root(el).querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Type', 'Desired time']);
  });

  it("shows the contact's local time when their zone differs from the agent's", async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await cc.offer('scheduled', { contact: { name: 'Kenji Sato', phone: '+81 3-1234-5678', timeZone: 'Asia/Tokyo' } });
    await el.updateComplete;
    // The test browser runs in the machine's zone; Tokyo differs from it unless the machine is in Tokyo.
    if (Intl.DateTimeFormat().resolvedOptions().timeZone !== 'Asia/Tokyo') expect(shadowText(el)).to.match(/contact: .*(GMT\+9|JST)/);
  });

  it('counts down on the clock and turns urgent in the last ten seconds', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const offer = await cc.offer('immediate');
    await el.updateComplete;
    const left = offer.offer.expiresAt - clock.now();
    clock.advance(left - 10_000);
    await el.updateComplete;
    expect(root(el).querySelector('[part=countdown]')!.textContent).to.include('10 sec');
    expect(el.hasState('urgent')).to.equal(true);
  });

  it('announces a new offer politely and does not take focus from the page', async () => {
    const { cc, clock } = setup();
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'CRM search');
    document.body.append(input);
    input.focus();
    const el = await mount(cc, clock);
    const offer = await cc.offer('delayed');
    await el.updateComplete;
    await aTimeout(80);
    expect(announcement()).to.include('New callback');
    expect(announcement()).to.include(offer.contact.name);
    expect(document.getElementById('callback-elements-announcer')!.getAttribute('aria-live')).to.equal('polite');
    expect(document.activeElement === input, 'focus stayed in the page').to.equal(true);
    input.remove();
  });

  it('accepts from the keyboard: request event, adapter call, past-tense event', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const fired = recordEvents(el, NOTIFICATION_EVENTS, eventType);
    const offer = await cc.offer('immediate');
    await el.updateComplete;
    button(el, 'accept')!.focus();
    const accepted = oneEvent(el, 'callback-accepted');
    await sendKeys({ press: 'Enter' });
    const event = await accepted;
    expect(event.detail.interaction.id).to.equal(offer.id);
    expect(event.detail.interaction.state).to.equal('connected');
    expect(cc.getInteraction(offer.id)!.state).to.equal('connected');
    await el.updateComplete;
    expect(fired).to.deep.equal(['callback-ring', 'callback-accept', 'callback-accepted']);
    expect(root(el).querySelector('section')).to.equal(null);
  });

  it('rejects with Space; the offer goes back to routing', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const fired = recordEvents(el, NOTIFICATION_EVENTS, eventType);
    const offer = await cc.offer('immediate');
    await el.updateComplete;
    button(el, 'reject')!.focus();
    const rejected = oneEvent(el, 'callback-rejected');
    await sendKeys({ press: 'Space' });
    await rejected;
    expect(cc.getInteraction(offer.id)?.state ?? 'rejected').to.equal('rejected');
    expect(fired.filter((f) => f !== 'callback-ring')).to.deep.equal(['callback-reject', 'callback-rejected']);
  });

  it('a host can cancel the accept: no adapter call, no accepted event', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const fired = recordEvents(el, NOTIFICATION_EVENTS, eventType);
    const offer = await cc.offer('immediate');
    await el.updateComplete;
    el.addEventListener('callback-accept', (e) => e.preventDefault());
    button(el, 'accept')!.click();
    await aTimeout(0);
    await el.updateComplete;
    expect(cc.getInteraction(offer.id)!.state).to.equal('offered');
    expect(fired).to.not.include('callback-accepted');
    expect(button(el, 'accept')!.getAttribute('aria-disabled')).to.equal('false');
  });

  it('hides Reject when the offer does not allow it, or the agent may not', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await cc.offer('no-reject');
    await el.updateComplete;
    expect(button(el, 'reject')).to.equal(null);
    expect(button(el, 'accept')).to.not.equal(null);
    const el2 = await mount(cc, clock);
    el2.policy = { canReject: false };
    await el2.updateComplete;
    expect(button(el2, 'reject')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says once, politely, when ten seconds are left; an offer that arrives that late keeps its new-offer announcement', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const offer = await cc.offer('immediate', { offerTimeoutMs: 30_000 });
    await el.updateComplete;
    expect(announcement()).to.include('New callback');
    clock.advance(19_000);
    await el.updateComplete;
    expect(announcement(), 'eleven seconds left: not yet').to.include('New callback');
    clock.advance(1_000);
    await el.updateComplete;
    expect(el.hasState('urgent')).to.equal(true);
    expect(announcement()).to.equal(`10 seconds left to answer the callback from ${offer.contact.name}.`);
    clock.advance(1_000);
    await el.updateComplete;
    expect(announcement(), 'said once, not every second').to.equal(`10 seconds left to answer the callback from ${offer.contact.name}.`);
    await cc.reject(offer.id);
    await el.updateComplete;

    const late = await cc.offer('immediate', { offerTimeoutMs: 8_000 });
    await el.updateComplete;
    expect(el.hasState('urgent')).to.equal(true);
    expect(announcement()).to.include('New callback');
    expect(announcement()).to.include(late.contact.name);
  });

  it('on expiry reports the offer returned to routing, and fires only callback-expired', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const fired = recordEvents(el, NOTIFICATION_EVENTS, eventType);
    const offer = await cc.offer('offer-times-out');
    await el.updateComplete;
    const expired = oneEvent(el, 'callback-expired');
    clock.advance(offer.offer.expiresAt - clock.now() + 1);
    const event = await expired;
    expect(event.detail.interaction.id).to.equal(offer.id);
    await el.updateComplete;
    expect(shadowText(el)).to.include('went back to routing');
    expect(el.hasState('expired')).to.equal(true);
    expect(button(el, 'accept')).to.equal(null);
    expect(fired.filter((f) => f !== 'callback-ring')).to.deep.equal(['callback-expired']);
    await aTimeout(80);
    expect(announcement()).to.include('went back to routing');
    await expect(el).to.be.accessible();
    button(el, 'dismiss')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('section')).to.equal(null);
  });

  it('a failing accept shows a localized error and leaves the offer actionable, focus kept', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const fired = recordEvents(el, NOTIFICATION_EVENTS, eventType);
    const offer = await cc.offer('immediate');
    await el.updateComplete;
    cc.failNext('accept', 'network');
    const failed = oneEvent(el, 'callback-error');
    button(el, 'accept')!.focus();
    await sendKeys({ press: 'Enter' });
    const error = await failed;
    expect(error.detail).to.include({ action: 'accept', code: 'network' });
    await el.updateComplete;
    const alert = root(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.include('cannot be reached');
    expect(el.hasState('error')).to.equal(true);
    await expect(el).to.be.accessible();
    expect(fired).to.not.include('callback-accepted');
    expect(cc.getInteraction(offer.id)!.state).to.equal('offered');
    expect(el.shadowRoot!.activeElement === button(el, 'accept'), 'focus still on Accept').to.equal(true);
    // Try again: it works and the error goes away.
    const accepted = oneEvent(el, 'callback-accepted');
    button(el, 'accept')!.click();
    await accepted;
    expect(cc.getInteraction(offer.id)!.state).to.equal('connected');
  });

  it('a double click accepts once', async () => {
    const { cc, clock } = setup(200);
    const el = await mount(cc, clock);
    const fired = recordEvents(el, NOTIFICATION_EVENTS, eventType);
    await cc.offer('immediate').then(() => undefined, () => undefined);
    clock.advance(200);
    await aTimeout(0);
    await el.updateComplete;
    const accept = button(el, 'accept')!;
    accept.click();
    accept.click();
    await el.updateComplete;
    expect(accept.getAttribute('aria-disabled')).to.equal('true');
    expect(el.hasState('pending')).to.equal(true);
    expect(accept.textContent).to.include('Accepting');
    await expect(el).to.be.accessible();
    clock.advance(200);
    await aTimeout(0);
    await el.updateComplete;
    expect(fired.filter((f) => f === 'callback-accept')).to.have.length(1);
    expect(fired.filter((f) => f === 'callback-accepted')).to.have.length(1);
  });

  it('renders caller and form data as text, never as HTML', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await cc.offer('hostile-data');
    await el.updateComplete;
    expect(root(el).querySelector('img, script, iframe')).to.equal(null);
    expect(shadowText(el)).to.include('<img');
  });

  it('shows offers oldest first, then the next one', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const first = await cc.offer('immediate');
    const second = await cc.offer('delayed', { contact: { name: 'Second Caller', phone: '+44 20 7946 0999' } });
    await el.updateComplete;
    expect(shadowText(el)).to.include(first.contact.name);
    await cc.accept(first.id);
    await el.updateComplete;
    expect(shadowText(el)).to.include(second.contact.name);
  });

  it('follows one interaction with interaction-id', async () => {
    const { cc, clock } = setup();
    await cc.offer('immediate');
    const second = await cc.offer('delayed', { contact: { name: 'Only Me', phone: '+44 20 7946 0999' } });
    const el = await mount(cc, clock, `interaction-id=${second.id}`);
    expect(shadowText(el)).to.include('Only Me');
  });

  it('gets its adapter and clock from a <callback-provider>', async () => {
    const { cc, clock } = setup();
    const provider = await fixture(html`<callback-provider .callbackAdapter=${cc} .clock=${clock}>
      <callback-notification></callback-notification>
    </callback-provider>`);
    const el = provider.querySelector('callback-notification')!;
    const offer = await cc.offer('immediate');
    await el.updateComplete;
    expect(shadowText(el)).to.include(offer.contact.name);
  });

  it('rings only when enabled, and stops once answered', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock, 'ring');
    await cc.offer('preview');
    await el.updateComplete;
    expect(el.ringing).to.equal(true);
    const accepted = oneEvent(el, 'callback-accepted');
    button(el, 'accept')!.click();
    await accepted;
    await el.updateComplete;
    expect(el.ringing).to.equal(false);
    const quiet = await mount(cc, clock);
    await cc.offer('preview');
    await quiet.updateComplete;
    expect(quiet.ringing).to.equal(false);
  });

  it('leaves no timer or subscription behind after connect/disconnect cycles', async () => {
    const { cc, clock } = setup();
    await cc.offer('immediate');
    const baseline = clock.pendingTimers;
    const el = await mount(cc, clock);
    expect(clock.pendingTimers).to.equal(baseline + 1);
    const parent = el.parentElement!;
    for (let i = 0; i < 30; i++) {
      el.remove();
      parent.append(el);
      await el.updateComplete;
    }
    el.remove();
    expect(clock.pendingTimers).to.equal(baseline);
    const other = await cc.offer('delayed');
    await el.updateComplete;
    // Detached: it did not follow the new offer.
    expect(shadowText(el)).to.not.include(other.contact.name);
  });
});

describe('<callback-notification> adapter resolution', () => {
  it('an explicit adapter wins over the provider', async () => {
    const clock = new ManualClock();
    const provided = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const own = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const provider = await fixture(html`<callback-provider .callbackAdapter=${provided} .clock=${clock}>
      <callback-notification .adapter=${own}></callback-notification>
    </callback-provider>`);
    const el = provider.querySelector('callback-notification')!;
    await provided.offer('immediate', { contact: { name: 'From Provider', phone: '+44 20 7946 0111' } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
    await own.offer('immediate', { contact: { name: 'From Property', phone: '+44 20 7946 0112' } });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('From Property');
  });
});

describe('<callback-notification> with several offers', () => {
  it('a pending accept or its failure never shows on the next offer', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 1000 });
    const el = await fixture<CallbackNotification>(html`<callback-notification .adapter=${cc} .clock=${clock}></callback-notification>`);
    const first = cc.offer('offer-times-out');
    clock.advance(1000);
    const a = await first;
    const second = cc.offer('immediate', { contact: { name: 'Next Caller', phone: '+44 20 7946 0555' } });
    clock.advance(1000);
    await second;
    await el.updateComplete;
    cc.failNext('accept', 'network');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await el.updateComplete;
    expect(el.hasState('pending')).to.equal(true);
    // The first offer expires while its accept is still on its way, then the accept fails.
    clock.advance(a.offer.expiresAt - clock.now() + 1);
    await aTimeout(0);
    clock.advance(1000);
    await aTimeout(0);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('Next Caller');
    const accept = el.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!;
    expect(accept.getAttribute('aria-disabled'), 'the next offer is actionable').to.equal('false');
    expect(accept.textContent).to.not.include('Accepting');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.hasAttribute('hidden'), 'no error carried over').to.equal(true);
  });
});
