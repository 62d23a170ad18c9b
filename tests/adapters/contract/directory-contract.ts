// The suite ships in src/testing (`callback-elements/testing`); the adapter tests run it on mocha.
import { runDirectoryContract as shipped, type MakeDirectoryHarness } from '../../../src/testing/index.js';
import { mochaRunner } from './runner.js';

export type { MakeDirectoryHarness };

export function runDirectoryContract(name: string, makeHarness: MakeDirectoryHarness): void {
  shipped(mochaRunner, name, makeHarness);
}
