import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import { accepted, accessibleWithPopup, bound, center, mountElement, root, text } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <call-actions> states the element tests do not check with axe: every popup open, web-callback states, pending, blocked Mark done. */

const button = (el: CallActions, action: string) => root(el).querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const panel = (el: CallActions) => root(el).querySelector<HTMLElement>('#panel')!;

async function open(el: CallActions, action: string) {
  button(el, action).click();
  await settled(el);
  await waitUntil(() => panel(el).matches(':popover-open'), `${action} popup open`);
}

describe('<call-actions> accessibility in every state', () => {
  it('transfer popup open with the results listed and one active', async () => {
    const c = center();
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c)));
    await open(el, 'transfer');
    await sendKeys({ type: 'a' });
    c.clock.advance(200);
    await settled(el);
    const communicator = panel(el).querySelector('team-communicator')!;
    await waitUntil(() => communicator.shadowRoot!.querySelector('[role=option]'), 'results');
    await sendKeys({ press: 'ArrowDown' });
    await settled(communicator);
    expect(communicator.shadowRoot!.querySelector('input')!.getAttribute('aria-activedescendant')).to.equal('option-0');
    expect(button(el, 'transfer').getAttribute('aria-expanded')).to.equal('true');
    await accessibleWithPopup(el, panel(el));
  });

  it('conference and consultation popups open', async () => {
    const c = center();
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c)));
    for (const action of ['conference', 'consult']) {
      await open(el, action);
      expect(panel(el).getAttribute('aria-label')).to.equal(text(button(el, action)));
      await accessibleWithPopup(el, panel(el));
    }
  });

  it('DTMF keypad popup open with digits waiting in the buffer', async () => {
    const c = center();
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c)));
    await open(el, 'dtmf');
    await sendKeys({ type: '12' });
    await settled(el);
    await accessibleWithPopup(el, panel(el));
  });

  it('reschedule popup open on a voice callback', async () => {
    const c = center();
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c)));
    await open(el, 'reschedule');
    await waitUntil(() => panel(el).querySelector('callback-scheduler')?.shadowRoot?.querySelector('#date'), 'scheduler');
    await accessibleWithPopup(el, panel(el));
  });

  it('web callback: ready to call, then dialing', async () => {
    const c = center();
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c, 'web-callback')), { flow: 'web-callback' });
    expect(text(button(el, 'call'))).to.equal('Call');
    await expect(el).to.be.accessible();
    button(el, 'call').click();
    // The phone-number library loads on the first call: give it time.
    await waitUntil(() => c.cc.listInteractions()[0]!.state === 'dialing', 'dialing', { timeout: 8000 });
    await settled(el);
    expect(button(el, 'end-call').getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('an action waiting for the adapter (aria-busy)', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c)));
    button(el, 'hold').click();
    await settled(el);
    expect(button(el, 'hold').getAttribute('aria-busy')).to.equal('true');
    expect(el.hasState('pending')).to.equal(true);
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });

  it('call ended with a mandatory disposition: Mark done disabled, the reason shown', async () => {
    const c = center({ policy: { dispositionMandatory: true } });
    const el = await mountElement<CallActions>('call-actions', bound(c, await accepted(c), { dispositionMandatory: true }));
    button(el, 'end-call').click();
    await settled(el);
    expect(button(el, 'mark-done').getAttribute('aria-disabled')).to.equal('true');
    expect(root(el).querySelector('[part=reason]')!.hasAttribute('hidden')).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
