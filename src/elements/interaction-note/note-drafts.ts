/**
 * Note drafts in localStorage, one key per interaction, so a draft outlives a re-render, a closed
 * window and a reload until the callback service has the note. Storage can be missing or full
 * (private mode, quotas): the draft then lives in the element only.
 */

export const NOTE_DRAFT_PREFIX = 'callback-elements:note-draft:';

export function noteDraftKey(interactionId: string): string {
  return NOTE_DRAFT_PREFIX + interactionId;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function readNoteDraft(interactionId: string): string | undefined {
  try {
    return storage()?.getItem(noteDraftKey(interactionId)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores the draft; an empty draft removes the key. */
export function writeNoteDraft(interactionId: string, text: string): void {
  try {
    if (text) storage()?.setItem(noteDraftKey(interactionId), text);
    else storage()?.removeItem(noteDraftKey(interactionId));
  } catch {
    // Full or forbidden: the element still holds the draft.
  }
}

/** Forgets the draft, unless it changed since `text` was saved (then it is newer work). */
export function clearNoteDraft(interactionId: string, text?: string): void {
  if (text !== undefined && readNoteDraft(interactionId) !== text) return;
  writeNoteDraft(interactionId, '');
}
