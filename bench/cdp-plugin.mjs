// Server-side commands for the benchmarks: what only the Chrome DevTools Protocol can tell (heap
// after a real GC, the renderer's count of event listeners and DOM nodes). The page calls them with
// executeServerCommand('bench-memory') from @web/test-runner-commands; wtr's chromeLauncher hands
// us the puppeteer page of the calling test session.

/** @typedef {{ name: string, value: number }} Metric */

export function cdpBenchPlugin() {
  /** @type {Map<string, import('puppeteer-core').CDPSession>} */
  const sessions = new Map();
  const cdp = async (session) => {
    let client = sessions.get(session.id);
    if (!client) {
      if (session.browser.type !== 'puppeteer' || typeof session.browser.getPage !== 'function') {
        throw new Error(`bench commands need wtr's chromeLauncher (got ${session.browser.type}).`);
      }
      client = await session.browser.getPage(session.id).createCDPSession();
      await client.send('Performance.enable');
      sessions.set(session.id, client);
    }
    return client;
  };

  return {
    name: 'cdp-bench',
    async executeCommand({ command, session }) {
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
