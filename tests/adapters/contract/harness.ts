// The harness types now ship with the suites (src/testing/harness.ts, `callback-elements/testing`).
export type {
  CallbackHarness,
  CallbackHarnessConfig,
  ContractHarness,
  DirectoryHarness,
  FarEnd,
  HarnessOfferOptions,
  TelephonyHarness,
} from '../../../src/testing/index.js';
