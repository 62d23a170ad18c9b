// Not part of `npm run bench`: a diagnosis. With 20 interactions open in a desk on the built drop-in
// bundle and the CPU slowed 4x, clicks Accept on a new offer ROUNDS times (default 5, after one
// warm-up) with a real mouse click and a CPU profile running, and prints the wall time from the click
// to the new window painted, then the inclusive time per function (mapped to src/ through the
// bundle's source maps), averaged over the clicks. Run after `npm run build`, on a quiet machine:
//   ROUNDS=4 node bench/profile-accept.mjs
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../scripts/chromium-path.mjs';
// source-map-js is installed with Vue's compiler (a dev dependency), not on its own: without it the
// functions keep their minified names.
const sm = await import('source-map-js').then((m) => m.default ?? m, () => null);
const root = fileURLToPath(new URL('..', import.meta.url));
const PAGE = `<!doctype html><html><body><script type="module">
const main = await import('/dist/bundle/callback-elements.bundle.js'); await main.ready;
const sim = await import('/dist/bundle/adapters/simulated.bundle.js');
const cc = new sim.SimulatedContactCenter({ latencyMs: 0, offerTimeoutMs: 600000 });
const desk = Object.assign(document.createElement('callback-desk'), { callbackAdapter: cc, telephonyAdapter: cc, directoryAdapter: cc });
desk.setAttribute('no-tab-lock', ''); document.body.append(desk);
for (let i = 0; i < 20; i++) { const o = await cc.offer('immediate'); await cc.accept(o.id); await new Promise(r => setTimeout(r, 30)); }
window.cc = cc; window.desk = desk; window.readyForBench = true;
</script></body></html>`;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/__inp.html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(PAGE); return; }
  const file = path.join(root, decodeURIComponent(url.pathname));
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(8124, '127.0.0.1', r));
const browser = await puppeteer.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
const tab = await browser.newPage();
await tab.setViewport({ width: 1300, height: 900 });
await tab.goto('http://127.0.0.1:8124/__inp.html');
await tab.waitForFunction(() => window.readyForBench === true, { timeout: 60000 });
const client = await tab.createCDPSession();
const totals = new Map(); const rounds = Number(process.env.ROUNDS ?? 5);
const consumers = new Map();
const consumer = (url) => { const f = path.join(root, new URL(url).pathname) + '.map'; if (!consumers.has(f)) consumers.set(f, sm && fs.existsSync(f) ? new sm.SourceMapConsumer(JSON.parse(fs.readFileSync(f, 'utf8'))) : null); return consumers.get(f); };
const action = process.env.ACTION ?? 'accept';
let durs = [];
for (let r = 0; r < rounds + 1; r++) {
  let box;
  if (action === 'accept') {
    await tab.evaluate(() => window.cc.offer('immediate'));
    await tab.waitForFunction(() => window.desk.shadowRoot.querySelector('callback-notification')?.shadowRoot?.querySelector('button.accept'));
    box = await tab.evaluate(() => { const b = window.desk.shadowRoot.querySelector('callback-notification').shadowRoot.querySelector('button.accept'); const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  }
  const before = await tab.evaluate(() => window.desk.shadowRoot.querySelectorAll('interaction-window').length);
  await client.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await client.send('Profiler.enable'); await client.send('Profiler.setSamplingInterval', { interval: 100 }); await client.send('Profiler.start');
  const t = Date.now();
  await tab.mouse.click(box[0], box[1]);
  await tab.waitForFunction((n) => window.desk.shadowRoot.querySelectorAll('interaction-window').length > n && new Promise((res) => requestAnimationFrame(() => setTimeout(() => res(true)))), { polling: 'raf' }, before);
  durs.push(Date.now() - t);
  const { profile } = await client.send('Profiler.stop');
  await client.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // Mark the accepted one done to keep 20 open: end + done through the API.
  await tab.evaluate(async () => { const list = window.cc.listInteractions().filter((i) => i.state !== 'done' && i.state !== 'offered'); const last = list.at(-1); try { await window.cc.hangUp?.(last.id); } catch {} try { await window.cc.markDone(last.id); } catch {} });
  await new Promise((res) => setTimeout(res, 300));
  if (r === 0) continue; // warm-up
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k] ?? 0) / 1000;
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      let label = `${f.functionName || '(anon)'} ${String(f.url).split('/').pop()}`;
      if (f.url.startsWith('http')) { const c = consumer(f.url); if (c) { const p = c.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber }); if (p.source) label = `${f.functionName || '(anon)'} ${p.source.replace(/^.*?(src|node_modules)\//, '$1/')}:${p.line}`; } }
      if (seen.has(label)) continue; seen.add(label);
      totals.set(label, (totals.get(label) ?? 0) + ms);
    }
  });
}
console.log('click→window painted (ms, wall, 4x):', durs.slice(1).join(' '));
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 45))) console.log((v / rounds).toFixed(1).padStart(7), k);
await browser.close(); server.close();
