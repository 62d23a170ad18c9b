import { aTimeout, expect, fixture, html } from '@open-wc/testing';
// Only the desk's class: the window elements stay undefined in this page, as they are in a
// drop-in page until the bundle's second chunk arrives (or if it never does).
import { CallbackDesk } from '../../src/elements/callback-desk/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

if (!customElements.get('callback-desk')) customElements.define('callback-desk', CallbackDesk);

describe('<callback-desk> before its window elements are defined', () => {
  it('says the window is still loading, and stops saying it once the element is defined', async () => {
    expect(customElements.get('interaction-window'), 'interaction-window defined in this page').to.equal(undefined);
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const desk = await fixture<CallbackDesk>(html`<callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>`);
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    await aTimeout(0);
    await desk.updateComplete;
    const message = desk.shadowRoot!.querySelector<HTMLElement>(`#window-${CSS.escape(offer.id)} .window-loading`)!;
    expect(getComputedStyle(message).display, 'shown while undefined').to.not.equal('none');
    expect(message.textContent).to.contain('still loading');
    expect(message.checkVisibility(), 'visible to the agent').to.equal(true);

    customElements.define('interaction-window', class extends HTMLElement {});
    expect(getComputedStyle(message).display, 'hidden once defined').to.equal('none');
  });
});
