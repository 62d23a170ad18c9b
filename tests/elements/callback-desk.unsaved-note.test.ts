import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { NoteUnsavedEvent } from '../../src/interaction-note.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';

/**
 * The agent is typing a note when the callback is closed without them (a supervisor marks it done):
 * the window goes with the interaction, and the note must not go with it unseen.
 */
async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const desk = await fixture<CallbackDesk>(html`<callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>`);
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const field = () =>
    desk.shadowRoot!.querySelector(`#window-${CSS.escape(offer.id)} interaction-window`)?.shadowRoot?.querySelector('interaction-note')?.shadowRoot?.querySelector('textarea') ?? null;
  await waitUntil(() => field(), 'note field');
  const type = async (text: string) => {
    field()!.value = text;
    field()!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await aTimeout(0);
  };
  const heard: NoteUnsavedEvent[] = [];
  desk.addEventListener('callback-note-unsaved', (e) => heard.push(e));
  const notice = () => desk.shadowRoot!.querySelector<HTMLElement>('[part=unsaved-note]');
  return { cc, desk, offer, type, heard, notice };
}

describe('<callback-desk>: a note typed for a callback that closes without the agent', () => {
  it('marked done elsewhere: the desk shows the note as text to copy, announces it, and Dismiss removes it', async () => {
    const s = await setup();
    const text = 'Wants the <b>refund</b> by Friday';
    await s.type(text);
    await s.cc.hangUp(s.cc.getInteraction(s.offer.id)!.callId!);
    await s.cc.markDone(s.offer.id);
    await waitUntil(() => s.notice(), 'notice shown');
    await s.desk.updateComplete;
    expect(s.desk.shadowRoot!.querySelector(`#window-${CSS.escape(s.offer.id)}`) !== null, 'window still shown').to.equal(false);
    const notice = s.notice()!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain(s.offer.contact.name);
    const kept = notice.querySelector('textarea')!;
    expect(kept.labels?.[0]?.textContent, 'the field is named by the message').to.contain('closed before your note was saved');
    expect(kept.value, 'the note, as typed').to.equal(text);
    expect(kept.readOnly).to.equal(true);
    expect(notice.querySelector('b'), 'typed markup rendered').to.equal(null);
    expect(s.heard.map((e) => e.detail.text), 'the host page hears it too').to.deep.equal([text]);
    await expect(s.desk).to.be.accessible();

    notice.querySelector('button')!.click();
    await s.desk.updateComplete;
    expect(s.notice() !== null, 'notice after Dismiss').to.equal(false);
    expect(deepActive()?.classList.contains('idle'), 'focus on the idle message').to.equal(true);
  });

  it('marked done by the agent with the note: the note went with it, nothing to hand back', async () => {
    const s = await setup();
    await s.type('Booked the engineer for Monday');
    await s.cc.hangUp(s.cc.getInteraction(s.offer.id)!.callId!);
    await s.desk.updateComplete;
    const window = s.desk.shadowRoot!.querySelector(`#window-${CSS.escape(s.offer.id)} interaction-window`)!;
    const markDone = () => window.shadowRoot!.querySelector('call-actions')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="mark-done"]');
    await waitUntil(() => markDone()?.getAttribute('aria-disabled') === 'false', 'Mark done enabled');
    markDone()!.click();
    await waitUntil(() => s.cc.getInteraction(s.offer.id)!.state === 'done', 'done');
    await aTimeout(0);
    await s.desk.updateComplete;
    expect(s.cc.getInteraction(s.offer.id)!.history.some((h) => h.kind === 'note' && h.text === 'Booked the engineer for Monday')).to.equal(true);
    expect(s.notice() !== null, 'notice shown').to.equal(false);
    expect(s.heard).to.have.length(0);
  });
});
