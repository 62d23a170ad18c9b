import { expect } from '@open-wc/testing';
import { GenesysCloudTelephonyAdapter } from '../../src/adapters/genesys-cloud/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { waitFor } from '../helpers/wait.js';
import { runTelephonyContract } from './contract/telephony-contract.js';
import type { FarEnd, TelephonyHarness } from './contract/harness.js';
import { cloudUrl, control, freshAgent, freshNumber, ringClock, route } from './genesys-cloud-harness.js';

/** The contract server's far ends by number (tests/genesys-cloud-server/server.mjs NUMBERS). */
const BUSY = '+12025550186';
const NO_ANSWER = '+12025550187';
const DECLINES = '+12025550188';
const RING_MS = 150;

async function cloudTelephonyHarness(): Promise<TelephonyHarness> {
  const url = await cloudUrl();
  const userId = freshAgent();
  // Rings wait for the test to run their clock (advance), so a ringing call stays ringing.
  await control('config', { autoRing: false, ringMs: RING_MS });
  await control('time', {});
  const adapter = new GenesysCloudTelephonyAdapter({ baseUrl: url, userId, accessToken: () => `user:${userId}`, timeoutMs: 1_500, backoffMs: 20 });
  await adapter.register();
  const clock = ringClock(adapter.session, userId);
  return {
    adapter,
    numbers: { answers: freshNumber(), busy: BUSY, noAnswer: NO_ANSWER, invalid: '+1555' },
    targets: {
      answers: { kind: 'contact', id: 'ext-oscar', name: 'Oscar Diaz', address: '+34911234567' },
      declines: { kind: 'contact', id: 'ext-declines', name: 'Nobody Home', address: DECLINES },
    },
    maxRingMs: RING_MS * 3,
    now: () => Date.now(),
    advance: (ms) => clock.advance(ms),
    async ringIn(): Promise<CallInfo> {
      const { conversationId } = await route(userId, { media: 'call' });
      return waitFor('the ringing call', () => adapter.getCall(conversationId)?.state === 'ringing' && adapter.getCall(conversationId));
    },
    async hangUpRemotely(callId) {
      await control(`hangup/${callId}`);
      await clock.sync();
    },
    async farEnd(callId): Promise<FarEnd> {
      await clock.sync();
      return control<FarEnd>(`far-end/${callId.replace('~', '/')}`);
    },
    async dispose() {
      adapter.dispose();
      adapter.session.stop();
      await control('config', { autoRing: true });
    },
  };
}

runTelephonyContract('GenesysCloudTelephonyAdapter (contract server over HTTP and WebSocket)', cloudTelephonyHarness);

describe('GenesysCloudTelephonyAdapter: a shift of calls', () => {
  it('forgets an ended call a while after it ended', async () => {
    const url = await cloudUrl();
    const userId = freshAgent();
    const clock = new ManualClock(Date.now());
    const adapter = new GenesysCloudTelephonyAdapter({ baseUrl: url, userId, accessToken: () => `user:${userId}`, clock, timeoutMs: 1_500 });
    try {
      await adapter.register();
      const { conversationId } = await route(userId, { media: 'call' });
      await waitFor('the ringing call', () => adapter.getCall(conversationId)?.state === 'ringing');
      await adapter.decline(conversationId);
      expect(adapter.getCall(conversationId)?.state).to.equal('ended');
      clock.advance(14 * 60_000);
      const second = await route(userId, { media: 'call' });
      await waitFor('the second call', () => adapter.getCall(second.conversationId));
      expect(adapter.getCall(conversationId)?.state, 'kept for a while').to.equal('ended');
      clock.advance(2 * 60_000);
      await control(`hangup/${second.conversationId}`);
      await waitFor('the second call to end', () => adapter.getCall(second.conversationId)?.state === 'ended');
      expect(adapter.getCall(conversationId), 'forgotten after 15 minutes').to.equal(undefined);
    } finally {
      adapter.dispose();
      adapter.session.stop();
    }
  });
});
