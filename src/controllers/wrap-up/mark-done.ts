import type { Interaction } from '../../model/interaction.js';
import type { InteractionSession } from '../interaction-session.js';
import { failureCode, isTransientFailure } from './failures.js';
import type { PendingWorkStore } from '../pending-work/pending-work-store.js';

/**
 * Mark done of the session's interaction with the agent's kept work: the one way it is sent, from
 * a window (the agent's Mark done and its retries) or from the list of unsent work an earlier page
 * left. What the agent sees is what is sent: the disposition chosen (stored at the service or not)
 * and a note typed but not saved, which joins the history rather than being lost. It goes through
 * `session.run` (the cancelable request event, the timeout, the error shown), one at a time per
 * interaction whoever asks (the store's claim).
 *
 * An answer lost on the way while the interaction already shows done counts as done; any other
 * failure on the way is kept in the store as a pending Mark done (for a retry), a refusal clears
 * it. The work is let go only once the service acknowledged. Resolves with the interaction done,
 * else undefined (another send under way, cancelled, refused or failed: `session.error` says which).
 */
export async function markDoneWithKeptWork(session: InteractionSession, store: PendingWorkStore): Promise<Interaction | undefined> {
  const id = session.interaction?.id;
  const owner = session.adapter;
  if (!id || !store.claim(id, owner)) return undefined;
  try {
    const work = store.get(id, owner);
    const draft = work?.draft?.trim();
    const done = await session.run(
      'mark-done',
      (interaction) => {
        const adapter = session.requireAdapter();
        const disposition = work?.disposition ?? interaction.disposition;
        return adapter.markDone(interaction.id, { ...(disposition ? { disposition } : {}), ...(draft ? { note: draft } : {}) }).catch((error: unknown) => {
          // The service did it and only the answer was lost: that is a success. A refusal is
          // not, even when someone else marked it done first: their result is not the agent's.
          const latest = adapter.getInteraction(interaction.id);
          if (isTransientFailure(error) && latest?.state === 'done') return latest;
          recordFailure(session, store, interaction, error);
          throw error;
        });
      },
      draft ? { note: draft } : undefined,
    );
    // Acknowledged: only now is the agent's work let go.
    if (done) store.remove(done.id, owner);
    return done;
  } finally {
    store.release(id, owner);
  }
}

/** A failure on the way keeps the work for a retry; a refusal stops retrying (its error shows). */
function recordFailure(session: InteractionSession, store: PendingWorkStore, interaction: Interaction, error: unknown): void {
  const owner = session.adapter;
  const previous = store.get(interaction.id, owner)?.markDonePending;
  if (isTransientFailure(error)) {
    const attempts = (previous?.attempts ?? 0) + 1;
    const markDonePending = { requestedAt: previous?.requestedAt ?? session.clock.now(), attempts, lastError: failureCode(error) };
    store.update(interaction.id, { contact: interaction.contact, markDonePending }, owner);
  } else if (previous) {
    store.update(interaction.id, { markDonePending: undefined }, owner);
  }
}
