// The agent's policy (privileges and timeouts) and its defaults, without the action table of
// actions.ts, which re-exports these: the notification and the desk's policy controller need only
// this before an offer can show, so the drop-in bundle's eager part does not carry the rest (issue 22).
import type { Interaction } from './interaction.js';

/** Privileges and configuration that shape what the agent may do (Workspace-style options). */
export interface Policy {
  canReject: boolean;
  canReschedule: boolean;
  canRescheduleOnNewNumber: boolean;
  /** Web callback: "Schedule callback" before any call was made. */
  canRescheduleBeforeCall: boolean;
  canTransfer: boolean;
  canConference: boolean;
  canConsult: boolean;
  canDtmf: boolean;
  canSetDisposition: boolean;
  canMarkDone: boolean;
  /** A disposition code must be set before Mark done. */
  dispositionMandatory: boolean;
  /**
   * How long (ms) an action waits for the adapter before the element stops waiting, shows a
   * timeout and lets the agent try again. The interaction is whatever the adapter reports.
   */
  actionTimeoutMs: number;
  /** The same for actions that wait for a person to answer: Call, transfer, conference, consultation. */
  answerTimeoutMs: number;
  /**
   * How long (ms) after-call work may last before the host page is told (`<call-status>` fires
   * `callback-after-call-work-exceeded`, once per interaction); 0 = no limit.
   */
  afterCallWorkLimitMs: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  canReject: true,
  canReschedule: true,
  canRescheduleOnNewNumber: false,
  canRescheduleBeforeCall: true,
  canTransfer: true,
  canConference: true,
  canConsult: true,
  canDtmf: true,
  canSetDisposition: true,
  canMarkDone: true,
  dispositionMandatory: false,
  actionTimeoutMs: 30_000,
  answerTimeoutMs: 90_000,
  afterCallWorkLimitMs: 0,
});

/**
 * Layers of policy, later ones winning field by field: `mergePolicy(adapter.policy, explicit)`.
 * A field set to `undefined` in a layer does not hide the one below it.
 */
export function mergePolicy(...layers: readonly (Readonly<Partial<Policy>> | undefined)[]): Partial<Policy> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return merged as Partial<Policy>;
}

/** Actions that wait for a person (the customer, a transfer or consultation target) to answer. */
export const ANSWER_WAITING_ACTIONS: ReadonlySet<string> = new Set(['call', 'transfer', 'conference', 'consult', 'consult-transfer', 'consult-conference']);

/** How long an element waits for the adapter to perform `action`, under `policy`. */
export function actionTimeout(action: string, policy: Partial<Policy> = {}): number {
  const merged = { ...DEFAULT_POLICY, ...policy };
  return ANSWER_WAITING_ACTIONS.has(action) ? merged.answerTimeoutMs : merged.actionTimeoutMs;
}

/**
 * Whether the agent may reject this offer now under `policy`: what `actionAvailability(offer,
 * 'reject', { policy })` answers as enabled, for the notification, without the action table.
 */
export function offerRejectable(offer: Interaction, policy: Partial<Policy> = {}): boolean {
  return offer.state === 'offered' && !!{ ...DEFAULT_POLICY, ...policy }.canReject && !!offer.offer.canReject;
}
