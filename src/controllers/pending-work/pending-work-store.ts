import type { Unsubscribe } from '../../adapters/errors.js';
import type { Contact, DispositionRef } from '../../model/interaction.js';
import { LEGACY_NOTE_DRAFT_PREFIX, legacyDrafts, legacyStorage } from './legacy-drafts.js';
import { isWork, PendingWorkPersistence } from './pending-work-persistence.js';

export { LEGACY_NOTE_DRAFT_PREFIX } from './legacy-drafts.js';

/** A Mark done the callback service has not acknowledged yet (it failed on the way). */
export interface PendingMarkDone {
  /** When the agent first asked (epoch ms). */
  requestedAt: number;
  /** Tries so far, the agent's first included; spaces the automatic retries. */
  attempts: number;
  /** Why the last try failed (an adapter error code). */
  lastError: string;
}

/**
 * What the agent did on one interaction that the callback service has not acknowledged: the note
 * being typed, the disposition chosen, and a Mark done that failed. Kept until Mark done goes
 * through (or the interaction is done), and at most `maxAgeMs` after its last change.
 */
export interface PendingWork {
  interactionId: string;
  /** The note as typed, not yet in the history. */
  draft?: string;
  /** The disposition the agent chose (stored at the service or not). */
  disposition?: DispositionRef;
  markDonePending?: PendingMarkDone;
  /** Last change (epoch ms, wall clock): old entries are purged on start. */
  updatedAt: number;
  /** The `workScope` of the adapter it was typed for, when it had one. */
  scope?: string;
  /**
   * Who the interaction was with, so that work whose interaction is gone after a reload can still
   * be told apart (entries stored before this field show their interaction id).
   */
  contact?: Pick<Contact, 'name' | 'phone'>;
}

type WorkFields = Omit<PendingWork, 'interactionId' | 'updatedAt' | 'scope' | 'contact'>;

/**
 * The backend (adapter object) asking. Work is kept by the adapter's `workScope` (see
 * `CallbackAdapter.workScope`) and the interaction id: ids are unique per backend, not across them
 * (the simulated contact center starts at `cb-1` every run and takes a new scope each time), so
 * one backend's work is never shown on another's interaction of the same id, in this page or after
 * a reload. Work stored without a scope (typed for an adapter without one, or by an earlier
 * version) goes to the first scoped backend that asks for it, and stays with any adapter without a
 * scope: adapters whose ids may meet in one page must each give a `workScope`.
 */
export type WorkOwner = object & { readonly workScope?: string | undefined };

const scopeOf = (owner: WorkOwner | undefined): string | undefined => (typeof owner?.workScope === 'string' ? owner.workScope : undefined);
/** Where an entry is kept (in memory and in IndexedDB): its scope and its interaction id. */
const keyOf = (scope: string | undefined, interactionId: string): string => JSON.stringify([scope ?? null, interactionId]);
const keyOfWork = (work: PendingWork): string => keyOf(work.scope, work.interactionId);
/** Fields to set or (with `undefined`) forget; `contact` is kept with them, never alone. */
type Patch = { [K in keyof WorkFields]?: WorkFields[K] | undefined } & { contact?: Pick<Contact, 'name' | 'phone'> | undefined };

export interface PendingWorkStoreOptions {
  /** IndexedDB database name (default `callback-elements`). */
  database?: string;
  /** Entries untouched for longer are dropped on start (default 7 days). */
  maxAgeMs?: number;
  /** Wall clock for `updatedAt` and the purge. */
  now?: () => number;
}

const DAY = 24 * 60 * 60 * 1000;
/** How many interaction ids the store remembers having looked for an old draft of (see `#readLegacyDraft`). */
const LEGACY_IDS_KEPT = 200;
const FIELDS: readonly (keyof WorkFields)[] = ['draft', 'disposition', 'markDonePending'];

/**
 * The agent's unacknowledged work, per interaction. Reads are synchronous from memory; every change
 * is written to IndexedDB in the background (`PendingWorkPersistence`), so it outlives a reload
 * and a closed tab. Where IndexedDB cannot be opened (some private modes, a blocked origin) it
 * keeps working in memory and says so through `durable`. Drafts an earlier version kept in
 * localStorage are moved in when it loads (`LegacyDrafts`). No DOM here: elements reach it
 * through their interaction's wrap-up (`WrapUp`).
 */
export class PendingWorkStore {
  readonly #persistence: PendingWorkPersistence;
  /**
   * Interactions whose old draft key (see `legacyDrafts`) has been looked for: each at most once a
   * page, so the cache misses of every element's render never reach localStorage.
   */
  readonly #legacyRead = new Set<string>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  /** The entries by key (`keyOf`: scope and interaction id). */
  readonly #cache = new Map<string, PendingWork>();
  readonly #listeners = new Set<(interactionId: string) => void>();
  /** Fields changed in this page before the stored entries were read: they win over the stored ones. */
  readonly #touchedEarly = new Map<string, Set<keyof WorkFields | 'removed'>>();
  readonly #dirty = new Set<string>();
  readonly #inFlight = new Set<string>();
  /** Entries read from storage: work an earlier page left, until it is sent or discarded. */
  readonly #earlier = new Set<string>();
  #loading: Promise<void> | undefined;
  #loaded = false;
  #writes: Promise<void> = Promise.resolve();

  constructor(options: PendingWorkStoreOptions = {}) {
    this.#persistence = new PendingWorkPersistence(options.database ?? 'callback-elements');
    this.#maxAgeMs = options.maxAgeMs ?? 7 * DAY;
    this.#now = options.now ?? Date.now;
  }

  /** Resolves once the stored entries are in memory (never rejects). Starts the reading. */
  get ready(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** False when IndexedDB is unavailable: work then lives only as long as the page. */
  get durable(): boolean {
    return this.#persistence.durable;
  }

  /** The work on `owner`'s interaction (see `WorkOwner`; without `owner`, work kept without a scope). */
  get(interactionId: string, owner?: WorkOwner): PendingWork | undefined {
    void this.ready;
    return this.#cache.get(this.#keyFor(interactionId, owner));
  }

  all(): PendingWork[] {
    return [...this.#cache.values()];
  }

  /**
   * Work an earlier page left (read from storage, not sent or discarded since) that may be
   * `owner`'s: typed for its `workScope`, or without a scope. Whether its interaction is still
   * open is for the caller to ask the adapter; this claims nothing.
   */
  earlierWork(owner: WorkOwner): PendingWork[] {
    const scope = scopeOf(owner);
    return [...this.#earlier].flatMap((key) => {
      const work = this.#cache.get(key);
      return work && (work.scope === undefined || work.scope === scope) ? [work] : [];
    });
  }

  /** Sets (or, with `undefined`, forgets) fields of an interaction's entry. */
  update(interactionId: string, patch: Patch, owner?: WorkOwner): void {
    void this.ready;
    const key = this.#keyFor(interactionId, owner);
    const before = this.#cache.get(key);
    // This page's work now, not the earlier page's it replaced.
    if (!before) this.#earlier.delete(key);
    const scope = scopeOf(owner);
    const next: PendingWork = { ...before, interactionId, updatedAt: this.#now(), ...(scope === undefined ? {} : { scope }) };
    for (const field of FIELDS) {
      if (!(field in patch)) continue;
      const value = patch[field];
      if (value === undefined || value === '') delete next[field];
      else (next as unknown as Record<string, unknown>)[field] = value;
      this.#touch(key, field);
    }
    if (patch.contact) next.contact = { name: patch.contact.name, phone: patch.contact.phone };
    if (FIELDS.some((f) => next[f] !== undefined)) this.#cache.set(key, next);
    else this.#forget(key);
    this.#changed(key, interactionId);
  }

  /** Forgets everything about the interaction: the service has it all. */
  remove(interactionId: string, owner?: WorkOwner): void {
    void this.ready;
    const key = this.#keyFor(interactionId, owner);
    this.#touch(key, 'removed');
    if (this.#forget(key)) this.#changed(key, interactionId);
  }

  #forget(key: string): boolean {
    this.#earlier.delete(key);
    return this.#cache.delete(key);
  }

  /**
   * The key of `owner`'s entry for the interaction. Work kept without a scope (an earlier version's,
   * or typed for an adapter without one) moves to the first scoped backend that asks for it, so no
   * other backend is shown it afterwards.
   */
  #keyFor(interactionId: string, owner: WorkOwner | undefined): string {
    const scope = scopeOf(owner);
    const unscoped = keyOf(undefined, interactionId);
    const key = keyOf(scope, interactionId);
    if (this.#cache.has(key)) return key;
    const legacy = this.#cache.get(unscoped) ?? this.#readLegacyDraft(interactionId);
    if (!legacy || key === unscoped) return key;
    // What the asking backend sees does not change (nobody is told); it is written under its key.
    this.#cache.set(key, { ...legacy, scope });
    this.#cache.delete(unscoped);
    if (this.#earlier.delete(unscoped)) this.#earlier.add(key);
    for (const field of FIELDS) if (legacy[field] !== undefined) this.#touch(key, field);
    this.#touch(unscoped, 'removed');
    this.#dirty.add(unscoped).add(key);
    this.#scheduleWrite();
    return key;
  }

  subscribe(listener: (interactionId: string) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Marks a Mark done of `owner`'s interaction as under way; false when one already is (in this
   * page), so two triggers at once (an `online` event and a timer) send it once.
   */
  claim(interactionId: string, owner?: WorkOwner): boolean {
    const key = keyOf(scopeOf(owner), interactionId);
    if (this.#inFlight.has(key)) return false;
    this.#inFlight.add(key);
    return true;
  }

  release(interactionId: string, owner?: WorkOwner): void {
    this.#inFlight.delete(keyOf(scopeOf(owner), interactionId));
  }

  isInFlight(interactionId: string, owner?: WorkOwner): boolean {
    return this.#inFlight.has(keyOf(scopeOf(owner), interactionId));
  }

  /** A Mark done is under way in this page (a tab hand-over waits for it). */
  get sending(): boolean {
    return this.#inFlight.size > 0;
  }

  /** Resolves when every change so far is written (or given up on). */
  async flush(): Promise<void> {
    await this.ready;
    await this.#writes;
  }

  /** Forgets every entry, here and in IndexedDB (sign-out; tests). */
  async clear(): Promise<void> {
    await this.flush();
    const entries = [...this.#cache];
    this.#cache.clear();
    this.#earlier.clear();
    for (const [key, work] of entries) this.#changed(key, work.interactionId);
    await this.#writes;
    await this.#persistence.clear();
  }

  #touch(key: string, field: keyof WorkFields | 'removed'): void {
    if (this.#loaded) return;
    const touched = this.#touchedEarly.get(key) ?? new Set();
    touched.add(field);
    this.#touchedEarly.set(key, touched);
  }

  #changed(key: string, interactionId: string): void {
    this.#dirty.add(key);
    this.#scheduleWrite();
    this.#tell(interactionId);
  }

  #tell(interactionId: string): void {
    for (const listener of [...this.#listeners]) listener(interactionId);
  }

  /** Writes what changed, after the read and after earlier writes, coalescing bursts of typing. */
  #scheduleWrite(): void {
    const loading = this.ready;
    this.#writes = this.#writes.then(async () => {
      await loading;
      const keys = [...this.#dirty];
      this.#dirty.clear();
      if (!keys.length || !this.durable) return;
      const present = keys.flatMap((key) => {
        const work = this.#cache.get(key);
        return work ? [[key, work] as [string, PendingWork]] : [];
      });
      const gone = keys.filter((key) => !this.#cache.has(key));
      const newer = present.length ? await this.#persistence.putUnlessNewer(present) : [];
      for (const key of gone) await this.#persistence.delete(key);
      // Another tab wrote these after this page read them: its copy stays, and this page follows it.
      for (const work of newer) {
        const key = keyOfWork(work);
        if (this.#dirty.has(key)) continue;
        this.#cache.set(key, work);
        this.#tell(work.interactionId);
      }
    });
  }

  /**
   * Reads the stored entries again: for a page that was not the one typing (another tab of the
   * same agent had the desk, see `<callback-desk>`). A stored entry newer than this page's copy
   * replaces it; an entry no longer stored (sent from the other tab) is forgotten, unless this
   * page changed it and has not written it yet. Resolves once listeners have heard of each change.
   */
  async reload(): Promise<void> {
    await this.flush();
    const stored = await this.#persistence.read();
    if (!stored) return;
    const oldest = this.#now() - this.#maxAgeMs;
    const kept = new Set<string>();
    const changed: string[] = [];
    for (const [, value] of stored) {
      if (!isWork(value) || value.updatedAt < oldest) continue;
      const key = keyOfWork(value);
      kept.add(key);
      const here = this.#cache.get(key);
      if (here && (here.updatedAt >= value.updatedAt || this.#dirty.has(key))) continue;
      this.#cache.set(key, value);
      // Typed in another tab: for this page, work from elsewhere (listed as unsent work when
      // this backend no longer knows its interaction), until it is sent or discarded here.
      this.#earlier.add(key);
      changed.push(value.interactionId);
    }
    for (const [key, work] of [...this.#cache]) {
      if (kept.has(key) || this.#dirty.has(key)) continue;
      this.#forget(key);
      changed.push(work.interactionId);
    }
    for (const id of changed) this.#tell(id);
  }

  async #load(): Promise<void> {
    const stored = await this.#persistence.open();
    const oldest = this.#now() - this.#maxAgeMs;
    const gone: string[] = [];
    for (const [storedKey, value] of stored) {
      if (!isWork(value) || value.updatedAt < oldest) {
        gone.push(String(storedKey));
        continue;
      }
      // Kept by interaction id alone before entries were keyed by scope too: written again under its key.
      if (storedKey !== keyOfWork(value)) gone.push(String(storedKey));
      this.#merge(value);
    }
    const migrated = this.#migrateLegacyDrafts();
    this.#loaded = true;
    this.#touchedEarly.clear();
    for (const key of gone) this.#dirty.add(key);
    for (const [key, work] of this.#cache) {
      this.#dirty.add(key);
      this.#tell(work.interactionId);
    }
    // Drafts leave localStorage only once IndexedDB holds them.
    if (migrated.length && this.durable) {
      this.#scheduleWrite();
      void this.#writes.then(() => {
        if (this.durable) for (const id of migrated) this.#removeLegacyDraft(id);
      });
    } else if (this.#dirty.size) {
      this.#scheduleWrite();
    }
  }

  /** A stored entry joins what this page did before the read; the page's own changes win. */
  #merge(stored: PendingWork): void {
    const key = keyOfWork(stored);
    const touched = this.#touchedEarly.get(key);
    if (touched?.has('removed')) return;
    const here = this.#cache.get(key);
    const merged: PendingWork = { ...stored, ...(here ? { updatedAt: here.updatedAt } : {}), ...(here?.contact ? { contact: here.contact } : {}) };
    for (const field of FIELDS) {
      if (!touched?.has(field)) continue;
      if (here?.[field] === undefined) delete merged[field];
      else (merged as unknown as Record<string, unknown>)[field] = here[field];
    }
    if (!FIELDS.some((f) => merged[f] !== undefined)) return;
    this.#cache.set(key, merged);
    this.#earlier.add(key);
  }

  /** A draft an earlier version left in localStorage after this page started: moved over on first read. */
  #readLegacyDraft(interactionId: string): PendingWork | undefined {
    if (this.#legacyRead.has(interactionId)) return undefined;
    // A shift meets hundreds of interactions: the ids looked for are forgotten now and then (the
    // next look at one is a single read), so the page does not keep every id it ever saw.
    if (this.#legacyRead.size >= LEGACY_IDS_KEPT) this.#legacyRead.clear();
    this.#legacyRead.add(interactionId);
    const text = legacyStorage((storage) => storage.getItem(LEGACY_NOTE_DRAFT_PREFIX + interactionId));
    if (!text) return undefined;
    const work: PendingWork = { interactionId, draft: text, updatedAt: this.#now() };
    const key = keyOf(undefined, interactionId);
    this.#cache.set(key, work);
    this.#touch(key, 'draft');
    this.#dirty.add(key);
    this.#scheduleWrite();
    void this.#writes.then(() => {
      if (this.durable) this.#removeLegacyDraft(interactionId);
    });
    return work;
  }

  /** The one-time move of the drafts an earlier version kept, when the store loads. */
  #migrateLegacyDrafts(): string[] {
    const drafts = legacyDrafts();
    for (const [id, text] of drafts) {
      this.#legacyRead.add(id);
      const key = keyOf(undefined, id);
      const work = this.#cache.get(key);
      if (!text || work?.draft !== undefined || this.#touchedEarly.get(key)?.has('draft')) continue;
      this.#cache.set(key, { ...work, interactionId: id, draft: text, updatedAt: this.#now() });
      this.#earlier.add(key);
    }
    return drafts.map(([id]) => id);
  }

  /** The draft is safe in IndexedDB: its old key goes. */
  #removeLegacyDraft(interactionId: string): void {
    legacyStorage((storage) => storage.removeItem(LEGACY_NOTE_DRAFT_PREFIX + interactionId));
  }
}

let shared: PendingWorkStore | undefined;

/** The page's one store, shared by every element (they must agree on the same work). */
export function pendingWorkStore(): PendingWorkStore {
  shared ??= new PendingWorkStore();
  return shared;
}
