// Which browser engine runs this test page, for the few tests that depend on it: key sending
// (tests/helpers/keys.ts) and skips for an engine's limits, each with its reason.

export type Engine = 'chromium' | 'firefox' | 'webkit';

function detect(userAgent: string): Engine {
  if (/\bFirefox\//.test(userAgent)) return 'firefox';
  if (/\b(?:Headless)?Chrome\//.test(userAgent)) return 'chromium';
  return 'webkit';
}

export const engine: Engine = detect(navigator.userAgent);

/**
 * `it`, or `it.skip` in the engines named: for what an engine cannot do here, with the reason
 * written beside the call. Never to hide a failure.
 */
export function itExcept(engines: readonly Engine[]): (title: string, fn: Mocha.Func | Mocha.AsyncFunc) => Mocha.Test {
  return engines.includes(engine) ? it.skip : it;
}
