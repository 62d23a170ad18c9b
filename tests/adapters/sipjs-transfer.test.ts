import { expect, waitUntil } from '@open-wc/testing';
import { isAdapterError } from '../../src/adapters/errors.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { makeSipHarness, type SipHarness } from './sipjs-harness.js';

describe('SipTelephonyAdapter: a transfer that fails keeps the call (real Kamailio)', function () {
  this.timeout(20_000);
  let h: SipHarness | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('blind transfer to someone who declines: the NOTIFY reports it, the call stays connected and audible', async () => {
    h = await makeSipHarness();
    await h.adapter.register();
    const call = await h.adapter.dial({ number: h.numbers.answers });
    await waitUntil(() => h!.adapter.getCall(call.id)?.state === 'connected', 'connected', { timeout: 5_000 });
    const far = h.farSession(call.id)!;
    let error: unknown;
    try {
      await h.adapter.blindTransfer(call.id, h.targets.declines);
    } catch (e) {
      error = e;
    }
    expect(isAdapterError(error, 'target-declined'), String(error)).to.equal(true);
    expect(h.adapter.getCall(call.id)?.state).to.equal('connected');
    expect(far.state).to.equal('Established');
    expect(await far.receivesMedia(), 'the customer still hears the agent').to.equal(true);
    expect(far.transferredTo === undefined || far.referredSession?.state !== 'Established').to.equal(true);
  });

  it('blind transfer to a busy line reports target-busy and keeps the call', async () => {
    h = await makeSipHarness();
    await h.adapter.register();
    const call = await h.adapter.dial({ number: h.numbers.answers });
    await waitUntil(() => h!.adapter.getCall(call.id)?.state === 'connected', 'connected', { timeout: 5_000 });
    let error: unknown;
    try {
      await h.adapter.blindTransfer(call.id, { kind: 'agent', id: 'busy', name: 'Busy agent', address: h.numbers.busy });
    } catch (e) {
      error = e;
    }
    expect(isAdapterError(error, 'target-busy'), String(error)).to.equal(true);
    expect(h.adapter.getCall(call.id)?.state).to.equal('connected');
  });
});
