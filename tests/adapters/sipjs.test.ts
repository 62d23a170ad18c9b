import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { runTelephonyContract } from './contract/telephony-contract.js';
import { makeSipHarness } from './sipjs-harness.js';

describe('SipTelephonyAdapter against Kamailio', function () {
  // Real SIP and WebRTC over loopback: calls take tens of milliseconds, tone checks up to 3 s.
  this.timeout(30_000);

  before(async () => {
    await requireLoopbackOnly();
  });

  runTelephonyContract('sip.js + Kamailio', () => makeSipHarness());
});
