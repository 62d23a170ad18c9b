// The sip.js adapter's re-INVITE and REFER waits on a ManualClock (pure: fake sessions, no SIP):
// every wait and timeout moves only with the clock, at the times RFC 3261 and the adapter give.
// The same waits against real Kamailio and real sip.js peers: tests/adapters/sipjs-glare.test.ts.
import { expect } from '@open-wc/testing';
import type { Session } from 'sip.js';
import { AdapterError } from '../../src/adapters/errors.js';
import { glareWaitMs, Reinvites, request, type ReinviteCall, type RequestDelegate } from '../../src/adapters/sipjs/reinvite.js';
import { Transfers, type TransferCall } from '../../src/adapters/sipjs/refer.js';
import { ManualClock } from '../../src/model/clock.js';
import { macrotask } from '../helpers/wait.js';

const TARGET = { kind: 'agent', id: 'sup', name: 'Supervisor' } as const;

/** How a promise settled so far: 'pending', 'resolved' or the rejection's AdapterError code. */
function watch(promise: Promise<unknown>): () => string {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    (error: unknown) => (state = error instanceof AdapterError ? error.code : String(error)),
  );
  return () => state;
}

/** A session whose re-INVITEs are answered with `statuses` in turn (200: accepted). */
function reinviteSession(statuses: number[]): { session: Session; invites: number } {
  const fake = {
    invites: 0,
    session: {
      sessionDescriptionHandlerOptionsReInvite: {},
      invite: ({ requestDelegate }: { requestDelegate: RequestDelegate }) => {
        const status = statuses[fake.invites++] ?? 200;
        queueMicrotask(() => (status === 200 ? requestDelegate.onAccept() : requestDelegate.onReject({ message: { statusCode: status, reasonPhrase: 'Request Pending' } })));
        return Promise.resolve();
      },
    } as unknown as Session,
  };
  return fake;
}

function reinvites(clock: ManualClock): Reinvites<ReinviteCall> {
  return new Reinvites<ReinviteCall>({
    clock,
    requestTimeoutMs: 5_000,
    terminated: () => false,
    ended: () => Promise.resolve(),
    endedError: () => new AdapterError('invalid-state', 'The call ended.'),
  });
}

describe('sip.js adapter: re-INVITE waits on the clock (pure)', () => {
  it('the 491 back-off is 2.1–4 s for the Call-ID owner and 0–2 s for the other (RFC 3261 §14.1)', () => {
    expect(glareWaitMs(true, () => 0)).to.equal(2_100);
    expect(glareWaitMs(true, () => 0.999_999)).to.be.below(4_000).and.above(3_999);
    expect(glareWaitMs(false, () => 0)).to.equal(0);
    expect(glareWaitMs(false, () => 0.999_999)).to.be.below(2_000).and.above(1_999);
    for (let i = 0; i < 200; i++) {
      expect(glareWaitMs(true)).to.be.at.least(2_100).and.below(4_000);
      expect(glareWaitMs(false)).to.be.at.least(0).and.below(2_000);
    }
  });

  it('a request times out after its timeout of clock time, not before; an answer clears its timer', async () => {
    const clock = new ManualClock(0);
    const silent = watch(request(clock, 5_000, () => Promise.resolve()));
    clock.advance(4_999);
    await macrotask();
    expect(silent()).to.equal('pending');
    clock.advance(1);
    await macrotask();
    expect(silent()).to.equal('timeout');

    const pending = request(clock, 5_000, (delegate) => (queueMicrotask(() => delegate.onReject({ message: { statusCode: 491 } })), Promise.resolve()), [491]);
    expect(await pending).to.equal(491);
    const refused = watch(request(clock, 5_000, (delegate) => (queueMicrotask(() => delegate.onReject({ message: { statusCode: 481 } })), Promise.resolve())));
    await macrotask();
    expect(refused()).to.equal('invalid-state');
    expect(clock.pendingTimers, 'timers left').to.equal(0);
  });

  for (const owns of [true, false]) {
    it(`after a 491 the re-INVITE is sent again only once the clock has run the back-off (${owns ? 'owner: 2.1–4 s' : 'not owner: 0–2 s'})`, async () => {
      const clock = new ManualClock(0);
      const fake = reinviteSession([491, 491]);
      const call = { info: { state: 'connected' as const }, session: fake.session, ownsCallId: owns };
      const held = watch(reinvites(clock).send(call, true));
      await macrotask();
      expect(fake.invites, 'first re-INVITE').to.equal(1);
      const [min, max] = owns ? [2_100, 4_000] : [0, 2_000];
      for (const retry of [2, 3]) {
        if (min > 0) {
          clock.advance(min - 1);
          await macrotask();
          expect(fake.invites, `no retry ${min - 1} ms after the 491`).to.equal(retry - 1);
        }
        clock.advance(max - Math.max(min - 1, 0));
        await macrotask();
        expect(fake.invites, `retry within ${max} ms of the 491`).to.equal(retry);
      }
      expect(held()).to.equal('resolved');
      expect(clock.pendingTimers, 'timers left').to.equal(0);
    });
  }

  it('gives up with conflict after 3 retries, having waited each back-off on the clock', async () => {
    const clock = new ManualClock(0);
    const fake = reinviteSession([491, 491, 491, 491, 491]);
    const held = watch(reinvites(clock).send({ info: { state: 'connected' }, session: fake.session, ownsCallId: false }, true));
    for (let i = 0; i < 3; i++) {
      await macrotask();
      clock.advance(2_000);
    }
    await macrotask();
    expect(fake.invites).to.equal(4);
    expect(held()).to.equal('conflict');
    expect(fake.session.sessionDescriptionHandlerOptionsReInvite, 'the next answer keeps the call as it is').to.deep.include({ hold: false });
  });

  it("waits for the caller's ACK of the answer, and times out after the request timeout of clock time", async () => {
    const clock = new ManualClock(0);
    const fake = reinviteSession([]);
    const held = watch(reinvites(clock).send({ info: { state: 'connected' }, session: fake.session, ownsCallId: false, acknowledged: new Promise(() => {}) }, true));
    clock.advance(4_999);
    await macrotask();
    expect([held(), fake.invites], 'before the timeout').to.deep.equal(['pending', 0]);
    clock.advance(1);
    await macrotask();
    expect([held(), fake.invites], 'at the timeout').to.deep.equal(['timeout', 0]);
  });
});

/** A call whose REFER gets the NOTIFY sipfrags `frags` (none: no NOTIFY at all). */
function referCall(frags: string[]): TransferCall & { refers: number } {
  const call = {
    refers: 0,
    session: {
      refer: (_to: unknown, options: { onNotify: (n: unknown) => void }) => {
        call.refers += 1;
        for (const body of frags) queueMicrotask(() => options.onNotify({ accept: () => Promise.resolve(), request: { body } }));
        return Promise.resolve();
      },
    } as unknown as Session,
  } as TransferCall & { refers: number };
  return call;
}

function transfers(clock: ManualClock, ended: Promise<void> = new Promise(() => {})) {
  const terminated: TransferCall[] = [];
  const host = new Transfers<TransferCall>({
    clock,
    terminate: (call) => (terminated.push(call), Promise.resolve()),
    ended: () => ended,
  });
  return { host, terminated };
}

describe('sip.js adapter: REFER waits on the clock (pure)', () => {
  it("ends the agent's leg once a NOTIFY's sipfrag says the target answered", async () => {
    const clock = new ManualClock(0);
    const call = referCall(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    const { host, terminated } = transfers(clock);
    await host.refer(call, 'sip:sup@example.com' as never, TARGET);
    expect(terminated).to.deep.equal([call]);
    expect(call.endingBy).to.equal('local');
    expect(clock.pendingTimers, 'timers left').to.equal(0);
  });

  it('a target that is busy keeps the call: target-busy, nothing ended', async () => {
    const clock = new ManualClock(0);
    const call = referCall(['SIP/2.0 486 Busy Here']);
    const { host, terminated } = transfers(clock);
    const outcome = watch(host.refer(call, 'sip:sup@example.com' as never, TARGET));
    await macrotask();
    expect(outcome()).to.equal('target-busy');
    expect(terminated).to.deep.equal([]);
    expect(clock.pendingTimers, 'timers left').to.equal(0);
  });

  it('no final NOTIFY: the transfer times out after 32 s of clock time, not before, and the call stays', async () => {
    const clock = new ManualClock(0);
    const call = referCall(['SIP/2.0 180 Ringing']);
    const { host, terminated } = transfers(clock);
    const outcome = watch(host.refer(call, 'sip:sup@example.com' as never, TARGET));
    clock.advance(31_999);
    await macrotask();
    expect(outcome()).to.equal('pending');
    clock.advance(1);
    await macrotask();
    expect(outcome()).to.equal('timeout');
    expect(terminated).to.deep.equal([]);
  });

  it('attended: a consultation the target does not replace is ended after 2 s of clock time', async () => {
    const clock = new ManualClock(0);
    const call = referCall(['SIP/2.0 200 OK']);
    const consultation = referCall([]);
    const { host, terminated } = transfers(clock);
    const outcome = watch(host.attended(call, consultation, TARGET));
    await macrotask();
    expect(terminated, 'the customer leg, at the 200 NOTIFY').to.deep.equal([call]);
    clock.advance(1_999);
    await macrotask();
    expect([outcome(), terminated.length], 'before 2 s').to.deep.equal(['pending', 1]);
    clock.advance(1);
    await macrotask();
    expect(outcome()).to.equal('resolved');
    expect(terminated).to.deep.equal([call, consultation]);
  });
});
