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
 * The backend (adapter object) asking. Interaction ids are unique per backend, not across them:
 * the simulated contact center starts at `cb-1` every time. Work done in this page through one
 * adapter is not shown to another adapter's interaction of the same id. Work read from storage (a
 * reload) belongs to the adapter of the same `workScope` (see `CallbackAdapter.workScope`); work
 * stored without one, or asked for by an adapter without one, to the first adapter that asks.
 */
export type WorkOwner = object & { readonly workScope?: string | undefined };

const scopeOf = (owner: WorkOwner | undefined): string | undefined => (typeof owner?.workScope === 'string' ? owner.workScope : undefined);
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
  readonly #cache = new Map<string, PendingWork>();
  readonly #listeners = new Set<(interactionId: string) => void>();
  /** Fields changed in this page before the stored entries were read: they win over the stored ones. */
  readonly #touchedEarly = new Map<string, Set<keyof WorkFields | 'removed'>>();
  readonly #dirty = new Set<string>();
  readonly #inFlight = new Set<string>();
  /** Entries read from storage: work an earlier page left, until it is sent or discarded. */
  readonly #earlier = new Set<string>();
  /** Which backend each entry belongs to in this page, by a number (no reference kept to it). */
  readonly #owners = new Map<string, number>();
  readonly #ownerNumbers = new WeakMap<WorkOwner, number>();
  #nextOwner = 1;
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

  /** The work on an interaction; with `owner`, only if it is that backend's (see `WorkOwner`). */
  get(interactionId: string, owner?: WorkOwner): PendingWork | undefined {
    void this.ready;
    const work = this.#cache.get(interactionId) ?? this.#readLegacyDraft(interactionId);
    if (!work || !owner) return work;
    return this.#adopt(interactionId, owner) ? work : undefined;
  }

  all(): PendingWork[] {
    return [...this.#cache.values()];
  }

  /**
   * Work an earlier page left (read from storage, not sent or discarded since) that may be
   * `owner`'s: typed for its `workScope` (or with no scope, by an adapter without one), and not
   * taken by another backend in this page. Whether its interaction is still open is for the
   * caller to ask the adapter; this claims nothing.
   */
  earlierWork(owner: WorkOwner): PendingWork[] {
    const scope = scopeOf(owner);
    const number = this.#ownerNumbers.get(owner);
    return [...this.#earlier].flatMap((id) => {
      const work = this.#cache.get(id);
      if (!work || (work.scope !== undefined && work.scope !== scope)) return [];
      const taken = this.#owners.get(id);
      return taken === undefined || taken === number ? [work] : [];
    });
  }

  /** Sets (or, with `undefined`, forgets) fields of an interaction's entry. */
  update(interactionId: string, patch: Patch, owner?: WorkOwner): void {
    void this.ready;
    // Another backend's interaction of the same id: its work is not this one's to build on.
    const before = owner && !this.#adopt(interactionId, owner, true) ? undefined : this.#cache.get(interactionId);
    // This page's work now, not the earlier page's it replaced.
    if (!before) this.#earlier.delete(interactionId);
    const scope = scopeOf(owner);
    const next: PendingWork = { ...before, interactionId, updatedAt: this.#now(), ...(scope === undefined ? {} : { scope }) };
    for (const field of FIELDS) {
      if (!(field in patch)) continue;
      const value = patch[field];
      if (value === undefined || value === '') delete next[field];
      else (next as unknown as Record<string, unknown>)[field] = value;
      this.#touch(interactionId, field);
    }
    if (patch.contact) next.contact = { name: patch.contact.name, phone: patch.contact.phone };
    if (FIELDS.some((f) => next[f] !== undefined)) this.#cache.set(interactionId, next);
    else {
      this.#forget(interactionId);
      this.#owners.delete(interactionId);
    }
    this.#changed(interactionId);
  }

  /** Forgets everything about the interaction: the service has it all. */
  remove(interactionId: string, owner?: WorkOwner): void {
    void this.ready;
    if (owner && this.#cache.has(interactionId) && !this.#adopt(interactionId, owner)) return;
    this.#owners.delete(interactionId);
    this.#touch(interactionId, 'removed');
    if (!this.#forget(interactionId)) return;
    this.#changed(interactionId);
  }

  #forget(interactionId: string): boolean {
    this.#earlier.delete(interactionId);
    return this.#cache.delete(interactionId);
  }

  subscribe(listener: (interactionId: string) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Marks a Mark done of the interaction as under way; false when one already is (in this page),
   * so two triggers at once (an `online` event and a timer) send it once.
   */
  claim(interactionId: string): boolean {
    if (this.#inFlight.has(interactionId)) return false;
    this.#inFlight.add(interactionId);
    return true;
  }

  release(interactionId: string): void {
    this.#inFlight.delete(interactionId);
  }

  isInFlight(interactionId: string): boolean {
    return this.#inFlight.has(interactionId);
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
    const ids = [...this.#cache.keys()];
    this.#cache.clear();
    this.#earlier.clear();
    this.#owners.clear();
    for (const id of ids) this.#changed(id);
    await this.#writes;
    await this.#persistence.clear();
  }

  /** True when the entry is `owner`'s (claiming it when nobody in this page has); `take` claims it anyway. */
  #adopt(interactionId: string, owner: WorkOwner, take = false): boolean {
    let number = this.#ownerNumbers.get(owner);
    if (number === undefined) {
      number = this.#nextOwner++;
      this.#ownerNumbers.set(owner, number);
    }
    // Typed for another backend (or another run of the simulated one): never this one's.
    const stored = this.#cache.get(interactionId)?.scope;
    const scope = scopeOf(owner);
    if (stored !== undefined && scope !== undefined && stored !== scope) {
      if (take) this.#owners.set(interactionId, number);
      return false;
    }
    const current = this.#owners.get(interactionId);
    if (current === number) return true;
    // Nothing stored for it: nothing to claim, and nothing kept for every interaction ever asked about.
    if (current === undefined && !take && !this.#cache.has(interactionId)) return true;
    if (current === undefined || take) this.#owners.set(interactionId, number);
    return current === undefined;
  }

  #touch(interactionId: string, field: keyof WorkFields | 'removed'): void {
    if (this.#loaded) return;
    const touched = this.#touchedEarly.get(interactionId) ?? new Set();
    touched.add(field);
    this.#touchedEarly.set(interactionId, touched);
  }

  #changed(interactionId: string): void {
    this.#dirty.add(interactionId);
    this.#scheduleWrite();
    for (const listener of [...this.#listeners]) listener(interactionId);
  }

  /** Writes what changed, after the read and after earlier writes, coalescing bursts of typing. */
  #scheduleWrite(): void {
    const loading = this.ready;
    this.#writes = this.#writes.then(async () => {
      await loading;
      const ids = [...this.#dirty];
      this.#dirty.clear();
      if (!ids.length || !this.durable) return;
      const present = ids.flatMap((id) => {
        const work = this.#cache.get(id);
        return work ? [[id, work] as [string, PendingWork]] : [];
      });
      const gone = ids.filter((id) => !this.#cache.has(id));
      const newer = present.length ? await this.#persistence.putUnlessNewer(present) : [];
      for (const id of gone) await this.#persistence.delete(id);
      // Another tab wrote these after this page read them: its copy stays, and this page follows it.
      for (const work of newer) {
        if (this.#dirty.has(work.interactionId)) continue;
        this.#cache.set(work.interactionId, work);
        for (const listener of [...this.#listeners]) listener(work.interactionId);
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
    for (const [key, value] of stored) {
      if (!isWork(value) || value.updatedAt < oldest) continue;
      const id = String(key);
      kept.add(id);
      const here = this.#cache.get(id);
      if (here && (here.updatedAt >= value.updatedAt || this.#dirty.has(id))) continue;
      this.#cache.set(id, value);
      // Typed in another tab: for this page, work from elsewhere (listed as unsent work when
      // this backend no longer knows its interaction), until it is sent or discarded here.
      this.#earlier.add(id);
      changed.push(id);
    }
    for (const id of [...this.#cache.keys()]) {
      if (kept.has(id) || this.#dirty.has(id)) continue;
      this.#cache.delete(id);
      this.#earlier.delete(id);
      this.#owners.delete(id);
      changed.push(id);
    }
    for (const id of changed) for (const listener of [...this.#listeners]) listener(id);
  }

  async #load(): Promise<void> {
    const stored = await this.#persistence.open();
    const oldest = this.#now() - this.#maxAgeMs;
    const expired: string[] = [];
    for (const [key, value] of stored) {
      if (!isWork(value) || value.updatedAt < oldest) {
        expired.push(String(key));
        continue;
      }
      this.#merge(value);
    }
    const migrated = this.#migrateLegacyDrafts();
    this.#loaded = true;
    this.#touchedEarly.clear();
    for (const id of expired) this.#dirty.add(id);
    for (const id of this.#cache.keys()) {
      this.#dirty.add(id);
      for (const listener of [...this.#listeners]) listener(id);
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
    const id = stored.interactionId;
    const touched = this.#touchedEarly.get(id);
    if (touched?.has('removed')) return;
    const here = this.#cache.get(id);
    // What this page typed for another backend's interaction of the same id wins outright.
    if (here && here.scope !== stored.scope) return;
    const merged: PendingWork = { ...stored, ...(here ? { updatedAt: here.updatedAt } : {}), ...(here?.contact ? { contact: here.contact } : {}) };
    for (const field of FIELDS) {
      if (!touched?.has(field)) continue;
      if (here?.[field] === undefined) delete merged[field];
      else (merged as unknown as Record<string, unknown>)[field] = here[field];
    }
    if (!FIELDS.some((f) => merged[f] !== undefined)) return;
    this.#cache.set(id, merged);
    this.#earlier.add(id);
  }

  /** A draft an earlier version left in localStorage after this page started: moved over on first read. */
  #readLegacyDraft(interactionId: string): PendingWork | undefined {
    if (this.#legacyRead.has(interactionId)) return undefined;
    this.#legacyRead.add(interactionId);
    const text = legacyStorage((storage) => storage.getItem(LEGACY_NOTE_DRAFT_PREFIX + interactionId));
    if (!text) return undefined;
    const work: PendingWork = { interactionId, draft: text, updatedAt: this.#now() };
    this.#cache.set(interactionId, work);
    this.#touch(interactionId, 'draft');
    this.#dirty.add(interactionId);
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
      const work = this.#cache.get(id);
      if (!text || work?.draft !== undefined || this.#touchedEarly.get(id)?.has('draft')) continue;
      this.#cache.set(id, { ...work, interactionId: id, draft: text, updatedAt: this.#now() });
      this.#earlier.add(id);
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
