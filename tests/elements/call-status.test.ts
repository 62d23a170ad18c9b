import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/callback-provider.js';
import type { CallStatus } from '../../src/call-status.js';
import { openPopupCount } from '../../src/controllers/popup-controller.js';
import { announced, clearAnnouncer, connected, items, menuButton, mount, part, root, setup, stateText } from '../helpers/call-status-fixtures.js';
import { formatPhone, phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<call-status>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('shows Ringing for an offer, without duration or menu', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, clock, offer.id);
    expect(stateText(el)).to.equal('Ringing');
    expect(el.hasState('offered')).to.equal(true);
    expect(part(el, 'duration')).to.equal(null);
    expect(menuButton(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the contact, the number, Connected and a duration that ticks on the clock', async () => {
    const { el, clock, cc, id } = await connected();
    const contact = cc.getInteraction(id)!.contact;
    expect(part(el, 'name')!.textContent).to.equal(contact.name);
    expect(part(el, 'number')!.textContent).to.equal(formatPhone(contact.phone));
    expect(stateText(el)).to.equal('Connected');
    expect(el.hasState('connected')).to.equal(true);
    expect(part(el, 'duration')!.textContent).to.include('0 sec');
    expect(part(el, 'duration')!.getAttribute('role')).to.equal('timer');
    clock.advance(1_000);
    await el.updateComplete;
    expect(part(el, 'duration')!.textContent).to.include('1 sec');
    clock.advance(64_000);
    await el.updateComplete;
    expect(part(el, 'duration')!.textContent).to.include('1 min, 5 sec');
    clock.advance(3_600_000);
    await el.updateComplete;
    expect(part(el, 'duration')!.textContent).to.include('1 hr, 1 min, 5 sec');
    await expect(el).to.be.accessible();
  });

  it('shows the number as the name when there is no name', async () => {
    const { el } = await connected('immediate', { contact: { name: '' } });
    expect(part(el, 'name')!.textContent).to.equal('+44 20 7946 0123');
    expect(part(el, 'number')).to.equal(null);
  });

  it('does not announce the state on first render', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    await aTimeout(80);
    clearAnnouncer();
    const el = await fixture<CallStatus>(
      html`<call-status .adapter=${cc} .telephony=${cc} .clock=${clock} interaction-id=${offer.id}></call-status>`,
    );
    expect(stateText(el)).to.equal('Connected');
    expect(await announced()).to.equal('');
  });

  it('hold and resume: On hold with the duration still running, announced each time', async () => {
    const { el, cc, clock, callId } = await connected();
    clock.advance(10_000);
    await cc.hold(callId);
    await el.updateComplete;
    expect(stateText(el)).to.equal('On hold');
    expect(el.hasState('held')).to.equal(true);
    expect(await announced()).to.equal('Call with Margaret Chen on hold.');
    clock.advance(5_000);
    await el.updateComplete;
    expect(part(el, 'duration')!.textContent).to.include('15 sec');
    await expect(el).to.be.accessible();
    await cc.resume(callId);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Connected');
    expect(await announced()).to.equal('Call with Margaret Chen resumed.');
  });

  it('announces Connected when the agent accepts', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, clock, offer.id);
    await cc.accept(offer.id);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Connected');
    expect(await announced()).to.equal('Connected to Margaret Chen.');
  });

  it('shows the consultation: ringing, then connected, then back to the customer', async () => {
    const { el, cc, clock, callId } = await connected();
    const consultation = cc.startConsultation(callId, { kind: 'agent', id: 'agent-ana-ruiz', name: 'Ana Ruiz' });
    await settled(el);
    expect(stateText(el)).to.equal('On hold');
    expect(el.hasState('consulting')).to.equal(true);
    expect(part(el, 'consultation')!.textContent).to.equal('Consulting Ana Ruiz — ringing');
    await expect(el).to.be.accessible();
    clock.advance(3_000);
    const call = await consultation;
    await el.updateComplete;
    expect(part(el, 'consultation')!.textContent).to.equal('Consulting Ana Ruiz — connected');
    await cc.endConsultation(callId, call.id);
    await el.updateComplete;
    expect(part(el, 'consultation')).to.equal(null);
    expect(el.hasState('consulting')).to.equal(false);
    expect(stateText(el)).to.equal('Connected');
  });

  it('the customer hanging up (even during a consultation) ends the call and is announced', async () => {
    const { el, cc, callId } = await connected();
    void cc.startConsultation(callId, { kind: 'agent', id: 'agent-ana-ruiz', name: 'Ana Ruiz' }).catch(() => undefined);
    await settled(el);
    cc.hangUpRemotely(callId);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Ended');
    expect(el.hasState('ended')).to.equal(true);
    expect(part(el, 'duration')).to.equal(null);
    expect(part(el, 'consultation')).to.equal(null);
    expect(await announced()).to.equal('Margaret Chen hung up.');
    await expect(el).to.be.accessible();
  });

  it('shows and announces the customer holding the call', async () => {
    const { el, cc, callId } = await connected();
    cc.setRemoteHold(callId, true);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Held by the customer');
    expect(el.hasState('remote-hold')).to.equal(true);
    expect(await announced()).to.equal('Margaret Chen put the call on hold.');
    cc.setRemoteHold(callId, false);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Connected');
    expect(await announced()).to.equal('Margaret Chen took the call off hold.');
  });

  it('web callback: Ready to call, Dialing, Connected, Ready to call after hanging up, Done', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    const el = await mount(cc, clock, offer.id);
    expect(stateText(el)).to.equal('Ready to call');
    expect(part(el, 'duration')).to.equal(null);
    await expect(el).to.be.accessible();
    const call = await cc.dial({ number: offer.contact.phone, interactionId: offer.id });
    await el.updateComplete;
    expect(stateText(el)).to.equal('Dialing');
    expect(await announced()).to.equal(`Calling ${offer.contact.name}…`);
    clock.advance(4_000);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Connected');
    expect(part(el, 'duration')!.textContent).to.include('0 sec');
    await cc.hangUp(call.id);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Ready to call');
    expect(await announced()).to.equal(`Call with ${offer.contact.name} ended.`);
    await cc.markDone(offer.id);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Done');
    expect(el.hasState('done')).to.equal(true);
    expect(menuButton(el)).to.equal(null);
  });

  it('announces a failed dial attempt with its result', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('busy');
    await cc.accept(offer.id);
    const el = await mount(cc, clock, offer.id);
    await cc.dial({ number: offer.contact.phone, interactionId: offer.id });
    clock.advance(2_000);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Ready to call');
    expect(await announced()).to.equal(`Call to ${offer.contact.name} not connected: Busy.`);
  });
});

describe('<call-status> wiring', () => {
  it('gets its adapters and clock from a <callback-provider>', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const provider = await fixture(html`<callback-provider .callbackAdapter=${cc} .telephonyAdapter=${cc} .clock=${clock}>
      <call-status interaction-id=${offer.id}></call-status>
    </callback-provider>`);
    const el = provider.querySelector('call-status')!;
    await el.updateComplete;
    expect(stateText(el)).to.equal('Connected');
    clock.advance(2_000);
    await el.updateComplete;
    expect(part(el, 'duration')!.textContent).to.include('2 sec');
  });

  it('renders contact data as text, never as HTML', async () => {
    const { el } = await connected('hostile-data');
    expect(part(el, 'name')!.textContent).to.include('<img');
    menuButton(el)!.click();
    await aTimeout(0);
    await el.updateComplete;
    expect(items(el)[0]!.textContent).to.include('<script>');
    expect(root(el).querySelector('img, script')).to.equal(null);
  });

  it('leaves no timer, subscription or popup behind after connect/disconnect cycles', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const baseline = clock.pendingTimers;
    const el = await mount(cc, clock, offer.id);
    expect(clock.pendingTimers).to.equal(baseline + 1);
    const parent = el.parentElement!;
    for (let i = 0; i < 20; i++) {
      menuButton(el)!.click();
      await aTimeout(0);
      el.remove();
      expect(clock.pendingTimers).to.equal(baseline);
      expect(openPopupCount()).to.equal(0);
      parent.append(el);
      await el.updateComplete;
      expect(clock.pendingTimers).to.equal(baseline + 1);
    }
    el.remove();
    expect(clock.pendingTimers).to.equal(baseline);
    // Detached, it no longer follows the call.
    await cc.hold(cc.getInteraction(offer.id)!.callId!);
    await el.updateComplete;
    expect(stateText(el)).to.equal('Connected');
  });
});
