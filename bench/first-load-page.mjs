// The server side of bench/first-load.bench.ts: one load of a page in a fresh tab, with the CPU
// slowed down, the HTTP cache off and, optionally, a slow network, all set through the Chrome
// DevTools Protocol before the first request. A probe injected before any of the page's scripts
// (Page.addScriptToEvaluateOnNewDocument) records, in ms from the navigation's start:
//   - first paint and first contentful paint (Paint Timing);
//   - the desk rendered (its first updateComplete) and painted (the task after the next animation
//     frame: the frame that shows it has been produced);
//   - every element ready: the bundle's `ready` resolved (every element registered), read from the
//     module the page itself loaded, after it defined <callback-desk> (so the probe fetches nothing);
//   - every task over 50 ms ('longtask') and Long Animation Frame over 50 ms from the start.
// The probe stops one second after `ready` with no long task in between, or after `timeoutMs`.

/** Runs in the page before its own scripts. Keep it plain: it is serialized as it is. */
function probe() {
  const r = { longTasks: [], longFrames: [], paint: {}, done: false };
  window.__benchFirstLoad = r;
  r.errors = [];
  addEventListener('error', (e) => r.errors.push(String(e.message ?? e.type) + ' ' + (e.target?.src ?? '')), true);
  addEventListener('unhandledrejection', (e) => r.errors.push(String(e.reason)));
  r.visibility = document.visibilityState;
  const observe = (type, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true });
    } catch {
      r[`no-${type}`] = true;
    }
  };
  observe('paint', (e) => (r.paint[e.name] = e.startTime));
  observe('longtask', (e) => r.longTasks.push({ startMs: e.startTime, ms: e.duration }));
  observe('long-animation-frame', (e) =>
    r.longFrames.push({
      startMs: e.startTime,
      ms: e.duration,
      blockingMs: e.blockingDuration,
      scripts: (e.scripts ?? []).slice(0, 3).map((s) => `${s.invoker} ${String(s.sourceURL).split('/').pop()} ${Math.round(s.duration)} ms`),
    }),
  );
  const afterFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  customElements.whenDefined('callback-desk').then(async () => {
    try {
      r.deskDefinedMs = performance.now();
      const desk = document.querySelector('callback-desk');
      await desk.updateComplete;
      r.deskRenderedMs = performance.now();
      r.deskPaintedMs = await afterFrame();
      const script = document.querySelector('script[type="module"][src]');
      const main = await import(script.src);
      await main.ready;
      r.readyMs = performance.now();
      r.undefinedAtReady = [...document.querySelectorAll('*')]
        .concat([...(desk.shadowRoot?.querySelectorAll('*') ?? [])])
        .filter((el) => el.localName.includes('-') && !customElements.get(el.localName))
        .map((el) => el.localName);
      r.readyPaintedMs = await afterFrame();
      // Quiet for a second: what runs just after `ready` (the simulator's chunk, first timers) counts too.
      let last = r.longTasks.length;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (r.longTasks.length === last) break;
        last = r.longTasks.length;
      }
    } catch (error) {
      r.error = String(error?.stack ?? error);
    }
    r.endMs = performance.now();
    r.done = true;
  });
}

/**
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {{ cpuRate?: number, network?: { latencyMs: number, downloadKbps: number, uploadKbps: number } | null, timeoutMs?: number }} options
 */
export async function firstLoad(browser, url, { cpuRate = 1, network = null, timeoutMs = 60_000 } = {}) {
  const tab = await browser.newPage();
  try {
    await tab.bringToFront();
    const client = await tab.createCDPSession();
    await client.send('Network.enable');
    await client.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) {
      // Kbit/s → bytes/s, as DevTools' presets.
      await client.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.latencyMs,
        downloadThroughput: (network.downloadKbps * 1000) / 8,
        uploadThroughput: (network.uploadKbps * 1000) / 8,
      });
    }
    await client.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    await client.send('Page.enable');
    await client.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${probe.toString()})();` });
    const bytes = { total: 0, requests: 0 };
    client.on('Network.loadingFinished', (e) => {
      bytes.total += e.encodedDataLength;
      bytes.requests++;
    });
    await tab.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await tab.waitForFunction(() => window.__benchFirstLoad?.done === true, { timeout: timeoutMs, polling: 100 });
    const result = await tab.evaluate(() => window.__benchFirstLoad);
    await client.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { ...result, transferred: bytes };
  } finally {
    await tab.close();
  }
}
