import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/agent-status.js';
import '../../src/callback-notification.js';
import '../../src/callback-provider.js';
import { announcement } from '../../src/controllers/announcer.js';
import {
  channel, choose, errorOf, focusedName, goNotReady, mount, name, phone, pickerButton, recordStatusEvents, root, select, setup, stateText, toggle,
} from '../helpers/agent-status.js';
import '../helpers/lit-warnings.js';

describe('<agent-status> ready state', () => {
  it('shows Ready on each channel and the registered phone', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    expect(stateText(el, 'voice')).to.equal('Ready');
    expect(stateText(el, 'web-callback')).to.equal('Ready');
    expect(channel(el, 'voice').getAttribute('aria-labelledby')).to.equal('name-voice');
    expect(toggle(el, 'voice').textContent!.trim()).to.equal('Set not ready…');
    expect(toggle(el, 'voice').getAttribute('aria-expanded')).to.equal('false');
    // Each toggle's accessible name (its aria-labelledby, resolved) says its channel, so a screen
    // reader tells the two apart.
    const accessibleName = (button: HTMLElement) =>
      button.getAttribute('aria-labelledby')!.split(' ').map((id) => root(el).getElementById(id)!.textContent!.trim()).join(' ');
    expect(accessibleName(toggle(el, 'voice'))).to.equal(`Set not ready… ${root(el).getElementById('name-voice')!.textContent!.trim()}`);
    expect(accessibleName(toggle(el, 'voice'))).to.not.equal(accessibleName(toggle(el, 'web-callback')));
    expect(phone(el).textContent).to.equal('Connected');
    expect(el.hasState('ready')).to.equal(true);
    expect(el.hasState('phone-registered')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('offers no Do Not Disturb toggle on an adapter without DND (the simulated contact center)', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    expect(stateText(el, 'voice')).to.equal('Ready');
    expect(root(el).querySelector('[part=dnd-button]')).to.equal(null);
    expect(root(el).querySelector('[aria-pressed]')).to.equal(null);
  });

  it('goes not ready by keyboard: asks for a reason, then request and past-tense events', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    const fired = recordStatusEvents(el);
    toggle(el, 'voice').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle(el, 'voice').getAttribute('aria-expanded')).to.equal('true');
    expect(focusedName(el)).to.equal(name(select(el, 'voice')));
    expect([...select(el, 'voice')!.options].map((o) => o.textContent)).to.deep.equal([
      'Choose a reason…', 'Break', 'Meeting', 'After-call work', 'Training',
    ]);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(select(el, 'voice')!.value).to.equal('meeting');
    await sendKeys({ press: 'Tab' });
    expect(focusedName(el)).to.equal(name(pickerButton(el, 'voice', 'confirm')));
    const changed = oneEvent(el, 'agent-state-changed');
    await sendKeys({ press: 'Enter' });
    await changed;
    await el.updateComplete;
    const detail = { channel: 'voice', state: 'not-ready', reason: { code: 'meeting', label: 'Meeting' } };
    expect(fired).to.deep.equal([
      { type: 'agent-state-change', detail },
      { type: 'agent-state-changed', detail },
    ]);
    expect(cc.getReadyState('voice')).to.equal('not-ready');
    expect(cc.getReadyState('web-callback')).to.equal('ready');
    expect(stateText(el, 'voice')).to.equal('Not ready (Meeting)');
    expect(select(el, 'voice') === null).to.equal(true);
    // Focus is back on the channel's toggle, which now sets ready.
    expect(focusedName(el)).to.equal(name(toggle(el, 'voice')));
    expect(toggle(el, 'voice').textContent!.trim()).to.equal('Set ready');
    expect(el.hasState('not-ready')).to.equal(true);
    await aTimeout(80);
    expect(announcement()).to.equal('Voice: Not ready (Meeting).');
    await expect(el).to.be.accessible();
  });

  it('refuses Not ready without a reason: explains, no event, no adapter call', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    const fired = recordStatusEvents(el);
    toggle(el, 'voice').click();
    await el.updateComplete;
    pickerButton(el, 'voice', 'confirm').click();
    await el.updateComplete;
    await aTimeout(0);
    expect(fired).to.deep.equal([]);
    expect(cc.getReadyState('voice')).to.equal('ready');
    const s = select(el, 'voice')!;
    expect(s.getAttribute('aria-invalid')).to.equal('true');
    const hint = root(el).getElementById(s.getAttribute('aria-describedby')!)!;
    expect(hint.hidden).to.equal(false);
    expect(hint.textContent).to.include('Choose a reason');
    expect(focusedName(el)).to.equal(name(s));
    await expect(el).to.be.accessible();
    // Choosing a reason clears the complaint.
    s.value = 'break';
    s.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(s.getAttribute('aria-invalid')).to.equal('false');
  });

  it('Escape and Cancel close the picker without a change and return focus to the toggle', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    const fired = recordStatusEvents(el);
    toggle(el, 'web-callback').click();
    await el.updateComplete;
    expect(focusedName(el)).to.equal(name(select(el, 'web-callback')));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(select(el, 'web-callback') === null).to.equal(true);
    expect(focusedName(el)).to.equal(name(toggle(el, 'web-callback')));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    pickerButton(el, 'web-callback', 'cancel').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(select(el, 'web-callback') === null).to.equal(true);
    expect(focusedName(el)).to.equal(name(toggle(el, 'web-callback')));
    expect(fired).to.deep.equal([]);
    expect(cc.getReadyState('web-callback')).to.equal('ready');
  });

  it('sets ready again with one press; the reason goes away', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    await goNotReady(el, 'web-callback', 'break');
    expect(stateText(el, 'web-callback')).to.equal('Not ready (Break)');
    const fired = recordStatusEvents(el);
    toggle(el, 'web-callback').focus();
    const changed = oneEvent(el, 'agent-state-changed');
    await sendKeys({ press: 'Space' });
    await changed;
    await el.updateComplete;
    expect(fired.map((f) => f.type)).to.deep.equal(['agent-state-change', 'agent-state-changed']);
    expect(fired[0]!.detail).to.deep.equal({ channel: 'web-callback', state: 'ready' });
    expect(cc.getReadyState('web-callback')).to.equal('ready');
    expect(stateText(el, 'web-callback')).to.equal('Ready');
    expect(focusedName(el)).to.equal(name(toggle(el, 'web-callback')));
    expect(el.hasState('ready')).to.equal(true);
  });

  it('a host can cancel the change: no adapter call, no past-tense event', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    const fired = recordStatusEvents(el);
    el.addEventListener('agent-state-change', (e) => e.preventDefault());
    await choose(el, 'voice', 'training');
    pickerButton(el, 'voice', 'confirm').click();
    await aTimeout(0);
    await el.updateComplete;
    expect(fired.map((f) => f.type)).to.deep.equal(['agent-state-change']);
    expect(cc.getReadyState('voice')).to.equal('ready');
    expect(stateText(el, 'voice')).to.equal('Ready');
  });

  it('a failed change shows a localized error and keeps the previous state and the chosen reason', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    const fired = recordStatusEvents(el);
    await choose(el, 'voice', 'break');
    cc.failNext('setReadyState', 'network');
    const failed = oneEvent(el, 'callback-error');
    pickerButton(el, 'voice', 'confirm').click();
    const error = await failed;
    await el.updateComplete;
    expect(error.detail).to.include({ action: 'agent-state-change', code: 'network' });
    expect(fired.map((f) => f.type)).to.deep.equal(['agent-state-change', 'callback-error']);
    expect(errorOf(el, 'voice').hidden).to.equal(false);
    expect(errorOf(el, 'voice').textContent).to.include('cannot be reached');
    expect(errorOf(el, 'web-callback').hidden).to.equal(true);
    expect(cc.getReadyState('voice')).to.equal('ready');
    expect(stateText(el, 'voice')).to.equal('Ready');
    expect(select(el, 'voice')!.value).to.equal('break');
    expect(el.hasState('error')).to.equal(true);
    await expect(el).to.be.accessible();
    // Retry works and the error goes away.
    const changed = oneEvent(el, 'agent-state-changed');
    pickerButton(el, 'voice', 'confirm').click();
    await changed;
    await el.updateComplete;
    expect(stateText(el, 'voice')).to.equal('Not ready (Break)');
    expect(errorOf(el, 'voice').hidden).to.equal(true);
    expect(el.hasState('error')).to.equal(false);
    // Going ready can fail too: still not ready, reason kept.
    cc.failNext('setReadyState', 'timeout');
    const failedAgain = oneEvent(el, 'callback-error');
    toggle(el, 'voice').click();
    await failedAgain;
    await el.updateComplete;
    expect(stateText(el, 'voice')).to.equal('Not ready (Break)');
    expect(errorOf(el, 'voice').textContent).to.include('did not answer in time');
    await expect(el).to.be.accessible();
  });

  it('keeps channels apart, and shows only the channels asked for', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    await goNotReady(el, 'web-callback', 'training');
    expect(stateText(el, 'voice')).to.equal('Ready');
    expect(stateText(el, 'web-callback')).to.equal('Not ready (Training)');
    expect(el.hasState('ready')).to.equal(false);
    expect(el.hasState('not-ready')).to.equal(true);
    el.setAttribute('channels', 'voice, fax');
    await el.updateComplete;
    expect(el.channels).to.deep.equal(['voice']);
    expect(root(el).querySelectorAll('[part=channel]').length).to.equal(1);
    expect(el.hasState('ready')).to.equal(true);
  });

  it('offers arrive only while ready on their channel', async () => {
    const { cc, clock } = setup();
    const provider = await fixture(html`<callback-provider .callbackAdapter=${cc} .telephonyAdapter=${cc} .clock=${clock}>
      <agent-status></agent-status>
      <callback-notification></callback-notification>
    </callback-provider>`);
    const el = provider.querySelector('agent-status')!;
    const notification = provider.querySelector('callback-notification')!;
    await el.updateComplete;
    await goNotReady(el, 'voice', 'break');
    const held = await cc.offer('immediate');
    await notification.updateComplete;
    expect(cc.listInteractions()).to.deep.equal([]);
    expect(notification.offer).to.equal(undefined);
    expect(notification.shadowRoot!.querySelectorAll('section').length).to.equal(0);
    // Another channel is not affected.
    const web = await cc.offer('web-callback');
    await notification.updateComplete;
    expect(cc.listInteractions().map((i) => i.id)).to.deep.equal([web.id]);
    await cc.reject(web.id);
    // Ready again: the held offer arrives.
    const changed = oneEvent(el, 'agent-state-changed');
    toggle(el, 'voice').click();
    await changed;
    await notification.updateComplete;
    expect(cc.listInteractions().map((i) => i.id)).to.deep.equal([held.id]);
    expect(notification.shadowRoot!.textContent).to.include(held.contact.name);
  });

  it('shows and announces a change made elsewhere (another window, the supervisor)', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    const fired = recordStatusEvents(el);
    await cc.setReadyState('web-callback', 'not-ready');
    await el.updateComplete;
    expect(stateText(el, 'web-callback')).to.equal('Not ready');
    expect(fired).to.deep.equal([]);
    await aTimeout(80);
    expect(announcement()).to.equal('Web callback: Not ready.');
  });

  it('keeps the chosen reason for a new element on the same adapter', async () => {
    const { cc } = setup();
    const first = await mount(cc);
    await goNotReady(first, 'voice', 'after-call-work');
    first.remove();
    const second = await mount(cc);
    expect(stateText(second, 'voice')).to.equal('Not ready (After-call work)');
  });

  it('takes custom reasons; with none, goes not ready at once', async () => {
    const { cc } = setup();
    const el = await mount(cc);
    el.reasons = [{ code: 'lunch', label: 'Lunch' }];
    await el.updateComplete;
    toggle(el, 'voice').click();
    await el.updateComplete;
    expect([...select(el, 'voice')!.options].map((o) => o.value)).to.deep.equal(['', 'lunch']);
    pickerButton(el, 'voice', 'cancel').click();
    el.reasons = [];
    await el.updateComplete;
    expect(toggle(el, 'voice').textContent!.trim()).to.equal('Set not ready');
    expect(toggle(el, 'voice').hasAttribute('aria-expanded')).to.equal(false);
    const changed = oneEvent(el, 'agent-state-changed');
    toggle(el, 'voice').click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ channel: 'voice', state: 'not-ready' });
    expect(cc.getReadyState('voice')).to.equal('not-ready');
  });

  it('disables the controls while the change is pending, keeps focus, and sends it once', async () => {
    const { cc, clock } = setup({ latencyMs: 200 });
    const el = await mount(cc);
    const setUp = cc.setReadyState('voice', 'not-ready');
    clock.advance(200);
    await setUp;
    await el.updateComplete;
    const fired = recordStatusEvents(el);
    const button = toggle(el, 'voice');
    button.focus();
    button.click();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(el.hasState('pending')).to.equal(true);
    await expect(el).to.be.accessible();
    clock.advance(200);
    await aTimeout(0);
    await el.updateComplete;
    expect(fired.map((f) => f.type)).to.deep.equal(['agent-state-change', 'agent-state-changed']);
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(stateText(el, 'voice')).to.equal('Ready');
    expect(el.shadowRoot!.activeElement === toggle(el, 'voice'), 'focus kept on the toggle').to.equal(true);
  });
});
