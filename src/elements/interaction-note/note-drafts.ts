import { LEGACY_NOTE_DRAFT_PREFIX, pendingWorkStore, type WorkOwner } from '../../controllers/pending-work/pending-work-store.js';

/**
 * Note drafts, one per interaction, in the agent's pending work (IndexedDB, see
 * `PendingWorkStore`), so a draft outlives a re-render, a failed save, a reload and a closed tab
 * until the callback service has the note. Reads are synchronous from memory; after a reload the
 * stored drafts arrive once the store has read them (`PendingWorkController` re-renders then).
 */

/**
 * The localStorage prefix drafts were kept under before they moved to IndexedDB. Drafts found
 * there are moved over once, on start.
 * @deprecated Drafts now live in IndexedDB; kept so existing drafts are not lost.
 */
export const NOTE_DRAFT_PREFIX = LEGACY_NOTE_DRAFT_PREFIX;

/** The draft of `owner`'s interaction (the adapter it was typed for; see `WorkOwner`). */
export function readNoteDraft(interactionId: string, owner?: WorkOwner): string | undefined {
  return pendingWorkStore().get(interactionId, owner)?.draft;
}

/** Stores the draft; an empty draft forgets it. */
export function writeNoteDraft(interactionId: string, text: string, owner?: WorkOwner): void {
  pendingWorkStore().update(interactionId, { draft: text }, owner);
}

/** Forgets the draft, unless it changed since `text` was saved (then it is newer work). */
export function clearNoteDraft(interactionId: string, text?: string, owner?: WorkOwner): void {
  if (text !== undefined && readNoteDraft(interactionId, owner) !== text) return;
  writeNoteDraft(interactionId, '', owner);
}
