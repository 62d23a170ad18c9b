import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/case-history.js';
import type { CaseHistory } from '../../src/case-history.js';
import { connected, dtmfHistory, field, key, keys, mount, recordKeypadEvents, setup } from '../helpers/dtmf-keypad.js';
import { requirePart, shadowText } from '../helpers/dom.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<dtmf-keypad>', () => {
  it('shows a telephone keypad whose keys are named for screen readers, and is accessible', async () => {
    const { cc, clock } = setup();
    const { interaction } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    const names = keys(el).map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    expect(keys(el).map((b) => b.dataset.key)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(names[9]).to.include('star');
    expect(names[11]).to.include('pound');
    // The symbol itself is hidden from the accessibility tree; the letters are decoration.
    expect(key(el, '*').querySelector('[aria-hidden=true]')!.textContent).to.equal('*');
    expect(key(el, '2').querySelector('.letters')!.getAttribute('aria-hidden')).to.equal('true');
    expect(field(el).labels![0]!.textContent).to.equal('Digits');
    await expect(el).to.be.accessible();
  });

  it('buffers digits and sends them together after 500 ms without a key', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    const fired = recordKeypadEvents(el);
    key(el, '1').click();
    clock.advance(400);
    key(el, '2').click();
    clock.advance(400);
    key(el, '3').click();
    await settled(el);
    expect(field(el).value).to.equal('123');
    expect(el.hasState('buffering')).to.equal(true);
    clock.advance(499);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('');
    expect(fired).to.deep.equal([]);
    clock.advance(1);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('123');
    expect(fired.map((f) => f.type)).to.deep.equal(['callback-action', 'callback-action-done']);
    expect(fired[0]!.detail.action).to.equal('dtmf');
    expect(fired[0]!.detail.args).to.deep.equal({ digits: '123', masked: false });
    expect(dtmfHistory(cc, interaction.id)).to.deep.equal(['123']);
    expect(field(el).value).to.equal('');
    expect(requirePart(el, 'sent').textContent).to.include('123');
  });

  it('honours another buffer length', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { buffer: 2000 });
    key(el, '9').click();
    clock.advance(1999);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('');
    clock.advance(1);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('9');
  });

  it('with buffer 0 sends each digit at once, in order, without a timer', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { buffer: 0 });
    const baseline = clock.pendingTimers;
    const fired = recordKeypadEvents(el);
    key(el, '4').click();
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('4');
    // No buffer timer was started, and the send's own timeout (the policy's actionTimeoutMs) is gone
    // with the answer.
    expect(clock.pendingTimers).to.equal(baseline);
    key(el, '5').click();
    key(el, '6').click();
    await settled(el);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('456');
    expect(fired.filter((f) => f.type === 'callback-action').map((f) => (f.detail.action === 'dtmf' ? f.detail.args.digits : undefined))).to.deep.equal(['4', '5', '6']);
  });

  it('keeps the keys usable while digits are on their way, and sends what was typed meanwhile', async () => {
    const { cc, clock } = setup(200);
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { buffer: 0 });
    key(el, '1').click();
    await el.updateComplete;
    expect(el.hasState('sending')).to.equal(true);
    expect(key(el, '2').disabled).to.equal(false);
    key(el, '2').click();
    key(el, '3').click();
    clock.advance(200);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('1');
    clock.advance(200);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('123');
    expect(dtmfHistory(cc, interaction.id)).to.deep.equal(['1', '23']);
  });

  it('takes digits typed in the field; Enter sends them at once', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    field(el).focus();
    await sendKeys({ type: '12*#' });
    await el.updateComplete;
    expect(field(el).value).to.equal('12*#');
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(field(el).value).to.equal('12*');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('12*');
    expect(clock.pendingTimers).to.equal(0);
  });

  it('refuses a character that is not DTMF with a visible hint, keeping what was typed', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    expect(requirePart(el, 'hint').hidden).to.equal(true);
    field(el).focus();
    await sendKeys({ type: '12x' });
    await el.updateComplete;
    expect(field(el).value).to.equal('12');
    expect(requirePart(el, 'hint').hidden).to.equal(false);
    expect(requirePart(el, 'hint').textContent).to.equal('Only 0-9, * and # can be sent.');
    expect(field(el).getAttribute('aria-describedby')).to.include('hint');
    await expect(el).to.be.accessible();
    // A-D only on an extended keypad.
    await sendKeys({ type: 'a' });
    await el.updateComplete;
    expect(field(el).value).to.equal('12');
    await sendKeys({ type: '3' });
    await el.updateComplete;
    expect(requirePart(el, 'hint').hidden).to.equal(true);
    clock.advance(500);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('123');
  });

  it('adds A-D with `extended`, typed in lower case too', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { extended: true });
    expect(keys(el).map((b) => b.dataset.key).filter((k) => /[A-D]/.test(k!))).to.deep.equal(['A', 'B', 'C', 'D']);
    expect(keys(el)).to.have.length(16);
    await expect(el).to.be.accessible();
    field(el).focus();
    await sendKeys({ type: '1ae' });
    await el.updateComplete;
    expect(field(el).value).to.equal('1A');
    expect(requirePart(el, 'hint').textContent).to.equal('Only 0-9, *, # and A-D can be sent.');
    clock.advance(500);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('1A');
  });

  it('masks digits in the field, the events, the sent line and the case history, and still sends them', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { mask: true });
    const history = await fixture<CaseHistory>(html`<case-history interaction-id=${interaction.id} .adapter=${cc} .clock=${clock}></case-history>`);
    const fired = recordKeypadEvents(el);
    field(el).focus();
    await sendKeys({ type: '4111' });
    await el.updateComplete;
    expect(field(el).value).to.equal('••••');
    expect(el.bufferedDigits).to.equal('••••');
    clock.advance(500);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('4111');
    expect(fired.map((f) => f.type)).to.deep.equal(['callback-action', 'callback-action-done']);
    for (const f of fired) expect(JSON.stringify(f.detail)).to.not.include('4111');
    expect(fired[0]!.detail.args).to.deep.equal({ digits: '••••', masked: true });
    expect(shadowText(el)).to.not.include('4111');
    expect(requirePart(el, 'sent').textContent).to.include('••••');
    expect(requirePart(el, 'sent').textContent).to.include('4 hidden digits');
    await history.updateComplete;
    expect(shadowText(history)).to.include('••••');
    expect(shadowText(history)).to.not.include('4111');
    expect(el.hasState('masked')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('masks digits that fail to send too', async () => {
    const { cc, clock } = setup();
    const { interaction } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { mask: true });
    const fired = recordKeypadEvents(el);
    cc.failNext('sendDtmf', 'network');
    key(el, '7').click();
    key(el, '3').click();
    clock.advance(500);
    await settled(el);
    expect(fired.map((f) => f.type)).to.deep.equal(['callback-action', 'callback-error']);
    expect(requirePart(el, 'error').textContent).to.include('••');
    expect(shadowText(el)).to.not.include('73');
    for (const f of fired) expect(JSON.stringify(f.detail)).to.not.include('73');
  });

  it('shows a failed send with the digits not sent; the next digits go out', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction);
    const fired = recordKeypadEvents(el);
    cc.failNext('sendDtmf', 'network');
    key(el, '5').click();
    clock.advance(500);
    await settled(el);
    expect(fired.map((f) => f.type)).to.deep.equal(['callback-action', 'callback-error']);
    expect(fired[1]!.detail).to.include({ action: 'dtmf', code: 'network' });
    const alert = requirePart(el, 'error');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.hidden).to.equal(false);
    expect(alert.textContent).to.include('cannot be reached');
    expect(alert.textContent).to.include('Not sent: 5');
    expect(el.hasState('error')).to.equal(true);
    await expect(el).to.be.accessible();
    key(el, '6').click();
    clock.advance(500);
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('6');
    expect(requirePart(el, 'error').hidden).to.equal(true);
  });

  it('a host can cancel the send: nothing goes out, no done event', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await mount(cc, clock, interaction, { buffer: 0 });
    const fired = recordKeypadEvents(el);
    el.addEventListener('callback-action', (e) => e.preventDefault());
    key(el, '1').click();
    await settled(el);
    expect(cc.farEnd(callId).digits).to.equal('');
    expect(fired.map((f) => f.type)).to.deep.equal(['callback-action']);
  });

  it('shows the digits sent on this call only, not on an earlier call of the interaction', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    const call = async () => {
      const dialing = await cc.dial({ number: offer.contact.phone, interactionId: offer.id });
      clock.advance(4000);
      return dialing.id;
    };
    const first = await call();
    const el = await mount(cc, clock, cc.getInteraction(offer.id)!, { buffer: 0 });
    expect(requirePart(el, 'sent').textContent).to.include('nothing yet');
    key(el, '1').click();
    await settled(el);
    key(el, '#').click();
    await settled(el);
    expect(requirePart(el, 'sent').textContent!.replace(/\s+/g, '')).to.include('1#');
    await cc.hangUp(first);
    await call();
    await el.updateComplete;
    expect(requirePart(el, 'sent').textContent).to.include('nothing yet');
  });
});
