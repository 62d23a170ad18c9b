import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-scheduler.js';
import type { CallbackScheduler } from '../../src/callback-scheduler.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';
import { root } from '../helpers/dom.js';

/**
 * Issue 16, scheduling: free slots were shown in the agent's zone only, so picking 10:00 in Madrid
 * booked a contact in New York for 4:00 in the morning without a word. Each slot now shows both
 * zones, and a time outside the contact's daytime hours (08:00–21:00 on their clock unless
 * configured) is flagged on the slot and warned about once chosen.
 *
 * The ManualClock starts on Wednesday 25 November 2026, 15:00 UTC; the simulator's free slots are
 * half hours from 08:00 to 20:00 UTC on weekdays. The agent works in Madrid (UTC+1), the contact
 * lives in New York (UTC−5): the slot at 09:00 UTC is 10:00 for the agent and 04:00 for the contact.
 */

const NOW = Date.UTC(2026, 10, 25, 15, 0);
const THURSDAY = '2026-11-26';

async function setup(contactZone = 'America/New_York', attributes: { start?: string; end?: string; lang?: string } = {}) {
  const clock = new ManualClock(NOW);
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const offer = await cc.offer('web-callback', { contact: { timeZone: contactZone } });
  await cc.accept(offer.id);
  const el = await fixture<CallbackScheduler>(html`<callback-scheduler
    lang=${attributes.lang ?? 'en-GB'}
    time-zone="Europe/Madrid"
    contact-day-start=${attributes.start ?? '08:00'}
    contact-day-end=${attributes.end ?? '21:00'}
    interaction-id=${offer.id}
    .adapter=${cc}
    .telephony=${cc}
    .clock=${clock}
  ></callback-scheduler>`);
  await el.updateComplete;
  await type(el, 'date', THURSDAY);
  await waitUntil(() => el.shadowRoot!.querySelector('[part=slots] input[type=radio]'), 'free slots listed');
  await el.updateComplete;
  return { clock, cc, el, id: offer.id };
}

const $ = <T extends Element = HTMLElement>(el: CallbackScheduler, selector: string) => root(el).querySelector<T>(selector);
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const slots = (el: CallbackScheduler) => [...root(el).querySelectorAll<HTMLLabelElement>('.slot')];
/** The slot whose text starts with the agent's `hh:mm`. */
const slotAt = (el: CallbackScheduler, agentTime: string) => slots(el).find((s) => squash(s.textContent).startsWith(agentTime))!;
const warning = (el: CallbackScheduler) => $(el, '[part=contact-hours-warning]');

async function type(el: CallbackScheduler, id: string, value: string) {
  const field = $<HTMLInputElement>(el, `#${id}`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function pick(el: CallbackScheduler, slot: HTMLLabelElement) {
  slot.querySelector('input')!.click();
  await el.updateComplete;
  await aTimeout(0);
}

describe('<callback-scheduler>: the contact\'s time and daytime hours', () => {
  it('each free slot shows the agent\'s and the contact\'s time when their zones differ', async () => {
    const { el } = await setup();
    expect(squash(slotAt(el, '10:00').querySelector('.slot-time')!.textContent)).to.equal('10:00–10:30 your time · 04:00–04:30 for the contact');
    expect(squash(slotAt(el, '16:00').querySelector('.slot-time')!.textContent)).to.equal('16:00–16:30 your time · 10:00–10:30 for the contact');
    // Read in the contact's zone: their time first, the agent's second.
    $<HTMLInputElement>(el, '.zone input')!.click();
    await el.updateComplete;
    await waitUntil(() => slots(el).length > 0 && squash(slots(el)[0]!.textContent).startsWith('03:00'), 'slots in the contact\'s zone');
    expect(squash(slots(el)[0]!.querySelector('.slot-time')!.textContent)).to.equal('03:00–03:30 for the contact · 09:00–09:30 your time');
    await expect(el).to.be.accessible();
  });

  it('a contact in the agent\'s zone: one time per slot', async () => {
    const { el } = await setup('Europe/Madrid');
    expect(squash(slotAt(el, '10:00').querySelector('.slot-time')!.textContent)).to.equal('10:00–10:30');
  });

  it('flags the slots outside the contact\'s daytime hours, and warns about a chosen one, tied to the choice and announced', async () => {
    const { el } = await setup();
    const early = slotAt(el, '10:00');
    const afternoon = slotAt(el, '14:00'); // 08:00 in New York
    expect(squash(early.textContent)).to.include("Outside the contact's daytime hours");
    expect(squash(afternoon.textContent)).to.not.include('Outside');
    expect(slots(el).filter((s) => s.classList.contains('outside')).map((s) => squash(s.textContent).slice(0, 5))).to.deep.equal([
      '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30',
    ]);
    expect(warning(el), 'nothing chosen yet').to.equal(null);

    await pick(el, early);
    const shown = warning(el)!;
    expect(squash(shown.textContent)).to.match(/^For the contact this is 04:00 \S+, outside their daytime hours \(08:00–21:00\)\.$/);
    const time = $<HTMLInputElement>(el, '#time')!;
    expect(time.value).to.equal('10:00');
    expect(time.getAttribute('aria-describedby')!.split(' ')).to.include(shown.id);
    expect(early.querySelector('input')!.getAttribute('aria-describedby')).to.equal(shown.id);
    await waitUntil(() => announcement() === squash(shown.textContent), `announced (was "${announcement()}")`);
    await expect(el).to.be.accessible();

    // A time inside their day: no warning, nothing pointing at one.
    await pick(el, afternoon);
    expect(warning(el)).to.equal(null);
    expect(time.getAttribute('aria-describedby')).to.equal('preview');
    expect(afternoon.querySelector('input')!.hasAttribute('aria-describedby')).to.equal(false);

    // Typed, not picked: the same warning.
    await type(el, 'time', '21:00'); // 15:00 in New York: fine
    expect(warning(el)).to.equal(null);
    await type(el, 'time', '09:15');
    expect(squash(warning(el)?.textContent)).to.include('03:15');
  });

  it('the contact\'s daytime hours are configurable', async () => {
    const { el } = await setup('America/New_York', { start: '03:00', end: '09:00' });
    expect(slotAt(el, '10:00').classList.contains('outside'), '04:00 is within 03:00–09:00').to.equal(false);
    expect(slotAt(el, '15:00').classList.contains('outside'), '09:00 is not').to.equal(true);
    await pick(el, slotAt(el, '10:00'));
    expect(warning(el)).to.equal(null);
    await pick(el, slotAt(el, '15:00'));
    expect(squash(warning(el)?.textContent)).to.include('(03:00–09:00)');
    el.contactDayStart = '09:00';
    el.contactDayEnd = '22:00';
    await el.updateComplete;
    expect(warning(el)).to.equal(null);
    expect(slotAt(el, '10:00').classList.contains('outside')).to.equal(true);
  });

  it('in Spanish: both zones, the flag and the warning, and the form named as its button', async () => {
    const { el } = await setup('America/New_York', { lang: 'es' });
    await waitUntil(() => squash(slots(el)[0]?.textContent).includes('(su hora)'), `Spanish slots: ${squash(slots(el)[0]?.textContent)}`);
    const early = slots(el).find((s) => squash(s.textContent).startsWith('10:00'))!;
    expect(squash(early.querySelector('.slot-time')!.textContent)).to.match(/^10:00–10:30 \(su hora\) · 0?4:00–0?4:30 \(para el contacto\)$/);
    expect(squash(early.textContent)).to.include('Fuera del horario diurno del contacto');
    await pick(el, early);
    expect(squash(warning(el)?.textContent)).to.match(/^Para el contacto son las 0?4:00 \S+, fuera de su horario diurno \(0?8:00–21:00\)\.$/);
    expect(squash($(el, '[part=title]')!.textContent)).to.equal('Programar devolución de llamada');
    expect(squash($(el, '[part=submit-button]')!.textContent)).to.equal('Programar');
    await expect(el).to.be.accessible();
  });

  it('no zone known for the contact: one time per slot and no warning', async () => {
    const clock = new ManualClock(NOW);
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback', { contact: { timeZone: '' } });
    await cc.accept(offer.id);
    const el = await fixture<CallbackScheduler>(
      html`<callback-scheduler lang="en-GB" time-zone="Europe/Madrid" interaction-id=${offer.id} .adapter=${cc} .clock=${clock}></callback-scheduler>`,
    );
    await type(el, 'date', THURSDAY);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=slots] input[type=radio]'), 'free slots listed');
    await el.updateComplete;
    expect(squash(slotAt(el, '10:00').querySelector('.slot-time')!.textContent)).to.equal('10:00–10:30');
    await pick(el, slotAt(el, '10:00'));
    expect(warning(el)).to.equal(null);
  });
});
