// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/offer-burst.json and asserts nothing about time (tests/elements/load.test.ts checks the
// same burst for correctness).
//
// 500 offers within one second to one <callback-desk> (real clock, one offer every 2 ms): how long
// until the desk shows the first; the longest main-thread task during the burst (PerformanceObserver
// 'longtask', tasks over 50 ms) and the worst delay of a 16 ms probe timer (what a click or a key
// press would wait); then the time from clicking Accept to the interaction window rendered with 499
// offers still queued; then all 500 handled in turn through the UI (Accept, end the call, Mark
// done) with the rest still queued: the long tasks while they are handled. Three runs, medians.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import type { CallbackNotification } from '../src/callback-notification.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { macrotask, nextPaint, stats, writeResult } from './helpers.js';

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

  // Then every one of the 500 is handled in turn through the UI: accepted (the first already is),
  // its call ended, marked done, while the rest wait in the queue.
  const handlingTasks: number[] = [];
  const handlingObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => handlingTasks.push(e.duration)));
  handlingObserver.observe({ type: 'longtask', buffered: false });
  const handlingStarted = performance.now();
  const windowOf = (id: string) => desk.shadowRoot!.querySelector(`#window-${CSS.escape(id)} > :is(interaction-window, callback-preview)`);
  const doneButton = (id: string) =>
    windowOf(id)?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="mark-done"]') ?? null;
  const until = async (predicate: () => unknown) => {
    while (!predicate()) await macrotask();
  };
  for (let i = 0; i < OFFERS; i++) {
    const id = i === 0 ? (desk.shadowRoot!.querySelector('[part=window]')!.id.slice('window-'.length)) : notification.offer!.id;
    if (i > 0) {
      await until(() => notification.shadowRoot!.querySelector('button.accept'));
      notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    }
    await until(() => doneButton(id));
    const callId = cc.getInteraction(id)?.callId;
    if (callId && cc.getCall(callId)?.state !== 'ended') await cc.hangUp(callId);
    await until(() => doneButton(id)?.getAttribute('aria-disabled') === 'false');
    doneButton(id)!.click();
    await until(() => !windowOf(id) && (i === OFFERS - 1 || notification.offer?.id !== id));
  }
  const handlingMs = performance.now() - handlingStarted;
  handlingObserver.disconnect();
  desk.remove();
  cc.dispose();
  return {
    handlingMs,
    handlingLongTasks: handlingTasks.length,
    handlingLongestTaskMs: handlingTasks.length ? Math.max(...handlingTasks) : 0,
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
      handlingMs: pick('handlingMs'),
      handlingLongTasks: pick('handlingLongTasks'),
      handlingLongestTaskMs: pick('handlingLongestTaskMs'),
    });
  });
});
