// The suite ships in src/testing (`callback-elements/testing`); the adapter tests run it on mocha.
import { runCallbackContract as shipped, type MakeCallbackHarness } from '../../../src/testing/index.js';
import { mochaRunner } from './runner.js';

export type { MakeCallbackHarness };

export function runCallbackContract(name: string, makeHarness: MakeCallbackHarness): void {
  shipped(mochaRunner, name, makeHarness);
}
