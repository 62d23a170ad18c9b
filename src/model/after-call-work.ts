import type { HistoryKind, Interaction } from './interaction.js';
import type { Policy } from './actions.js';

/** History entries after which the agent is off the call: they hung up, transferred, or left a conference. */
const CALL_ENDS: ReadonlySet<HistoryKind> = new Set<HistoryKind>(['hang-up', 'transfer', 'left-conference']);

/**
 * When the agent's after-call work on `interaction` began (epoch ms), or undefined when they are
 * not in after-call work on it. After-call work runs from the end of the agent's call until Mark
 * done: a voice interaction that is `ended`, or a web callback back to `ready-to-call` after a
 * call (until the agent dials again). It starts at the history entry that ended the call.
 */
export function afterCallWorkSince(interaction: Interaction): number | undefined {
  const { state, history } = interaction;
  if (state !== 'ended' && state !== 'ready-to-call') return undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (CALL_ENDS.has(entry.kind)) return entry.at;
    // A web callback dialled again (and not reached): ready to call, not wrapping up a call.
    if (entry.kind === 'dial' || entry.kind === 'accepted') return state === 'ended' ? entry.at : undefined;
  }
  // An ended interaction whose history does not say when (restored from elsewhere): from its last entry.
  return state === 'ended' ? (history.at(-1)?.at ?? interaction.offer.offeredAt) : undefined;
}

/**
 * When after-call work on `interaction` passes the policy's `afterCallWorkLimitMs` (epoch ms), or
 * undefined when it is not in after-call work or there is no limit.
 */
export function afterCallWorkDeadline(interaction: Interaction, policy: Partial<Policy> = {}): number | undefined {
  const since = afterCallWorkSince(interaction);
  const limit = policy.afterCallWorkLimitMs ?? 0;
  return since === undefined || !(limit > 0) || !Number.isFinite(limit) ? undefined : since + limit;
}
