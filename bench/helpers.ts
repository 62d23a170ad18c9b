// In-page helpers shared by the *.bench.ts files: statistics, "next paint", waiting until every
// nested element has rendered, counting renders per element instance, and the CDP memory reading
// of bench/cdp-plugin.mjs. Nothing here changes src/: renders are counted by wrapping lit's own
// prototype methods, which every element's update goes through.
import { executeServerCommand, writeFile } from '@web/test-runner-commands';
import { LitElement, ReactiveElement } from 'lit';

export interface Stats {
  runs: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Resolves just after the next frame was produced: a task queued from requestAnimationFrame runs after that frame's paint. */
export const nextPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
/**
 * The next task, after every pending microtask. Not setTimeout: nested timers are clamped to
 * 4 ms, which would add up to more than the work measured.
 */
export const macrotask = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

/** Every node below `root`, crossing into open shadow roots (the composed tree, shadow first). */
export function* composedNodes(root: Node): Generator<Node> {
  yield root;
  if (root instanceof Element && root.shadowRoot) yield* composedNodes(root.shadowRoot);
  for (let child = root.firstChild; child; child = child.nextSibling) yield* composedNodes(child);
}

export const litElementsIn = (root: Node) => [...composedNodes(root)].filter((n): n is ReactiveElement => n instanceof ReactiveElement);

/**
 * Waits until `root` and every reactive element nested in it (through shadow roots) has no update
 * pending, including elements that appeared while waiting. Microtasks only: adapter calls of the
 * simulated contact center at latency 0 settle within them.
 */
export async function settled(root: Node, maxRounds = 50): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    const elements = litElementsIn(root);
    await Promise.all(elements.map((el) => el.updateComplete));
    await macrotask();
    const after = litElementsIn(root);
    if (after.length === elements.length && after.every((el) => !el.isUpdatePending)) return;
  }
  throw new Error('settled(): elements kept updating');
}

export interface RenderRecord {
  element: ReactiveElement;
  start: number;
  end: number;
}

/**
 * Records every lit render (LitElement.update) with its element and time span while `recording`.
 * Elements that override update() still reach this one through super.update().
 */
export class RenderLog {
  recording = false;
  records: RenderRecord[] = [];
  readonly #original = LitElement.prototype['update'];

  constructor() {
    const original = this.#original;
    const record = (element: LitElement, start: number) => {
      if (this.recording) this.records.push({ element, start, end: performance.now() });
    };
    Object.defineProperty(LitElement.prototype, 'update', {
      configurable: true,
      writable: true,
      value: function update(this: LitElement, changed: Map<PropertyKey, unknown>) {
        const start = performance.now();
        try {
          return original.call(this, changed);
        } finally {
          record(this, start);
        }
      },
    });
  }

  start(): void {
    this.records = [];
    this.recording = true;
  }

  stop(): RenderRecord[] {
    this.recording = false;
    return this.records;
  }

  restore(): void {
    Object.defineProperty(LitElement.prototype, 'update', { configurable: true, writable: true, value: this.#original });
  }
}

export interface MemoryReading {
  heapUsed: number;
  heapTotal: number;
  jsEventListeners: number | null;
  nodes: number | null;
  documents: number | null;
  layoutObjects: number | null;
}

/** Heap after two full GCs, and the renderer's counts of listeners and nodes (CDP, bench/cdp-plugin.mjs). */
export const memory = () => executeServerCommand<MemoryReading, undefined>('bench-memory');

/** Writes `bench/<name>.json`. */
export const writeResult = (name: string, result: unknown) =>
  writeFile({ path: `${name}.json`, content: `${JSON.stringify({ ...(result as object), measuredAt: new Date().toISOString() }, null, 2)}\n` });

/** True in a smoke run (`BENCH_QUICK=1`, bench/wtr-bench.config.mjs): few repetitions, figures meaningless. */
export const quick = (globalThis as { benchQuick?: boolean }).benchQuick === true;
