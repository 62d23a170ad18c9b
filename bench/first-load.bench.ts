// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/first-load.json and asserts nothing about time.
//
// A fast first load on a slow agent PC (issue 22): the built drop-in page (bench/fixtures/drop-in.html:
// one <script type="module"> of dist/bundle/, one <callback-desk simulated>, served gzipped) loaded
// in a fresh tab with the CPU slowed down 4× (CDP Emulation.setCPUThrottlingRate) and the HTTP
// cache disabled (Network.setCacheDisabled), RUNS times; then again with a Slow 4G network on top
// (Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up). Each load
// reports, from the navigation's start: the desk painted, every element ready (the bundle's
// `ready`), first contentful paint, and the tasks over 50 ms until a second after `ready`
// (bench/first-load-page.mjs has the probe). Medians over the runs.
import { executeServerCommand } from '@web/test-runner-commands';
import { quick, round, stats, writeResult } from './helpers.js';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs')) || (quick ? 2 : 9);
const SLOW_RUNS = Number(params.get('slowRuns')) || (quick ? 1 : 5);
const CPU_RATE = 4;
const PAGE = '/bench/fixtures/drop-in.html';
const SLOW_4G = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 };

interface Load {
  paint: Record<string, number>;
  deskRenderedMs?: number;
  deskPaintedMs?: number;
  readyMs?: number;
  readyPaintedMs?: number;
  endMs: number;
  undefinedAtReady?: string[];
  longTasks: { startMs: number; ms: number }[];
  longFrames: { startMs: number; ms: number; blockingMs: number; scripts: string[] }[];
  transferred: { total: number; requests: number };
  error?: string;
}

const load = (network: typeof SLOW_4G | null) =>
  executeServerCommand<Load, { path: string; cpuRate: number; network: typeof SLOW_4G | null }>('bench-first-load', { path: PAGE, cpuRate: CPU_RATE, network });

async function series(runs: number, network: typeof SLOW_4G | null) {
  const loads: Load[] = [];
  for (let i = 0; i < runs; i++) {
    const l = await load(network);
    if (l.error || l.readyMs == null || l.deskPaintedMs == null) throw new Error(`first load failed: ${l.error ?? 'no desk or no ready'}`);
    if (l.undefinedAtReady?.length) throw new Error(`not defined when ready resolved: ${[...new Set(l.undefinedAtReady)].join(', ')}`);
    loads.push(l);
  }
  const over50 = (l: Load) => l.longTasks.filter((t) => t.ms > 50);
  const worst = loads.flatMap((l) => l.longFrames).sort((a, b) => b.ms - a.ms)[0];
  return {
    runs,
    deskPaintedMs: stats(loads.map((l) => l.deskPaintedMs!)),
    deskRenderedMs: stats(loads.map((l) => l.deskRenderedMs!)),
    allReadyMs: stats(loads.map((l) => l.readyMs!)),
    firstContentfulPaintMs: stats(loads.map((l) => l.paint['first-contentful-paint'] ?? Number.NaN)),
    longTasks: stats(loads.map((l) => over50(l).length)),
    longestTaskMs: stats(loads.map((l) => Math.max(0, ...l.longTasks.map((t) => t.ms)))),
    // The worst load's long tasks, to see where they fall (ms from the start).
    longTasksWorstLoad: loads
      .map((l) => over50(l).map((t) => ({ startMs: round(t.startMs), ms: round(t.ms) })))
      .sort((a, b) => Math.max(0, ...b.map((t) => t.ms)) - Math.max(0, ...a.map((t) => t.ms)))[0],
    longAnimationFrames: stats(loads.map((l) => l.longFrames.filter((f) => f.ms > 50).length)),
    worstLongAnimationFrame: worst ? { ms: round(worst.ms), blockingMs: round(worst.blockingMs), startMs: round(worst.startMs), scripts: worst.scripts } : null,
    transferredBytes: loads[0]!.transferred.total,
    requests: loads[0]!.transferred.requests,
  };
}

describe('first load of the drop-in page on a slow PC (measurement)', function () {
  this.timeout(540_000);
  it(`${CPU_RATE}× CPU, cache disabled; then Slow 4G too`, async () => {
    await load(null); // warm-up: the server's gzip cache, the browser's processes
    const cpu = await series(RUNS, null);
    const slow4g = await series(SLOW_RUNS, SLOW_4G);
    const result = {
      page: PAGE,
      cpuSlowdown: CPU_RATE,
      cacheDisabled: true,
      cpu,
      slow4g: { network: SLOW_4G, ...slow4g },
    };
    console.log(
      `first load: ${JSON.stringify({ painted: cpu.deskPaintedMs.median, ready: cpu.allReadyMs.median, longTasks: cpu.longTasks.median, longest: cpu.longestTaskMs.median, slow4g: { painted: slow4g.deskPaintedMs.median, ready: slow4g.allReadyMs.median } })}`,
    );
    await writeResult('first-load', result);
  });
});
