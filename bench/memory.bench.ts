// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes bench/memory.json
// and asserts nothing.
//
// 1,000 callbacks in a row through the simulated contact center (latency 0, manual clock) into a
// <callback-desk>, voice and web in turn, with the clock advanced in one-second steps (3 s while
// offered: the countdown ticks; 10 s in the window: the call timer ticks), so timers run as they
// would. A voice one is offered, accepted, its DTMF keypad popup opened and closed with Escape, a
// note typed, put on hold, resumed, hung up and marked done by the agent (Mark done clicked, the
// note saved); a web one is offered, accepted (its preview shown), its reschedule popup opened and
// closed, a note typed, and then closed by the service (markDone from the backend, as when someone
// else completes it: the path that once kept each preview alive through the adapter, issue 15; the
// note handed back is dismissed), so the bench sees both kinds of window, popups and notes. At 100,
// 200 … 1,000: heap after two full GCs, the renderer's counts of event listeners and DOM nodes
// (CDP, bench/cdp-plugin.mjs), the nodes in the desk's composed tree and the clock's pending
// timers. Growth is from callback 100 to 1,000. Baseline, same run: the same 1,000 callbacks
// through the adapter alone (no desk), since the simulated backend keeps every interaction it
// ever had, as a real one would keep its records; the clock advanced the same way.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import { composedNodes, macrotask, memory, quick, settled, writeResult, type MemoryReading } from './helpers.js';

const params = new URLSearchParams(location.search);
const TOTAL = Number(params.get('callbacks')) || (quick ? 100 : 1000);
const EVERY = TOTAL / 10;

interface Sample extends MemoryReading {
  callbacks: number;
  composedNodes: number;
  pendingTimers: number;
}

/** Polls each task until `predicate` holds (at most 5 s of them). */
async function until<T>(predicate: () => T | null | undefined | false, what: string): Promise<T> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`memory bench: ${what} never happened`);
    await macrotask();
  }
}

/** The clock advanced `seconds` one second at a time, the desk settled after each. */
async function tick(clock: ManualClock, desk: CallbackDesk | undefined, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    clock.advance(1000);
    if (desk) await settled(desk);
  }
}

/** What an agent does inside a window: reached through the desk's shadow roots. */
class Window {
  constructor(
    readonly desk: CallbackDesk,
    readonly id: string,
  ) {}
  get element() {
    return this.desk.shadowRoot!.querySelector(`#window-${CSS.escape(this.id)} > :is(interaction-window, callback-preview)`);
  }
  button(action: string) {
    const b = this.element?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
    return b?.getAttribute('aria-disabled') === 'false' ? b : null;
  }
  /** A popup opened by its button and closed with Escape, as an agent looks and changes their mind. */
  async popup(action: string): Promise<void> {
    const button = await until(() => this.button(action), `${action} enabled`);
    button.click();
    const actions = this.element!.shadowRoot!.querySelector('call-actions')!.shadowRoot!;
    await until(() => actions.querySelector('#panel > *'), `${action} popup`);
    await settled(this.desk);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !actions.querySelector('#panel > *'), `${action} popup closed`);
  }
  /** Types a note into the window's note field word by word (input events). */
  async note(text: string): Promise<void> {
    const field = await until(() => this.element?.shadowRoot?.querySelector('interaction-note')?.shadowRoot?.querySelector('textarea'), 'note field');
    for (const word of text.split(' ')) {
      field.value = field.value ? `${field.value} ${word}` : word;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    await settled(this.desk);
  }
}

async function handleOne(cc: SimulatedContactCenter, clock: ManualClock, desk: CallbackDesk | undefined, web: boolean, index: number): Promise<void> {
  const offer = await cc.offer(web ? 'web-callback' : 'immediate');
  if (desk) await settled(desk);
  await tick(clock, desk, 3);
  const accepted = await cc.accept(offer.id);
  const w = desk ? new Window(desk, offer.id) : undefined;
  if (desk) {
    await settled(desk);
    await until(() => w!.element, 'window open');
  }
  if (web) {
    if (w) {
      await w.popup('reschedule');
      await w.note(`Web callback ${index}: the customer asked about the invoice`);
    }
    await tick(clock, desk, 10);
    await cc.markDone(offer.id);
    if (desk) {
      // The note the agent typed is handed back by the desk: read, then dismissed.
      const dismiss = await until(() => desk.shadowRoot!.querySelector<HTMLButtonElement>('[part=unsaved-note] button'), 'unsaved note shown');
      dismiss.click();
      await settled(desk);
    }
    return;
  }
  if (w) {
    await until(() => w.button('dtmf'), 'call connected');
    await w.popup('dtmf');
    await w.note(`Callback ${index}: the customer wants a call next week`);
  }
  await tick(clock, desk, 10);
  await cc.hold(accepted.callId!);
  await cc.resume(accepted.callId!);
  if (desk) await settled(desk);
  await cc.hangUp(accepted.callId!);
  if (w) {
    const done = await until(() => w.button('mark-done'), 'Mark done enabled');
    done.click();
    await until(() => !w.element, 'window closed');
    await settled(desk!);
  } else await cc.markDone(offer.id);
}

async function series(withDesk: boolean, total = TOTAL): Promise<Sample[]> {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  let desk: CallbackDesk | undefined;
  if (withDesk) {
    desk = Object.assign(document.createElement('callback-desk') as CallbackDesk, {
      callbackAdapter: cc,
      telephonyAdapter: cc,
      directoryAdapter: cc,
      clock,
    });
    document.body.append(desk);
    await settled(desk);
  }
  const samples: Sample[] = [];
  for (let i = 1; i <= total; i++) {
    await handleOne(cc, clock, desk, i % 2 === 0, i);
    if (i % EVERY === 0) {
      samples.push({
        callbacks: i,
        ...(await memory()),
        composedNodes: [...composedNodes(document.body)].length,
        pendingTimers: clock.pendingTimers,
      });
    }
  }
  desk?.remove();
  cc.dispose();
  return samples;
}

const growth = (samples: readonly Sample[], key: 'heapUsed' | 'jsEventListeners' | 'nodes' | 'composedNodes' | 'pendingTimers') => {
  const from = samples[0]![key] ?? 0;
  const to = samples.at(-1)![key] ?? 0;
  return { from, to, delta: to - from, percent: from ? Math.round(((to - from) / from) * 1000) / 10 : null };
};

const summary = (samples: readonly Sample[]) => ({
  heapUsed: growth(samples, 'heapUsed'),
  jsEventListeners: growth(samples, 'jsEventListeners'),
  nodes: growth(samples, 'nodes'),
  composedNodes: growth(samples, 'composedNodes'),
  pendingTimers: growth(samples, 'pendingTimers'),
});

describe(`${TOTAL} callbacks: memory stays flat (measurement)`, function () {
  this.timeout(540_000);
  it('heap after GC, listeners and DOM nodes from 100 to 1,000', async () => {
    // A short warm-up, so that code compiled lazily is not counted as growth.
    await series(true, 20);
    const baseline = await series(false);
    const desk = await series(true);
    const deskSummary = summary(desk);
    const baselineSummary = summary(baseline);
    const result = {
      callbacks: TOTAL,
      desk: deskSummary,
      baseline: { what: 'the same callbacks through the simulated adapter alone, no desk', ...baselineSummary },
      // What the elements add over what the simulated backend itself keeps.
      heapGrowthAttributableToDeskBytes: deskSummary.heapUsed.delta - baselineSummary.heapUsed.delta,
      samples: { desk, baseline },
    };
    console.log(`memory: ${JSON.stringify({ desk: deskSummary, baseline: baselineSummary.heapUsed })}`);
    await writeResult('memory', result);
  });
});
