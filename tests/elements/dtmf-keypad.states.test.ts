import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { DtmfKeypad } from '../../src/dtmf-keypad.js';
import { connected, field, key, keys, mount, recordKeypadEvents, root, setup } from '../helpers/dtmf-keypad.js';
import { part, requirePart } from '../helpers/dom.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<dtmf-keypad> states, keyboard and lifecycle', () => {
  it('is disabled with the reason while the call is on hold, and enabled again on resume', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    await cc.hold(callId);
    await el.updateComplete;
    expect(keys(el).every((b) => b.disabled)).to.equal(true);
    expect(field(el).disabled).to.equal(true);
    expect(requirePart(el, 'reason').textContent).to.include('on hold');
    expect(field(el).getAttribute('aria-describedby')).to.include('reason');
    expect(el.hasState('disabled')).to.equal(true);
    key(el, '1').click();
    clock.advance(1000);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('');
    await expect(el).to.be.accessible();
    await cc.resume(callId);
    await el.updateComplete;
    expect(keys(el).some((b) => b.disabled)).to.equal(false);
    expect(part(el, 'reason')?.outerHTML ?? null).to.equal(null);
  });

  it('is disabled while a web callback is dialing', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    await cc.dial({ number: offer.contact.phone, interactionId: offer.id });
    expect(cc.getInteraction(offer.id)!.state).to.equal('dialing');
    const el = await mount(cc, clock, cc.getInteraction(offer.id)!);
    expect(keys(el).every((b) => b.disabled)).to.equal(true);
    expect(requirePart(el, 'reason').textContent).to.include('once the contact answers');
    await expect(el).to.be.accessible();
  });

  it('is empty when the model hides DTMF: offered, ended, or not permitted', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, clock, offer);
    expect(root(el).children.length).to.equal(0);
    const { interaction, callId } = await connected(cc, clock);
    const forbidden = await mount(cc, clock, interaction, { policy: { canDtmf: false } });
    expect(root(forbidden).querySelector('button')?.outerHTML ?? null).to.equal(null);
    const allowed = await mount(cc, clock, interaction);
    expect(keys(allowed)).to.have.length(12);
    await cc.hangUp(callId);
    await allowed.updateComplete;
    expect(root(allowed).querySelector('button')?.outerHTML ?? null).to.equal(null);
    await expect(allowed).to.be.accessible();
  });

  it('discards waiting digits when the call is put on hold, and says they were not sent', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    const fired = recordKeypadEvents(el);
    const baseline = clock.pendingTimers;
    key(el, '8').click();
    expect(clock.pendingTimers).to.equal(baseline + 1);
    await cc.hold(callId);
    await el.updateComplete;
    expect(clock.pendingTimers).to.equal(baseline);
    expect(requirePart(el, 'error').textContent).to.include('Not sent: 8');
    await cc.resume(callId);
    clock.advance(1000);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('');
    expect(fired.map((f) => f.type)).to.deep.equal(['callback-error']);
  });

  it('sends waiting digits at once when removed (a popup closing), and leaves no timer', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const baseline = clock.pendingTimers;
    const el = await mount(cc, clock, interaction);
    const fired = recordKeypadEvents(el);
    key(el, '1').click();
    key(el, '2').click();
    expect(clock.pendingTimers).to.equal(baseline + 1);
    el.remove();
    expect(clock.pendingTimers).to.equal(baseline);
    await aTimeout(0);
    expect(cc.farEnd(callId).digits).to.equal('12');
    clock.advance(5000);
    await aTimeout(0);
    expect(cc.farEnd(callId).digits, 'sent once').to.equal('12');
    // Detached: no events reach the page from a removed keypad.
    expect(fired).to.deep.equal([]);
  });

  it('leaves no timer or subscription behind after connect/disconnect cycles', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const baseline = clock.pendingTimers;
    const el = await mount(cc, clock, interaction);
    const parent = el.parentElement!;
    for (let i = 0; i < 30; i++) {
      key(el, '3').click();
      el.remove();
      parent.append(el);
      await el.updateComplete;
    }
    el.remove();
    expect(clock.pendingTimers).to.equal(baseline);
    let renders = 0;
    const original = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<DtmfKeypad['requestUpdate']>) => {
      renders++;
      original(...args);
    };
    await cc.hold(callId);
    expect(renders).to.equal(0);
    // Each removal sent the digit pressed before it, once.
    expect(cc.farEnd(callId).digits).to.equal('3'.repeat(30));
  });

  it('works by keyboard: digits typed on a focused key, Enter and Space on keys, arrows between keys', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    el.focus();
    expect(el.shadowRoot!.activeElement?.id).to.equal('digits');
    await sendKeys({ press: 'Tab' });
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key).to.equal('1');
    await sendKeys({ press: 'ArrowRight' });
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key).to.equal('2');
    await sendKeys({ press: 'ArrowDown' });
    expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key).to.equal('5');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ type: '9#' });
    await el.updateComplete;
    expect(field(el).value).to.equal('559#');
    await sendKeys({ type: 'q' });
    await el.updateComplete;
    expect(requirePart(el, 'hint').hidden).to.equal(false);
    expect(field(el).value).to.equal('559#');
    clock.advance(500);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('559#');
  });
});
