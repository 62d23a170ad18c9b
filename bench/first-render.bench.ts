// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/first-render.json and asserts nothing about time.
//
// First render of a whole <callback-desk> holding one accepted voice callback (simulated contact
// center, latency 0): from appending the desk to every nested element's updateComplete, then to
// the next paint. Baseline, same run: the same desk as static HTML — its composed tree serialized
// with declarative shadow roots (`<template shadowrootmode="open">`) carrying each root's adopted
// styles, custom element names renamed so nothing upgrades — parsed and inserted, then painted.
// Those renders are warm: lit's template cache and the constructed stylesheets were filled by the
// first. Cold and warm apart, on the built drop-in bundle: in each of COLD fresh frames
// (bench/fixtures/first-render.html: a new realm, every element registered, nothing rendered yet)
// the same desk's first render is timed, then the same again in that frame (warm), each from
// appending the desk to every element's update done, then style and layout (a forced layout
// read), then the next paint.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import { RenderLog, composedNodes, litElementsIn, macrotask, nextPaint, quick, settled, stats, writeResult } from './helpers.js';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs')) || (quick ? 3 : 20);
const WARMUP = quick ? 1 : 3;
const COLD = Number(params.get('cold')) || (quick ? 2 : 12);
const WARM_IN_FRAME = 3;

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Unregistered names, so the snapshot's elements stay static (a registered one would upgrade and render). */
const staticName = (name: string) => (name.includes('-') ? `static-${name}` : name);

function styleOf(root: ShadowRoot): string {
  const css = root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
  return css ? `<style>${css}</style>` : '';
}

/** The composed tree below `node` as HTML with declarative shadow DOM. Text and attributes are escaped. */
function serialize(node: Node): string {
  if (node instanceof Text) return escapeText(node.data);
  if (node instanceof Comment) return '';
  if (node instanceof ShadowRoot || node instanceof DocumentFragment) return [...node.childNodes].map(serialize).join('');
  if (!(node instanceof Element)) return '';
  const name = staticName(node.localName);
  const attrs = [...node.attributes].map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
  if (VOID.has(name)) return `<${name}${attrs}>`;
  const shadow = node.shadowRoot ? `<template shadowrootmode="open">${styleOf(node.shadowRoot)}${serialize(node.shadowRoot)}</template>` : '';
  const content = node instanceof HTMLTemplateElement ? serialize(node.content) : [...node.childNodes].map(serialize).join('');
  return `<${name}${attrs}>${shadow}${content}</${name}>`;
}

async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const desk = Object.assign(document.createElement('callback-desk') as CallbackDesk, {
    callbackAdapter: cc,
    telephonyAdapter: cc,
    directoryAdapter: cc,
    clock,
  });
  return { cc, desk };
}

/** Rendered = the end of the last element render (settled() itself waits on tasks, which are not rendering). */
async function renderLive(log: RenderLog) {
  const { cc, desk } = await setup();
  log.start();
  const start = performance.now();
  document.body.append(desk);
  await settled(desk);
  const rendered = Math.max(...log.stop().map((r) => r.end)) - start;
  const painted = (await nextPaint()) - start;
  return { cc, desk, rendered, painted, elements: litElementsIn(desk).length };
}

async function renderStatic(snapshot: string) {
  const host = document.createElement('div');
  const start = performance.now();
  // The baseline is HTML parsing itself; the snapshot is our own serialization, text escaped.
  host.setHTMLUnsafe(snapshot);
  document.body.append(host);
  // Style and layout now, as the live desk's paint below does.
  void host.getBoundingClientRect();
  const rendered = performance.now() - start;
  const painted = (await nextPaint()) - start;
  host.remove();
  return { rendered, painted };
}

type Updating = Element & { updateComplete: Promise<boolean>; isUpdatePending: boolean };
/** Reactive elements of any realm (a frame's lit is not this page's). */
const updating = (root: Node) => [...composedNodes(root)].filter((n): n is Updating => n instanceof n.ownerDocument!.defaultView!.Element && 'updateComplete' in n && 'isUpdatePending' in n);

async function updatesDone(root: Node): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const elements = updating(root);
    await Promise.all(elements.map((el) => el.updateComplete));
    await macrotask();
    const after = updating(root);
    if (after.length === elements.length && after.every((el) => !el.isUpdatePending)) return;
  }
  throw new Error('first render: elements kept updating');
}

type SimulatedBundle = typeof import('../src/adapters/simulated/index.js');

/** One desk with one accepted voice callback, rendered in `frame`: to laid out, and to painted. */
async function renderIn(frame: HTMLIFrameElement, sim: SimulatedBundle) {
  const win = frame.contentWindow!;
  const doc = frame.contentDocument!;
  const cc = new sim.SimulatedContactCenter({ latencyMs: 0 });
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const desk = Object.assign(doc.createElement('callback-desk'), { callbackAdapter: cc, telephonyAdapter: cc, directoryAdapter: cc });
  desk.setAttribute('no-tab-lock', '');
  const start = win.performance.now();
  doc.body.append(desk);
  await updatesDone(desk);
  void (desk as HTMLElement).offsetHeight;
  const laidOut = win.performance.now() - start;
  const painted = await new Promise<number>((resolve) => win.requestAnimationFrame(() => win.setTimeout(() => resolve(win.performance.now() - start))));
  desk.remove();
  cc.dispose();
  return { laidOut, painted };
}

/** COLD fresh frames: the first render in each (cold), then the last of WARM_IN_FRAME more (warm). */
async function coldAndWarm() {
  const cold = { laidOut: [] as number[], painted: [] as number[] };
  const warm = { laidOut: [] as number[], painted: [] as number[] };
  for (let i = 0; i < COLD + 1; i++) {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:1000px;height:800px;border:0';
    frame.src = '/bench/fixtures/first-render.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & { benchLoaded?: Promise<[unknown, SimulatedBundle]> };
    while (!win.benchLoaded) await macrotask();
    const [, sim] = await win.benchLoaded;
    await nextPaint();
    const first = await renderIn(frame, sim);
    let last = first;
    for (let w = 0; w < WARM_IN_FRAME; w++) last = await renderIn(frame, sim);
    frame.remove();
    if (i === 0) continue; // the first frame warms the browser itself (code, fonts)
    cold.laidOut.push(first.laidOut);
    cold.painted.push(first.painted);
    warm.laidOut.push(last.laidOut);
    warm.painted.push(last.painted);
  }
  return {
    frames: COLD,
    cold: { toLaidOutMs: stats(cold.laidOut), toPaintMs: stats(cold.painted) },
    warm: { toLaidOutMs: stats(warm.laidOut), toPaintMs: stats(warm.painted) },
  };
}

describe('first render of the desk vs static HTML (measurement)', function () {
  this.timeout(300_000);
  it(`median of ${RUNS}`, async () => {
    const log = new RenderLog();
    const first = await renderLive(log);
    const snapshot = serialize(first.desk);
    const nodes = [...first.desk.shadowRoot!.querySelectorAll('*')].length;
    first.desk.remove();
    first.cc.dispose();
    const live = { rendered: [] as number[], painted: [] as number[] };
    const snap = { rendered: [] as number[], painted: [] as number[] };
    let elements = first.elements;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const l = await renderLive(log);
      elements = l.elements;
      l.desk.remove();
      l.cc.dispose();
      await macrotask();
      const s = await renderStatic(snapshot);
      await macrotask();
      if (i < WARMUP) continue;
      live.rendered.push(l.rendered);
      live.painted.push(l.painted);
      snap.rendered.push(s.rendered);
      snap.painted.push(s.painted);
    }
    const bundle = await coldAndWarm();
    const result = {
      runs: RUNS,
      bundle: { what: 'the built drop-in bundle: the first render in a fresh frame (cold), then the fourth in the same frame (warm)', ...bundle },
      litElements: elements,
      deskShadowElements: nodes,
      snapshotBytes: snapshot.length,
      toAllUpdateCompleteMs: stats(live.rendered),
      toPaintMs: stats(live.painted),
      baseline: {
        what: 'the same desk as static HTML with declarative shadow DOM and its styles: setHTMLUnsafe + insert + layout',
        toLaidOutMs: stats(snap.rendered),
        toPaintMs: stats(snap.painted),
      },
    };
    console.log(`first render: ${JSON.stringify({ live: result.toPaintMs.median, static: result.baseline.toPaintMs.median, cold: bundle.cold.toPaintMs.median, warm: bundle.warm.toPaintMs.median })}`);
    log.restore();
    await writeResult('first-render', result);
  });
});
