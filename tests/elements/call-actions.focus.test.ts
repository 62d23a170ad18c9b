import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';

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
