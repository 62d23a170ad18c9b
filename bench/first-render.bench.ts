// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/first-render.json and asserts nothing about time.
//
// First render of a whole <callback-desk> holding one accepted voice callback (simulated contact
// center, latency 0): from appending the desk to every nested element's updateComplete, then to
// the next paint. Baseline, same run: the same desk as static HTML — its composed tree serialized
// with declarative shadow roots (`<template shadowrootmode="open">`) carrying each root's adopted
// styles, custom element names renamed so nothing upgrades — parsed and inserted, then painted.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import { RenderLog, litElementsIn, macrotask, nextPaint, settled, stats, writeResult } from './helpers.js';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs')) || 20;
const WARMUP = 3;

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
    const result = {
      runs: RUNS,
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
    console.log(`first render: ${JSON.stringify({ live: result.toPaintMs, static: result.baseline.toPaintMs })}`);
    log.restore();
    await writeResult('first-render', result);
  });
});
