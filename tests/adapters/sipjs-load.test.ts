import { expect } from '@open-wc/testing';
import { importSip, type SipModule } from '../../src/adapters/sipjs/connection.js';
import { AdapterError } from '../../src/adapters/errors.js';
import { rejectionOf } from '../helpers/wait.js';

/** sip.js is an optional peer dependency (issue 19): without it, the SIP adapters say so. */
describe('loading sip.js', () => {
  const failing = (message: string) => () => Promise.reject(new TypeError(message)) as Promise<SipModule>;

  for (const [engine, message] of [
    ['Chromium', 'Failed to resolve module specifier "sip.js". Relative references must start with either "/", "./", or "../".'],
    ['Firefox', 'The specifier “sip.js” was a bare specifier, but was not remapped to anything.'],
    ['WebKit', "Module name, 'sip.js' does not resolve to a valid URL."],
    ['Node and bundlers', "Cannot find module 'sip.js'"],
  ] as const) {
    it(`not installed (${engine}): an AdapterError 'not-supported' that names the missing package`, async () => {
      const error = await rejectionOf(importSip(failing(message)), 'not-supported');
      expect(error.message).to.contain('npm install sip.js');
      expect(error.retryable).to.equal(false);
    });
  }

  it('a chunk that could not be fetched is the network, to try again', async () => {
    const error = await rejectionOf(importSip(failing('Failed to fetch dynamically imported module: http://127.0.0.1/chunks/sip-js-1.js')), 'network');
    expect(error.retryable).to.equal(true);
    expect(error).to.be.instanceOf(AdapterError);
  });

  it('installed: the module itself', async () => {
    const module = await importSip(() => import('sip.js'));
    expect(typeof module.UserAgent).to.equal('function');
  });
});
