// `npm run bench` (issue 8): every benchmark in a row, then one table.
//   1. sizes: scripts/size.mjs (drop-in bundle → bench/size.json) and bench/element-sizes.mjs
//      (each element entry, all elements, lit alone → bench/element-sizes.json);
//   2. browser figures in headless Chromium: `wtr --config bench/wtr-bench.config.mjs` runs
//      bench/*.bench.ts (the drop-in page's first load with 4× CPU, cache off, then Slow 4G; INP
//      of the agent's actions under real input with 4× CPU and 20 interactions open; offer
//      latency, desk with 50 interactions (hidden and shown windows), first render (cold and
//      warm), memory, 500-offer burst and handling, an eight-hour shift of 2,000 callbacks; load,
//      INP and shift through the built drop-in bundle, which step 1 builds when older than src/);
//   3. `npm run bench:sip` (INVITE → notification over the tests' Kamailio → bench/sip-latency.json);
//   4. merges them into bench/results.json and bench/results.md, and prints the table.
// `--no-sip` skips step 3 (the table then says "not run"). Timings are medians over repeated runs
// after warm-ups; run it on a quiet machine. A failed step is reported in the table, not fatal.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { root } from './entries.mjs';
import { chromiumPath } from './chromium-path.mjs';

const bench = (file) => join(root, 'bench', file);
const started = Date.now();
const load = { start: loadavg().map((n) => Math.round(n * 10) / 10) };
const steps = {};

function run(name, command, args) {
  console.log(`\n── ${name}: ${[command, ...args].join(' ')}`);
  const t = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  steps[name] = { ok: result.status === 0, seconds: Math.round((Date.now() - t) / 100) / 10 };
  if (result.status !== 0) console.error(`bench: ${name} failed (exit ${result.status ?? result.signal}); its figures are marked as not measured.`);
  return result.status === 0;
}

const read = (file) => {
  try {
    return JSON.parse(readFileSync(bench(file), 'utf8'));
  } catch {
    return undefined;
  }
};

// The browser benchmarks open servers; a network namespace with loopback only keeps them off
// every real interface and keeps their ports apart from anything else running here.
const isRoot = process.getuid?.() === 0;
const ns = isRoot ? ['unshare', '--net', '--'] : ['unshare', '-rn', '--'];
const canUnshare = spawnSync(ns[0], [...ns.slice(1), 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;
const inNamespace = (command) =>
  canUnshare ? [ns[0], [...ns.slice(1), 'sh', '-c', `ip link set lo up && exec ${command}`]] : ['sh', ['-c', `exec ${command}`]];
if (!canUnshare) console.warn('bench: no network namespace here (unshare failed); the browser benchmarks run on the host network.');

// Stale figures from an earlier run must not pass for this run's.
const browserOutputs = ['first-load.json', 'interaction.json', 'offer-latency.json', 'desk-scale.json', 'first-render.json', 'memory.json', 'offer-burst.json', 'shift.json'];
for (const file of ['element-sizes.json', ...browserOutputs]) rmSync(bench(file), { force: true });

run('size', process.execPath, [join(root, 'scripts/size.mjs')]);
run('element sizes', process.execPath, [bench('element-sizes.mjs')]);
run('browser', ...inNamespace('npx --no-install wtr --config bench/wtr-bench.config.mjs'));
if (process.argv.includes('--no-sip')) {
  steps.sip = { ok: false, skipped: true };
} else {
  rmSync(bench('sip-latency.json'), { force: true });
  run('sip', 'bash', [join(root, 'scripts/bench-sip.sh')]);
}
load.end = loadavg().map((n) => Math.round(n * 10) / 10);

const size = read('size.json');
const sizes = read('element-sizes.json');
const firstLoad = read('first-load.json');
const inp = read('interaction.json');
const offer = read('offer-latency.json');
const desk = read('desk-scale.json');
const first = read('first-render.json');
const mem = read('memory.json');
const burst = read('offer-burst.json');
const shift = read('shift.json');
const sip = steps.sip?.ok ? read('sip-latency.json') : undefined;

const KB = 1024;
/** Issue 22's budgets per loading path (min+gzip, each file gzipped on its own). */
const TARGET_EAGER = 20 * KB;
const TARGET_AT_LOAD = 34 * KB;
const TARGET_ALL_ELEMENTS = 52 * KB;
const brotliNote = (s) => (s?.brotli ? `Brotli: ${s.brotli} bytes` : null);
const lit = sizes?.baseline.litAlone.gzip;
const shoelace = sizes?.baseline.shoelace?.gzip;
const shoelaceNote = (value) => (value != null && shoelace ? `×${ratio(value, shoelace)} the Shoelace set (${(shoelace / KB).toFixed(1)} KB)` : null);
const ratio = (value, baseline) => (value != null && baseline ? Math.round((value / baseline) * 100) / 100 : null);
const pct = (g) => g?.percent ?? (g && g.delta === 0 ? 0 : null);

/** One row of the table. `pass` is true/false against the target, or null where there is none. */
const row = (figure, value, unit, { baseline = null, baselineWhat = null, p90 = null, target = null, pass = null, note = null } = {}) => ({
  figure,
  value: value ?? null,
  p90,
  unit,
  baseline,
  baselineWhat,
  ratio: ratio(value, baseline),
  target,
  pass: value == null ? null : pass,
  note,
});

const deskHeapPercent = mem ? Math.round((mem.heapGrowthAttributableToDeskBytes / mem.samples.desk[0].heapUsed) * 1000) / 10 : null;
const rows = [
  row('Drop-in bundle, eager part: what runs before the desk can show and accept an offer (min+gz)', size?.eager.gzip, 'bytes', {
    baseline: lit,
    baselineWhat: 'lit alone',
    target: '≤ 20 KB',
    pass: size ? size.eager.gzip <= TARGET_EAGER : null,
    note: [brotliNote(size?.eager), shoelaceNote(size?.eager.gzip)].filter(Boolean).join('; ') || null,
  }),
  row('Drop-in bundle, the other elements: fetched as the entry runs, not awaited (min+gz)', size?.atLoad?.gzip, 'bytes', {
    baseline: lit,
    baselineWhat: 'lit alone',
    target: '≤ 34 KB',
    pass: size?.atLoad ? size.atLoad.gzip <= TARGET_AT_LOAD : null,
    note: brotliNote(size?.atLoad),
  }),
  row('All elements, one bundle (min+gz, lazy chunks excluded)', sizes?.allElementsOneBundle.gzip, 'bytes', {
    baseline: lit,
    baselineWhat: 'lit alone',
    target: '≤ 52 KB',
    pass: sizes ? sizes.allElementsOneBundle.gzip <= TARGET_ALL_ELEMENTS : null,
    note: sizes
      ? [brotliNote(sizes.allElementsOneBundle), shoelaceNote(sizes.allElementsOneBundle.gzip), sizes.allElementsOneBundle.withLazyChunks ? `with its ${sizes.allElementsOneBundle.lazyChunks} lazy chunks: ${sizes.allElementsOneBundle.withLazyChunks.gzip} bytes` : null].filter(Boolean).join('; ')
      : null,
  }),
  row('Shoelace 2: the 16 components a desk like ours would be built from, one bundle built the same way (min+gz; bench/fixtures/shoelace-baseline.js)', shoelace, 'bytes', {
    baseline: lit,
    baselineWhat: 'lit alone',
    note: brotliNote(sizes?.baseline.shoelace),
  }),
  row('All element entries with shared chunks (min+gz, per file)', sizes?.allElementEntriesChunked.gzip, 'bytes', { baseline: lit, baselineWhat: 'lit alone' }),
  row('First load, built drop-in page, 4× CPU, cache off: the desk painted, from navigation start (median)', firstLoad?.cpu.deskPaintedMs.median, 'ms', {
    p90: firstLoad?.cpu.deskPaintedMs.p90,
    target: '≤ 300 ms',
    pass: firstLoad ? firstLoad.cpu.deskPaintedMs.median <= 300 : null,
    note: firstLoad ? `${firstLoad.cpu.runs} loads; first contentful paint ${firstLoad.cpu.firstContentfulPaintMs.median} ms; ${firstLoad.cpu.transferredBytes} bytes in ${firstLoad.cpu.requests} requests` : null,
  }),
  row('First load, 4× CPU, cache off: every element ready (the bundle’s ready resolved) (median)', firstLoad?.cpu.allReadyMs.median, 'ms', {
    p90: firstLoad?.cpu.allReadyMs.p90,
    target: '≤ 500 ms',
    pass: firstLoad ? firstLoad.cpu.allReadyMs.median <= 500 : null,
  }),
  row('First load, 4× CPU, cache off: tasks over 50 ms until a second after ready (most in one load)', firstLoad?.cpu.longTasks.max, 'tasks', {
    target: '0',
    pass: firstLoad ? firstLoad.cpu.longTasks.max === 0 : null,
    note: firstLoad
      ? `longest ${firstLoad.cpu.longestTaskMs.max} ms (median of loads ${firstLoad.cpu.longestTaskMs.median} ms)${firstLoad.cpu.worstLongAnimationFrame ? `; worst Long Animation Frame ${firstLoad.cpu.worstLongAnimationFrame.ms} ms at ${firstLoad.cpu.worstLongAnimationFrame.startMs} ms: ${firstLoad.cpu.worstLongAnimationFrame.scripts.join(', ')}` : ''}`
      : null,
  }),
  row('First load, 4× CPU and Slow 4G (150 ms RTT, 1.6 Mbit/s): the desk painted (median)', firstLoad?.slow4g.deskPaintedMs.median, 'ms', {
    p90: firstLoad?.slow4g.deskPaintedMs.p90,
    note: firstLoad ? `every element ready at ${firstLoad.slow4g.allReadyMs.median} ms; ${firstLoad.slow4g.longTasks.median} tasks over 50 ms, longest ${firstLoad.slow4g.longestTaskMs.median} ms` : null,
  }),
  ...[
    ['accept', 'an offer’s Accept clicked'],
    ['hold', 'Hold clicked'],
    ['transfer-open', 'Transfer clicked: the search opens'],
    ['transfer-type', 'a letter typed in the transfer search'],
    ['mark-done', 'Mark done clicked'],
  ].map(([action, what]) => {
    const a = inp?.actions[action];
    return row(`Interaction to Next Paint, built bundle, 4× CPU, ${inp?.open ?? 20} interactions open, real input: ${what} (p98)`, a?.p98, 'ms', {
      target: '≤ 100 ms',
      pass: a ? a.p98 <= 100 : null,
      note: a ? `${a.interactions} interactions; median ${a.median} ms, worst ${a.max} ms${a.underFloor ? `, ${a.underFloor} under 16 ms` : ''}` : null,
    });
  }),
  row('Offer → notification rendered + painted (median)', offer?.offerToNotificationPaintedMs.median, 'ms', {
    p90: offer?.offerToNotificationPaintedMs.p90,
    baseline: offer?.baseline.offerToPaintedMs.median,
    baselineWhat: 'bare lit element, same offer',
    target: '≤ 16 ms',
    pass: offer ? offer.offerToNotificationPaintedMs.median <= 16 : null,
  }),
  row('Offer → live-region text set (median)', offer?.offerToLiveRegionTextMs.median, 'ms', {
    p90: offer?.offerToLiveRegionTextMs.p90,
    target: '≤ 16 ms',
    pass: offer ? offer.offerToLiveRegionTextMs.median <= 16 : null,
  }),
  row('Desk with 50: one hold/resume in a hidden window → rendered, styled and laid out (median)', desk?.hidden?.changeToLaidOutMs.median, 'ms', {
    p90: desk?.hidden?.changeToLaidOutMs.p90,
    target: '≤ 2 ms',
    pass: desk?.hidden ? desk.hidden.changeToLaidOutMs.median <= 2 : null,
    note: desk?.hidden ? `${desk.hidden.samples} samples; layout ${desk.hidden.layoutMs.median} ms of it` : null,
  }),
  row('Desk with 50: one hold/resume in the window shown → rendered, styled and laid out (median)', desk?.visible?.changeToLaidOutMs.median, 'ms', {
    p90: desk?.visible?.changeToLaidOutMs.p90,
    baseline: desk?.baseline.changeToLaidOutMs?.median,
    baselineWhat: 'same change, desk with 1',
    note: desk?.visible ? `${desk.visible.samples} samples; layout ${desk.visible.layoutMs.median} ms of it` : null,
  }),
  row('Desk with 50: renders of the other 49 interactions’ elements', desk?.otherInteractionRendersTotal, 'renders', {
    target: '0',
    pass: desk ? desk.otherInteractionRendersTotal === 0 : null,
    note: desk ? `per change: ${desk.rendersPerChange.targetInteractionElements.median} in the changed window + ${desk.rendersPerChange.deskLevelElements.median} desk` : null,
  }),
  row('First render of the desk with one interaction → paint, warm, sources (median)', first?.toPaintMs.median, 'ms', {
    p90: first?.toPaintMs.p90,
    baseline: first?.baseline.toPaintMs.median,
    baselineWhat: 'static HTML snapshot (declarative shadow DOM)',
  }),
  row('First render of the desk with one interaction, built bundle, cold: the first in a fresh page → paint (median)', first?.bundle?.cold.toPaintMs.median, 'ms', {
    p90: first?.bundle?.cold.toPaintMs.p90,
    baseline: first?.bundle?.warm.toPaintMs.median,
    baselineWhat: 'warm: the same render again in that page',
    note: first?.bundle ? `${first.bundle.frames} fresh frames; to laid out: cold ${first.bundle.cold.toLaidOutMs.median} ms, warm ${first.bundle.warm.toLaidOutMs.median} ms` : null,
  }),
  row('1,000 callbacks (voice and web, popups, notes, clock advanced): heap after GC, growth 100 → 1,000', pct(mem?.desk.heapUsed), '%', {
    baseline: pct(mem?.baseline.heapUsed),
    baselineWhat: 'adapter alone, no desk',
    note: 'the simulated backend keeps every interaction, so the page grows with or without the desk',
  }),
  row('1,000 callbacks: heap growth the elements add', deskHeapPercent, '%', {
    target: '≤ 5 %',
    pass: deskHeapPercent == null ? null : deskHeapPercent <= 5,
    note: mem ? `${mem.heapGrowthAttributableToDeskBytes} bytes over 900 callbacks` : null,
  }),
  row('1,000 callbacks: event listeners, growth 100 → 1,000', pct(mem?.desk.jsEventListeners), '%', {
    target: '≤ 5 %',
    pass: mem ? pct(mem.desk.jsEventListeners) <= 5 : null,
    note: mem ? `${mem.desk.jsEventListeners.from} → ${mem.desk.jsEventListeners.to}` : null,
  }),
  row('1,000 callbacks: DOM nodes, growth 100 → 1,000', pct(mem?.desk.nodes), '%', {
    target: '≤ 5 %',
    pass: mem ? pct(mem.desk.nodes) <= 5 : null,
    note: mem ? `${mem.desk.nodes.from} → ${mem.desk.nodes.to} (renderer), ${mem.desk.composedNodes.from} → ${mem.desk.composedNodes.to} in the composed tree` : null,
  }),
  row('500 offers in 1 s to one desk: each offer, adapter announced it → the notification’s next render painted (median over offers, median of 3 runs)', burst?.deliveryToPaintedMs?.median.median, 'ms', {
    p90: burst?.deliveryToPaintedMs?.p90.median,
    note: burst?.deliveryToPaintedMs
      ? `worst ${burst.deliveryToPaintedMs.worst.median} ms; the last offer painted ${burst.lastOfferDeliveredAfterGeneratorMs.median} ms after the generator stopped; first offer on screen after ${burst.firstShownMs.median} ms; none lost or duplicated (tests/elements/load.test.ts)`
      : null,
  }),
  row('500 offers in 1 s: main-thread time the library spent (busy time with the desk − the same burst into the adapter alone)', burst?.libraryBusyMs?.median, 'ms', {
    note: burst?.mainThreadBusyMs ? `${burst.mainThreadBusyMs.withDesk.median} ms with the desk, ${burst.mainThreadBusyMs.adapterAlone.median} ms adapter alone, over a burst of ${burst.burstMs.median} ms` : null,
  }),
  row('500 offers in 1 s: worst delay of a 16 ms timer during the burst (what a click waits)', burst?.worstProbeDelayMs.median, 'ms', {
    p90: burst?.worstProbeDelayMs.p90,
    note: burst ? `longest task ${burst.longestTaskMs.median} ms, ${burst.longTasks.median} tasks over 50 ms` : null,
  }),
  row('500 offers queued: Accept → interaction window painted (median of 3)', burst?.acceptToWindowPaintedMs.median, 'ms', {
    p90: burst?.acceptToWindowPaintedMs.p90,
  }),
  row('500 queued offers handled in turn through the UI (Accept, end call, Mark done): tasks over 50 ms (median of 3)', burst?.handlingLongTasks?.median, 'tasks', {
    target: '0',
    pass: burst?.handlingLongTasks ? burst.handlingLongTasks.median === 0 : null,
    note: burst?.handlingMs ? `all 500 in ${Math.round(burst.handlingMs.median)} ms, longest task ${burst.handlingLongestTaskMs.median} ms` : null,
  }),
  row(`Shift of ${shift?.callbacks ?? 2000} callbacks over ${shift?.clockHours ?? 8} h (drop-in bundle): time to handle one, last 100 ÷ callbacks 11–110 (median)`, shift?.handlingMs.ratioEndToStart, 'ratio', {
    target: '≤ 1.1',
    pass: shift ? shift.handlingMs.ratioEndToStart <= 1.1 : null,
    note: shift ? `${shift.handlingMs.start.median} ms at the start, ${shift.handlingMs.end.median} ms at the end` : null,
  }),
  row('Shift: heap after GC retained per callback, callback 250 → the last', shift?.memory.heapPerCallbackBytes, 'B', {
    target: '< 1 KB',
    pass: shift ? shift.memory.heapPerCallbackBytes < 1024 : null,
    note: shift
      ? `heap ${shift.memory.from.heapUsed} → ${shift.memory.to.heapUsed} bytes, DOM nodes ${shift.memory.from.nodes} → ${shift.memory.to.nodes}, listeners ${shift.memory.from.jsEventListeners} → ${shift.memory.to.jsEventListeners}`
      : null,
  }),
  row('Shift: main-thread tasks over 50 ms, whole shift', shift?.longTasks.count, 'tasks', {
    note: shift
      ? `longest ${shift.longTasks.longestMs} ms; Long Animation Frames over 50 ms: ${shift.longAnimationFrames.count}, longest ${shift.longAnimationFrames.longestMs} ms; worst: ${shift.worstLongTasks.slice(0, 3).map((w) => `${w.ms} ms (${w.kind}, ${w.where})`).join(', ')}`
      : null,
  }),
  row('Shift: main-thread CPU per minute with the desk idle between offers', shift?.idleCpu.systemClockDeskReady.taskMsPerMinute, 'ms', {
    note: shift ? `system clock, agent Ready; on the shift's manual clock ${shift.idleCpu.manualClockDesk.taskMsPerMinute} ms a minute` : null,
  }),
  row('SIP: INVITE sent → notification painted (median of 20)', sip?.medianMs.inviteToNotificationPainted, 'ms', {
    note: steps.sip?.skipped ? 'not run (--no-sip)' : sip ? null : 'not measured (bench:sip failed)',
  }),
];

const elementRows = (sizes?.elements ?? []).map((e) => ({ tag: e.tag, min: e.min, gzip: e.gzip, ratioToLit: ratio(e.gzip, lit) }));

const chromium = chromiumPath ? spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined;
const results = {
  measuredAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: { cpus: cpus().length, loadAverage: load, node: process.version, chromium },
  steps,
  figures: rows,
  elements: { baseline: sizes?.baseline, entries: elementRows },
  raw: { size, elementSizes: sizes, firstLoad, interaction: inp, offerLatency: offer, deskScale: desk, firstRender: first, memory: mem, offerBurst: burst, shift, sip },
};
writeFileSync(bench('results.json'), `${JSON.stringify(results, null, 2)}\n`);

const fmt = (value, unit) => {
  if (value == null) return '—';
  if (unit === 'bytes') return `${(value / KB).toFixed(1)} KB`;
  if (unit === 'ms') return `${value} ms`;
  if (unit === '%') return `${value} %`;
  if (unit === 'B') return `${value} B`;
  return String(value);
};
const passText = (r) => (r.pass == null ? (r.value == null ? 'not measured' : '') : r.pass ? 'pass' : 'FAIL');
const md = [
  '| figure | value | baseline | ratio | target | pass |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.figure}${r.note ? ` (${r.note})` : ''} | ${fmt(r.value, r.unit)}${r.p90 != null ? ` (p90 ${r.p90})` : ''} | ${r.baseline != null ? `${fmt(r.baseline, r.unit)} ${r.baselineWhat}` : '—'} | ${r.ratio != null ? `×${r.ratio}` : '—'} | ${r.target ?? '—'} | ${passText(r)} |`,
  ),
  '',
  `Element entries with their shared chunks, min+gzip (lit alone: ${lit ? fmt(lit, 'bytes') : '—'}; lit with @lit/context, @lit/localize and @floating-ui/dom: ${sizes ? fmt(sizes.baseline.litHelpers.gzip, 'bytes') : '—'}):`,
  '',
  '| element | min | min+gz | × lit |',
  '| --- | --- | --- | --- |',
  ...elementRows.map((e) => `| \`<${e.tag}>\` | ${fmt(e.min, 'bytes')} | ${fmt(e.gzip, 'bytes')} | ×${e.ratioToLit} |`),
  '',
  `Measured ${results.measuredAt} in ${results.durationSeconds} s on ${results.machine.cpus} CPUs (load average ${load.start[0]} at the start, ${load.end[0]} at the end), ${chromium ?? 'Chromium'}, Node ${process.version}. Reproduce: \`npm run bench\`.`,
  '',
].join('\n');
writeFileSync(bench('results.md'), md);
console.log(`\n${md}`);
console.log('written to bench/results.json and bench/results.md');
const failed = Object.entries(steps).filter(([, s]) => !s.ok && !s.skipped).map(([name]) => name);
if (failed.length) console.log(`steps that failed: ${failed.join(', ')}`);
