import { expect } from '@open-wc/testing';
import type { TestRunner } from '../../../src/testing/index.js';

/** The shipped contract suites (src/testing, `callback-elements/testing`) run on mocha and @open-wc/testing's chai, as a third party would run them. */
export const mochaRunner: TestRunner = { describe, it, beforeEach, afterEach, expect };
