// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/offer-burst.json and asserts nothing about time (tests/elements/load.test.ts checks the
// same burst for correctness).
//
// 500 offers within one second to one <callback-desk> (real clock, one offer every 2 ms): how long
// until the desk shows the first; the longest main-thread task during the burst (PerformanceObserver
// 'longtask', tasks over 50 ms) and the worst delay of a 16 ms probe timer (what a click or a key
// press would wait); then the time from clicking Accept to the interaction window rendered with 499
// offers still queued. Three runs, medians.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import type { CallbackNotification } from '../src/callback-notification.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { nextPaint, stats, writeResult } from './helpers.js';

const OFFERS = 500;
const RUNS = 3;

async function burst() {
  const cc = new SimulatedContactCenter({ latencyMs: 0, offerTimeoutMs: 10 * 60_000 });
  const desk = document.createElement('callback-desk') as CallbackDesk;
  Object.assign(desk, { callbackAdapter: cc, telephonyAdapter: cc, directoryAdapter: cc });
  document.body.append(desk);
  await desk.updateComplete;
  const notification = desk.shadowRoot!.querySelector<CallbackNotification>('callback-notification')!;

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  // A probe timer every 16 ms: its lateness is what an agent's click would wait.
  let worstProbeDelay = 0;
  let probing = true;
  let expected = performance.now() + 16;
  const probe = () => {
    const now = performance.now();
    worstProbeDelay = Math.max(worstProbeDelay, now - expected);
    expected = now + 16;
    if (probing) setTimeout(probe, 16);
  };
  setTimeout(probe, 16);

  const started = performance.now();
  let firstShownAt = 0;
  const ids: string[] = [];
  await new Promise<void>((resolve) => {
    let sent = 0;
    // One offer per 2 ms on average: timers are clamped to 4 ms, so each tick sends what is due.
    const tick = setInterval(() => {
      const due = Math.min(OFFERS, Math.floor((performance.now() - started) / 2) + 1);
      while (sent < due) {
        void cc.offer(sent % 2 ? 'web-callback' : 'immediate').then((offer) => {
          ids.push(offer.id);
          if (!firstShownAt) void notification.updateComplete.then(() => (firstShownAt ||= performance.now()));
        });
        sent++;
      }
      if (sent === OFFERS) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  while (ids.length < OFFERS) await new Promise((r) => setTimeout(r, 5));
  await notification.updateComplete;
  const burstMs = performance.now() - started;
  probing = false;
  observer.disconnect();

  const acceptStarted = performance.now();
  notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
  while (!desk.shadowRoot!.querySelector('interaction-window')) await new Promise((r) => setTimeout(r, 1));
  await nextPaint();
  const acceptMs = performance.now() - acceptStarted;
  desk.remove();
  return {
    burstMs,
    firstShownMs: firstShownAt - started,
    longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
    longTasks: longTasks.length,
    worstProbeDelayMs: worstProbeDelay,
    acceptToWindowPaintedMs: acceptMs,
  };
}

describe('500 offers within a second (measurement)', function () {
  this.timeout(300_000);
  it('burst, responsiveness, Accept after the burst', async () => {
    await burst(); // warm-up
    const runs: Awaited<ReturnType<typeof burst>>[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await burst());
    const pick = (key: keyof Awaited<ReturnType<typeof burst>>) => stats(runs.map((r) => r[key]));
    await writeResult('offer-burst', {
      offers: OFFERS,
      spacingMs: 2,
      burstMs: pick('burstMs'),
      firstShownMs: pick('firstShownMs'),
      longestTaskMs: pick('longestTaskMs'),
      longTasks: pick('longTasks'),
      worstProbeDelayMs: pick('worstProbeDelayMs'),
      acceptToWindowPaintedMs: pick('acceptToWindowPaintedMs'),
    });
  });
});
