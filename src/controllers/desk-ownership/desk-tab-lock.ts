import { pendingWorkStore } from '../pending-work/pending-work-store.js';
import type { DeskOwnership, DeskOwnershipReason } from './desk-ownership.js';

/**
 * One agent's desk, open in several tabs of one browser: exactly one tab owns it (connects the
 * adapters, handles offers, is where the agent types), the others stand by. Loaded lazily by
 * `DeskOwnershipController`: a page that never meets an adapter never fetches it.
 *
 * - The owner holds the Web Lock `callback-elements:desk:<scope>`; a standby tab waits in the
 *   lock's queue, so it takes over by itself when the owner's tab closes (the browser releases a
 *   closed document's locks).
 * - Take over on request (`takeOver()`): the asking tab posts `take-over` on the BroadcastChannel
 *   of the same name; the owner stands by, writes the agent's unsent work to IndexedDB and posts
 *   `released`; the asking tab then steals the lock (`steal: true`, so a third tab waiting in the
 *   queue cannot slip in between) and reads the unsent work again before it shows anything.
 * - The owner says when it took the desk (`owner` messages, also in answer to a new tab's `query`),
 *   so a standby tab can show since when.
 *
 * Ownership is per document, not per element: every desk of one scope in one page shares one
 * `DeskTabLock` (a host showing two desks on one page keeps both working).
 */

type Message =
  | { type: 'owner'; tab: string; since: number }
  | { type: 'query'; tab: string }
  | { type: 'take-over'; tab: string }
  | { type: 'released'; tab: string; to: string };

/** How long an asking tab waits for the owner's `released` before taking the lock anyway. */
const HANDOVER_WAIT_MS = 3_000;
/** How long an owner that stood by for a tab keeps the lock for it before letting the queue have it. */
const HANDOVER_KEEP_MS = 5_000;
/** How long a new tab that found the lock held waits for its holder to answer or let go. */
const FIRST_ANSWER_MS = 500;

const tabId = (): string => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export type OwnershipListener = (ownership: DeskOwnership) => void;

export class DeskTabLock {
  readonly name: string;
  readonly #tab = tabId();
  readonly #listeners = new Set<OwnershipListener>();
  readonly #channel: BroadcastChannel | undefined;
  #ownership: DeskOwnership | undefined;
  /** Ends the held lock's callback (the lock is released). */
  #letGo: (() => void) | undefined;
  /** The held lock's request: settles once the lock is released. */
  #held: Promise<unknown> | undefined;
  /** The latest lock request; an older one that fails (superseded, stolen from itself) is ignored. */
  #request = 0;
  #waiting: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  #users = 0;
  /** This tab asked for the desk and waits for the owner's `released`. */
  #asking = false;

  constructor(scope: string) {
    this.name = `callback-elements:desk:${scope}`;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.name) : undefined;
    if (this.#channel) this.#channel.onmessage = (e: MessageEvent<Message>) => void this.#onMessage(e.data);
    // Undecided (nothing connected) until the lock is granted or another tab is known to hold it.
    // A desk of this page that just let go of it (a test's next fixture, a desk re-created) is
    // not another tab: its release comes first.
    const previous = releases().get(this.name);
    releases().delete(this.name);
    void (previous ?? Promise.resolve()).then(() => {
      if (this.#disposed) return;
      const request = ++this.#request;
      const held: Promise<unknown> = navigator.locks.request(this.name, { ifAvailable: true }, (lock) => {
        if (lock) return this.#hold(request, held);
        this.#undecided();
        return undefined;
      });
      held.catch(() => this.#lost(request));
    });
  }

  /**
   * The lock is held. By another tab, which answers the `query` at once, or by a page that is going
   * away (this tab reloading, a desk of this page just removed), which lets go at once: whichever
   * comes first decides. A holder that says nothing in time is another tab all the same.
   */
  #undecided(): void {
    this.#post({ type: 'query', tab: this.#tab });
    this.#wait();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#ownership) this.#set({ owner: false, reason: 'other-tab' });
    }, FIRST_ANSWER_MS);
  }

  get ownership(): DeskOwnership | undefined {
    return this.#ownership;
  }

  /** Follows changes; the current one (if decided) is not replayed. */
  subscribe(listener: OwnershipListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One more desk of this page uses it. */
  retain(): void {
    this.#users++;
  }

  /** One desk fewer; with none left a microtask later (a desk moved in the page is back by then), it lets go. */
  release(): void {
    this.#users--;
    queueMicrotask(() => {
      if (this.#users > 0 || this.#disposed) return;
      this.#disposed = true;
      registry().delete(this.name);
      if (this.#held) releases().set(this.name, this.#held.catch(() => undefined));
      this.#letGo?.();
      this.#waiting?.abort();
      clearTimeout(this.#timer);
      this.#channel?.close();
      this.#listeners.clear();
    });
  }

  /** The agent wants the desk in this tab: the owner saves and stands by, then this tab takes it. */
  takeOver(): void {
    if (this.#ownership?.owner !== false || this.#asking) return;
    this.#asking = true;
    this.#post({ type: 'take-over', tab: this.#tab });
    // An owner that does not answer (another version of the library, a frozen tab): take it anyway.
    this.#timer = setTimeout(() => this.#steal(), this.#channel ? HANDOVER_WAIT_MS : 0);
  }

  #steal(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#asking = false;
    this.#waiting?.abort();
    const request = ++this.#request;
    const held: Promise<unknown> = navigator.locks.request(this.name, { steal: true }, () => this.#hold(request, held, 'taken-over'));
    held.catch(() => this.#lost(request));
  }

  /** In the lock's queue: granted when the owner's tab closes or lets go. */
  #wait(): void {
    if (this.#disposed) return;
    this.#waiting?.abort();
    const waiting = new AbortController();
    this.#waiting = waiting;
    const request = ++this.#request;
    const held: Promise<unknown> = navigator.locks.request(this.name, { signal: waiting.signal }, () => this.#hold(request, held));
    held.catch(() => this.#lost(request));
  }

  /** Holds the lock: reads what another tab typed, then owns until `#letGo` (or a steal). */
  async #hold(request: number, held: Promise<unknown>, asked?: 'taken-over'): Promise<void> {
    if (this.#disposed || request !== this.#request) return;
    this.#waiting = undefined;
    this.#held = held;
    // Before anything is shown: the other tab's typing, not this page's stale copy.
    await pendingWorkStore().reload();
    if (this.#disposed || request !== this.#request) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#asking = false;
    // A lock held by this tab before a steal of its own is gone already; its callback can end.
    this.#letGo?.();
    const reason: DeskOwnershipReason = asked ?? (this.#ownership ? 'other-tab-closed' : 'only-tab');
    const since = Date.now();
    this.#set({ owner: true, reason, since });
    this.#post({ type: 'owner', tab: this.#tab, since });
    await new Promise<void>((resolve) => (this.#letGo = resolve));
  }

  /** A lock request ended in failure: aborted while waiting (nothing to do), or stolen while held. */
  #lost(request: number): void {
    if (this.#disposed || request !== this.#request) return;
    this.#letGo?.();
    this.#letGo = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#ownership?.owner !== false) this.#set({ owner: false, reason: 'moved', since: Date.now() });
    this.#wait();
  }

  async #onMessage(message: Message): Promise<void> {
    if (this.#disposed) return;
    const ownership = this.#ownership;
    switch (message.type) {
      case 'query':
        if (ownership?.owner) this.#post({ type: 'owner', tab: this.#tab, since: ownership.since ?? Date.now() });
        return;
      case 'owner':
        if (ownership?.owner) return;
        if (!ownership) {
          clearTimeout(this.#timer);
          this.#timer = undefined;
        }
        this.#set({ owner: false, reason: ownership?.reason ?? 'other-tab', since: message.since });
        return;
      case 'take-over': {
        if (!ownership?.owner || !this.#letGo) return;
        // Stand by first (the windows go, and nothing more is typed here), then save, then hand over.
        const request = this.#request;
        this.#set({ owner: false, reason: 'moved', since: Date.now() });
        await new Promise((resolve) => setTimeout(resolve));
        await pendingWorkStore().flush();
        if (this.#disposed || request !== this.#request) return;
        this.#post({ type: 'released', tab: this.#tab, to: message.tab });
        // Kept for the asking tab; if it never comes (closed meanwhile), the queue has it.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          if (request !== this.#request) return;
          this.#letGo?.();
          this.#letGo = undefined;
          this.#wait();
        }, HANDOVER_KEEP_MS);
        return;
      }
      case 'released':
        if (message.to === this.#tab && this.#asking) this.#steal();
        return;
    }
  }

  #set(ownership: DeskOwnership): void {
    this.#ownership = ownership;
    for (const listener of [...this.#listeners]) listener(ownership);
  }

  #post(message: Message): void {
    this.#channel?.postMessage(message);
  }
}

const REGISTRY = Symbol.for('callback-elements.desk-tab-locks');
const RELEASES = Symbol.for('callback-elements.desk-tab-lock-releases');

/** This document's locks by name, shared by every copy of the library in the page. */
function registry(): Map<string, DeskTabLock> {
  const global = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, DeskTabLock> };
  global[REGISTRY] ??= new Map();
  return global[REGISTRY];
}

/** Locks this document is letting go of, by name: settled once released. */
function releases(): Map<string, Promise<unknown>> {
  const global = globalThis as typeof globalThis & { [RELEASES]?: Map<string, Promise<unknown>> };
  global[RELEASES] ??= new Map();
  return global[RELEASES];
}

/** The document's ownership of the desk of `scope` (created on first use). */
export function deskTabLock(scope: string): DeskTabLock {
  const name = `callback-elements:desk:${scope}`;
  let lock = registry().get(name);
  if (!lock) {
    lock = new DeskTabLock(scope);
    registry().set(name, lock);
  }
  return lock;
}
