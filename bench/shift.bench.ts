// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes bench/shift.json
// and asserts nothing.
//
// An agent's eight-hour shift through the built drop-in bundle (dist/bundle/, as a static page
// loads it): 2,000 voice and web callbacks (immediate, delayed, scheduled, web), closed every way
// an interaction can leave (the agent's own Done with a note, done by the service with a note typed
// and lost, revoked, expired, rescheduled then done, transferred then done, rejected), with popups
// opened (DTMF keypad, reschedule) and calls held and resumed, on a manual clock advanced in
// one-second steps across eight hours (a countdown or a call timer ticks each step).
//
// It reports: heap after forced GC, DOM nodes and listeners every 250 callbacks (CDP); long tasks
// and Long Animation Frames over 50 ms for the whole shift; the time to handle one callback (offer
// shown → closed, clock steps excluded) at the start (callbacks 11–110) and at the end (the last
// 100), with their ratio; and the main thread's CPU time per minute with the desk idle between
// offers, on the shift's manual clock and on the system clock (agent Ready, nothing offered).
import { executeServerCommand } from '@web/test-runner-commands';
import type { CallbackDesk } from '../src/callback-desk.js';
import type { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import type { ManualClock } from '../src/model/clock.js';
import type { Interaction } from '../src/model/interaction.js';
import { macrotask, memory, round, stats, writeResult, type MemoryReading } from './helpers.js';

const params = new URLSearchParams(location.search);
const TOTAL = Number(params.get('callbacks')) || 2000;
const SHIFT_MS = 8 * 60 * 60 * 1000;
const SAMPLE_EVERY = 250;
const SCENARIOS = ['immediate', 'web-callback', 'delayed', 'web-callback', 'scheduled'] as const;
const WAYS = ['own-done', 'service-done', 'revoked', 'expired', 'rescheduled', 'transferred', 'rejected'] as const;
type Way = (typeof WAYS)[number];

interface Cpu {
  taskDurationS: number;
  scriptDurationS: number;
}
const cpu = () => executeServerCommand<Cpu, undefined>('bench-cpu');

type Bundle = typeof import('../src/core.js');
type SimulatedBundle = typeof import('../src/adapters/simulated/index.js');

async function loadBundle(): Promise<{ lib: Bundle; sim: SimulatedBundle }> {
  const entry = '/dist/bundle/callback-elements.bundle.js';
  const head = await fetch(entry, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${entry} is not built: run \`npm run build\` first`);
  const main = (await import(/* @vite-ignore */ entry)) as { ready: Promise<Bundle> };
  const lib = await main.ready;
  const simulated = '/dist/bundle/adapters/simulated.bundle.js';
  const sim = (await import(/* @vite-ignore */ simulated)) as SimulatedBundle;
  return { lib, sim };
}

/** Polls each task until `predicate` holds (at most 5 s of them). */
async function until(predicate: () => unknown, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`shift bench: ${what} never happened`);
    await macrotask();
  }
}

class Shift {
  readonly clock: ManualClock;
  readonly cc: SimulatedContactCenter;
  readonly desk: CallbackDesk;

  constructor(lib: Bundle, sim: SimulatedBundle) {
    this.clock = new lib.ManualClock();
    this.cc = new sim.SimulatedContactCenter({ clock: this.clock, latencyMs: 0, offerTimeoutMs: 30_000 });
    this.desk = Object.assign(document.createElement('callback-desk') as CallbackDesk, {
      callbackAdapter: this.cc,
      telephonyAdapter: this.cc,
      directoryAdapter: this.cc,
      clock: this.clock,
    });
    this.desk.setAttribute('no-tab-lock', '');
    document.body.append(this.desk);
  }

  get #root() {
    return this.desk.shadowRoot!;
  }
  get #notification() {
    return this.#root.querySelector('callback-notification') as (HTMLElement & { offer?: Interaction }) | null;
  }
  #window(id: string) {
    return this.#root.querySelector(`#window-${CSS.escape(id)} > :is(interaction-window, callback-preview)`);
  }
  #actions(id: string) {
    return this.#window(id)?.shadowRoot?.querySelector('call-actions')?.shadowRoot ?? null;
  }
  #button(id: string, action: string) {
    return this.#actions(id)?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
  }
  #enabled(id: string, action: string) {
    return this.#button(id, action)?.getAttribute('aria-disabled') === 'false';
  }
  async #click(id: string, action: string) {
    await until(() => this.#enabled(id, action), `${action} enabled`);
    this.#button(id, action)!.click();
    await macrotask();
  }
  #offerButton(name: 'accept' | 'reject') {
    return this.#notification?.shadowRoot?.querySelector<HTMLButtonElement>(`button.${name}`) ?? null;
  }

  /** A popup opened and closed with Escape, as an agent looks at it and changes their mind. */
  async #popup(id: string, action: string) {
    if (!this.#enabled(id, action)) return;
    await this.#click(id, action);
    await until(() => this.#actions(id)?.querySelector('#panel > *'), `${action} panel`);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await macrotask();
  }

  /** Types a note into the window's note field, as the agent would (input events). */
  async #typeNote(id: string, text: string) {
    const note = this.#window(id)?.shadowRoot?.querySelector('interaction-note');
    await until(() => note?.shadowRoot?.querySelector('textarea'), 'note field');
    const field = note!.shadowRoot!.querySelector('textarea')!;
    for (const word of text.split(' ')) {
      field.value = field.value ? `${field.value} ${word}` : word;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    await macrotask();
  }

  async #endCall(id: string) {
    const callId = this.cc.getInteraction(id)?.callId;
    if (callId && this.cc.getCall(callId)?.state !== 'ended') await this.cc.hangUp(callId);
    await macrotask();
  }

  /** One callback, offer to gone; returns the time it took, clock steps excluded. */
  async handle(index: number): Promise<number> {
    const scenario = SCENARIOS[index % SCENARIOS.length]!;
    const way: Way = WAYS[Math.floor(index / SCENARIOS.length) % WAYS.length]!;
    const started = performance.now();
    const offer = await this.cc.offer(scenario);
    await until(() => this.#notification?.offer?.id === offer.id && this.#offerButton('accept'), 'offer shown');
    const voice = offer.channel === 'voice';
    switch (way) {
      case 'rejected':
        this.#offerButton('reject')!.click();
        break;
      case 'revoked':
        this.cc.revoke(offer.id);
        break;
      case 'expired':
        this.clock.advance(31_000);
        break;
      default: {
        this.#offerButton('accept')!.click();
        await until(() => this.#button(offer.id, 'mark-done'), 'window open');
        if (!voice) {
          await this.#click(offer.id, 'call');
          this.clock.advance(6_000);
          await until(() => this.cc.getInteraction(offer.id)?.state === 'connected' || this.cc.getInteraction(offer.id)?.state === 'ready-to-call', 'call answered');
        }
        if (this.cc.getInteraction(offer.id)?.state === 'connected') {
          await this.#click(offer.id, 'hold');
          await this.#click(offer.id, 'resume');
          if (index % 3 === 0) await this.#popup(offer.id, 'dtmf');
        }
        if (index % 3 === 1) await this.#popup(offer.id, 'reschedule');
        await this.#typeNote(offer.id, `Customer ${index} asked about the invoice and wants a call next week`);
        await this.#close(offer, way);
      }
    }
    await until(() => !this.#window(offer.id) && this.#notification?.offer?.id !== offer.id, `${way}: ${offer.id} gone`);
    return performance.now() - started;
  }

  async #close(offer: Interaction, way: Way) {
    const id = offer.id;
    switch (way) {
      case 'own-done':
        await this.#endCall(id);
        await this.#click(id, 'mark-done');
        return;
      case 'service-done':
        await this.#endCall(id);
        await this.cc.markDone(id);
        // The note the agent typed is handed back by the desk: read, then dismissed.
        await until(() => this.#root.querySelector('[part=unsaved-note] button'), 'unsaved note shown');
        this.#root.querySelector<HTMLButtonElement>('[part=unsaved-note] button')!.click();
        return;
      case 'rescheduled': {
        // A web callback is scheduled once its call is over, and that closes it; a voice
        // callback is rescheduled during the call, then marked done.
        const web = offer.channel === 'web-callback';
        if (web) await this.#endCall(id);
        const now = this.clock.now();
        const slots = await this.cc.availability(id, { from: now, to: now + 7 * 86_400_000 });
        await this.cc.reschedule(id, { time: slots.find((s) => s.capacity > 0 && s.start > now + 60_000)!.start });
        if (web) {
          // The desk hands back the note typed for the callback the reschedule closed.
          await until(() => this.#root.querySelector('[part=unsaved-note] button'), 'unsaved note shown');
          this.#root.querySelector<HTMLButtonElement>('[part=unsaved-note] button')!.click();
          return;
        }
        await this.#endCall(id);
        await this.#click(id, 'mark-done');
        return;
      }
      case 'transferred': {
        const callId = this.cc.getInteraction(id)?.callId;
        if (callId && this.cc.getCall(callId)?.state === 'connected') {
          await this.cc.blindTransfer(callId, { kind: 'agent', id: 'agent-ben-okafor', name: 'Ben Okafor', address: '4102' });
        } else await this.#endCall(id);
        await this.#click(id, 'mark-done');
        return;
      }
      default:
        return;
    }
  }

  /** The rest of the callback's share of eight hours, in one-second steps. */
  async pass(ms: number) {
    for (let left = ms; left > 0; left -= 1000) {
      this.clock.advance(Math.min(1000, left));
      if (left % 10_000 < 1000) await macrotask();
    }
    await macrotask();
  }

  dispose() {
    this.desk.remove();
    this.cc.dispose();
  }
}

interface Sample extends MemoryReading {
  callbacks: number;
  clockHours: number;
}

async function idleCpuPerMinute(seconds: number): Promise<{ taskMsPerMinute: number; scriptMsPerMinute: number }> {
  const a = await cpu();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = await cpu();
  const scale = 60 / seconds;
  return {
    taskMsPerMinute: round((b.taskDurationS - a.taskDurationS) * 1000 * scale, 1),
    scriptMsPerMinute: round((b.scriptDurationS - a.scriptDurationS) * 1000 * scale, 1),
  };
}

describe(`an eight-hour shift of ${TOTAL} callbacks through the drop-in bundle (measurement)`, function () {
  this.timeout(1_800_000);
  it('memory, long tasks, handling time at the start and the end, idle CPU', async () => {
    const { lib, sim } = await loadBundle();
    const shift = new Shift(lib, sim);
    await shift.desk.updateComplete;
    await until(() => shift.desk.shadowRoot?.querySelector('callback-notification'), 'desk ready');

    const longTasks: number[] = [];
    const frames: number[] = [];
    // Where each long task fell: the callback being handled, or the clock steps after it.
    const marks: { at: number; label: string }[] = [];
    const where = (t: number) => marks.findLast((m) => m.at <= t)?.label ?? 'before';
    const worst: { ms: number; where: string; kind: string }[] = [];
    const note = (kind: string, e: PerformanceEntry) => {
      worst.push({ ms: round(e.duration), where: where(e.startTime), kind });
      worst.sort((a, b) => b.ms - a.ms);
      worst.length = Math.min(worst.length, 10);
    };
    const observers: PerformanceObserver[] = [];
    const supported = PerformanceObserver.supportedEntryTypes;
    if (supported.includes('longtask')) {
      const o = new PerformanceObserver((list) => list.getEntries().forEach((e) => (longTasks.push(e.duration), note('task', e))));
      o.observe({ type: 'longtask' });
      observers.push(o);
    }
    if (supported.includes('long-animation-frame')) {
      const o = new PerformanceObserver((list) => list.getEntries().forEach((e) => (frames.push(e.duration), note('frame', e))));
      o.observe({ type: 'long-animation-frame' });
      observers.push(o);
    }

    const perCallbackMs = SHIFT_MS / TOTAL;
    const handling: number[] = [];
    const samples: Sample[] = [];
    const startedAt = shift.clock.now();
    const wall = performance.now();
    for (let i = 0; i < TOTAL; i++) {
      const before = shift.clock.now();
      marks.push({ at: performance.now(), label: `handling #${i + 1}` });
      handling.push(await shift.handle(i));
      marks.push({ at: performance.now(), label: `clock steps after #${i + 1}` });
      await shift.pass(Math.max(0, perCallbackMs - (shift.clock.now() - before)));
      if ((i + 1) % SAMPLE_EVERY === 0 || i === 9) {
        marks.push({ at: performance.now(), label: `memory sample (forced GC) after #${i + 1}` });
        samples.push({ callbacks: i + 1, clockHours: round((shift.clock.now() - startedAt) / 3_600_000, 2), ...(await memory()) });
      }
    }
    const shiftWallS = round((performance.now() - wall) / 1000, 1);
    observers.forEach((o) => o.disconnect());

    const idleManual = await idleCpuPerMinute(10);
    shift.dispose();
    // The same desk on the system clock, agent Ready, nothing offered: what runs by itself.
    const cc = new sim.SimulatedContactCenter({ latencyMs: 0 });
    const idleDesk = Object.assign(document.createElement('callback-desk') as CallbackDesk, { callbackAdapter: cc, telephonyAdapter: cc, directoryAdapter: cc });
    idleDesk.setAttribute('no-tab-lock', '');
    document.body.append(idleDesk);
    await idleDesk.updateComplete;
    await new Promise((r) => setTimeout(r, 1000));
    const idleSystem = await idleCpuPerMinute(10);
    idleDesk.remove();
    cc.dispose();

    const start = stats(handling.slice(10, 110));
    const end = stats(handling.slice(-100));
    const first = samples.find((s) => s.callbacks === SAMPLE_EVERY) ?? samples[0]!;
    const last = samples.at(-1)!;
    const result = {
      callbacks: TOTAL,
      through: 'dist/bundle/callback-elements.bundle.js + adapters/simulated.bundle.js',
      clockHours: last.clockHours,
      wallSeconds: shiftWallS,
      handlingMs: { start, end, ratioEndToStart: round(end.median / start.median, 2) },
      longTasks: { count: longTasks.length, longestMs: round(Math.max(0, ...longTasks)), supported: supported.includes('longtask') },
      longAnimationFrames: { count: frames.length, longestMs: round(Math.max(0, ...frames)), supported: supported.includes('long-animation-frame') },
      worstLongTasks: worst,
      memory: {
        from: { callbacks: first.callbacks, heapUsed: first.heapUsed, nodes: first.nodes, jsEventListeners: first.jsEventListeners },
        to: { callbacks: last.callbacks, heapUsed: last.heapUsed, nodes: last.nodes, jsEventListeners: last.jsEventListeners },
        heapPerCallbackBytes: round((last.heapUsed - first.heapUsed) / (last.callbacks - first.callbacks), 0),
      },
      idleCpu: { manualClockDesk: idleManual, systemClockDeskReady: idleSystem },
      samples,
    };
    console.log(`shift: ${JSON.stringify({ handlingMs: result.handlingMs, longTasks: result.longTasks, loaf: result.longAnimationFrames, worst: result.worstLongTasks, memory: result.memory, idleCpu: result.idleCpu })}`);
    await writeResult('shift', result);
  });
});
