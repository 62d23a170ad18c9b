import { writeSync } from 'node:fs';

// WebKitGTK only: a test that fails is run once more (mocha's `retries: 1`), and every test that
// needed the second try is named at the end of the run, with its first error, so a flaky test stays
// visible in the log instead of failing CI or passing silently. A test that fails twice fails.
//
// Why WebKit alone: each full WebKit run here had one or two failures, each time in a different
// test that then passed alone and in the next runs (a key press answered before the page saw it, a
// scroll settling a frame late, a 1 s wait running out once); Chromium and Firefox had none in
// their last full runs. The flakes found were fixed one by one (tests/helpers/keys.ts,
// tests/demo/hostile.test.ts, tests/i18n/ambient.test.ts); this keeps the next one from landing
// nothing while it is found.

/** The engines that get a second try: when `engines` (one wtr run's) is WebKit alone. */
export function secondTryRetries(engines) {
  return engines.length === 1 && engines[0] === 'webkit' ? 1 : 0;
}

/**
 * In the test page, after the test framework: tells the server about every test mocha is about to
 * run again (its `retry` event), with the error of the try that failed.
 */
export const secondTryPageScript = `<script type="module">
  const Runner = window.Mocha?.Runner;
  if (Runner) {
    const emit = Runner.prototype.emit;
    Runner.prototype.emit = function (name, test, error) {
      if (name === 'retry') {
        const file = String(window.__WTR_CONFIG__?.testFile ?? location.pathname).split('?')[0];
        fetch('/__second-try', {
          method: 'POST',
          body: JSON.stringify({ file, title: test.fullTitle(), error: String(error?.message ?? error).split('\\n')[0] }),
        }).catch(() => {});
      }
      return emit.apply(this, arguments);
    };
  }
</script>`;

/**
 * What the page script reports: a middleware (wtr's `middleware`, which runs before the server's
 * own, so a POST reaches it) that collects them, and a plugin that prints them when the run stops.
 */
export function secondTry() {
  const retried = [];
  return {
    async middleware(context, next) {
      if (context.path !== '/__second-try' || context.method !== 'POST') return next();
      let body = '';
      for await (const chunk of context.req) body += chunk;
      try {
        retried.push(JSON.parse(body));
      } catch {
        // not ours
      }
      context.status = 204;
    },
    plugin: {
      name: 'second-try',
      serverStop() {
        if (!retried.length) return;
        const lines = retried.map((r) => `  - ${r.file}: ${r.title} (first try: ${r.error})`);
        writeSync(1, `\nSecond tries (WebKit): ${retried.length} test(s) failed once and ran again (one failing again counts as failed):\n${lines.join('\n')}\n`);
      },
    },
  };
}
