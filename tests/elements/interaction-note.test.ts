import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/interaction-note.js';
import type { InteractionNote } from '../../src/interaction-note.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { readNoteDraft } from '../../src/elements/interaction-note/note-drafts.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import '../helpers/lit-warnings.js';
import { eventType, recordEvents } from '../helpers/events.js';
import { requirePart, root } from '../helpers/dom.js';

function setup(latencyMs = 0) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs });
  return { clock, cc };
}

async function accepted(cc: SimulatedContactCenter, clock: ManualClock) {
  const offer = await cc.offer('immediate');
  const accepting = cc.accept(offer.id);
  clock.advance(cc.latencyMs);
  return accepting;
}

async function mount(cc: SimulatedContactCenter, interaction: Interaction, props: Partial<InteractionNote> = {}) {
  const el = await fixture<InteractionNote>(html`<interaction-note interaction-id=${interaction.id} .adapter=${cc}></interaction-note>`);
  Object.assign(el, props);
  await el.updateComplete;
  return el;
}

const field = (el: InteractionNote) => root(el).querySelector('textarea')!;
const save = (el: InteractionNote) => root(el).querySelector<HTMLButtonElement>('button.save')!;
// The kept draft (IndexedDB-backed store; tests/elements/persistence.test.ts covers the reloads).
const stored = (id: string, cc: SimulatedContactCenter) => readNoteDraft(id, cc) ?? null;
const notes = (cc: SimulatedContactCenter, id: string) =>
  cc.getInteraction(id)!.history.flatMap((h) => (h.kind === 'note' ? [h.text] : []));

/** The events these tests record, by type. */
const NOTE_EVENTS = ['callback-action', 'callback-action-done', 'callback-error'];

async function type(el: InteractionNote, text: string) {
  field(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

function clearDrafts() {
  return pendingWorkStore().clear();
}

describe('<interaction-note>', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('is a labelled field with Save disabled while empty, and accessible', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    expect(field(el).labels![0]!.textContent).to.equal('Note');
    expect(save(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await type(el, '   ');
    expect(save(el).disabled).to.equal(true);
    await type(el, 'x');
    expect(save(el).disabled).to.equal(false);
    expect(el.hasState('draft')).to.equal(true);
  });

  it('is empty while the model hides notes (an offer not accepted yet)', async () => {
    const { cc } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, offer);
    expect(root(el).querySelector('textarea')?.outerHTML ?? null).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('saves the note to the history through the adapter and forgets the draft', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    const fired = recordEvents(el, NOTE_EVENTS, eventType);
    await type(el, 'Customer confirmed the address.');
    expect(stored(interaction.id, cc)).to.equal('Customer confirmed the address.');
    const requested = oneEvent(el, 'callback-action');
    const done = oneEvent(el, 'callback-action-done');
    save(el).click();
    expect((await requested).detail).to.deep.include({ action: 'note', args: { text: 'Customer confirmed the address.' } });
    await done;
    await el.updateComplete;
    expect(notes(cc, interaction.id)).to.deep.equal(['Customer confirmed the address.']);
    expect(fired).to.deep.equal(['callback-action', 'callback-action-done']);
    expect(field(el).value).to.equal('');
    expect(stored(interaction.id, cc)).to.equal(null);
    expect(requirePart(el, 'status').hidden).to.equal(false);
    expect(requirePart(el, 'status').textContent).to.include('Note saved');
    await expect(el).to.be.accessible();
    await type(el, 'More');
    expect(requirePart(el, 'status').hidden).to.equal(true);
  });

  it('restores the draft in a new element for the same interaction (a reload), and only there', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const other = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    await type(el, 'Half-written thought');
    el.remove();
    const again = await mount(cc, interaction);
    expect(field(again).value).to.equal('Half-written thought');
    expect(again.value).to.equal('Half-written thought');
    expect(save(again).disabled).to.equal(false);
    const elsewhere = await mount(cc, other);
    expect(field(elsewhere).value).to.equal('');
    // Switching the element to another interaction shows that interaction's draft.
    elsewhere.interactionId = interaction.id;
    await elsewhere.updateComplete;
    expect(field(elsewhere).value).to.equal('Half-written thought');
  });

  it('keeps the draft across re-renders caused by the interaction changing', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    await type(el, 'Typed before hold');
    await cc.hold(interaction.callId!);
    await el.updateComplete;
    el.maxLength = 500;
    await el.updateComplete;
    expect(field(el).value).to.equal('Typed before hold');
  });

  it('keeps the draft in the field and in storage when saving fails, with the error shown', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    const fired = recordEvents(el, NOTE_EVENTS, eventType);
    await type(el, 'Do not lose me');
    cc.failNext('addNote', 'network');
    const failed = oneEvent(el, 'callback-error');
    save(el).click();
    expect((await failed).detail).to.include({ action: 'note', code: 'network' });
    await el.updateComplete;
    expect(fired).to.deep.equal(['callback-action', 'callback-error']);
    expect(field(el).value).to.equal('Do not lose me');
    expect(stored(interaction.id, cc)).to.equal('Do not lose me');
    expect(requirePart(el, 'error').hidden).to.equal(false);
    expect(requirePart(el, 'error').getAttribute('role')).to.equal('alert');
    expect(requirePart(el, 'error').textContent).to.include('cannot be reached');
    expect(notes(cc, interaction.id)).to.deep.equal([]);
    expect(el.hasState('error')).to.equal(true);
    await expect(el).to.be.accessible();
    // A reload after the failure still has it.
    el.remove();
    const again = await mount(cc, interaction);
    expect(field(again).value).to.equal('Do not lose me');
    const done = oneEvent(again, 'callback-action-done');
    save(again).click();
    await done;
    expect(notes(cc, interaction.id)).to.deep.equal(['Do not lose me']);
    expect(stored(interaction.id, cc)).to.equal(null);
  });

  it('a host can cancel the save: the draft stays, the adapter is not called', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    const fired = recordEvents(el, NOTE_EVENTS, eventType);
    el.addEventListener('callback-action', (e) => e.preventDefault());
    await type(el, 'Kept');
    save(el).click();
    await aTimeout(0);
    await el.updateComplete;
    expect(fired).to.deep.equal(['callback-action']);
    expect(field(el).value).to.equal('Kept');
    expect(stored(interaction.id, cc)).to.equal('Kept');
    expect(notes(cc, interaction.id)).to.deep.equal([]);
  });

  it('while saving: the field is read-only, Save is busy, a second click saves nothing more', async () => {
    const { cc, clock } = setup(300);
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    const fired = recordEvents(el, NOTE_EVENTS, eventType);
    await type(el, 'Once');
    save(el).click();
    save(el).click();
    await el.updateComplete;
    expect(field(el).readOnly).to.equal(true);
    expect(save(el).getAttribute('aria-disabled')).to.equal('true');
    expect(save(el).textContent).to.include('Saving');
    expect(el.hasState('saving')).to.equal(true);
    expect(field(el).value).to.equal('Once');
    await expect(el).to.be.accessible();
    clock.advance(300);
    await aTimeout(0);
    await el.updateComplete;
    expect(notes(cc, interaction.id)).to.deep.equal(['Once']);
    expect(fired.filter((f) => f === 'callback-action')).to.have.length(1);
    expect(field(el).readOnly).to.equal(false);
  });

  it('limits the length with `maxlength` and shows the count', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await fixture<InteractionNote>(html`<interaction-note interaction-id=${interaction.id} maxlength="10" .adapter=${cc}></interaction-note>`);
    expect(field(el).maxLength).to.equal(10);
    expect(requirePart(el, 'counter').textContent).to.include('0 of 10 characters');
    expect(field(el).getAttribute('aria-describedby')).to.equal('counter');
    await type(el, 'Twelve chars');
    expect(field(el).value).to.equal('Twelve cha');
    expect(requirePart(el, 'counter').textContent).to.include('10 of 10');
    await expect(el).to.be.accessible();
  });

  it('works by keyboard: Tab to Save and Enter, or Ctrl+Enter in the field; focus stays in the field', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    await type(el, 'First');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.className).to.equal('save');
    let done = oneEvent(el, 'callback-action-done');
    await sendKeys({ press: 'Enter' });
    await done;
    await el.updateComplete;
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('note');
    await sendKeys({ type: 'Second' });
    done = oneEvent(el, 'callback-action-done');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await done;
    expect(notes(cc, interaction.id)).to.deep.equal(['First', 'Second']);
  });

  it('forgets the draft once the interaction is marked done with it as the last note', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    await type(el, 'Wrap-up note');
    await cc.hangUp(interaction.callId!);
    await cc.markDone(interaction.id, { note: el.value });
    await el.updateComplete;
    expect(stored(interaction.id, cc)).to.equal(null);
    expect(root(el).querySelector('textarea')?.outerHTML ?? null).to.equal(null);
  });

  it('insert() appends to the draft on a new line, and keeps it like typed text', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    const fired = recordEvents(el, NOTE_EVENTS, eventType);
    el.insert('Thank you for calling.');
    await el.updateComplete;
    expect(field(el).value).to.equal('Thank you for calling.');
    expect(stored(interaction.id, cc)).to.equal('Thank you for calling.');
    expect(save(el).disabled).to.equal(false);
    el.insert('Goodbye.');
    await el.updateComplete;
    expect(field(el).value).to.equal('Thank you for calling.\nGoodbye.');
    expect(stored(interaction.id, cc)).to.equal('Thank you for calling.\nGoodbye.');
    // Nothing is sent: inserting is not saving.
    expect(fired).to.deep.equal([]);
    expect(notes(cc, interaction.id)).to.deep.equal([]);
    // A reload still has it.
    el.remove();
    const again = await mount(cc, interaction);
    expect(field(again).value).to.equal('Thank you for calling.\nGoodbye.');
  });

  it('insert() puts the text at the caret (replacing a selection) once the agent has been in the field', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const el = await mount(cc, interaction);
    await type(el, 'Hello , bye');
    field(el).setSelectionRange(6, 6);
    field(el).blur();
    el.insert('Ana');
    await el.updateComplete;
    expect(field(el).value).to.equal('Hello Ana, bye');
    expect(field(el).selectionStart).to.equal(9);
    field(el).focus();
    field(el).setSelectionRange(11, 14);
    el.insert('see you');
    await el.updateComplete;
    expect(field(el).value).to.equal('Hello Ana, see you');
    expect(stored(interaction.id, cc)).to.equal('Hello Ana, see you');
    // Typing carries on from after the inserted text.
    await sendKeys({ type: '!' });
    expect(field(el).value).to.equal('Hello Ana, see you!');
  });

  it('still works when storage refuses to write', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, clock);
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      const el = await mount(cc, interaction);
      await type(el, 'In memory');
      expect(field(el).value).to.equal('In memory');
      const done = oneEvent(el, 'callback-action-done');
      save(el).click();
      await done;
      expect(notes(cc, interaction.id)).to.deep.equal(['In memory']);
    } finally {
      Storage.prototype.setItem = original;
    }
  });
});
