import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** A connected voice callback and its toolbar alone on the page, after a button of the host page. */
async function connected() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock}></call-actions>
  </div>`);
  const el = wrapper.querySelector<CallActions>('call-actions')!;
  await el.updateComplete;
  const button = (action: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  const toolbar = el.shadowRoot!.querySelector<HTMLElement>('[part=toolbar]')!;
  const state = () => cc.getInteraction(offer.id)!.state;
  /** Focus on `action`'s button, then Enter, as the agent does. */
  const press = async (action: string) => {
    button(action)!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
  };
  /** In the open communicator: type, arrow to the first result, Enter. */
  const choose = async (what: string) => {
    await sendKeys({ type: what });
    clock.advance(200);
    await settled(el);
    await waitUntil(() => deepActive()?.getAttribute('aria-expanded') === 'true', 'results listed');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
  };
  return { clock, cc, el, id: offer.id, button, toolbar, state, press, choose };
}

const where = () => deepActive()?.getAttribute('data-action') ?? deepActive()?.getAttribute('part') ?? deepActive()?.localName;

describe('<call-actions> focus when the focused button goes', () => {
  it('End call: focus on the toolbar itself, not on Reschedule callback that took its place', async () => {
    const s = await connected();
    await s.press('end-call');
    expect(s.state()).to.equal('ended');
    expect(deepActive() === s.toolbar, `focus on the toolbar, was on ${where()}`).to.equal(true);
    expect(s.toolbar.getAttribute('tabindex')).to.equal('-1');
    // The toolbar keeps one tab stop; the arrows enter it from an end.
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive() === s.el.shadowRoot!.querySelector('[part~=button]'), `the first button, was ${where()}`).to.equal(true);
    await expect(s.el).to.be.accessible();
  });

  it('instant transfer (Billing, Enter): focus on the toolbar, not lost', async () => {
    const s = await connected();
    await s.press('transfer');
    await s.choose('Billing');
    await waitUntil(() => s.state() === 'ended', 'transferred');
    await settled(s.el);
    expect(deepActive() === s.toolbar, `focus on the toolbar, was on ${where()}`).to.equal(true);
  });

  it('Transfer to the consulted party: focus on the toolbar, not lost', async () => {
    const s = await connected();
    await s.press('consult');
    await s.choose('Ben');
    s.clock.advance(5_000);
    await settled(s.el);
    await waitUntil(() => s.cc.getInteraction(s.id)!.consultation?.state === 'connected', 'consulted party answered');
    await settled(s.el);
    await s.press('consult-transfer');
    await waitUntil(() => s.state() === 'ended', 'transferred');
    await settled(s.el);
    expect(deepActive() === s.toolbar, `focus on the toolbar, was on ${where()}`).to.equal(true);
  });

  it('Hold becomes Resume in place: that toggle keeps focus', async () => {
    const s = await connected();
    await s.press('hold');
    expect(s.state()).to.equal('held');
    expect(where()).to.equal('resume');
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    expect(s.state()).to.equal('connected');
    expect(where()).to.equal('hold');
  });
});

describe('<call-actions> panel and the Tab key', () => {
  it('Tab through the DTMF panel and past its last key closes it: nothing is left open behind the focus', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock}></call-actions>
      <button id="after">After the toolbar</button>
    </div>`);
    const el = wrapper.querySelector<CallActions>('call-actions')!;
    await el.updateComplete;
    const trigger = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="dtmf"]')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    const panel = el.shadowRoot!.querySelector<HTMLElement>('#panel')!;
    await waitUntil(() => panel.matches(':popover-open') && panel.matches(':focus-within'), 'the panel opened with focus inside');
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');

    const visited: string[] = [];
    for (let i = 0; i < 40 && panel.matches(':focus-within'); i++) {
      await sendKeys({ press: 'Tab' });
      visited.push(deepActive()?.localName ?? '');
    }
    await aTimeout(0);
    await el.updateComplete;
    expect(deepActive()?.id, `focus after Tab left the panel (visited ${visited.join(', ')})`).to.equal('after');
    expect(panel.matches(':popover-open'), 'panel still shown').to.equal(false);
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');

    // Shift+Tab comes back to the toolbar, not into a panel that is gone.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActive()?.closest('[role=toolbar]'), 'focus back in the toolbar').to.not.equal(null);
  });
});
