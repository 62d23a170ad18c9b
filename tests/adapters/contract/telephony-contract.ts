// The suite ships in src/testing (`callback-elements/testing`); the adapter tests run it on mocha.
import { runTelephonyContract as shipped, type MakeTelephonyHarness } from '../../../src/testing/index.js';
import { mochaRunner } from './runner.js';

export type { MakeTelephonyHarness };

export function runTelephonyContract(name: string, makeHarness: MakeTelephonyHarness): void {
  shipped(mochaRunner, name, makeHarness);
}
