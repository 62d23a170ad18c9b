/**
 * The tests' one set of waits. Each waits for a real condition with a generous deadline, never for
 * a fixed number of rounds: this machine has two cores shared by several runs, and a wait that
 * assumes a fast machine fails there (issues 17 and 18).
 *
 * - `settled(...elements)`: every lit element given, and every lit element inside them (light DOM
 *   and shadow roots, at any depth), has rendered, and none has an update pending for a frame.
 * - `quiet(...elements)`: settled, and then one more macrotask; for asserting that something did
 *   NOT happen (no re-render, nothing sent), so the test says it is waiting out a quiet spell.
 * - `waitFor(what, condition)`: polls until `condition()` is truthy and returns its value.
 * - `rejectionOf(promise, code?)`: the AdapterError a promise rejects with, its code checked when given.
 * - `sleep(ms)`: real time, only where real time is the point (a far end's delay, a network).
 */

/**
 * Mocha's per-test timeout is 10 s (web-test-runner.config.mjs); the waits give up just before it,
 * so that a failure names what was awaited instead of mocha's bare "timeout exceeded".
 */
export const DEFAULT_TIMEOUT_MS = 9_000;

export interface WaitOptions {
  /** How long before giving up, ms (default 9 s). */
  timeout?: number;
  /** How often `waitFor` checks, ms (default 10). */
  interval?: number;
}

interface Updatable extends Element {
  readonly updateComplete: Promise<unknown>;
  readonly isUpdatePending: boolean;
}

const isUpdatable = (el: Element): el is Updatable => 'isUpdatePending' in el && 'updateComplete' in el;

/** Real time passes: `ms` milliseconds of the page's timers. Only where real time is the point. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One macrotask: whatever the page queued with `setTimeout(0)` or a message has run. */
export const macrotask = (): Promise<void> => sleep(0);

/**
 * The next animation frame; a page that gets none (a background tab in headless Chromium) goes on
 * after 50 ms instead, so the wait never hangs on rendering it cannot see.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      resolve();
    });
  });
}

/** The lit elements given and every connected lit element inside them, through shadow roots. */
function litTree(roots: readonly Element[]): Updatable[] {
  const found = new Set<Updatable>();
  const visit = (scope: Element | ShadowRoot) => {
    for (const el of scope.querySelectorAll('*')) {
      if (el.isConnected && isUpdatable(el)) found.add(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  for (const root of roots) {
    // A root is awaited even when it is disconnected (as its own `updateComplete` would be);
    // inside it only connected elements, since one never connected never renders.
    if (isUpdatable(root)) found.add(root);
    if (root.shadowRoot) visit(root.shadowRoot);
    visit(root);
  }
  return [...found];
}

const describeEl = (el: Element) => el.localName + (el.id ? `#${el.id}` : '');

/**
 * Until every lit element given (the whole document when none is), and every lit element inside
 * them, has finished its updates and none has an update pending for a frame: what an adapter
 * event, a click or a clock advance set off has rendered, however many hops it took.
 */
export async function settled(...elements: Element[]): Promise<void>;
export async function settled(options: WaitOptions, ...elements: Element[]): Promise<void>;
export async function settled(...args: (Element | WaitOptions)[]): Promise<void> {
  // Not `instanceof Element`: an element in an iframe (tests/bundle/parity) is another realm's Element.
  const options = args[0] && !('nodeType' in args[0]) ? (args.shift() as WaitOptions) : {};
  const roots = args as Element[];
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const deadline = performance.now() + timeout;
  const tree = () => litTree(roots.length ? roots : [document.documentElement]);
  for (;;) {
    await macrotask();
    // Every element's updateComplete, pending or not: an element may extend it (getUpdateComplete)
    // to wait for more than its own render, such as a part it loads lazily.
    const updating = tree();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([
      Promise.all(updating.map((el) => el.updateComplete)).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - performance.now())))),
    ]).finally(() => clearTimeout(timer));
    if (late) throw new Error(`not settled after ${timeout} ms: still updating: ${updating.filter((el) => el.isUpdatePending).map(describeEl).join(', ') || 'an updateComplete that never resolved'}`);
    let pending = tree().filter((el) => el.isUpdatePending);
    if (pending.length === 0) {
      await nextFrame();
      pending = tree().filter((el) => el.isUpdatePending);
      if (pending.length === 0) return;
    }
    if (performance.now() > deadline) {
      throw new Error(`not settled after ${timeout} ms: an update still pending on ${pending.map(describeEl).join(', ')}`);
    }
  }
}

/**
 * Settled, and then one more macrotask with nothing pending: before asserting that something did
 * NOT happen (no re-render, no event, nothing sent). The name says why the test waits.
 */
export async function quiet(...elements: Element[]): Promise<void> {
  await settled(...elements);
  await macrotask();
  await settled(...elements);
}

/**
 * Polls `condition` until it returns something truthy, and returns that. On the deadline it fails
 * with `what` (say what is awaited: "the call to end"), and the last value seen.
 */
export async function waitFor<T>(what: string, condition: () => T, options: WaitOptions = {}): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const interval = options.interval ?? 10;
  const start = performance.now();
  for (;;) {
    const value = condition();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (performance.now() - start > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${String(value)})`);
    await sleep(interval);
  }
}

// The AdapterError a promise rejects with: shipped with the contract suites (src/testing).
export { rejectionOf } from '../../src/testing/helpers.js';
