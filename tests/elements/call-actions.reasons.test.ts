import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

/** The reasons of disabled actions, read by a screen reader in browse mode: one sentence each, never run together. */
describe('<call-actions> reasons of disabled actions', () => {
  it('are separate sentences: "…call state. End the call first.", not "…state.End"', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback', { behaviour: { ringMs: 60_000 } });
    await cc.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions flow="web-callback" interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .clock=${clock}></call-actions>`);
    await cc.dial({ number: offer.contact.phone, interactionId: offer.id });
    await aTimeout(0);
    await el.updateComplete;
    const reasons = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[id^=why-]')];
    expect(reasons.length, 'several actions disabled while dialing').to.be.greaterThan(1);
    const hidden = reasons[0]!.parentElement!.textContent!.replace(/\s+/g, ' ').trim();
    expect(hidden).to.equal(reasons.map((r) => r.textContent!.trim()).join(' '));
    expect(hidden, 'no two sentences run together').to.not.match(/\.\S/);
    // Each button is still described by its own reason alone.
    for (const r of reasons) {
      const button = el.shadowRoot!.querySelector(`[aria-describedby="${r.id}"]`);
      expect(button !== null, r.id).to.equal(true);
    }
  });
});
