// The adapter kit as a third party uses it (docs/write-an-adapter.md): the example adapters in
// examples/adapter/, written from the package's public types, proved by the contract suites from
// `callback-elements/testing`, including the linked suite (callback adapter + telephony adapter).
// Everything is imported by package name, so this file runs on the BUILT package in dist/ (the
// exports map, resolved by the test runner as an app's bundler would): `npm run build` first, as
// `npm test` does before its browser tests.
import { expect } from '@open-wc/testing';
import { ManualClock } from 'callback-elements/model.js';
import {
  contractCases,
  runCallbackContract,
  runLinkedContract,
  runTelephonyContract,
  type CallbackHarness,
  type LinkedHarness,
  type TelephonyHarness,
  type TestRunner,
} from 'callback-elements/testing';
import { CALL_DATA, EchoCallbacks } from '../../examples/adapter/echo-callbacks.js';
import { EchoPhone } from '../../examples/adapter/echo-phone.js';

const runner: TestRunner = { describe, it, beforeEach, afterEach, expect };

const RING_MS = 3_000;
const NUMBERS = { answers: '+15550100', busy: '+15550199', noAnswer: '+15550188', invalid: '+0123' };
const ANA = { kind: 'agent' as const, id: 'ana', name: 'Ana Ortiz', address: 'sip:ana@echo.example' };
const BO = { kind: 'agent' as const, id: 'bo', name: 'Bo Lindqvist', address: 'sip:bo@echo.example' };

/** A phone and a callback service on one manual clock. */
function echo(config: { dispositionMandatory?: boolean } = {}) {
  const clock = new ManualClock();
  const phone = new EchoPhone({ clock, ringMs: RING_MS, busy: [NUMBERS.busy], noAnswer: [NUMBERS.noAnswer], declines: [BO.address] });
  const callbacks = new EchoCallbacks({ telephony: phone, clock, dispositionMandatory: config.dispositionMandatory ?? false });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  let next = 1;
  return {
    clock,
    phone,
    callbacks,
    now: () => clock.now(),
    async advance(ms: number) {
      await tick();
      clock.advance(ms);
      await tick();
    },
    /** The service routes a callback to the agent: pushed (web) or ringing the phone (voice). */
    route(channel: 'voice' | 'web-callback', options: { expiresInMs?: number; canReject?: boolean } = {}) {
      const id = `echo-${next++}`;
      const phoneNumber = `+1555020${String(next).padStart(4, '0')}`;
      if (channel === 'web-callback') return callbacks.receive({ id, name: 'Maria Silva', phone: phoneNumber, ...options });
      phone.ringIn(phoneNumber, {
        [CALL_DATA.id]: id,
        [CALL_DATA.name]: 'Maria Silva',
        ...(options.expiresInMs === undefined ? {} : { [CALL_DATA.expiresInMs]: String(options.expiresInMs) }),
        ...(options.canReject === undefined ? {} : { [CALL_DATA.canReject]: String(options.canReject) }),
      });
      const offered = callbacks.getInteraction(id);
      if (!offered) throw new Error('the ringing call was not offered');
      return offered;
    },
    dispose() {
      callbacks.dispose();
      phone.dispose();
    },
  };
}

function callbackHarness(config: { dispositionMandatory?: boolean } = {}): CallbackHarness {
  const e = echo(config);
  return {
    adapter: e.callbacks,
    knownDisposition: { code: 'RESOLVED', label: 'Resolved' },
    now: e.now,
    advance: e.advance,
    offer: async (channel, options) => e.route(channel, options),
    dispose: e.dispose,
  };
}

function telephonyHarness(): TelephonyHarness {
  const e = echo();
  return {
    adapter: e.phone,
    numbers: NUMBERS,
    targets: { answers: ANA, declines: BO },
    maxRingMs: RING_MS,
    now: e.now,
    advance: e.advance,
    ringIn: async () => e.phone.ringIn('+15550142'),
    hangUpRemotely: async (callId) => e.phone.hangUpRemotely(callId),
    farEnd: async (callId) => e.phone.farEnd(callId),
    dispose: e.dispose,
  };
}

function linkedHarness(): LinkedHarness {
  const e = echo();
  return {
    callbacks: e.callbacks,
    // EchoCallbacks is no phone: the elements get EchoPhone as their telephonyAdapter.
    telephony: e.phone,
    phone: e.phone,
    answers: NUMBERS.answers,
    maxRingMs: RING_MS,
    now: e.now,
    advance: e.advance,
    offerVoice: async () => e.route('voice'),
    offerWeb: async () => e.route('web-callback'),
    hangUpRemotely: async (callId) => e.phone.hangUpRemotely(callId),
    dispose: e.dispose,
  };
}

runCallbackContract(runner, 'EchoCallbacks (examples/adapter)', callbackHarness);
runTelephonyContract(runner, 'EchoPhone (examples/adapter)', telephonyHarness);
runLinkedContract(runner, 'EchoCallbacks + EchoPhone (examples/adapter)', linkedHarness);

describe('callback-elements/testing: the suites as data (contractCases), for a runner they cannot drive', () => {
  it('gives every test of the linked suite with its title and timeout, and runs each: all pass', async function () {
    this.timeout(30_000);
    const cases = contractCases(expect, (r) => runLinkedContract(r, 'EchoCallbacks + EchoPhone', linkedHarness));
    expect(cases).to.have.length(5);
    expect(cases[0]!.path).to.deep.equal(['Linked contract (callback adapter + telephony adapter): EchoCallbacks + EchoPhone']);
    expect(cases[0]!.timeoutMs).to.equal(20_000);
    for (const c of cases) expect(await c.run(), c.fullTitle).to.equal('passed');
  });

  it('reports a capability the adapter lacks as skipped, and a broken adapter as a failure', async () => {
    const cases = contractCases(expect, (r) => runTelephonyContract(r, 'EchoPhone', telephonyHarness));
    const mute = cases.find((c) => c.title.includes('(capability mute)'))!;
    expect(await mute.run()).to.equal('skipped');
    const broken = contractCases(expect, (r) =>
      runTelephonyContract(r, 'EchoPhone that never holds', () => {
        const h = telephonyHarness();
        h.adapter.hold = async (callId) => h.adapter.getCall(callId)!;
        return h;
      }),
    );
    const hold = broken.find((c) => c.title.startsWith('holds and resumes'))!;
    let failure: unknown;
    await hold.run().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/expected 'connected' to equal 'held'/);
  });
});
