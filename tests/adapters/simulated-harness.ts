import { SimulatedContactCenter, type SimulatedContactCenterOptions } from '../../src/adapters/simulated/index.js';
import { SAMPLE_NUMBERS, SAMPLE_TARGET_IDS, SAMPLE_TARGETS } from '../../src/adapters/simulated/directory-data.js';
import { DIAL_TIMING } from '../../src/adapters/simulated/behaviour.js';
import { ManualClock } from '../../src/model/clock.js';
import type { TargetRef } from '../../src/model/interaction.js';
import type { CallbackHarness, DirectoryHarness, TelephonyHarness } from './contract/harness.js';
import { macrotask } from '../helpers/wait.js';

export interface SimulatedSetup {
  clock: ManualClock;
  cc: SimulatedContactCenter;
  advance(ms: number): Promise<void>;
}

/** A contact center on a manual clock, answering without latency. */
export function simulated(options: SimulatedContactCenterOptions = {}): SimulatedSetup {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, ...options });
  return {
    clock,
    cc,
    async advance(ms) {
      await macrotask();
      clock.advance(ms);
      await macrotask();
    },
  };
}

const target = (id: string): TargetRef & { address: string } => {
  const found = SAMPLE_TARGETS.find((t) => t.id === id)!;
  return { kind: found.kind, id: found.id, name: found.name, address: found.address! };
};

export function callbackHarness(config: { dispositionMandatory?: boolean } = {}): CallbackHarness {
  const { clock, cc, advance } = simulated({ policy: { dispositionMandatory: config.dispositionMandatory ?? false } });
  return {
    adapter: cc,
    knownDisposition: { code: 'RES-INFO', label: 'Information given' },
    now: () => clock.now(),
    advance,
    async offer(channel, options = {}) {
      return cc.offer(channel === 'voice' ? 'immediate' : 'web-callback', {
        ...(options.expiresInMs === undefined ? {} : { offerTimeoutMs: options.expiresInMs }),
        ...(options.canReject === undefined ? {} : { canReject: options.canReject }),
      });
    },
    dispose: () => cc.dispose(),
  };
}

export function telephonyHarness(): TelephonyHarness {
  const { clock, cc, advance } = simulated();
  return {
    adapter: cc,
    numbers: {
      answers: SAMPLE_NUMBERS.answers,
      busy: SAMPLE_NUMBERS.busy,
      noAnswer: SAMPLE_NUMBERS.noAnswer,
      invalid: SAMPLE_NUMBERS.invalid,
    },
    targets: { answers: target(SAMPLE_TARGET_IDS.answers), declines: target(SAMPLE_TARGET_IDS.declines) },
    maxRingMs: DIAL_TIMING.noAnswerAfterMs + 1_000,
    now: () => clock.now(),
    advance,
    ringIn: async () => cc.ringIn(),
    hangUpRemotely: async (callId) => cc.hangUpRemotely(callId),
    farEnd: async (callId) => cc.farEnd(callId),
    dispose: () => cc.dispose(),
  };
}

export function directoryHarness(): DirectoryHarness {
  const { cc } = simulated();
  return { adapter: cc, contactId: 'contact-margaret-chen', dispose: () => cc.dispose() };
}
