import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
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

describe('<callback-desk> before <agent-status> is defined', () => {
  it('keeps the status bar\'s place, so the offers do not move when it is defined, and it shows the agent\'s state then', async () => {
    expect(customElements.get('agent-status'), 'agent-status defined in this page').to.equal(undefined);
    // What the drop-in bundle's entry defines: the desk and the provider it renders.
    const { CallbackProvider } = await import('../../src/elements/callback-provider/callback-provider.js');
    if (!customElements.get('callback-provider')) customElements.define('callback-provider', CallbackProvider);
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const desk = await fixture<CallbackDesk>(html`<callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>`);
    // The agent changed state (through the adapter) before the element arrived: nothing is lost.
    await cc.setReadyState('web-callback', 'not-ready');
    await cc.offer('immediate');
    await aTimeout(0);
    await desk.updateComplete;
    const notifications = desk.shadowRoot!.querySelector<HTMLElement>('[part=notifications]')!;
    const before = notifications.getBoundingClientRect().top;
    const { AgentStatus } = await import('../../src/elements/agent-status/agent-status.js');
    customElements.define('agent-status', AgentStatus);
    const status = desk.shadowRoot!.querySelector('agent-status')!;
    await waitUntil(() => status.shadowRoot?.querySelector('[part=base]'), 'agent-status never showed the channels');
    await status.updateComplete;
    const after = notifications.getBoundingClientRect().top;
    expect(Math.abs(after - before), `the offers moved from ${before} to ${after}`).to.be.lessThan(4);
    expect(status.readyState('web-callback'), 'the state set before it was defined').to.equal('not-ready');
    expect(status.readyState('voice')).to.equal('ready');
  });
});
