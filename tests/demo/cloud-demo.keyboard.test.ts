import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { deepActive } from '../helpers/deep.js';
import { nameOf } from '../a11y/keyboard.js';
import type { CallbackDoneEvent } from '../../src/call-actions.js';
import '../helpers/lit-warnings.js';

/**
 * The Genesys Cloud demo (`npm run demo:cloud`) by keyboard only, as a keyboard user plays it: a
 * customer's request, Route to me, Accept, the preview's Call, Hold and Resume, End call, a note, a
 * wrap-up code, Mark done. After every action focus is on a control of the page (never dropped to
 * <body>), and the next key still does what it should.
 */
describe('Genesys Cloud demo page, by keyboard only', function () {
  this.timeout(60_000);

  it('plays a web callback with the keyboard; focus never drops to <body> after an action', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/cloud.html" style="width:1400px;height:1000px" title="Genesys Cloud demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.body?.dataset.ready === 'true', 'demo page ready', { timeout: 15_000 });
    const doc = frame.contentDocument!;
    const desk = doc.querySelector('callback-desk')!.shadowRoot!;
    const done: CallbackDoneEvent[] = [];
    doc.addEventListener('callback-done', (e) => done.push(e as CallbackDoneEvent));

    const focused = () => deepActive(doc);
    /** The chain of hosts down to the focused element, for the failure messages. */
    const focusPath = () => {
      const parts: string[] = [];
      for (let el: Element | null | undefined = doc.activeElement; el; el = el.shadowRoot?.activeElement) parts.push(nameOf(el));
      return parts.join(' > ');
    };
    const expectFocusKept = (after: string) => {
      const el = focused();
      expect(!!el && el !== doc.body, `after ${after}: focus lost to <body> (${focusPath()})`).to.equal(true);
    };
    const press = async (key: string) => {
      await sendKeys({ press: key });
      await aTimeout(0);
    };
    const tabTo = async (wanted: (el: Element) => boolean, what: string, back = false) => {
      const trail: string[] = [];
      for (let i = 0; i < 40; i++) {
        if (back) {
          await sendKeys({ down: 'Shift' });
          await sendKeys({ press: 'Tab' });
          await sendKeys({ up: 'Shift' });
        } else await sendKeys({ press: 'Tab' });
        await aTimeout(0);
        const el = focused();
        trail.push(el ? nameOf(el) : 'none');
        if (el && wanted(el)) return;
      }
      throw new Error(`${what} not reached by ${back ? 'Shift+Tab' : 'Tab'}; focus went: ${trail.join(' → ')}`);
    };
    const action = (name: string) => (el: Element) => el.getAttribute('data-action') === name;
    /** In the call toolbar: the arrows to `name`, then Enter once it is enabled. */
    const activate = async (name: string) => {
      for (let i = 0; i < 20 && !action(name)(focused()!); i++) await press('ArrowRight');
      expect(focused()?.getAttribute('data-action'), `the toolbar reached ${name} (${focusPath()})`).to.equal(name);
      await waitUntil(() => focused()?.getAttribute('aria-disabled') === 'false', `${name} enabled`, { timeout: 10_000 });
      await press('Enter');
    };
    const preview = () => desk.querySelector('callback-preview')?.shadowRoot ?? null;
    const inPreview = (tag: string) => preview()?.querySelector(tag)?.shadowRoot ?? null;
    const callState = () => inPreview('call-status')?.querySelector('[part=state]')?.textContent?.trim();
    const customerCall = () => doc.getElementById('customer-call')!.textContent ?? '';

    // The customer asks for a callback: Tab from the name to the form's button, Enter.
    doc.querySelector<HTMLInputElement>('#create input[name=name]')!.focus();
    await tabTo((el) => el.matches('#create button[type=submit]'), 'Request a callback');
    await press('Enter');
    const status = () => doc.getElementById('status')!.textContent ?? '';
    await waitUntil(() => status().startsWith('Genesys Cloud created callback'), `created (${status()})`, { timeout: 10_000 });
    expectFocusKept('Request a callback');

    // The queue routes it here: Route to me leaves the list with the callback.
    await tabTo((el) => el.matches('#queued li button'), 'Route to me');
    await press('Enter');
    const notification = () => desk.querySelector('callback-notification')?.shadowRoot ?? null;
    await waitUntil(() => notification()?.querySelector('button.accept'), 'the offer is shown', { timeout: 10_000 });
    await waitUntil(() => !doc.querySelector('#queued li'), 'the callback left the queue', { timeout: 5_000 });
    expectFocusKept('Route to me');

    // Accept: focus is taken into the callback's window.
    await tabTo((el) => el.matches('[part=accept-button]'), 'Accept');
    await press('Enter');
    await waitUntil(() => callState() === 'Ready to call', `ready to call (${callState()})`, { timeout: 10_000 });
    expectFocusKept('Accept');

    // The preview's Call, then Hold and Resume, then End call, all from the toolbar.
    await tabTo(action('call'), 'Call');
    await activate('call');
    await waitUntil(() => customerCall() === 'talking with the agent', `the customer answered (${customerCall()})`, { timeout: 10_000 });
    expectFocusKept('Call');
    await activate('hold');
    await waitUntil(() => customerCall() === 'on hold', `on hold (${customerCall()})`, { timeout: 10_000 });
    expectFocusKept('Hold');
    // Hold and Resume are one toggle: Enter again resumes.
    await activate('resume');
    await waitUntil(() => customerCall() === 'talking with the agent', `resumed (${customerCall()})`, { timeout: 10_000 });
    expectFocusKept('Resume');
    await activate('end-call');
    await waitUntil(() => callState() === 'Ready to call', `the call ended (${callState()})`, { timeout: 10_000 });
    expectFocusKept('End call');

    // A wrap-up code (the arrows choose among the radios) and a note, typed.
    await tabTo((el) => el.matches('input[type=radio]'), 'the wrap-up codes');
    await press('ArrowDown');
    const chosen = () => inPreview('disposition-picker')?.querySelector<HTMLInputElement>('input[type=radio]:checked');
    await waitUntil(chosen, 'a wrap-up code chosen', { timeout: 5_000 });
    const code = chosen()!.value;
    await tabTo((el) => el.matches('textarea'), 'the note');
    await sendKeys({ type: 'Refund explained.' });
    await waitUntil(() => inPreview('interaction-note')?.querySelector('textarea')?.value === 'Refund explained.', 'the note typed', { timeout: 5_000 });

    // Back to the toolbar, Mark done: the callback closes, focus stays in the desk.
    await tabTo((el) => el.matches('[part~=button][data-action]'), 'the call toolbar', true);
    await activate('mark-done');
    await waitUntil(() => done.length === 1, 'callback-done', { timeout: 10_000 });
    expect(done[0]!.detail.disposition?.code).to.equal(code);
    await aTimeout(100);
    expectFocusKept('Mark done');
  });
});
