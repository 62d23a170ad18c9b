/**
 * Imported by element tests: any lit dev-mode warning (class-field shadowing, change-in-update,
 * ...) recorded by the test page fails the test that caused it.
 */
declare global {
  var __litWarnings: string[] | undefined;
}

afterEach(function () {
  const warnings = globalThis.__litWarnings ?? [];
  if (warnings.length) {
    const text = warnings.join('\n');
    warnings.length = 0;
    (this.test as (Mocha.Runnable & { error(e: Error): void }) | undefined)?.error(new Error(`lit dev-mode warning:\n${text}`));
  }
});

export {};
