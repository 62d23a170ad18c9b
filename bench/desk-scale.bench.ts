// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/desk-scale.json and asserts nothing about time.
//
// A <callback-desk> with 50 accepted voice callbacks on the simulated contact center (latency 0).
// One interaction's call is put on hold or resumed through the adapter, RUNS times with its window
// hidden (another tab selected) and RUNS times with it shown (its tab clicked first), reported
// apart: a hidden window's change is a few renders, a shown one's also restyles and lays out what
// the agent sees. The clock runs from the adapter's interaction-change event to the end of the last
// render it caused, plus the style and layout it left to do, forced by a layout read (offsetHeight)
// in the same task, before any frame could do it (a sample where a task ran in between is counted
// in `taskBetween`; its layout may have been done by a frame and not timed). Renders are counted per
// element instance, attributed to the interaction whose window contains the element (or the desk).
// Baseline, same run: the same change in a desk with one interaction (its window shown).
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import { RenderLog, litElementsIn, macrotask, nextPaint, quick, round, settled, stats, writeResult, type RenderRecord } from './helpers.js';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs')) || (quick ? 4 : 30);
const WARMUP = quick ? 1 : 4;

/** The interaction whose window holds `node` (crossing shadow roots), or 'desk'. */
function owner(node: Node): string {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (n instanceof Element && (n.localName === 'interaction-window' || n.localName === 'callback-preview')) {
      return n.getAttribute('interaction-id') ?? '?';
    }
  }
  return 'desk';
}

async function deskWith(count: number) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  let changedAt = 0;
  let taskPassed = false;
  // Subscribed before the desk, so it hears each change before any element does.
  cc.onInteraction(() => {
    changedAt = performance.now();
    taskPassed = false;
    void macrotask().then(() => (taskPassed = true));
  });
  const desk = Object.assign(document.createElement('callback-desk') as CallbackDesk, {
    callbackAdapter: cc,
    telephonyAdapter: cc,
    directoryAdapter: cc,
    clock,
  });
  document.body.append(desk);
  for (let i = 0; i < count; i++) {
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    await settled(desk);
  }
  await settled(desk);
  return { cc, desk, changedAt: () => changedAt, taskPassed: () => taskPassed };
}

interface Sample {
  /** Change → rendered, styled and laid out. */
  ms: number;
  /** Change → the end of the last render. */
  renderedMs: number;
  /** The forced style and layout after the last render. */
  layoutMs: number;
  /** A task ran between the change and the layout read: a frame may have laid out untimed. */
  taskBetween: boolean;
  updateWorkMs: number;
  target: number;
  others: number;
  otherInteractions: number;
  desk: number;
  visible: boolean;
}

/** Updates still pending below `root`, through microtasks only (no task, so no frame, runs meanwhile). */
async function updatesDone(root: Node): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const pending = litElementsIn(root).filter((el) => el.isUpdatePending);
    if (!pending.length) return;
    await Promise.all(pending.map((el) => el.updateComplete));
  }
}

/** The window shown in the desk (its interaction's id). */
const shownId = (desk: CallbackDesk) => desk.shadowRoot!.querySelector('[part=window]:not([hidden])')?.id.slice('window-'.length);

/** Shows `id`'s window as the agent would, by its tab, and lets it paint (not timed). */
async function show(d: Awaited<ReturnType<typeof deskWith>>, id: string): Promise<void> {
  if (shownId(d.desk) === id) return;
  d.desk.shadowRoot!.querySelector<HTMLButtonElement>(`#tab-${CSS.escape(id)}`)!.click();
  await settled(d.desk);
  await nextPaint();
}

async function change(d: Awaited<ReturnType<typeof deskWith>>, log: RenderLog, index: number, visible: boolean): Promise<Sample> {
  const interactions = d.cc.listInteractions();
  let target = interactions[index % interactions.length]!;
  if (visible) await show(d, target.id);
  else if (shownId(d.desk) === target.id) target = interactions[(index + 1) % interactions.length]!;
  log.start();
  if (target.state === 'held') await d.cc.resume(target.callId!);
  else await d.cc.hold(target.callId!);
  await updatesDone(d.desk);
  const layoutStart = performance.now();
  void d.desk.offsetHeight;
  const layoutMs = performance.now() - layoutStart;
  const taskBetween = d.taskPassed();
  await settled(d.desk);
  const records: RenderRecord[] = log.stop();
  const byOwner = new Map<string, number>();
  for (const r of records) {
    const o = owner(r.element);
    byOwner.set(o, (byOwner.get(o) ?? 0) + 1);
  }
  const otherOwners = [...byOwner.keys()].filter((o) => o !== target.id && o !== 'desk');
  const renderedMs = Math.max(...records.map((r) => r.end)) - d.changedAt();
  return {
    ms: renderedMs + layoutMs,
    renderedMs,
    layoutMs,
    taskBetween,
    updateWorkMs: records.reduce((sum, r) => sum + (r.end - r.start), 0),
    target: byOwner.get(target.id) ?? 0,
    others: otherOwners.reduce((sum, o) => sum + byOwner.get(o)!, 0),
    otherInteractions: otherOwners.length,
    desk: byOwner.get('desk') ?? 0,
    visible: shownId(d.desk) === target.id,
  };
}

/** Update time per element tag in one change. */
function byTag(records: readonly RenderRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[r.element.localName] = (out[r.element.localName] ?? 0) + r.end - r.start;
  return out;
}

const medianByTag = (all: readonly Record<string, number>[]) => {
  const tags = [...new Set(all.flatMap((t) => Object.keys(t)))];
  return Object.fromEntries(tags.map((tag) => [tag, stats(all.map((t) => t[tag] ?? 0)).median]));
};

/**
 * Each measured change is nearly always the first hold of its interaction (a stride coprime with
 * 50 goes round all of them before any comes again), so every sample renders about the same short
 * case history whatever the desk size. Hidden and shown windows take turns. The one-interaction
 * baseline gets a fresh desk per sample for the same reason; its one window is always shown.
 */
async function run(count: number, log: RenderLog) {
  let d = await deskWith(count);
  const samples: Sample[] = [];
  const tags: Record<string, number>[] = [];
  const turns = count === 1 ? WARMUP + RUNS : 2 * (WARMUP + RUNS);
  for (let i = 0; i < turns; i++) {
    if (count === 1 && i > 0) {
      d.desk.remove();
      d.cc.dispose();
      d = await deskWith(1);
    }
    const sample = await change(d, log, i * 7, count === 1 || i % 2 === 1);
    if (i >= (count === 1 ? WARMUP : 2 * WARMUP)) {
      samples.push(sample);
      tags.push(byTag(log.records));
    }
    await macrotask();
  }
  // The same change again and again on one interaction: its case history grows by one entry each time.
  const longHistory: { entries: number; ms: number; caseHistoryMs: number }[] = [];
  const target = d.cc.listInteractions()[0]!;
  for (let i = 0; i < 60; i++) {
    const sample = await change(d, log, 0, true);
    if (i % 10 === 9) {
      longHistory.push({
        entries: d.cc.getInteraction(target.id)!.history.length,
        ms: round(sample.ms),
        caseHistoryMs: round(byTag(log.records)['case-history'] ?? 0),
      });
    }
  }
  const windows = d.desk.shadowRoot!.querySelectorAll('interaction-window').length;
  d.desk.remove();
  d.cc.dispose();
  return { samples, windows, updateWorkByTagMs: medianByTag(tags), longHistory };
}

/** Timings of a set of samples. */
const timings = (samples: readonly Sample[]) => ({
  samples: samples.length,
  changeToLaidOutMs: stats(samples.map((s) => s.ms)),
  changeToRenderedMs: stats(samples.map((s) => s.renderedMs)),
  layoutMs: stats(samples.map((s) => s.layoutMs)),
  updateWorkMs: stats(samples.map((s) => s.updateWorkMs)),
  taskBetween: samples.filter((s) => s.taskBetween).length,
});

describe('desk with 50 interactions: one state change (measurement)', function () {
  this.timeout(300_000);
  it(`hold/resume one of 50, hidden and shown, median of ${RUNS} each; baseline: a desk with one`, async () => {
    const log = new RenderLog();
    try {
      const base = await run(1, log);
      const fifty = await run(50, log);
      const sum = (s: Sample[], key: 'target' | 'others' | 'desk') => s.reduce((n, x) => n + x[key], 0);
      const hidden = fifty.samples.filter((s) => !s.visible);
      const visible = fifty.samples.filter((s) => s.visible);
      const result = {
        runs: RUNS,
        interactions: fifty.windows,
        hidden: timings(hidden),
        visible: timings(visible),
        updateWorkByTagMs: fifty.updateWorkByTagMs,
        sameChangeAsCaseHistoryGrows: fifty.longHistory,
        rendersPerChange: {
          targetInteractionElements: stats(fifty.samples.map((s) => s.target)),
          deskLevelElements: stats(fifty.samples.map((s) => s.desk)),
          otherInteractionsElements: stats(fifty.samples.map((s) => s.others)),
        },
        otherInteractionRendersTotal: sum(fifty.samples, 'others'),
        otherInteractionsTouchedMax: Math.max(...fifty.samples.map((s) => s.otherInteractions)),
        baseline: {
          what: 'the same hold/resume through the adapter in a desk with one interaction (its window shown)',
          interactions: base.windows,
          ...timings(base.samples),
          rendersPerChange: stats(base.samples.map((s) => s.target + s.desk)),
        },
        samples: fifty.samples.map((s) => ({ ...s, ms: round(s.ms), renderedMs: round(s.renderedMs), layoutMs: round(s.layoutMs), updateWorkMs: round(s.updateWorkMs) })),
      };
      console.log(`desk scale: ${JSON.stringify({ hidden: result.hidden.changeToLaidOutMs.median, visible: result.visible.changeToLaidOutMs.median, others: result.otherInteractionRendersTotal, base: result.baseline.changeToLaidOutMs.median })}`);
      await writeResult('desk-scale', result);
    } finally {
      log.restore();
    }
  });
});
