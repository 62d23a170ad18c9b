// Server-side commands for the benchmarks: what only the Chrome DevTools Protocol can tell (heap
// after a real GC, the renderer's count of event listeners and DOM nodes) or do (slow the CPU and
// the network down, load a page in a tab of its own). The page calls them with
// executeServerCommand('bench-memory') from @web/test-runner-commands; wtr's chromeLauncher hands
// us the puppeteer page of the calling test session.
import { firstLoad } from './first-load-page.mjs';

/** @typedef {{ name: string, value: number }} Metric */

export function cdpBenchPlugin() {
  /** @type {Map<string, import('puppeteer-core').CDPSession>} */
  const sessions = new Map();
  const cdp = async (session) => {
    let client = sessions.get(session.id);
    if (!client) {
      client = await page(session).createCDPSession();
      await client.send('Performance.enable');
      sessions.set(session.id, client);
    }
    return client;
  };

  const page = (session) => {
    if (session.browser.type !== 'puppeteer' || typeof session.browser.getPage !== 'function') {
      throw new Error(`bench commands need wtr's chromeLauncher (got ${session.browser.type}).`);
    }
    return session.browser.getPage(session.id);
  };

  return {
    name: 'cdp-bench',
    async executeCommand({ command, payload, session }) {
      if (command === 'bench-emulate') {
        // The calling page's CPU slowed down `cpuRate` times (1: as fast as it is); the slowdown
        // stays until asked again, so a bench must set 1 when it is done.
        const client = await cdp(session);
        await client.send('Emulation.setCPUThrottlingRate', { rate: payload?.cpuRate ?? 1 });
        return true;
      }
      if (command === 'bench-first-load') {
        // A page loaded in a fresh tab of the same browser, with the CPU, cache and network
        // emulated from its first request (bench/first-load-page.mjs); what its probe measured.
        const testPage = page(session);
        const url = new URL(payload.path, testPage.url()).href;
        try {
          return await firstLoad(testPage.browser(), url, payload);
        } finally {
          await testPage.bringToFront();
        }
      }
      if (command === 'bench-cpu') {
        // The renderer's main-thread time so far (seconds): tasks, and script within them.
        const client = await cdp(session);
        const { metrics } = await client.send('Performance.getMetrics');
        const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
        return { taskDurationS: get('TaskDuration'), scriptDurationS: get('ScriptDuration') };
      }
      if (command !== 'bench-memory') return undefined;
      const client = await cdp(session);
      // Twice: the first pass can leave objects whose finalizers free more.
      await client.send('HeapProfiler.collectGarbage');
      await client.send('HeapProfiler.collectGarbage');
      const { usedSize, totalSize } = await client.send('Runtime.getHeapUsage');
      const { metrics } = await client.send('Performance.getMetrics');
      const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
      return {
        heapUsed: usedSize,
        heapTotal: totalSize,
        jsEventListeners: get('JSEventListeners'),
        nodes: get('Nodes'),
        documents: get('Documents'),
        layoutObjects: get('LayoutObjects'),
      };
    },
  };
}
