// The agent answers a call and holds it at once, while the caller's ACK of the answer is still on
// its way (a busy machine, a slow network). RFC 3261 §14.1: no new INVITE transaction while one
// is in progress, and the answer's transaction lasts until its ACK. sip.js sends the hold re-INVITE
// anyway and, when the ACK then arrives with its dialog waiting for the hold's answer, ends the
// call ("Invalid signaling state HaveLocalOffer", BYE). The adapter waits for the ACK first.
//
// The delay is made certain, not left to timing: a WebSocket wrapper (tests/helpers/sip-wire.ts) holds the caller's first ACK
// for ACK_DELAY_MS before handing it to the socket, against the tests' real Kamailio (tests/sip/).
import { expect } from '@open-wc/testing';
import { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { requireLoopbackOnly, type SipEnv } from '../helpers/sip-env.js';
import { SipPeer } from '../helpers/sip-peer.js';
import { SipWire } from '../helpers/sip-wire.js';
import { sleep, waitFor } from '../helpers/wait.js';

const ACK_DELAY_MS = 1_500;
describe('sip.js adapter: an answer not yet acknowledged (real Kamailio)', function () {
  this.timeout(40_000);
  let env: SipEnv;
  let wire: SipWire | undefined;
  let customer: SipPeer | undefined;
  let adapter: SipTelephonyAdapter | undefined;

  before(async () => {
    env = await requireLoopbackOnly();
  });

  afterEach(async () => {
    await adapter?.dispose();
    await SipPeer.stopAll([customer]);
    wire?.uninstall();
    adapter = customer = wire = undefined;
  });

  it('a hold made before the caller’s ACK arrives waits for it: the call is held, not ended', async () => {
    const user = `+1202555${String(Date.now()).slice(-4)}`;
    wire = new SipWire().install();
    // The caller's first ACK (of the agent's answer) is held back.
    let delayed = 0;
    wire.delay = (message) => {
      if (delayed || !message.startsWith('ACK ') || !/^From:.*/im.exec(message)?.[0].includes(user)) return undefined;
      delayed++;
      return ACK_DELAY_MS;
    };
    customer = await SipPeer.start({ user, tone: 440 });
    const agentUser = `agent-ack-${Date.now().toString(36)}`;
    adapter = new SipTelephonyAdapter({ servers: [env.wsServer], aor: `sip:${agentUser}@${env.domain}`, requestTimeoutMs: 10_000 });
    await adapter.register();
    const calls: CallInfo[] = [];
    adapter.onCall((call) => calls.push(call));

    const far = await customer.call(agentUser);
    await waitFor('the call rings at the agent', () => calls.some((c) => c.state === 'ringing'));
    const callId = calls[0]!.id;
    await adapter.answer(callId);
    const held = await adapter.hold(callId);

    expect(delayed, 'the caller’s ACK was held back').to.equal(1);
    expect(held.state).to.equal('held');
    await waitFor('the caller hears the hold', () => far.isHeldByRemote());
    // Long enough for a BYE sent when the late ACK arrived to have ended the call.
    await sleep(1_000);
    expect(adapter.getCall(callId)?.state, 'the call is still up').to.equal('held');
    expect(far.state).to.equal('Established');
    expect(wire.sent.some((m) => m.startsWith('BYE ')), 'no BYE on the wire').to.equal(false);
    const invites = wire.sent.filter((m) => m.startsWith('INVITE ') && !/^From:.*/im.exec(m)?.[0].includes(user));
    const ack = wire.sent.findIndex((m) => m.startsWith('ACK ') && /^From:.*/im.exec(m)?.[0].includes(user));
    expect(invites.length, 'one re-INVITE from the agent').to.equal(1);
    expect(wire.sent.indexOf(invites[0]!), 'the hold re-INVITE left after the ACK').to.be.greaterThan(ack);

    await adapter.resume(callId);
    await waitFor('the caller hears the agent again', () => !far.isHeldByRemote());
  });
});
