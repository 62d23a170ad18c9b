// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/desk-scale.json and asserts nothing about time.
//
// A <callback-desk> with 50 accepted voice callbacks on the simulated contact center (latency 0).
// One interaction's call is put on hold or resumed through the adapter; we time from the adapter's
// interaction-change event to the end of the last render it caused, and count renders per element
// instance, attributed to the interaction whose window contains the element (or to the desk).
// Baseline, same run: the same change in a desk with one interaction.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import { RenderLog, macrotask, round, settled, stats, writeResult, type RenderRecord } from './helpers.js';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs')) || 30;
const WARMUP = 4;

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
  // Subscribed before the desk, so it hears each change before any element does.
  cc.onInteraction(() => (changedAt = performance.now()));
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
  return { cc, desk, changedAt: () => changedAt };
}

interface Sample {
  ms: number;
  updateWorkMs: number;
  target: number;
  others: number;
  otherInteractions: number;
  desk: number;
  visible: boolean;
}

async function change(d: Awaited<ReturnType<typeof deskWith>>, log: RenderLog, index: number): Promise<Sample> {
  const interactions = d.cc.listInteractions();
  const target = interactions[index % interactions.length]!;
  const visible = target.id === interactions.at(-1)!.id;
  log.start();
  if (target.state === 'held') await d.cc.resume(target.callId!);
  else await d.cc.hold(target.callId!);
  await settled(d.desk);
  const records: RenderRecord[] = log.stop();
  const byOwner = new Map<string, number>();
  for (const r of records) {
    const o = owner(r.element);
    byOwner.set(o, (byOwner.get(o) ?? 0) + 1);
  }
  const otherOwners = [...byOwner.keys()].filter((o) => o !== target.id && o !== 'desk');
  const lastEnd = Math.max(...records.map((r) => r.end));
  return {
    ms: lastEnd - d.changedAt(),
    updateWorkMs: records.reduce((sum, r) => sum + (r.end - r.start), 0),
    target: byOwner.get(target.id) ?? 0,
    others: otherOwners.reduce((sum, o) => sum + byOwner.get(o)!, 0),
    otherInteractions: otherOwners.length,
    desk: byOwner.get('desk') ?? 0,
    visible,
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
 * Each measured change is the first hold of its interaction, so every sample renders the same
 * (short) case history whatever the desk size. The one-interaction baseline gets a fresh desk per
 * sample for the same reason.
 */
async function run(count: number, log: RenderLog) {
  let d = await deskWith(count);
  const samples: Sample[] = [];
  const tags: Record<string, number>[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    if (count === 1 && i > 0) {
      d.desk.remove();
      d.cc.dispose();
      d = await deskWith(1);
    }
    // A stride coprime with 50: a different interaction each time, hidden and visible windows alike.
    const sample = await change(d, log, i * 7);
    if (i >= WARMUP) {
      samples.push(sample);
      tags.push(byTag(log.records));
    }
    await macrotask();
  }
  // The same change again and again on one interaction: its case history grows by one entry each time.
  const longHistory: { entries: number; ms: number; caseHistoryMs: number }[] = [];
  const target = d.cc.listInteractions()[0]!;
  for (let i = 0; i < 60; i++) {
    const sample = await change(d, log, 0);
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

describe('desk with 50 interactions: one state change (measurement)', function () {
  this.timeout(300_000);
  it(`hold/resume one of 50, median of ${RUNS}; baseline: a desk with one`, async () => {
    const log = new RenderLog();
    try {
      const base = await run(1, log);
      const fifty = await run(50, log);
      const sum = (s: Sample[], key: 'target' | 'others' | 'desk') => s.reduce((n, x) => n + x[key], 0);
      const result = {
        runs: RUNS,
        interactions: fifty.windows,
        changeToRenderedMs: stats(fifty.samples.map((s) => s.ms)),
        updateWorkMs: stats(fifty.samples.map((s) => s.updateWorkMs)),
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
          what: 'the same hold/resume through the adapter in a desk with one interaction',
          interactions: base.windows,
          changeToRenderedMs: stats(base.samples.map((s) => s.ms)),
          updateWorkMs: stats(base.samples.map((s) => s.updateWorkMs)),
          rendersPerChange: stats(base.samples.map((s) => s.target + s.desk)),
        },
        samples: fifty.samples.map((s) => ({ ...s, ms: round(s.ms), updateWorkMs: round(s.updateWorkMs) })),
      };
      console.log(`desk scale: ${JSON.stringify({ ms: result.changeToRenderedMs, others: result.otherInteractionRendersTotal, base: result.baseline.changeToRenderedMs })}`);
      await writeResult('desk-scale', result);
    } finally {
      log.restore();
    }
  });
});
