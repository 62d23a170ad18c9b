import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';

/** "No interaction in progress. Offers appear here…" is said only while no offer is there to contradict it. */

async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const desk = await fixture<CallbackDesk>(html`<callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>`);
  await desk.updateComplete;
  return { clock, cc, desk };
}

const idle = (desk: CallbackDesk) => desk.shadowRoot!.querySelector<HTMLElement>('.idle')!;
const shown = (el: HTMLElement) => el.checkVisibility();
const accept = (desk: CallbackDesk) => desk.shadowRoot!.querySelector('callback-notification')?.shadowRoot?.querySelector<HTMLButtonElement>('button.accept') ?? null;

describe('<callback-desk> idle message', () => {
  it('is hidden while an offer waits, and back once the offer went back to routing', async () => {
    const { cc, desk } = await setup();
    expect(shown(idle(desk)), 'idle, nothing offered').to.equal(true);
    const offer = await cc.offer('immediate');
    await waitUntil(() => accept(desk), 'offer shown');
    await desk.updateComplete;
    expect(shown(idle(desk)), 'hidden under a waiting offer').to.equal(false);
    await expect(desk).to.be.accessible();
    await cc.reject(offer.id);
    await aTimeout(0);
    await desk.updateComplete;
    expect(shown(idle(desk)), 'idle again').to.equal(true);
  });

  it('with an offer waiting, focus that had nowhere else to go lands on the offers, not on the hidden message or the page', async () => {
    const { cc, desk } = await setup();
    const first = await cc.offer('web-callback');
    await waitUntil(() => accept(desk), 'offer shown');
    accept(desk)!.click();
    const done = () => desk.shadowRoot!.querySelector('callback-preview')?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action=mark-done]');
    await waitUntil(() => done()?.getAttribute('aria-disabled') === 'false', 'preview open');
    await cc.offer('immediate');
    await waitUntil(() => accept(desk), 'second offer shown');
    done()!.focus();
    done()!.click();
    await waitUntil(() => cc.getInteraction(first.id)!.state === 'done', 'marked done');
    await waitUntil(() => deepActive() !== document.body && deepActive() !== done(), 'focus moved');
    // Booleans, not DOM nodes: chai's diff of two elements can take minutes.
    expect(deepActive() === desk.shadowRoot!.querySelector('[part=notifications]'), `focus on the offers, not on ${deepActive()?.localName}.${deepActive()?.className}`).to.equal(true);
    expect(shown(idle(desk))).to.equal(false);
  });
});
