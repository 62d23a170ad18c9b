import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/disposition-picker.js';
import type { DispositionPicker } from '../../src/disposition-picker.js';
import { SimulatedContactCenter, type SimulatedContactCenterOptions } from '../../src/adapters/simulated/index.js';
import type { Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';
import { eventType, recordEvents } from '../helpers/events.js';
import { root, shadowText } from '../helpers/dom.js';

const LEAVES = [
  'Information given', 'Payment taken', 'Appointment booked', 'Callback requested', 'Escalated to a supervisor',
  'Documents sent by e-mail', 'Waiting for documents', 'No answer', 'Busy', 'Left a voicemail', 'Wrong number', 'Other',
];

interface Mount {
  mode?: 'list' | 'tree';
  required?: boolean;
  policy?: Partial<Policy>;
  options?: SimulatedContactCenterOptions;
  accept?: boolean;
  before?: (cc: SimulatedContactCenter) => void;
}

async function setup({ mode = 'list', required = false, policy, options, accept = true, before }: Mount = {}) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, ...options });
  const offer = await cc.offer('immediate');
  if (accept) await cc.accept(offer.id);
  before?.(cc);
  // The fixture's own container stands for the host page around the picker.
  const el = await fixture<DispositionPicker>(
    html`<disposition-picker interaction-id=${offer.id} mode=${mode} ?required=${required}></disposition-picker>`,
  );
  const wrapper = el.parentElement!;
  el.adapter = cc;
  el.directory = cc;
  el.clock = clock;
  if (policy) el.policy = policy;
  await el.updateComplete;
  return { cc, clock, el, wrapper, id: offer.id };
}

const radios = (el: DispositionPicker) => [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')];
const rows = (el: DispositionPicker) => [...root(el).querySelectorAll<HTMLElement>('[role=treeitem]')];
const rowLabel = (row: Element) => row.querySelector(':scope > .row')!.textContent!.replace(/[▾▸✓\s]+/g, ' ').trim();
const focusedRow = (el: DispositionPicker) => {
  const active = root(el).activeElement;
  return active?.getAttribute('role') === 'treeitem' ? rowLabel(active) : undefined;
};
const errorBox = (el: DispositionPicker) => root(el).querySelector<HTMLElement>('[part=error]')!;
const loaded = (el: DispositionPicker) => waitUntil(() => !el.hasState('loading'), 'codes never loaded');

/** Records the picker's events as a host outside it hears them. */
/** The events these tests record, by type. */
const PICKER_EVENTS = ['input', 'change', 'callback-action', 'callback-action-done', 'callback-error'];

describe('<disposition-picker>', () => {
  it('shows a loading state, then every code as one radio group, and the current disposition', async () => {
    const { el, cc } = await setup({ before: (c) => (c.latencyMs = 1_000) });
    expect(shadowText(el)).to.include('Loading dispositions…');
    expect(el.hasState('loading')).to.equal(true);
    await expect(el).to.be.accessible();
    (cc.clock as ManualClock).advance(1_000);
    await loaded(el);
    expect(root(el).querySelector('[role=radiogroup]')).to.not.equal(null);
    expect(radios(el).map((r) => r.closest('label')!.querySelector('.option-label')!.textContent)).to.deep.equal(LEAVES);
    expect(radios(el).some((r) => r.value.startsWith('folder:'))).to.equal(false);
    expect(radios(el)[6]!.closest('label')!.textContent).to.include('Follow-up needed › Documents');
    expect(root(el).querySelector('[part=current]')!.textContent!.trim()).to.equal('No disposition set yet.');
    expect(root(el).querySelector('[role=tree]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('list: the agent picks by keyboard; input and change reach the host; the code is set on the interaction', async () => {
    const { el, wrapper, cc, id } = await setup();
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    const change = oneEvent(wrapper, 'change');
    radios(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    const event = await change;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.target).to.equal(el);
    expect(el.value).to.equal('RES-PAYMENT');
    await settled(el);
    expect(cc.getInteraction(id)!.disposition).to.deep.equal({ code: 'RES-PAYMENT', label: 'Payment taken' });
    expect(fired).to.deep.equal(['input', 'change', 'callback-action', 'callback-action-done']);
    expect(root(el).querySelector('[part=current]')!.textContent).to.include('Current disposition: Payment taken');
    expect(radios(el)[1]!.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('list: picks made faster than the service answers are all kept; the last one is stored', async () => {
    const { el, cc, clock, id } = await setup();
    await loaded(el);
    cc.latencyMs = 500;
    radios(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(el.value).to.equal('FU-CALLBACK');
    expect(root(el).activeElement).to.equal(radios(el)[3]);
    for (let i = 0; i < 3; i++) {
      clock.advance(500);
      await settled(el);
    }
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('FU-CALLBACK');
  });

  it('tree: folders and codes by arrow keys (APG tree pattern), Enter picks', async () => {
    const { el, wrapper, cc, id } = await setup({ mode: 'tree' });
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    expect(rows(el).map(rowLabel)).to.deep.equal(['Resolved', 'Follow-up needed', 'Not reached', 'Other']);
    expect(rows(el)[0]!.getAttribute('aria-expanded')).to.equal('false');
    expect(rows(el)[3]!.getAttribute('aria-selected')).to.equal('false');
    expect(rows(el).filter((r) => r.tabIndex === 0)).to.have.length(1);
    await expect(el).to.be.accessible();

    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedRow(el)).to.equal('Resolved');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(rows(el)[0]!.getAttribute('aria-expanded')).to.equal('true');
    expect(focusedRow(el)).to.equal('Resolved');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedRow(el)).to.equal('Information given');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedRow(el)).to.equal('Payment taken');
    expect(fired, 'moving does not pick').to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(el.value).to.equal('RES-PAYMENT');
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('RES-PAYMENT');
    expect(fired).to.deep.equal(['input', 'change', 'callback-action', 'callback-action-done']);
    expect(root(el).querySelector('[data-code=RES-PAYMENT]')!.getAttribute('aria-selected')).to.equal('true');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedRow(el)).to.equal('Resolved');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(rows(el).map(rowLabel)).to.deep.equal(['Resolved', 'Follow-up needed', 'Not reached', 'Other']);
    await sendKeys({ press: 'End' });
    expect(focusedRow(el)).to.equal('Other');
    await sendKeys({ press: 'Home' });
    expect(focusedRow(el)).to.equal('Resolved');
    await sendKeys({ press: 'n' });
    expect(focusedRow(el)).to.equal('Not reached');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(root(el).querySelector('[data-code="folder:not-reached"]')!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await settled(el);
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('NR-BUSY');
  });

  it('tree, right to left: Left opens a folder and goes into it, Right closes it and goes up (as the twisty points)', async () => {
    const { el, wrapper } = await setup({ mode: 'tree' });
    await loaded(el);
    wrapper.dir = 'rtl';
    rows(el)[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(rows(el)[0]!.getAttribute('aria-expanded'), 'Left opens').to.equal('true');
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedRow(el)).to.equal('Information given');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedRow(el), 'Right goes to the folder above').to.equal('Resolved');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(rows(el)[0]!.getAttribute('aria-expanded'), 'Right closes').to.equal('false');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedRow(el), 'Up and Down are not mirrored').to.equal('Follow-up needed');
  });

  it('tree: the search keeps matching codes and their folders; ArrowDown goes from the box into the tree', async () => {
    const { el, wrapper, cc, id } = await setup({ mode: 'tree' });
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ type: 'docu' });
    await el.updateComplete;
    expect(rows(el).map(rowLabel)).to.deep.equal(['Follow-up needed', 'Documents', 'Documents sent by e-mail', 'Waiting for documents']);
    expect(fired, 'typing in the search box is not the picker\'s input').to.deep.equal([]);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedRow(el)).to.equal('Follow-up needed');
    await sendKeys({ press: 'End' });
    expect(focusedRow(el)).to.equal('Waiting for documents');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('FU-DOCS-AWAITED');
    expect(fired).to.deep.equal(['input', 'change', 'callback-action', 'callback-action-done']);

    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    const search = root(el).querySelector<HTMLInputElement>('#search')!;
    search.select();
    await sendKeys({ type: 'zzz' });
    await el.updateComplete;
    expect(rows(el)).to.have.length(0);
    expect(shadowText(el)).to.include('No disposition matches “zzz”.');
    await expect(el).to.be.accessible();
  });

  it('a value set by code fires nothing and is not stored until the agent saves it', async () => {
    const { el, wrapper, cc, id } = await setup();
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    el.value = 'NR-VOICEMAIL';
    await el.updateComplete;
    expect(radios(el).find((r) => r.checked)!.value).to.equal('NR-VOICEMAIL');
    await settled(el);
    expect(fired).to.deep.equal([]);
    expect(cc.getInteraction(id)!.disposition).to.equal(undefined);
    root(el).querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await settled(el);
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('NR-VOICEMAIL');
    expect(fired).to.deep.equal(['callback-action', 'callback-action-done']);
    expect(root(el).querySelector('[part=save-button]')).to.equal(null);
  });

  it('shows an unknown code as an error instead of accepting it', async () => {
    const { el, wrapper, cc, id } = await setup({ mode: 'tree' });
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    el.value = 'NOT-A-CODE';
    await el.updateComplete;
    expect(errorBox(el).hidden).to.equal(false);
    expect(errorBox(el).textContent!.trim()).to.equal('That disposition code is not known.');
    expect(el.hasState('invalid')).to.equal(true);
    expect(root(el).querySelector('[aria-selected=true]')).to.equal(null);
    expect(root(el).querySelector('[part=save-button]')).to.equal(null);
    await expect(el).to.be.accessible();
    el.value = 'folder:resolved';
    await el.updateComplete;
    expect(errorBox(el).textContent!.trim()).to.equal('That disposition code is not known.');
    await settled(el);
    expect(fired).to.deep.equal([]);
    expect(cc.getInteraction(id)!.disposition).to.equal(undefined);
    el.value = 'OTHER';
    await el.updateComplete;
    expect(errorBox(el).hidden).to.equal(true);
  });

  it('required: says so, and explains why a code is needed until one is chosen', async () => {
    const { el } = await setup({ required: true });
    await loaded(el);
    expect(root(el).querySelector('legend')!.textContent).to.include('Required');
    const reason = root(el).querySelector('#missing')!;
    expect(reason.textContent).to.equal('Choose a disposition before marking done.');
    expect(root(el).querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('missing');
    expect(root(el).querySelector('[role=radiogroup]')!.getAttribute('aria-required')).to.equal('true');
    expect(el.hasState('missing')).to.equal(true);
    await expect(el).to.be.accessible();
    radios(el)[11]!.click();
    await settled(el);
    expect(root(el).querySelector('#missing')).to.equal(null);
    expect(el.hasState('missing')).to.equal(false);

    const { el: byPolicy } = await setup({ policy: { dispositionMandatory: true } });
    await loaded(byPolicy);
    expect(root(byPolicy).querySelector('#missing')!.textContent).to.equal('Choose a disposition before marking done.');
    const { el: optional } = await setup();
    await loaded(optional);
    expect(root(optional).querySelector('#missing')).to.equal(null);
    expect(root(optional).querySelector('legend')!.textContent).to.not.include('Required');
  });

  it('shows a load failure with a retry button that loads the codes', async () => {
    const { el } = await setup({ before: (cc) => cc.failNext('dispositionCodes', 'network') });
    await waitUntil(() => el.hasState('error'));
    expect(errorBox(el).textContent!.trim()).to.equal('The contact center cannot be reached. Check the connection and try again.');
    expect(radios(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    const retry = root(el).querySelector<HTMLButtonElement>('[part=retry-button]')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await loaded(el);
    await el.updateComplete;
    expect(radios(el)).to.have.length(LEAVES.length);
    expect(errorBox(el).hidden).to.equal(true);
    expect(root(el).querySelector('[part=retry-button]')).to.equal(null);
  });

  it('keeps the choice when the service fails to store it, and stores it on Save', async () => {
    const { el, wrapper, cc, id } = await setup();
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    cc.failNext('setDisposition', 'network');
    radios(el)[2]!.click();
    await settled(el);
    expect(fired).to.deep.equal(['input', 'change', 'callback-action', 'callback-error']);
    expect(errorBox(el).textContent).to.include('cannot be reached');
    expect(radios(el)[2]!.checked).to.equal(true);
    expect(el.value).to.equal('RES-APPOINTMENT');
    expect(cc.getInteraction(id)!.disposition).to.equal(undefined);
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await settled(el);
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('RES-APPOINTMENT');
    expect(errorBox(el).hidden).to.equal(true);
  });

  it('follows the interaction: a disposition set elsewhere is shown and chosen, without events', async () => {
    const { el, wrapper, cc, id } = await setup({ mode: 'tree' });
    await loaded(el);
    const fired = recordEvents(wrapper, PICKER_EVENTS, eventType);
    await cc.setDisposition(id, { code: 'FU-DOCS-SENT', label: 'Documents sent by e-mail' });
    await el.updateComplete;
    expect(el.value).to.equal('FU-DOCS-SENT');
    expect(root(el).querySelector('[part=current]')!.textContent).to.include('Documents sent by e-mail');
    expect(fired).to.deep.equal([]);
    // A picker opened later starts on the stored code, its folders open.
    const later = await fixture<DispositionPicker>(html`<disposition-picker mode="tree" interaction-id=${id}></disposition-picker>`);
    later.adapter = cc;
    later.directory = cc;
    await loaded(later);
    await later.updateComplete;
    expect(later.value).to.equal('FU-DOCS-SENT');
    expect(root(later).querySelector('[data-code=FU-DOCS-SENT]')!.getAttribute('aria-selected')).to.equal('true');
    expect(root(later).querySelector('[data-code=FU-DOCS-SENT]')!.getAttribute('tabindex')).to.equal('0');
  });

  it('stops loading when removed (no request or timer outlives it) and loads again when put back', async () => {
    const { el, cc, clock } = await setup({ before: (c) => (c.latencyMs = 500) });
    expect(el.hasState('loading')).to.equal(true);
    const pending = clock.pendingTimers;
    const parent = el.parentElement!;
    el.remove();
    expect(clock.pendingTimers).to.equal(pending - 1);
    cc.latencyMs = 0;
    parent.append(el);
    await loaded(el);
    await el.updateComplete;
    expect(radios(el)).to.have.length(LEAVES.length);
  });

  it('is hidden when the model hides set-disposition', async () => {
    const { el } = await setup({ policy: { canSetDisposition: false } });
    expect(root(el).querySelector('fieldset')).to.equal(null);
    const { el: offered, cc, id } = await setup({ accept: false });
    expect(root(offered).querySelector('fieldset')).to.equal(null);
    await cc.accept(id);
    await offered.updateComplete;
    expect(root(offered).querySelector('fieldset')).to.not.equal(null);
  });
});
