// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes bench/memory.json
// and asserts nothing.
//
// 1,000 callbacks in a row through the simulated contact center (latency 0, manual clock) into a
// <callback-desk>, voice and web in turn: a voice one offered, accepted, put on hold, resumed, hung
// up, marked done; a web one offered, accepted (its preview shown) and then closed by the service
// (markDone from the backend, as when someone else completes it: the path that once kept each
// preview alive through the adapter, issue 15), so the bench sees both kinds of window. At 100,
// 200 … 1,000: heap after two full GCs, the renderer's counts of event listeners and DOM nodes
// (CDP, bench/cdp-plugin.mjs), the nodes in the desk's composed tree and the clock's pending
// timers. Growth is from callback 100 to 1,000. Baseline, same run: the same 1,000 callbacks
// through the adapter alone (no desk), since the simulated backend keeps every interaction it
// ever had, as a real one would keep its records.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import { composedNodes, memory, settled, writeResult, type MemoryReading } from './helpers.js';

const params = new URLSearchParams(location.search);
const TOTAL = Number(params.get('callbacks')) || 1000;
const EVERY = TOTAL / 10;

interface Sample extends MemoryReading {
  callbacks: number;
  composedNodes: number;
  pendingTimers: number;
}

async function handleOne(cc: SimulatedContactCenter, desk: CallbackDesk | undefined, web: boolean): Promise<void> {
  if (web) {
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    if (desk) await settled(desk);
    await cc.markDone(offer.id);
    if (desk) await settled(desk);
    return;
  }
  const offer = await cc.offer('immediate');
  const accepted = await cc.accept(offer.id);
  if (desk) await settled(desk);
  await cc.hold(accepted.callId!);
  await cc.resume(accepted.callId!);
  if (desk) await settled(desk);
  await cc.hangUp(accepted.callId!);
  await cc.markDone(offer.id);
  if (desk) await settled(desk);
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
    await handleOne(cc, desk, i % 2 === 0);
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
