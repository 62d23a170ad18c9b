/**
 * The contract suites do not depend on a test runner. The caller hands over the runner's own
 * `describe`, `it`, `beforeEach`, `afterEach` and a chai-style `expect` (a {@link TestRunner}); the
 * suites register their tests with them. Or the caller asks for the tests as data
 * ({@link contractCases}) and runs them however it likes.
 *
 * Works as is with mocha + chai (and `@open-wc/testing`, `@web/test-runner`), vitest (its `expect`
 * speaks chai), and jest or node:test with chai's `expect`. Two things a runner may not offer:
 * - Skipping at run time (a test for a capability the adapter does not have): mocha's `this.skip()`
 *   and vitest's `context.skip()` are used when present; elsewhere such a test passes without
 *   checking anything.
 * - Timeouts: passed as the last argument of `describe`, `it` and the hooks (vitest, jest), and set
 *   with mocha's `this.timeout()` / `test.timeout()`.
 */

/**
 * The part of a chai `expect` the suites use, and nothing more: `expect(value, message?)` followed by
 * `.to.equal`, `.to.deep.equal`, `.to.include` (arrays, strings, objects: a subset of properties),
 * `.to.include.members`, `.not.to.…`, `.to.be.greaterThan`, `.to.be.lessThan`, `.to.have.length(n)`,
 * `.to.have.length.greaterThan(n)`, `.to.be.a(type)` / `.to.be.an(type)` (then `.with.length…`) and
 * `.to.match(regexp)`. chai's `expect`, and any `expect` built on chai, provides it.
 */
export type ContractExpect = (value: unknown, message?: string) => ContractAssertion;

/** One chai assertion chain, as far as the suites use it (see {@link ContractExpect}). */
export interface ContractAssertion {
  readonly to: ContractAssertion;
  readonly be: ContractAssertion;
  readonly have: ContractAssertion;
  readonly with: ContractAssertion;
  readonly not: ContractAssertion;
  readonly deep: ContractDeep;
  readonly include: ContractInclude;
  readonly length: ContractLength;
  equal(expected: unknown, message?: string): unknown;
  greaterThan(value: number, message?: string): unknown;
  lessThan(value: number, message?: string): unknown;
  a(type: string, message?: string): ContractAssertion;
  an(type: string, message?: string): ContractAssertion;
  match(pattern: RegExp, message?: string): unknown;
}

export interface ContractDeep {
  equal(expected: unknown, message?: string): unknown;
}

export interface ContractInclude {
  (expected: unknown, message?: string): unknown;
  members(expected: readonly unknown[], message?: string): unknown;
}

export interface ContractLength {
  (length: number, message?: string): unknown;
  greaterThan(value: number, message?: string): unknown;
}

/**
 * The test runner's functions, as the caller's runner names them. With mocha (and
 * `@open-wc/testing`): `{ describe, it, beforeEach, afterEach, expect }`, the first four being
 * mocha's globals. The suites call them while they are defined, as a test file's top level does.
 */
export interface TestRunner {
  describe(title: string, body: () => void): unknown;
  it(title: string, body: () => Promise<void>): unknown;
  beforeEach(body: () => Promise<void>): unknown;
  afterEach(body: () => Promise<void>): unknown;
  expect: ContractExpect;
}

/** What the suites use to define their tests: the runner's functions, made uniform. */
export interface SuiteApi {
  describe(title: string, body: () => void, options?: { timeoutMs?: number }): void;
  it(title: string, body: () => Promise<void>, options?: { timeoutMs?: number }): void;
  beforeEach(body: () => Promise<void>): void;
  afterEach(body: () => Promise<void>): void;
  expect: ContractExpect;
  /** Ends the running test as skipped (the adapter lacks what it checks); returns only by throwing. */
  skip(reason: string): never;
}

/** Thrown by `skip()`; the wrapper around each test turns it into the runner's own skip. */
class ContractSkip extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ContractSkip';
  }
}

type Loose = (...args: unknown[]) => unknown;
type Skippable = { skip(note?: string): unknown };
const hasFunction = <K extends string>(value: unknown, key: K): value is Record<K, Loose> =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'function';

/** The runner's functions made uniform: timeouts and run-time skips, whatever the runner. */
export function suiteApi(runner: TestRunner): SuiteApi {
  const describe = runner.describe as unknown as Loose;
  const it = runner.it as unknown as Loose;
  const beforeEach = runner.beforeEach as unknown as Loose;
  const afterEach = runner.afterEach as unknown as Loose;
  /** The timeout of the `describe` being defined, for the tests and hooks inside it. */
  let inherited: number | undefined;
  const withTimeout = (ms: number | undefined) => (ms === undefined ? [] : [ms]);
  return {
    expect: runner.expect,
    skip(reason: string): never {
      throw new ContractSkip(reason);
    },
    describe(title, body, options = {}) {
      const ms = options.timeoutMs ?? inherited;
      describe(
        title,
        function (this: unknown) {
          // mocha: the suite's timeout, which its hooks and tests take.
          if (options.timeoutMs !== undefined && hasFunction(this, 'timeout')) this.timeout(options.timeoutMs);
          const outer = inherited;
          inherited = ms;
          try {
            body();
          } finally {
            inherited = outer;
          }
        },
        ...withTimeout(options.timeoutMs),
      );
    },
    it(title, body, options = {}) {
      const ms = options.timeoutMs ?? inherited;
      // A plain function: mocha passes its context as `this`, vitest its test context as the first
      // argument; no declared parameter, so mocha does not wait for a `done` callback.
      const test = it(
        title,
        function (this: unknown, ...args: unknown[]) {
          const contexts = [this, args[0]];
          return body().catch((error: unknown) => {
            if (!(error instanceof ContractSkip)) throw error;
            const runner = contexts.find((context): context is Skippable => hasFunction(context, 'skip'));
            // mocha's skip() and vitest's throw their own marker; a runner without one passes the test.
            runner?.skip(error.message);
          });
        },
        ...withTimeout(ms),
      );
      if (options.timeoutMs !== undefined && hasFunction(test, 'timeout')) test.timeout(options.timeoutMs);
    },
    beforeEach(body) {
      beforeEach(() => body(), ...withTimeout(inherited));
    },
    afterEach(body) {
      afterEach(() => body(), ...withTimeout(inherited));
    },
  };
}

/** How one test of a suite ended when run as data. */
export type ContractOutcome = 'passed' | 'skipped';

/** One test of a contract suite, as data (see {@link contractCases}). */
export interface ContractCase {
  /** The titles of the `describe` blocks around it, outermost first. */
  readonly path: readonly string[];
  readonly title: string;
  /** `path` and `title`, joined by spaces, as mocha prints a test's full title. */
  readonly fullTitle: string;
  /** The time it may take (hooks included), when the suite sets one; else the runner's default. */
  readonly timeoutMs?: number;
  /**
   * Runs the test with its `beforeEach` hooks before and its `afterEach` hooks after (these also
   * when the test fails). Resolves with how it ended; rejects with the failure.
   */
  run(): Promise<ContractOutcome>;
}

interface Block {
  title: string;
  parent?: Block;
  timeoutMs?: number;
  before: (() => Promise<void>)[];
  after: (() => Promise<void>)[];
}

const numberIn = (args: unknown[]): number | undefined => args.find((arg): arg is number => typeof arg === 'number');

/**
 * The tests a suite defines, as data, for a runner the suites cannot drive directly (or none):
 *
 * ```ts
 * const cases = contractCases(expect, (runner) => runCallbackContract(runner, 'mine', makeHarness));
 * for (const c of cases) console.log(c.fullTitle, await c.run());
 * ```
 *
 * Each case runs on its own: its hooks make (and dispose of) the harness it needs.
 */
export function contractCases(expect: ContractExpect, define: (runner: TestRunner) => void): ContractCase[] {
  const cases: ContractCase[] = [];
  const root: Block = { title: '', before: [], after: [] };
  let current = root;
  const runner = {
    expect,
    describe(title: string, body: () => void, ...rest: unknown[]) {
      const block: Block = { title, parent: current, timeoutMs: numberIn(rest) ?? current.timeoutMs, before: [], after: [] };
      const outer = current;
      current = block;
      try {
        body.call(undefined);
      } finally {
        current = outer;
      }
    },
    it(title: string, body: (this: unknown, context: Skippable) => Promise<void>, ...rest: unknown[]) {
      const chain: Block[] = [];
      for (let block: Block | undefined = current; block && block !== root; block = block.parent) chain.unshift(block);
      const path = chain.map((block) => block.title);
      const timeoutMs = numberIn(rest) ?? current.timeoutMs;
      cases.push({
        path,
        title,
        fullTitle: [...path, title].join(' '),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        run: () => runCase([root, ...chain], body),
      });
    },
    beforeEach(body: () => Promise<void>) {
      current.before.push(body);
    },
    afterEach(body: () => Promise<void>) {
      current.after.push(body);
    },
  };
  define(runner);
  return cases;
}

const skipped = Symbol('skipped');

async function runCase(chain: readonly Block[], body: (this: unknown, context: Skippable) => Promise<void>): Promise<ContractOutcome> {
  const context: Skippable = {
    skip() {
      throw skipped;
    },
  };
  /** The blocks whose `beforeEach` hooks all ran: their `afterEach` hooks run, innermost first. */
  const entered: Block[] = [];
  let failure: { error: unknown } | undefined;
  let outcome: ContractOutcome = 'passed';
  try {
    for (const block of chain) {
      for (const hook of block.before) await hook();
      entered.push(block);
    }
    await body.call(undefined, context);
  } catch (error) {
    if (error === skipped) outcome = 'skipped';
    else failure = { error };
  }
  for (const block of entered.reverse()) {
    for (const hook of block.after) {
      try {
        await hook();
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  if (failure) throw failure.error;
  return outcome;
}
