/** Where note drafts lived before the pending-work store: read once, moved in, then removed. */
export const LEGACY_NOTE_DRAFT_PREFIX = 'callback-elements:note-draft:';

/**
 * Runs `use` on localStorage, where the page may use it (some private modes and sandboxed frames
 * forbid it: then there is nothing to move).
 */
export function legacyStorage<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(globalThis.localStorage);
  } catch {
    return undefined;
  }
}

/** Every note draft an earlier version left, by interaction id: moved in once, when the store loads. */
export function legacyDrafts(): [string, string | null][] {
  return (
    legacyStorage((storage) => {
      const found: [string, string | null][] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(LEGACY_NOTE_DRAFT_PREFIX)) found.push([key.slice(LEGACY_NOTE_DRAFT_PREFIX.length), storage.getItem(key)]);
      }
      return found;
    }) ?? []
  );
}
