import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-scheduler.js';
import type { CallbackScheduler } from '../../src/callback-scheduler.js';
import { adapterErrorMessage } from '../../src/messages/messages.js';
import type { Interaction } from '../../src/model/interaction.js';
import {
  acceptedOnServer,
  control,
  gmsAdapter,
  requestLog,
  scriptFailure,
  type GmsSetup,
} from '../adapters/gms-harness.js';
import '../helpers/lit-warnings.js';
import { settled, waitFor } from '../helpers/wait.js';

/**
 * <callback-scheduler> on the GMS adapter against the contract server (issue 15): a reschedule
 * whose answer is late or lost is what GMS holds, not "Try again" by default. The adapter gives
 * GMS 400 ms (gms-harness.ts).
 */

const DAY = 24 * 60 * 60_000;

/** The next Monday-to-Friday day at least two days ahead, at `hour`:00 UTC (office hours). */
function weekdayAt(hour: number): number {
  const date = new Date(Date.now() + 2 * DAY);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour);
}

const $ = <T extends Element = HTMLElement>(el: CallbackScheduler, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const input = (el: CallbackScheduler, id: string) => $<HTMLInputElement>(el, `#${id}`)!;
const submit = (el: CallbackScheduler) => $<HTMLButtonElement>(el, 'button[type=submit]')!;
const puts = async () => (await requestLog()).filter((r) => r.method === 'PUT').length;
const rescheduled = (interaction: Interaction | undefined) => interaction?.history.filter((h) => h.kind === 'rescheduled') ?? [];

async function type(el: CallbackScheduler, id: string, value: string) {
  const field = input(el, id);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('<callback-scheduler> on GMS: a reschedule whose answer is late or lost', () => {
  let s: GmsSetup;
  let el: CallbackScheduler;
  let id: string;
  let fired: string[];
  const time = weekdayAt(10);
  const typed = new Date(time).toISOString().slice(0, 10);

  beforeEach(async () => {
    await control('reset', {});
    // A request's deadline is 1.5 s, which a loaded browser meets (the read-back too); the late answers below come after it.
    s = await gmsAdapter({ timeoutMs: 1_500 });
    id = (await acceptedOnServer(s.adapter)).id;
    el = await fixture<CallbackScheduler>(
      html`<callback-scheduler lang="en-GB" time-zone="UTC" interaction-id=${id} .adapter=${s.adapter} .clock=${s.clock}></callback-scheduler>`,
    );
    fired = [];
    for (const name of ['callback-action', 'callback-action-done', 'callback-error']) el.addEventListener(name, () => fired.push(name));
    await type(el, 'date', typed);
    await type(el, 'time', '10:00');
    // The free slots of that day come from GMS: the time is checked against them.
    await waitUntil(() => $(el, '[part=slots] input[type=radio]'), 'free slots listed', { timeout: 5_000 });
  });
  afterEach(() => s.adapter.dispose());

  /** The reschedule's outcome event, and the element showing it. */
  async function outcome() {
    await waitFor('an outcome', () => fired.includes('callback-action-done') || fired.includes('callback-error'));
    await settled(el);
  }

  it('carried out but answered after the timeout: shown as rescheduled, in the history, one PUT', async () => {
    await scriptFailure({ method: 'PUT', apply: true, delayMs: 2_500 });
    submit(el).click();
    await outcome();
    expect(fired).to.deep.equal(['callback-action', 'callback-action-done']);
    expect($(el, '[part=error]')!.hidden).to.equal(true);
    expect($(el, '[part=status]')?.textContent).to.match(/^Rescheduled for /);
    expect(rescheduled(s.adapter.getInteraction(id)).map((h) => h.time)).to.deep.equal([time]);
    await aTimeout(1_200);
    expect(await puts()).to.equal(1);
  });

  it('not carried out, answered late with a failure: the timeout message, the typed time kept, one PUT', async () => {
    await scriptFailure({ method: 'PUT', delayMs: 3_000, status: 503, times: 3 });
    submit(el).click();
    await outcome();
    expect(fired).to.deep.equal(['callback-action', 'callback-error']);
    expect($(el, '[part=error]')!.hidden).to.equal(false);
    expect($(el, '[part=error]')!.textContent).to.equal(adapterErrorMessage('timeout'));
    expect(input(el, 'date').value).to.equal(typed);
    expect(input(el, 'time').value).to.equal('10:00');
    expect(rescheduled(s.adapter.getInteraction(id))).to.deep.equal([]);
    await aTimeout(2_000);
    expect(rescheduled(s.adapter.getInteraction(id))).to.deep.equal([]);
    expect(await puts()).to.equal(1);
  });

  it('the read-back fails too: a "could not confirm" message, not "Try again"; accessible', async () => {
    await scriptFailure({ method: 'PUT', apply: true, drop: true });
    await scriptFailure({ method: 'GET', path: '_id=', status: 503, times: 5 });
    submit(el).click();
    await outcome();
    const error = $(el, '[part=error]')!;
    expect(error.hidden).to.equal(false);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal(adapterErrorMessage('unconfirmed'));
    expect(error.textContent).to.not.equal(adapterErrorMessage('timeout'));
    expect(error.textContent).to.not.equal(adapterErrorMessage('network'));
    expect(input(el, 'time').value).to.equal('10:00');
    await expect(el).to.be.accessible();
  });

  it('a double-click on Reschedule with a slow GMS: one PUT, one reschedule, no error', async () => {
    await scriptFailure({ method: 'PUT', apply: true, delayMs: 2_500 });
    // What a browser sends for a double click (two clicks, one task), then an impatient third.
    submit(el).dispatchEvent(new MouseEvent('click', { detail: 1, bubbles: true, composed: true }));
    submit(el).dispatchEvent(new MouseEvent('click', { detail: 2, bubbles: true, composed: true }));
    await aTimeout(100);
    submit(el).click();
    await outcome();
    await aTimeout(2_000);
    await el.updateComplete;
    expect(fired.filter((n) => n === 'callback-action-done')).to.have.length(1);
    expect(fired).to.not.include('callback-error');
    expect(rescheduled(s.adapter.getInteraction(id))).to.have.length(1);
    expect(await puts()).to.equal(1);
  });
});

describe('<callback-scheduler> on GMS, the default timeouts scaled down (GMS 8 s → 500 ms, the action 30 s → 2 s)', () => {
  let s: GmsSetup;
  let el: CallbackScheduler;
  let id: string;
  let fired: string[];
  const time = weekdayAt(11);

  beforeEach(async () => {
    await control('reset', {});
    // Scaled with room for a loaded machine: the adapter's budget (2 × 500 ms) ends 1 s before the action's.
    s = await gmsAdapter({ timeoutMs: 500 });
    id = (await acceptedOnServer(s.adapter)).id;
    // The element's own clock is real here: its action timeout must be able to fire.
    el = await fixture<CallbackScheduler>(
      html`<callback-scheduler lang="en-GB" time-zone="UTC" interaction-id=${id} .adapter=${s.adapter} .policy=${{ actionTimeoutMs: 2_000 }}></callback-scheduler>`,
    );
    fired = [];
    for (const name of ['callback-action', 'callback-action-done', 'callback-error']) el.addEventListener(name, () => fired.push(name));
    await type(el, 'date', new Date(time).toISOString().slice(0, 10));
    await type(el, 'time', '11:00');
    await waitUntil(() => $(el, '[part=slots] input[type=radio]'), 'free slots listed', { timeout: 5_000 });
  });
  afterEach(() => s.adapter.dispose());

  /** The reschedule's outcome event, and the element showing it. */
  async function outcome() {
    await waitFor('an outcome', () => fired.includes('callback-action-done') || fired.includes('callback-error'));
    await settled(el);
  }

  it('every request hangs to its deadline: "could not confirm", never the element\'s "did not answer in time"', async () => {
    await scriptFailure({ method: 'PUT', apply: true, delayMs: 5_000 });
    await scriptFailure({ method: 'GET', path: '_id=', delayMs: 5_000, times: 5 });
    submit(el).click();
    await outcome();
    expect(fired).to.deep.equal(['callback-action', 'callback-error']);
    expect($(el, '[part=error]')!.textContent).to.equal(adapterErrorMessage('unconfirmed'));
    expect(input(el, 'time').value).to.equal('11:00');
    await expect(el).to.be.accessible();
  });

  it('the PUT and the first read-back hang, the second read-back finds the change: shown as rescheduled', async () => {
    await scriptFailure({ method: 'PUT', apply: true, delayMs: 5_000 });
    await scriptFailure({ method: 'GET', path: '_id=', delayMs: 5_000 });
    submit(el).click();
    await outcome();
    expect(fired).to.deep.equal(['callback-action', 'callback-action-done']);
    expect($(el, '[part=status]')?.textContent).to.match(/^Rescheduled for /);
    expect(rescheduled(s.adapter.getInteraction(id)).map((h) => h.time)).to.deep.equal([time]);
    expect(await puts()).to.equal(1);
  });
});
