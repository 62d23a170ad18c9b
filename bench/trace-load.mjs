// Not part of `npm run bench`: a diagnosis. Loads the built drop-in page (bench/fixtures/drop-in.html)
// in Chromium at 4x CPU with the cache off, records a DevTools trace and prints, for each main-thread
// task longer than MIN ms (default 30), what ran in it; `SEQ=1` lists its parts in order (SEQMIN ms
// and over), `STACKS=1` the JS stacks of forced style/layout, and the time each custom element took
// to define. Run after `npm run build`, on a quiet machine (timings move with load):
//   MIN=50 node bench/trace-load.mjs
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../scripts/chromium-path.mjs';
/** Run in the page first: when each element is defined and how long its define (upgrades included) took. */
const MARKS = `(() => {
  const define = customElements.define.bind(customElements);
  window.__marks = [];
  customElements.define = (tag, cls, opts) => { const a = performance.now(); define(tag, cls, opts); window.__marks.push([tag, Math.round(a), Math.round(performance.now() - a)]); };
})();`;
const root = fileURLToPath(new URL('..', import.meta.url));
const server = http.createServer((req, res) => {
  const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
  res.end(zlib.gzipSync(fs.readFileSync(file)));
});
await new Promise((r) => server.listen(8123, '127.0.0.1', r));
const browser = await puppeteer.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
const tab = await browser.newPage();
const client = await tab.createCDPSession();
await client.send('Network.setCacheDisabled', { cacheDisabled: true });
await client.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await client.send('Page.enable'); await client.send('Page.addScriptToEvaluateOnNewDocument', { source: MARKS });
await tab.tracing.start({ path: join(tmpdir(), 'trace-load.json'), categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'blink.user_timing', 'v8'] });
await tab.goto('http://127.0.0.1:8123' + (process.env.PAGE ?? '/bench/fixtures/drop-in.html'), { waitUntil: 'load' });
await new Promise((r) => setTimeout(r, 2500)); console.log('defines', JSON.stringify(await tab.evaluate(() => window.__marks))); console.log('desk rendered', await tab.evaluate(() => (document.querySelector('callback-desk')?.shadowRoot?.childElementCount ?? 0) > 0));
await tab.tracing.stop();
await browser.close(); server.close();
const events = JSON.parse(fs.readFileSync(join(tmpdir(), 'trace-load.json'), 'utf8')).traceEvents;
const mains = events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const ours = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').includes('drop-in'));
const main = mains.find((m) => m.pid === ours.pid && m.tid === ours.tid);
const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur > Number(process.env.MIN ?? 30) * 1000).sort((a, b) => a.ts - b.ts);
const t0 = Math.min(...mine.map((e) => e.ts));
for (const task of tasks) {
  console.log(`TASK at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(1)} ms`);
  const inside = mine.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
  const agg = new Map();
  for (const e of inside) {
    const key = e.name + (e.args?.data?.url ? ' ' + e.args.data.url.split('/').pop() : '') + (e.args?.data?.functionName ? ' ' + e.args.data.functionName : '');
    const a = agg.get(key) ?? { n: 0, ms: 0 }; a.n++; a.ms += e.dur / 1000; agg.set(key, a);
  }
  for (const [k, v] of [...agg].sort((a, b) => b[1].ms - a[1].ms).slice(0, 18)) console.log(`   ${v.ms.toFixed(1).padStart(7)} ms x${v.n} ${k}`);
}
if (process.env.SEQ) {
  for (const task of tasks) {
    console.log('SEQ of task at', ((task.ts - t0) / 1000).toFixed(0));
    const inside = mine.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task && e.dur > Number(process.env.SEQMIN ?? 2) * 1000);
    for (const e of inside.sort((a, b) => a.ts - b.ts)) console.log(`   +${((e.ts - task.ts) / 1000).toFixed(1)} ${(e.dur / 1000).toFixed(1)} ms ${e.name} ${JSON.stringify(e.args?.data ?? {}).slice(0, 140)}`);
  }
}

if (process.env.STACKS) {
  for (const e of mine.filter((e) => (e.name === 'UpdateLayoutTree' || e.name === 'Layout') && e.dur > 1500)) {
    const st = e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace;
    if (!st) continue;
    console.log(`${e.name} ${(e.dur / 1000).toFixed(1)} ms at ${((e.ts - t0) / 1000).toFixed(0)}:`, st.slice(0, 4).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`).join(' < '));
  }
}
