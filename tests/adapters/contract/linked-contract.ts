// The suite ships in src/testing (`callback-elements/testing`); the adapter tests run it on mocha.
import { runLinkedContract as shipped, type LinkedHarness, type MakeLinkedHarness } from '../../../src/testing/index.js';
import { mochaRunner } from './runner.js';

export type { LinkedHarness, MakeLinkedHarness };

export function runLinkedContract(name: string, makeHarness: MakeLinkedHarness): void {
  shipped(mochaRunner, name, makeHarness);
}
