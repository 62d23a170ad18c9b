// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/offer-burst.json and asserts nothing about time (tests/elements/load.test.ts checks the
// same burst for correctness).
//
// 500 offers within one second to one <callback-desk> (real clock, one offer every 2 ms). The
// generator's pacing sets the burst's length (about a second whatever the library does), so what is
// reported is what the library did: for each offer, from the adapter announcing it to the
// notification's next render painted (its delivery; median, p90, worst), the last offer's delivery
// after the generator stopped, and the main thread's busy time during the burst (CDP TaskDuration)
// less that of the same burst into the adapter alone, no desk. Also: how long until the desk shows
// the first; the longest main-thread task during the burst (PerformanceObserver
// 'longtask', tasks over 50 ms) and the worst delay of a 16 ms probe timer (what a click or a key
// press would wait); then the time from clicking Accept to the interaction window rendered with 499
// offers still queued; then all 500 handled in turn through the UI (Accept, end the call, Mark
// done) with the rest still queued: the long tasks while they are handled. Three runs, medians.
import '../src/callback-desk.js';
import type { CallbackDesk } from '../src/callback-desk.js';
import type { CallbackNotification } from '../src/callback-notification.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { macrotask, nextPaint, quick, stats, writeResult } from './helpers.js';

/** The renderer's main-thread busy time so far, in ms (bench/cdp-plugin.mjs). */
const busyMs = async () => (await executeServerCommand<{ taskDurationS: number }, undefined>('bench-cpu')).taskDurationS * 1000;

/** Sends OFFERS offers, one per 2 ms on average; resolves with their ids once all are out. */
async function generate(cc: SimulatedContactCenter, onEach?: (id: string) => void): Promise<{ started: number; lastSentAt: number; ids: string[] }> {
  const started = performance.now();
  const ids: string[] = [];
  let lastSentAt = 0;
  await new Promise<void>((resolve) => {
    let sent = 0;
    // Timers are clamped to 4 ms, so each tick sends what is due.
    const tick = setInterval(() => {
      const due = Math.min(OFFERS, Math.floor((performance.now() - started) / 2) + 1);
      while (sent < due) {
        void cc.offer(sent % 2 ? 'web-callback' : 'immediate').then((offer) => {
          ids.push(offer.id);
          onEach?.(offer.id);
        });
        sent++;
      }
      if (sent === OFFERS) {
        clearInterval(tick);
        lastSentAt = performance.now();
        resolve();
      }
    }, 1);
  });
  while (ids.length < OFFERS) await new Promise((r) => setTimeout(r, 5));
  return { started, lastSentAt, ids };
}

/** The same burst into the adapter alone: the generator's and the simulated backend's own work. */
async function adapterOnly(): Promise<number> {
  const cc = new SimulatedContactCenter({ latencyMs: 0, offerTimeoutMs: 10 * 60_000 });
  const before = await busyMs();
  await generate(cc);
  await nextPaint();
  const busy = (await busyMs()) - before;
  cc.dispose();
  return busy;
}

const OFFERS = 500;
const RUNS = quick ? 1 : 3;

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

  // Subscribed after the desk's own queues, so each offer's update is already requested when it runs.
  const deliveries: number[] = [];
  let lastDeliveredAt = 0;
  const stopDeliveries = cc.onOffer(() => {
    const announced = performance.now();
    void notification.updateComplete.then(nextPaint).then((painted) => {
      deliveries.push(painted - announced);
      lastDeliveredAt = Math.max(lastDeliveredAt, painted);
    });
  });
  const busyBefore = await busyMs();
  let firstShownAt = 0;
  const { started, lastSentAt } = await generate(cc, () => {
    if (!firstShownAt) void notification.updateComplete.then(() => (firstShownAt ||= performance.now()));
  });
  await notification.updateComplete;
  while (deliveries.length < OFFERS) await nextPaint();
  const burstMs = performance.now() - started;
  const burstBusyMs = (await busyMs()) - busyBefore;
  stopDeliveries();
  probing = false;
  observer.disconnect();
  const delivery = stats(deliveries);

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
    deliveryMedianMs: delivery.median,
    deliveryP90Ms: delivery.p90,
    deliveryWorstMs: delivery.max,
    lastOfferDeliveredAfterGeneratorMs: lastDeliveredAt - lastSentAt,
    burstBusyMs,
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
    await adapterOnly();
    const runs: Awaited<ReturnType<typeof burst>>[] = [];
    const adapterBusy: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await burst());
      adapterBusy.push(await adapterOnly());
    }
    const pick = (key: keyof Awaited<ReturnType<typeof burst>>) => stats(runs.map((r) => r[key]));
    await writeResult('offer-burst', {
      offers: OFFERS,
      spacingMs: 2,
      deliveryToPaintedMs: { median: pick('deliveryMedianMs'), p90: pick('deliveryP90Ms'), worst: pick('deliveryWorstMs') },
      lastOfferDeliveredAfterGeneratorMs: pick('lastOfferDeliveredAfterGeneratorMs'),
      mainThreadBusyMs: { withDesk: pick('burstBusyMs'), adapterAlone: stats(adapterBusy) },
      libraryBusyMs: stats(runs.map((r, i) => r.burstBusyMs - adapterBusy[i]!)),
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
