import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/errors.js';

describe('AdapterError.from', () => {
  it("keeps the code of an AdapterError from another realm (an iframe's copy of the library)", async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const OtherError = (frame.contentWindow as unknown as { Error: ErrorConstructor }).Error;
      const foreign = Object.assign(new OtherError('GMS unreachable'), { name: 'AdapterError', code: 'network', retryable: true, detail: { attempt: 2 } });
      expect(foreign instanceof AdapterError, 'not an instance here').to.equal(false);
      const error = AdapterError.from(foreign);
      expect(error).to.be.instanceOf(AdapterError);
      expect(error.code).to.equal('network');
      expect(error.retryable).to.equal(true);
      expect(error.message).to.equal('GMS unreachable');
      expect(error.detail).to.deep.equal({ attempt: 2 });
    } finally {
      frame.remove();
    }
  });

  it('calls anything else unknown, and an abort aborted; a made-up code is not trusted', () => {
    expect(AdapterError.from(new Error('boom')).code).to.equal('unknown');
    expect(AdapterError.from(new DOMException('stop', 'AbortError')).code).to.equal('aborted');
    expect(AdapterError.from(Object.assign(new Error('x'), { name: 'AdapterError', code: 'rm -rf' })).code).to.equal('unknown');
  });
});
