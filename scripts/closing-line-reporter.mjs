import { writeSync } from 'node:fs';

// web-test-runner prints its own summary mid-line; CI reads the last line of output for
// "N passed, N failed, N skipped". This reporter prints exactly that, last. A test file that
// failed to load (or threw outside a test) counts as one failure.

function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function closingLineReporter() {
  let sessions = [];
  return {
    onTestRunFinished(args) {
      sessions = args.sessions;
    },
    stop() {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        const hasFileError = (session.errors?.length ?? 0) > 0;
        if (hasFileError && totals.failed === before) totals.failed += 1;
        if (!session.passed && totals.failed === before && !hasFileError) totals.failed += 1;
      }
      // The default reporter keeps writing after stop(); print at exit so this line is the last.
      process.once('exit', () => {
        writeSync(1, `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
      });
    },
  };
}
