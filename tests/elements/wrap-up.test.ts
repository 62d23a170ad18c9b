import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import '../../src/callback-preview.js';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { CallbackPreview } from '../../src/callback-preview.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { AdapterError } from '../../src/adapters/errors.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { ManualClock } from '../../src/model/clock.js';
import type { CallbackDoneEvent } from '../../src/elements/call-actions/call-actions.events.js';
import '../helpers/lit-warnings.js';

/**
 * One owner for each interaction's wrap-up: whichever elements show it, a Mark done that failed
 * on the way is sent again and its outcome told once, and the desk keeps the window for it
 * without guessing from the order of event listeners.
 */

const pendingMarkDone = { requestedAt: 0, attempts: 1, lastError: 'network' };

async function deskSetup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    disposition-mode="list"
    .callbackAdapter=${cc}
    .telephonyAdapter=${cc}
    .directoryAdapter=${cc}
    .clock=${clock}
  ></callback-desk>`);
  const offer = await cc.offer('immediate');
  const accepted = await cc.accept(offer.id);
  await cc.hangUp(accepted.callId!);
  const done: CallbackDoneEvent[] = [];
  desk.addEventListener('callback-done', (e) => done.push(e));
  const windowOf = () => desk.shadowRoot!.querySelector(`#window-${CSS.escape(offer.id)} > interaction-window`);
  const markDone = () => windowOf()?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="mark-done"]') ?? null;
  await waitUntil(() => markDone()?.getAttribute('aria-disabled') === 'false', 'Mark done enabled');
  return { clock, cc, desk, id: offer.id, done, windowOf, markDone };
}

describe('wrap-up: one owner per interaction', () => {
  afterEach(() => pendingWorkStore().clear());

  it('a <callback-preview> without its actions region still sends a Mark done that failed on the way, and tells callback-done once', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    // An earlier page's Mark done failed on the way: it is kept for a retry.
    pendingWorkStore().update(offer.id, { markDonePending: pendingMarkDone, disposition: { code: 'RES-INFO', label: 'Information given' } }, cc);
    const el = await fixture<CallbackPreview>(html`<callback-preview
      regions="case-information, note"
      interaction-id=${offer.id}
      .adapter=${cc}
      .telephony=${cc}
      .directory=${cc}
      .clock=${clock}
    ></callback-preview>`);
    const done: CallbackDoneEvent[] = [];
    el.addEventListener('callback-done', (e) => done.push(e));
    await waitUntil(() => cc.getInteraction(offer.id)?.state === 'done', 'the pending Mark done was never sent', { timeout: 5_000 });
    await waitUntil(() => done.length > 0, 'no callback-done');
    await aTimeout(0);
    expect(done).to.have.length(1);
    expect(done[0]!.detail.disposition?.code).to.equal('RES-INFO');
    expect(pendingWorkStore().get(offer.id, cc), 'work let go once acknowledged').to.equal(undefined);
  });

  it('the desk keeps a closing window whatever the host page’s listeners do: one that stops callback-action first still hears callback-done', async () => {
    const s = await deskSetup();
    // A CRM that handles the request itself and stops it there (capture, before the desk).
    const swallow = (e: Event) => e.stopPropagation();
    document.addEventListener('callback-action', swallow, { capture: true });
    try {
      s.markDone()!.click();
      await waitUntil(() => s.done.length > 0, 'callback-done never reached the page', { timeout: 5_000 });
      expect(s.done[0]!.detail.interaction.id).to.equal(s.id);
      await waitUntil(() => !s.windowOf(), 'the window stayed after its outcome was told');
      expect(s.done).to.have.length(1);
    } finally {
      document.removeEventListener('callback-action', swallow, { capture: true });
    }
  });

  it('the desk keeps a closing window whatever the host page’s listeners do: a cancelled Mark done keeps nothing, and a later one closes it', async () => {
    const s = await deskSetup();
    // Cancelled by the page, late (the last listener of all): nothing is sent, nothing kept.
    const cancel = (e: Event) => e.preventDefault();
    window.addEventListener('callback-action', cancel, { once: true });
    s.markDone()!.click();
    await aTimeout(0);
    expect(s.cc.getInteraction(s.id)?.state).to.not.equal('done');
    expect(s.done).to.have.length(0);
    // Done elsewhere (another agent, the supervisor): the window goes at once, nothing keeps it.
    await s.cc.markDone(s.id, {});
    await waitUntil(() => !s.windowOf(), 'the window was kept for a cancelled Mark done');
    expect(s.done).to.have.length(0);
  });

  it('a desk put back into the page while a Mark done waits to be resent sends it, outside its own update (no lit warning)', async () => {
    const s = await deskSetup();
    const markDone = s.cc.markDone.bind(s.cc);
    let fail = true;
    s.cc.markDone = async (...args: Parameters<SimulatedContactCenter['markDone']>) => {
      if (fail) throw new AdapterError('network', 'The connection dropped.');
      return markDone(...args);
    };
    s.markDone()!.click();
    await waitUntil(() => pendingWorkStore().get(s.id, s.cc)?.markDonePending, 'the failed Mark done is not kept');
    const parent = s.desk.parentElement!;
    s.desk.remove();
    fail = false;
    parent.append(s.desk);
    await waitUntil(() => s.cc.getInteraction(s.id)?.state === 'done', 'not resent when the desk came back', { timeout: 5_000 });
    await waitUntil(() => s.done.length > 0, 'no callback-done');
    expect(s.done).to.have.length(1);
  });

  it('re-rendering <call-actions> reads nothing from localStorage (old drafts are moved once, not looked for at every render)', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock}></call-actions>`);
    await pendingWorkStore().ready;
    await el.updateComplete;
    const getItem = Storage.prototype.getItem;
    let reads = 0;
    Storage.prototype.getItem = function (this: Storage, key: string) {
      reads++;
      return getItem.call(this, key);
    };
    try {
      for (let i = 0; i < 5; i++) {
        el.requestUpdate();
        await el.updateComplete;
      }
    } finally {
      Storage.prototype.getItem = getItem;
    }
    expect(reads, 'localStorage reads during 5 renders').to.equal(0);
  });
});
