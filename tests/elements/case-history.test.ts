import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/case-history.js';
import type { CaseHistory } from '../../src/case-history.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import type { HistoryEntry, Interaction, TargetRef } from '../../src/model/interaction.js';
import { inState, T0 } from '../helpers/fixtures.js';
import { phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { root, shadowText } from '../helpers/dom.js';

const MIN = 60_000;
const billing: TargetRef = { kind: 'queue', id: 'q-billing', name: 'Billing' };
const ana: TargetRef = { kind: 'agent', id: 'a-ana', name: 'Ana Ruiz' };

/** One entry of every kind, a minute apart. */
const EVERY_KIND: HistoryEntry[] = [
  { at: T0, kind: 'accepted' },
  { at: T0 + 1 * MIN, kind: 'dial', number: '+34912345678' },
  { at: T0 + 2 * MIN, kind: 'dtmf', digits: '12#', masked: false },
  { at: T0 + 3 * MIN, kind: 'note', text: 'Asked about the invoice' },
  { at: T0 + 4 * MIN, kind: 'hold' },
  { at: T0 + 5 * MIN, kind: 'resume' },
  { at: T0 + 6 * MIN, kind: 'consultation-started', target: ana },
  { at: T0 + 7 * MIN, kind: 'consultation-ended', target: ana, outcome: 'declined' },
  { at: T0 + 8 * MIN, kind: 'conference', target: ana },
  { at: T0 + 9 * MIN, kind: 'transfer', target: billing },
  { at: T0 + 10 * MIN, kind: 'rescheduled', time: T0 + 26 * 60 * MIN, number: '+34600111222', reason: 'busy' },
  { at: T0 + 11 * MIN, kind: 'disposition', disposition: { code: 'RESOLVED', label: 'Resolved' } },
  { at: T0 + 12 * MIN, kind: 'hang-up', by: 'contact' },
  { at: T0 + 13 * MIN, kind: 'done' },
];

const EXPECTED: string[] = [
  'Callback accepted',
  'Called +34 912 34 56 78: Connected',
  'Sent DTMF 12#',
  'Note: Asked about the invoice',
  'Call put on hold',
  'Call resumed',
  'Consultation with Ana Ruiz (agent) started',
  'Ana Ruiz (agent) declined the consultation',
  'Conference with Ana Ruiz (agent)',
  'Transferred to Billing (queue)',
  'Callback rescheduled to',
  'Disposition: Resolved',
  'The contact hung up',
  'Marked done',
];

async function show(interaction: Interaction, attrs: { order?: string; lang?: string } = {}) {
  const el = await fixture<CaseHistory>(html`<case-history
    order=${attrs.order ?? 'oldest-first'}
    lang=${attrs.lang ?? 'en'}
    .interaction=${interaction}
    .clock=${new ManualClock(T0 + 20 * MIN)}
  ></case-history>`);
  await el.updateComplete;
  return el;
}

const items = (el: CaseHistory) => [...root(el).querySelectorAll('li')];
const lines = (el: CaseHistory) =>
  items(el).map((li) => li.querySelector('[part=description]')!.textContent!.replace(/\s+/g, ' ').trim());

describe('<case-history>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('shows every kind of entry, oldest first, each with a localized line and its time', async () => {
    const interaction = inState('done', {
      history: EVERY_KIND,
      attempts: [{ at: T0 + 1 * MIN, number: '+34912345678', result: 'connected' }],
    });
    const el = await show(interaction);
    expect(root(el).querySelector('ol')?.outerHTML ?? null).to.not.equal(null);
    expect(items(el)).to.have.length(EVERY_KIND.length);
    expect(items(el).map((li) => li.dataset.kind)).to.deep.equal(EVERY_KIND.map((e) => e.kind));
    lines(el).forEach((line, i) => expect(line).to.include(EXPECTED[i]!));
    const times = [...root(el).querySelectorAll('time')];
    expect(times[0]!.getAttribute('datetime')).to.equal(new Date(T0).toISOString());
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(T0 + 2 * MIN);
    expect(times[2]!.textContent!.trim()).to.equal(time);
    expect(root(el).querySelector('[role=heading]')!.textContent).to.include('Case history');
    await expect(el).to.be.accessible();
  });

  it('lists newest first with order="newest-first"', async () => {
    const el = await show(inState('done', { history: EVERY_KIND }), { order: 'newest-first' });
    expect(items(el).map((li) => li.dataset.kind)).to.deep.equal(EVERY_KIND.map((e) => e.kind).reverse());
    await expect(el).to.be.accessible();
  });

  it('gives each dial the result of its attempt, when known', async () => {
    const history: HistoryEntry[] = [
      { at: T0, kind: 'accepted' },
      { at: T0 + MIN, kind: 'dial', number: '+441632960001' },
      { at: T0 + 2 * MIN, kind: 'dial', number: '+441632960002' },
      { at: T0 + 3 * MIN, kind: 'dial', number: '+441632960003', result: 'answering-machine' },
      { at: T0 + 4 * MIN, kind: 'dial', number: '+441632960004' },
    ];
    const attempts = [
      { at: T0 + MIN, number: '+441632960001', result: 'busy' as const },
      { at: T0 + 2 * MIN, number: '+441632960002', result: 'no-answer' as const },
      { at: T0 + 3 * MIN, number: '+441632960003', result: 'answering-machine' as const },
    ];
    const el = await show(inState('ready-to-call', { channel: 'web-callback', history, attempts }));
    expect(lines(el).slice(1)).to.deep.equal([
      'Called +441632960001: Busy',
      'Called +441632960002: No answer',
      'Called +441632960003: Answering machine',
      // Still ringing: no result yet.
      'Called +441632960004',
    ]);
  });

  it('shows masked DTMF as • (even when an adapter recorded the digits), read as "n hidden digits"', async () => {
    const history: HistoryEntry[] = [
      { at: T0, kind: 'dtmf', digits: '••••', masked: true },
      { at: T0 + MIN, kind: 'dtmf', digits: '4111', masked: true },
    ];
    const el = await show(inState('connected', { history }));
    expect(shadowText(el)).to.not.include('4111');
    for (const item of items(el)) {
      expect(item.querySelector('[aria-hidden=true]')!.textContent).to.equal('••••');
      expect(item.textContent).to.include('4 hidden digits');
    }
    await expect(el).to.be.accessible();
  });

  it('shows a reschedule with the new time, the agent time zone, the new number and the reason', async () => {
    const time = T0 + 26 * 60 * MIN;
    const el = await show(inState('ready-to-call', { history: [{ at: T0, kind: 'rescheduled', time, number: '+34600111222', reason: 'no-answer' }] }));
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zoneName = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'short' }).formatToParts(time).find((p) => p.type === 'timeZoneName')!.value;
    const when = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(time);
    expect(lines(el)[0]).to.equal(`Callback rescheduled to ${when} ${zoneName} · new number +34 600 11 12 22 · reason: no answer`);
  });

  it('describes each consultation outcome and who hung up', async () => {
    const outcomes = ['transferred', 'conferenced', 'returned', 'declined', 'no-answer'] as const;
    const history: HistoryEntry[] = [
      ...outcomes.map((outcome, i): HistoryEntry => ({ at: T0 + i, kind: 'consultation-ended', target: ana, outcome })),
      { at: T0 + 10, kind: 'hang-up', by: 'agent' },
      { at: T0 + 11, kind: 'hang-up', by: 'contact' },
    ];
    const el = await show(inState('ended', { history }));
    expect(lines(el)).to.deep.equal([
      'Consultation with Ana Ruiz (agent) ended: the customer was transferred',
      'Consultation with Ana Ruiz (agent) ended: conference with the customer',
      'Consultation with Ana Ruiz (agent) ended: back to the customer',
      'Ana Ruiz (agent) declined the consultation',
      'Ana Ruiz (agent) did not answer the consultation',
      'The agent ended the call',
      'The contact hung up',
    ]);
  });

  it('renders notes, target names and disposition labels as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const history: HistoryEntry[] = [
      { at: T0, kind: 'note', text: `${hostile}\nsecond line` },
      { at: T0 + 1, kind: 'transfer', target: { kind: 'contact', id: 'x', name: hostile } },
      { at: T0 + 2, kind: 'disposition', disposition: { code: 'X', label: hostile } },
    ];
    const el = await show(inState('ended', { history }));
    expect(root(el).querySelector('img, script')?.outerHTML ?? null).to.equal(null);
    for (const line of lines(el)) expect(line).to.include('<img src=x');
    expect(root(el).querySelector('.note')!.textContent).to.include('\nsecond line');
    await aTimeout(10);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it("formats times in the agent's language, with the date when not today", async () => {
    const history: HistoryEntry[] = [
      { at: T0 - 24 * 60 * MIN, kind: 'accepted' },
      { at: T0 + 5 * MIN, kind: 'hold' },
    ];
    const el = await show(inState('held', { history }), { lang: 'es-ES' });
    const times = [...root(el).querySelectorAll('time')].map((t) => t.textContent!.trim());
    expect(times[1]).to.equal(new Intl.DateTimeFormat('es-ES', { hour: 'numeric', minute: '2-digit' }).format(T0 + 5 * MIN));
    expect(times[0]).to.equal(
      new Intl.DateTimeFormat('es-ES', { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(T0 - 24 * 60 * MIN),
    );
  });

  it('says when nothing was recorded yet, and shows nothing without an interaction', async () => {
    const el = await show(inState('offered'));
    expect(root(el).querySelector('ol')?.outerHTML ?? null).to.equal(null);
    expect(shadowText(el)).to.include('Nothing recorded yet.');
    expect(el.hasState('empty')).to.equal(true);
    await expect(el).to.be.accessible();
    const none = await fixture<CaseHistory>(html`<case-history></case-history>`);
    expect(root(none).children).to.have.length(0);
  });

  it('follows the interaction on the adapter as things happen, without announcing them', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    const el = await fixture<CaseHistory>(html`<case-history interaction-id=${offer.id} .adapter=${cc} .clock=${clock}></case-history>`);
    expect(items(el)).to.have.length(0);
    const interaction = await cc.accept(offer.id);
    await aTimeout(80);
    const before = announcement();
    const callId = interaction.callId!;
    await cc.hold(callId);
    await cc.resume(callId);
    await cc.sendDtmf(callId, '42');
    await cc.addNote(offer.id, 'All sorted');
    cc.hangUpRemotely(callId);
    await el.updateComplete;
    expect(lines(el)).to.deep.equal([
      'Callback accepted',
      'Call put on hold',
      'Call resumed',
      'Sent DTMF 42',
      'Note: All sorted',
      'The contact hung up',
    ]);
    // A timeline, not a live region.
    expect(root(el).querySelector('[role=log], [aria-live], [role=status], [role=alert]')?.outerHTML ?? null).to.equal(null);
    await aTimeout(80);
    expect(announcement()).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('an explicit interaction wins over the followed one', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const el = await fixture<CaseHistory>(html`<case-history interaction-id=${offer.id} .adapter=${cc} .clock=${clock}></case-history>`);
    expect(lines(el)).to.deep.equal(['Callback accepted']);
    el.interaction = inState('ended', { history: [{ at: T0, kind: 'done' }] });
    await el.updateComplete;
    expect(lines(el)).to.deep.equal(['Marked done']);
  });
});
