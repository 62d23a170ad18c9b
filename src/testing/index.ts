/**
 * `callback-elements/testing`: the contract suites every adapter in this package passes, for an
 * adapter written elsewhere to be proved the same way. Runner-agnostic: give a suite your runner's
 * `describe`, `it`, `beforeEach`, `afterEach` and a chai-style `expect` ({@link TestRunner}), or get
 * its tests as data with {@link contractCases}. See docs/write-an-adapter.md.
 *
 * ```ts
 * import { expect } from 'chai';
 * import { runCallbackContract, runLinkedContract } from 'callback-elements/testing';
 *
 * const runner = { describe, it, beforeEach, afterEach, expect };
 * runCallbackContract(runner, 'my adapter', () => makeMyCallbackHarness());
 * runLinkedContract(runner, 'my adapter + my phone', () => makeMyLinkedHarness());
 * ```
 *
 * Registers nothing and imports no test runner or assertion library.
 */
export type { CallbackHarness, CallbackHarnessConfig, ContractHarness, DirectoryHarness, FarEnd, HarnessOfferOptions, TelephonyHarness } from './harness.js';
export { runCallbackContract, type MakeCallbackHarness } from './callback-contract.js';
export { runTelephonyContract, type MakeTelephonyHarness } from './telephony-contract.js';
export { runDirectoryContract, type MakeDirectoryHarness } from './directory-contract.js';
export { runLinkedContract, type LinkedHarness, type MakeLinkedHarness } from './linked-contract.js';
export {
  contractCases,
  suiteApi,
  type ContractAssertion,
  type ContractCase,
  type ContractDeep,
  type ContractExpect,
  type ContractInclude,
  type ContractLength,
  type ContractOutcome,
  type SuiteApi,
  type TestRunner,
} from './runner.js';
export { lastFor, recordEmitted, rejectionOf, waitUntil } from './helpers.js';
