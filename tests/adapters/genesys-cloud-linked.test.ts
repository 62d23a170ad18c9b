import { GenesysCloudCallbackAdapter, GenesysCloudSession, GenesysCloudTelephonyAdapter } from '../../src/adapters/genesys-cloud/index.js';
import { waitFor } from '../helpers/wait.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { cloudUrl, control, freshAgent, freshNumber, ringClock, route } from './genesys-cloud-harness.js';

const RING_MS = 150;

runLinkedContract('GenesysCloudCallbackAdapter over GenesysCloudTelephonyAdapter (one session)', async () => {
  const url = await cloudUrl();
  const userId = freshAgent();
  await control('config', { autoRing: false, ringMs: RING_MS });
  await control('time', {});
  const session = new GenesysCloudSession({ baseUrl: url, userId, accessToken: () => `user:${userId}`, timeoutMs: 1_500, backoffMs: 20 });
  const phone = new GenesysCloudTelephonyAdapter({ baseUrl: url, userId, accessToken: () => '', session });
  const callbacks = new GenesysCloudCallbackAdapter({ baseUrl: url, userId, accessToken: () => '', session, telephony: phone });
  await callbacks.connect();
  const clock = ringClock(session, userId);
  const offered = async (media: 'call' | 'callback') => {
    const { conversationId } = await route(userId, { media });
    return waitFor('the offer', () => callbacks.getInteraction(conversationId));
  };
  return {
    callbacks,
    telephony: phone,
    phone,
    answers: freshNumber(),
    maxRingMs: RING_MS * 3,
    now: () => Date.now(),
    advance: (ms) => clock.advance(ms),
    offerVoice: () => offered('call'),
    offerWeb: () => offered('callback'),
    async hangUpRemotely(callId) {
      await control(`hangup/${callId}`);
      await clock.sync();
    },
    async dispose() {
      callbacks.dispose();
      phone.dispose();
      session.stop();
      await control('config', { autoRing: true });
    },
  };
});
