import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/model/clock.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { waitFor } from '../helpers/wait.js';
import { makeSipHarness, type SipHarness } from './sipjs-harness.js';

const MINUTE = 60_000;

/**
 * A shift of hundreds of calls (issue 15): the sip.js adapter keeps an ended call readable
 * (`getCall`: a window still showing it, a late event) for a grace period of 15 minutes, then
 * forgets it with its session. Real calls through the tests' Kamailio; the adapter's clock is a
 * ManualClock, so the grace period passes at once. A new call is the activity that sweeps.
 */
describe('SipTelephonyAdapter forgets ended calls after a grace period', function () {
  this.timeout(30_000);
  let h: SipHarness | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  async function answeredCall(harness: SipHarness) {
    const call = await harness.adapter.dial({ number: harness.numbers.answers });
    await waitFor('the call answered', () => harness.adapter.getCall(call.id)?.state === 'connected');
    return call;
  }

  async function hungUp(harness: SipHarness, id: string) {
    await harness.adapter.hangUp(id);
    await waitFor('the call ended', () => harness.adapter.getCall(id)?.state === 'ended');
  }

  it('an ended call is readable for 15 minutes after it ended, then forgotten; a later one is not', async () => {
    const clock = new ManualClock(Date.now());
    const harness = (h = await makeSipHarness({ clock }));
    if (harness.adapter.status() !== 'registered') await harness.adapter.register();

    const first = await answeredCall(harness);
    await hungUp(harness, first.id);

    clock.advance(14 * MINUTE);
    const second = await answeredCall(harness);
    expect(harness.adapter.getCall(first.id)?.state, 'within the grace period').to.equal('ended');
    await hungUp(harness, second.id);

    clock.advance(2 * MINUTE);
    const third = await answeredCall(harness);
    expect(harness.adapter.getCall(first.id), '16 minutes after it ended').to.equal(undefined);
    expect(harness.adapter.getCall(second.id)?.state, '2 minutes after it ended').to.equal('ended');
    await hungUp(harness, third.id);
  });
});
