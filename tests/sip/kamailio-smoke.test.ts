// Proves the real-SIP test infrastructure with SipPeers only (no project code): the tests' Kamailio
// (tests/sip/kamailio.cfg) over WebSocket, real WebRTC audio over loopback between sip.js peers.
import { expect } from '@open-wc/testing';
import { requireLoopbackOnly, sipControl } from '../helpers/sip-env.js';
import { SipCallFailed, SipPeer, type PeerSession, type SipPeerOptions } from '../helpers/sip-peer.js';
import { sleep } from '../helpers/wait.js';

const ALICE = '+15550100';
const BOB = '+15550101';
const CAROL = '+15550102';
const ALICE_TONE = 440;
const BOB_TONE = 660;
const CAROL_TONE = 880;

async function failureOf(promise: Promise<unknown>): Promise<SipCallFailed> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SipCallFailed) return error;
    throw error;
  }
  throw new Error('expected the SIP request to fail');
}

describe('real SIP infrastructure: Kamailio + sip.js peers over loopback', function () {
  this.timeout(20_000);
  let peers: SipPeer[] = [];

  async function peer(options: SipPeerOptions): Promise<SipPeer> {
    const started = await SipPeer.start(options);
    peers.push(started);
    return started;
  }

  /** caller calls callee; resolves once both sides are up. */
  async function connect(caller: SipPeer, callee: SipPeer, headers: string[] = []): Promise<[PeerSession, PeerSession]> {
    const outgoing = await caller.call(callee.user, { headers });
    const incoming = await callee.nextSession();
    await Promise.all([outgoing.established, incoming.established]);
    return [outgoing, incoming];
  }

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await SipPeer.stopAll(peers);
    peers = [];
  });

  it('registers E.164 users and routes a call between them', async () => {
    const alice = await peer({ user: ALICE });
    const bob = await peer({ user: BOB });
    expect(alice.registered).to.equal(true);
    expect(bob.registered).to.equal(true);
    const [out, inc] = await connect(alice, bob);
    expect(inc.remoteIdentity).to.equal(ALICE);
    expect(out.remoteIdentity).to.equal(BOB);
    expect(inc.receivedAt! - out.sentAt!).to.be.within(0, 2000);
    await out.hangUp();
    await Promise.all([out.ended, inc.ended]);
  });

  it('carries a custom header to the callee; media flows both ways and each side hears the other tone', async () => {
    const alice = await peer({ user: ALICE, displayName: 'Ana', tone: ALICE_TONE });
    const bob = await peer({ user: BOB, tone: BOB_TONE });
    const [out, inc] = await connect(alice, bob, ['X-Genesys-Customer-Name: Ana']);
    expect(inc.header('X-Genesys-Customer-Name')).to.equal('Ana');
    expect(inc.header('X-Not-Sent')).to.equal(undefined);

    expect(await out.receivesMedia()).to.equal(true);
    expect(await inc.receivesMedia()).to.equal(true);
    expect(await inc.hearsTone(ALICE_TONE)).to.equal(true, 'Bob hears Alice');
    expect(await out.hearsTone(BOB_TONE)).to.equal(true, 'Alice hears Bob');
    // Not just any energy: Bob does not hear his own tone nor an unrelated one.
    expect(await inc.hearsTone(BOB_TONE, { timeoutMs: 600 })).to.equal(false);
    expect(await inc.hearsTone(1000, { timeoutMs: 600 })).to.equal(false);
  });

  it('hold by re-INVITE shows on the far side, and resume restores two-way audio', async () => {
    const alice = await peer({ user: ALICE, tone: ALICE_TONE });
    const bob = await peer({ user: BOB, tone: BOB_TONE });
    const [out, inc] = await connect(alice, bob);
    expect(inc.remoteDirection()).to.equal('sendrecv');
    expect(inc.isHeldByRemote()).to.equal(false);

    await out.hold();
    expect(out.remoteDirection()).to.equal('sendonly');
    expect(inc.remoteDirection()).to.equal('recvonly');
    expect(inc.isHeldByRemote()).to.equal(true);
    expect(out.isHeldByRemote()).to.equal(false);
    // Alice no longer receives Bob's audio.
    await sleep(200);
    const before = await out.bytesReceived();
    await sleep(600);
    expect((await out.bytesReceived()) - before).to.be.below(100);

    await out.unhold();
    expect(inc.remoteDirection()).to.equal('sendrecv');
    expect(inc.isHeldByRemote()).to.equal(false);
    expect(await out.receivesMedia()).to.equal(true);
    expect(await out.hearsTone(BOB_TONE)).to.equal(true);
  });

  it('delivers DTMF sent by SIP INFO (dtmf-relay and dtmf)', async () => {
    const alice = await peer({ user: ALICE });
    const bob = await peer({ user: BOB });
    const [out, inc] = await connect(alice, bob);
    await out.sendDigits('12#');
    await out.sendDigits('*9', { contentType: 'application/dtmf' });
    expect(inc.digits).to.equal('12#*9');
    expect(out.digits).to.equal('');
  });

  it('blind transfer (REFER): the transferee ends up talking to the target, the transferor is out', async () => {
    const alice = await peer({ user: ALICE, tone: ALICE_TONE });
    const bob = await peer({ user: BOB, tone: BOB_TONE });
    const carol = await peer({ user: CAROL, tone: CAROL_TONE });
    const [aliceBob, bobAlice] = await connect(alice, bob);

    expect(await bobAlice.transfer(CAROL)).to.equal(200);
    const carolAlice = await carol.nextSession();
    await carolAlice.established;
    expect(carolAlice.remoteIdentity).to.equal(ALICE);
    expect(aliceBob.transferredTo).to.equal(CAROL);
    const aliceCarol = await aliceBob.referred;
    await aliceCarol.established;
    expect(aliceCarol.referredBy).to.equal(aliceBob);
    await Promise.all([aliceBob.ended, bobAlice.ended]);
    expect(bob.sessions.filter((s) => s.state !== 'Terminated')).to.have.length(0);

    expect(await carolAlice.hearsTone(ALICE_TONE)).to.equal(true);
    expect(await aliceCarol.hearsTone(CAROL_TONE)).to.equal(true);
  });

  it('attended transfer (REFER with Replaces): the target takes over the consultation call', async () => {
    const alice = await peer({ user: ALICE, tone: ALICE_TONE });
    const bob = await peer({ user: BOB, tone: BOB_TONE });
    const carol = await peer({ user: CAROL, tone: CAROL_TONE });
    const [aliceBob, bobAlice] = await connect(alice, bob);
    const [bobCarol, carolBob] = await connect(bob, carol);

    expect(await bobAlice.transfer(bobCarol)).to.equal(200);
    const carolAlice = await carol.nextSession();
    await carolAlice.established;
    expect(carolAlice.replaces).to.equal(carolBob);
    expect(carolBob.replacedBy).to.equal(carolAlice);
    expect(carolAlice.remoteIdentity).to.equal(ALICE);
    expect(aliceBob.transferredTo).to.equal(CAROL);
    await Promise.all([aliceBob.ended, bobAlice.ended, bobCarol.ended, carolBob.ended]);
    const aliceCarol = await aliceBob.referred;
    expect(aliceCarol.state).to.equal('Established');

    expect(await carolAlice.hearsTone(ALICE_TONE)).to.equal(true);
    expect(await aliceCarol.hearsTone(CAROL_TONE)).to.equal(true);
  });

  it('a call to a user who is not registered fails with 404', async () => {
    const alice = await peer({ user: ALICE });
    const call = await alice.call('+15559999');
    const failure = await failureOf(call.established);
    expect(failure.statusCode).to.be.oneOf([404, 480]);
    await call.ended;
  });

  it('a busy peer answers 486, a declining one 603, and behaviour can change between calls', async () => {
    const alice = await peer({ user: ALICE });
    const bob = await peer({ user: BOB, behaviour: 'busy' });
    const first = await alice.call(BOB);
    expect((await failureOf(first.established)).statusCode).to.equal(486);
    bob.behaviour = 'decline';
    const second = await alice.call(BOB);
    expect((await failureOf(second.established)).statusCode).to.equal(603);
    bob.behaviour = 'answer';
    const third = await alice.call(BOB);
    await third.established;
  });

  it('a peer that does not answer keeps ringing until the caller cancels; answerDelayMs delays the answer', async () => {
    const alice = await peer({ user: ALICE });
    const bob = await peer({ user: BOB, behaviour: 'no-answer' });
    const ringing = await alice.call(BOB);
    const ringingAtBob = await bob.nextSession();
    await sleep(300);
    expect(ringing.state).to.equal('Establishing');
    expect(ringingAtBob.state).to.equal('Initial');
    await ringing.hangUp();
    await Promise.all([ringing.ended, ringingAtBob.ended]);
    expect((await failureOf(ringing.established)).statusCode).to.equal(487);

    bob.behaviour = 'answer';
    bob.answerDelayMs = 400;
    const delayed = await alice.call(BOB);
    await delayed.established;
    expect(performance.now() - delayed.sentAt!).to.be.at.least(400);
  });

  it('digest auth on REGISTER: a wrong password is refused, the right one registers', async () => {
    const failure = await failureOf(SipPeer.start({ user: 'auth-zoe', password: 'not-the-secret' }));
    expect(failure.statusCode).to.be.oneOf([401, 403]);
    const noPassword = await failureOf(SipPeer.start({ user: 'auth-zoe' }));
    expect(noPassword.statusCode).to.be.oneOf([401, 403, 407]);
    const zoe = await peer({ user: 'auth-zoe', password: 'secret' });
    expect(zoe.registered).to.equal(true);
    const alice = await peer({ user: ALICE });
    await connect(alice, zoe);
  });

  it('after a Kamailio restart, peers reconnect and register again', async () => {
    const alice = await peer({ user: ALICE });
    await sipControl('restart');
    await alice.reconnect();
    expect(alice.registered).to.equal(true);
    const bob = await peer({ user: BOB });
    const [out] = await connect(bob, alice);
    expect(out.remoteIdentity).to.equal(ALICE);
  });
});
