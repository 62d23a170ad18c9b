/**
 * How the simulated people on the other end behave: the customer being called back, and the
 * colleagues the agent consults. Everything runs on the contact center's clock.
 */

/** What one dial attempt meets. */
export type DialOutcome = 'answer' | 'no-answer' | 'busy' | 'answering-machine';

export interface ContactBehaviour {
  /** Ring time before the contact (or their answering machine) picks up. */
  ringMs: number;
  /** What each dial attempt meets, in order; the last one repeats for further attempts. */
  attempts: readonly DialOutcome[];
  /** The contact hangs up this long after the call connects (absent: they stay on the line). */
  hangUpAfterMs?: number;
  /** How every consultation target behaves on this interaction's call, whoever it is. */
  consultation?: TargetBehaviour;
}

export interface TargetBehaviour {
  response: 'answer' | 'decline' | 'no-answer';
  /** Ring time before answering or declining; "no answer" is decided after {@link DIAL_TIMING}. */
  ringMs: number;
}

export const DIAL_TIMING = Object.freeze({
  /** A busy tone comes back quickly. */
  busyAfterMs: 1_500,
  /** The switch gives up ringing after this long. */
  noAnswerAfterMs: 20_000,
});

export const DEFAULT_CONTACT_BEHAVIOUR: Readonly<ContactBehaviour> = Object.freeze<ContactBehaviour>({
  ringMs: 4_000,
  attempts: ['answer'],
});

export const DEFAULT_TARGET_BEHAVIOUR: Readonly<TargetBehaviour> = Object.freeze<TargetBehaviour>({
  response: 'answer',
  ringMs: 3_000,
});

/** The outcome of attempt number `index` (0-based), and how long it takes to learn it. */
export function dialAttempt(behaviour: ContactBehaviour, index: number): { outcome: DialOutcome; afterMs: number } {
  const outcomes = behaviour.attempts.length ? behaviour.attempts : DEFAULT_CONTACT_BEHAVIOUR.attempts;
  const outcome = outcomes[Math.min(index, outcomes.length - 1)]!;
  switch (outcome) {
    case 'answer':
    case 'answering-machine':
      return { outcome, afterMs: behaviour.ringMs };
    case 'busy':
      return { outcome, afterMs: DIAL_TIMING.busyAfterMs };
    case 'no-answer':
      return { outcome, afterMs: DIAL_TIMING.noAnswerAfterMs };
  }
}

/** How long a consultation target takes to respond. */
export function targetResponseDelay(behaviour: TargetBehaviour): number {
  return behaviour.response === 'no-answer' ? DIAL_TIMING.noAnswerAfterMs : behaviour.ringMs;
}
