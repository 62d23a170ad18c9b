import { SAMPLE_NUMBERS } from '../../src/adapters/simulated/directory-data.js';
import { DIAL_TIMING } from '../../src/adapters/simulated/behaviour.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { simulated } from './simulated-harness.js';

// The simulated contact center alone: it is both the callback adapter and the phone.
runLinkedContract('SimulatedContactCenter alone', () => {
  const { cc, clock, advance } = simulated();
  return {
    callbacks: cc,
    telephony: cc,
    phone: cc,
    answers: SAMPLE_NUMBERS.answers,
    maxRingMs: DIAL_TIMING.noAnswerAfterMs + 1_000,
    now: () => clock.now(),
    advance,
    offerVoice: async () => cc.offer('immediate'),
    offerWeb: async () => cc.offer('web-callback'),
    hangUpRemotely: async (callId) => cc.hangUpRemotely(callId),
    dispose: () => cc.dispose(),
  };
});
