import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { connected } from '../helpers/call-status-fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<call-status> when the phone connection is lost', () => {
  it('says the call was lost, not that the customer hung up, when the adapter ends it with connection-lost', async () => {
    const { cc, el, callId } = await connected();
    // The sip.js adapter ends a call it could not recover after a reconnect with endReason.
    let lost = false;
    el.telephony = new Proxy(cc, {
      get(target, key) {
        if (key === 'getCall') {
          return (id: string): CallInfo | undefined => {
            const call = target.getCall(id);
            return call && lost ? { ...call, endReason: 'connection-lost' } : call;
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part=call-lost]') === null, 'nothing while connected').to.equal(true);
    lost = true;
    await cc.hangUpRemotely(callId);
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part=call-lost]')?.textContent).to.include('connection to the phone system');
    await expect(el).to.be.accessible();
  });
});
