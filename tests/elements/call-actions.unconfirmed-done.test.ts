import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import type { CallbackDoneEvent } from '../../src/elements/call-actions/call-actions.events.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { AdapterError } from '../../src/adapters/errors.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { ManualClock } from '../../src/model/clock.js';
import { hang } from '../helpers/action-cases.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * A Mark done can reach the service and still fail here: its answer lost on the way back, or late
 * past the element's timeout. The interaction then shows as done, and the host page (a CRM that
 * logs the disposition on `callback-done`) must hear of it once, with the disposition and notes.
 */
async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const offer = await cc.offer('immediate');
  const accepted = await cc.accept(offer.id);
  await cc.setDisposition(offer.id, { code: 'RES-INFO', label: 'Information given' });
  await cc.addNote(offer.id, 'Customer happy with the new tariff');
  await cc.hangUp(accepted.callId!);
  const el = await fixture<CallActions>(html`<call-actions
    interaction-id=${offer.id}
    .adapter=${cc}
    .telephony=${cc}
    .directory=${cc}
    .clock=${clock}
  ></call-actions>`);
  const done: CallbackDoneEvent[] = [];
  el.addEventListener('callback-done', (e) => done.push(e));
  const markDone = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="mark-done"]')!;
  await waitUntil(() => markDone.getAttribute('aria-disabled') === 'false', 'Mark done enabled');
  const error = () => el.shadowRoot!.querySelector<HTMLElement>('[part="error"]')!;
  return { clock, cc, el, id: offer.id, done, markDone, error };
}

describe('<call-actions>: a Mark done that reached the service but failed here', () => {
  it('its answer lost on the way back: callback-done once, with the disposition and the note, and no error', async () => {
    const s = await setup();
    const markDone = s.cc.markDone.bind(s.cc);
    s.cc.markDone = async (...args: Parameters<SimulatedContactCenter['markDone']>) => {
      await markDone(...args);
      throw new AdapterError('network', 'The connection dropped before the answer came.');
    };
    s.markDone.click();
    await waitUntil(() => s.done.length > 0, 'callback-done');
    await settled(s.el);
    expect(s.done).to.have.length(1);
    expect(s.done[0]!.detail.disposition?.code).to.equal('RES-INFO');
    expect(s.done[0]!.detail.notes).to.deep.equal(['Customer happy with the new tariff']);
    expect(s.error().hidden, 'error shown').to.equal(true);
    expect(pendingWorkStore().get(s.id, s.cc), 'work kept for a retry').to.equal(undefined);
  });

  it('no answer in time: the timeout shows, then the interaction shows as done and callback-done follows once', async () => {
    const s = await setup();
    const markDone = s.cc.markDone.bind(s.cc);
    hang(s.cc, 'markDone');
    s.markDone.click();
    await settled(s.el);
    s.clock.advance(30_000);
    await waitUntil(() => !s.error().hidden, 'the timeout is shown');
    expect(s.done).to.have.length(0);

    // The service had it after all.
    await markDone(s.id, { disposition: { code: 'RES-INFO', label: 'Information given' } });
    await settled(s.el);
    expect(s.done).to.have.length(1);
    expect(s.done[0]!.detail.interaction.state).to.equal('done');
    expect(s.done[0]!.detail.disposition?.code).to.equal('RES-INFO');
    expect(s.error().hidden, 'the timeout error is gone').to.equal(true);
  });

  it('someone else marked it done just before: the refusal shows and no callback-done is fired from here', async () => {
    const s = await setup();
    const markDone = s.cc.markDone.bind(s.cc);
    s.cc.markDone = async (...args: Parameters<SimulatedContactCenter['markDone']>) => {
      // A supervisor's Mark done reaches the service first; the agent's is then refused.
      await markDone(s.id, { disposition: { code: 'RES-PAYMENT', label: 'Payment taken' } });
      return markDone(...args);
    };
    s.markDone.click();
    await waitUntil(() => !s.error().hidden, 'the refusal is shown');
    await settled(s.el);
    expect(s.cc.getInteraction(s.id)!.state).to.equal('done');
    expect(s.done, 'callback-done events').to.have.length(0);
  });

  it('refused by the service, then done by someone else: no callback-done from here', async () => {
    const s = await setup();
    s.cc.failNext('markDone', 'invalid-state');
    s.markDone.click();
    await waitUntil(() => !s.error().hidden, 'the refusal is shown');
    await s.cc.markDone(s.id);
    await settled(s.el);
    expect(s.done).to.have.length(0);
  });
});
