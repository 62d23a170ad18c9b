import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

/**
 * 500 offers reach one desk within one second (2 ms apart on the contact center's clock). The desk
 * shows one offer at a time, oldest first, and queues the rest: every offer must come up exactly
 * once, in the order it arrived, and the desk must still answer the agent at once. Only
 * correctness is asserted; the burst's duration is logged for the benchmark.
 */
const OFFERS = 500;

describe('load: 500 offers within a second to one desk', () => {
  it('none lost, none duplicated, in arrival order; Accept still works after the burst', async function () {
    this.timeout(120_000);
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0, offerTimeoutMs: 10 * 60_000 });
    const desk = await fixture<CallbackDesk>(html`<callback-desk
      .callbackAdapter=${cc}
      .telephonyAdapter=${cc}
      .directoryAdapter=${cc}
      .clock=${clock}
    ></callback-desk>`);
    const notification = desk.shadowRoot!.querySelector<CallbackNotification>('callback-notification')!;
    const rings: string[] = [];
    desk.addEventListener('callback-ring', (e) => rings.push(e.detail.interaction.id));

    const sent: string[] = [];
    const started = performance.now();
    for (let i = 0; i < OFFERS; i++) {
      const offer = await cc.offer(i % 2 ? 'web-callback' : 'immediate');
      sent.push(offer.id);
      clock.advance(2);
    }
    await desk.updateComplete;
    await notification.updateComplete;
    const burstMs = performance.now() - started;
    console.log(`[load] ${OFFERS} offers delivered and the first rendered in ${burstMs.toFixed(0)} ms`);

    expect(new Set(sent).size).to.equal(OFFERS);
    expect(cc.listInteractions().filter((i) => i.state === 'offered')).to.have.length(OFFERS);
    expect(notification.offer?.id, 'the oldest offer is shown').to.equal(sent[0]);
    expect(rings, 'one ring, for the offer on screen').to.deep.equal([sent[0]]);

    // Accept the first: its window opens although 499 offers wait behind it.
    const acceptStarted = performance.now();
    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => desk.shadowRoot!.querySelector(`#window-${CSS.escape(sent[0]!)} interaction-window`), 'window opened', {
      timeout: 10_000,
    });
    console.log(`[load] Accept after the burst: window open in ${(performance.now() - acceptStarted).toFixed(0)} ms`);
    expect(cc.getInteraction(sent[0]!)!.state).to.equal('connected');

    // Every other offer comes up once, in order: reject each as it shows.
    const shown: string[] = [sent[0]!];
    const drainStarted = performance.now();
    for (let i = 1; i < OFFERS; i++) {
      let spins = 0;
      while (notification.offer?.id === shown.at(-1) && spins++ < 100) {
        await aTimeout(0);
        await notification.updateComplete;
      }
      const offer = notification.offer;
      if (!offer) break;
      shown.push(offer.id);
      await notification.updateComplete;
      notification.shadowRoot!.querySelector<HTMLButtonElement>('button.reject')!.click();
    }
    await aTimeout(0);
    await notification.updateComplete;
    console.log(`[load] ${OFFERS - 1} offers rejected one by one through the UI in ${(performance.now() - drainStarted).toFixed(0)} ms`);

    expect(shown, 'each offer shown once, in arrival order').to.deep.equal(sent);
    expect(notification.offer, 'queue empty').to.equal(undefined);
    expect(new Set(rings).size).to.equal(OFFERS);
    expect(rings).to.deep.equal(sent);
    expect(cc.routingLog.filter((e) => e.kind === 'back-to-routing')).to.have.length(OFFERS - 1);
    expect(desk.shadowRoot!.querySelectorAll('[part=window]')).to.have.length(1);
  });
});
