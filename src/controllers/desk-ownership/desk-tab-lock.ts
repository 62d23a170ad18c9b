import { actionTimeout, type Policy } from '../../model/actions.js';
import { pendingWorkStore } from '../pending-work/pending-work-store.js';
import type { DeskHandover, DeskOwnership, DeskOwnershipReason } from './desk-ownership.js';

/**
 * One agent's desk, open in several tabs of one browser: exactly one tab owns it (connects the
 * adapters, handles offers, is where the agent types), the others stand by. Loaded lazily by
 * `DeskOwnershipController`: a page that never meets an adapter never fetches it.
 *
 * - The owner holds the Web Lock `callback-elements:desk:<scope>`; a standby tab waits in the
 *   lock's queue, so it takes over by itself when the owner's tab closes (the browser releases a
 *   closed document's locks).
 * - Take over on request (`takeOver()`): the asking tab posts `take-over` on the BroadcastChannel
 *   of the same name. An owner with interactions open answers `busy` (they live in its adapters:
 *   a SIP session, the service's record of what the agent accepted there) and posts `idle` once
 *   they are finished, when the asking tab asks again. An owner with a write under way (a Mark
 *   done) posts `finishing` and waits for it, at most its users' `settleMs()`. Then the owner
 *   stands by, writes the agent's unsent work to IndexedDB and posts `released`; the asking tab
 *   steals the lock (`steal: true`, so a third tab waiting in the queue cannot slip in between)
 *   and reads the unsent work again before it shows anything.
 * - An owner that does not answer in time (a frozen tab, an older version) has the lock stolen;
 *   when it wakes it saves what was typed there and posts `saved`, and the new owner reads again.
 * - A tab that asked hears `owner` from a third tab that got the desk since: its request is over.
 * - The owner says when it took the desk (`owner` messages, also in answer to a new tab's `query`),
 *   so a standby tab can show since when.
 * - Where the lock manager refuses every request (an opaque-origin document such as a sandboxed
 *   frame: `SecurityError`), the tab owns as without Web Locks (`unlocked`), at once.
 *
 * Ownership is per document, not per element: every desk of one scope in one page shares one
 * `DeskTabLock` (a host showing two desks on one page keeps both working).
 */

type Message =
  | { type: 'owner'; tab: string; since: number }
  | { type: 'query'; tab: string }
  | { type: 'take-over'; tab: string }
  | { type: 'released'; tab: string; to: string }
  | { type: 'finishing'; tab: string; until: number }
  | { type: 'busy'; tab: string }
  | { type: 'idle'; tab: string }
  | { type: 'saved'; tab: string };

/** A desk of this page that shares the tab's ownership: what a hand-over must wait for, read when asked. */
export type DeskTabUser = () => {
  /** Interactions are open here (accepted, calls live): another tab could not carry them on. */
  busy?: boolean;
  /** A write is under way here (a Mark done the service has not answered). */
  settling?: boolean;
  /** Its action timeout is how long at most a hand-over waits for such a write. */
  policy?: Partial<Policy> | undefined;
};

/** How long an asking tab waits for the owner's answer before taking the lock anyway. */
const HANDOVER_WAIT_MS = 3_000;
/** How long an owner that stood by for a tab keeps the lock for it before letting the queue have it. */
const HANDOVER_KEEP_MS = 5_000;
/** How long a new tab that found the lock held waits for its holder to answer or let go. */
const FIRST_ANSWER_MS = 500;
/** How often an owner that was asked for the desk looks whether its writes went through. */
const SETTLE_POLL_MS = 50;
/** Queue requests in a row that fail without being granted before the tab stops coordinating. */
const MAX_FAILED_WAITS = 5;

const tabId = (): string => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** A steal, or an abort of our own: the only failures the hand-over expects of a lock request. */
const isAbort = (error: unknown): boolean => (error as { name?: unknown } | null | undefined)?.name === 'AbortError';

export type OwnershipListener = (ownership: DeskOwnership) => void;

export class DeskTabLock {
  readonly name: string;
  readonly #tab = tabId();
  readonly #listeners = new Set<OwnershipListener>();
  readonly #users = new Set<DeskTabUser>();
  readonly #channel: BroadcastChannel | undefined;
  #ownership: DeskOwnership | undefined;
  #handover: DeskHandover | undefined;
  /** Ends the held lock's callback (the lock is released). */
  #letGo: (() => void) | undefined;
  /** The held lock's request: settles once the lock is released. */
  #held: Promise<unknown> | undefined;
  /** The latest lock request; an older one that fails (superseded, stolen from itself) is ignored. */
  #request = 0;
  #waiting: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** A queue request delayed after failures (back-off). */
  #retry: ReturnType<typeof setTimeout> | undefined;
  #failedWaits = 0;
  #disposed = false;
  /** False once the lock manager refused us: this tab owns, uncoordinated, and says nothing. */
  #coordinated = true;
  /** When this tab last asked for the desk. */
  #askedAt = 0;
  /** The owner answered `busy`: it posts `idle` once nothing is open here. */
  #answeredBusy = false;
  /** The owner waits for its writes before a hand-over: until when, and what ends the wait early. */
  #settleUntil = 0;
  #settleCheck: (() => void) | undefined;

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
      const held: Promise<unknown> = this.#lock({ ifAvailable: true }, (lock) => {
        if (lock) return this.#hold(request, held);
        this.#undecided();
        return undefined;
      });
      held.catch((error: unknown) => this.#lost(request, held, error));
    });
  }

  /** A lock request; one the lock manager throws at (rather than rejects) fails the same way. */
  #lock(options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown> {
    try {
      return navigator.locks.request(this.name, options, callback);
    } catch (error) {
      return Promise.reject(error);
    }
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

  /** Where this tab's request for the desk stands; undefined when it asked for nothing. */
  get handover(): DeskHandover | undefined {
    return this.#handover;
  }

  /** Follows changes (of `handover` too); the current one (if decided) is not replayed. */
  subscribe(listener: OwnershipListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One more desk of this page uses it. */
  retain(user: DeskTabUser): void {
    this.#users.add(user);
  }

  /** One desk fewer; with none left a microtask later (a desk moved in the page is back by then), it lets go. */
  release(user: DeskTabUser): void {
    this.#users.delete(user);
    queueMicrotask(() => {
      if (this.#users.size > 0 || this.#disposed) return;
      this.#disposed = true;
      registry().delete(this.name);
      if (this.#held) releases().set(this.name, this.#held.catch(() => undefined));
      this.#letGo?.();
      this.#waiting?.abort();
      clearTimeout(this.#timer);
      clearTimeout(this.#retry);
      this.#settleCheck?.();
      this.#channel?.close();
      this.#listeners.clear();
    });
  }

  /**
   * What a desk of this page shows changed (an interaction closed, a Mark done went through): an
   * owner waiting for its writes looks again, and one that answered `busy` says when it is idle.
   */
  changed(): void {
    this.#settleCheck?.();
    if (!this.#answeredBusy || !this.#ownership?.owner || this.#busy()) return;
    this.#answeredBusy = false;
    this.#post({ type: 'idle', tab: this.#tab });
  }

  /** The agent wants the desk in this tab: the owner finishes, saves and stands by, then this tab takes it. */
  takeOver(): void {
    if (this.#ownership?.owner !== false || this.#handover) return;
    this.#ask();
  }

  /** The agent no longer waits for the interactions open in the owning tab. */
  cancelTakeOver(): void {
    if (this.#handover === 'busy') this.#stopAsking();
  }

  #ask(): void {
    this.#askedAt = Date.now();
    this.#setHandover('asking');
    this.#post({ type: 'take-over', tab: this.#tab });
    // An owner that does not answer (another version of the library, a frozen tab): take it anyway.
    this.#fallback(this.#channel ? HANDOVER_WAIT_MS : 0);
  }

  #fallback(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#steal(), ms);
  }

  #stopAsking(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#setHandover(undefined);
  }

  #steal(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#waiting?.abort();
    this.#waiting = undefined;
    const request = ++this.#request;
    const held: Promise<unknown> = this.#lock({ steal: true }, () => this.#hold(request, held, 'taken-over'));
    held.catch((error: unknown) => this.#lost(request, held, error));
  }

  /**
   * In the lock's queue: granted when the owner's tab closes or lets go. After requests that failed
   * without being granted, again with a back-off, and a few times only: a lock manager that keeps
   * failing is one this tab cannot coordinate through.
   */
  #wait(): void {
    if (this.#disposed || !this.#coordinated) return;
    this.#waiting?.abort();
    this.#waiting = undefined;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    if (this.#failedWaits >= MAX_FAILED_WAITS) {
      this.#uncoordinated();
      return;
    }
    if (!this.#failedWaits) {
      this.#enqueue();
      return;
    }
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#enqueue();
    }, Math.min(2_000, 100 * 2 ** (this.#failedWaits - 1)));
  }

  #enqueue(): void {
    if (this.#disposed || !this.#coordinated) return;
    const waiting = new AbortController();
    this.#waiting = waiting;
    const request = ++this.#request;
    const held: Promise<unknown> = this.#lock({ signal: waiting.signal }, () => this.#hold(request, held));
    held.catch((error: unknown) => this.#lost(request, held, error));
  }

  /** Holds the lock: reads what another tab typed, then owns until `#letGo` (or a steal). */
  async #hold(request: number, held: Promise<unknown>, asked?: 'taken-over'): Promise<void> {
    if (this.#disposed || request !== this.#request) return;
    this.#waiting = undefined;
    this.#held = held;
    this.#failedWaits = 0;
    // Before anything is shown: the other tab's typing, not this page's stale copy.
    await pendingWorkStore().reload();
    if (this.#disposed || request !== this.#request) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#handover = undefined;
    // A lock held by this tab before a steal of its own is gone already; its callback can end.
    this.#letGo?.();
    const reason: DeskOwnershipReason = asked ?? (this.#ownership ? 'other-tab-closed' : 'only-tab');
    const since = Date.now();
    this.#set({ owner: true, reason, since });
    this.#post({ type: 'owner', tab: this.#tab, since });
    await new Promise<void>((resolve) => (this.#letGo = resolve));
  }

  /**
   * A lock request ended in failure: aborted (by this tab while waiting: nothing to do), stolen
   * while held (another tab took the desk), or refused by the lock manager (an opaque-origin
   * document's `SecurityError`): then this tab owns, uncoordinated, and asks no more.
   */
  #lost(request: number, held: Promise<unknown>, error: unknown): void {
    if (this.#disposed || request !== this.#request) return;
    if (!isAbort(error)) {
      this.#uncoordinated();
      return;
    }
    if (this.#held !== held) this.#failedWaits++;
    const stolen = this.#ownership?.owner === true;
    this.#letGo?.();
    this.#letGo = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#answeredBusy = false;
    this.#handover = undefined;
    if (stolen) this.#set({ owner: false, reason: 'moved', since: Date.now() });
    // A hand-over that waited for this tab's writes is over.
    this.#settleCheck?.();
    // Taken without a hand-over (this tab did not answer in time): what was typed here is saved
    // once the windows went, and the new owner reads it again.
    if (stolen) void this.#saveForNewOwner();
    this.#wait();
  }

  async #saveForNewOwner(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await pendingWorkStore().flush();
    if (!this.#disposed) this.#post({ type: 'saved', tab: this.#tab });
  }

  /** Web Locks refused here: own as a browser without them would, once and for all. */
  #uncoordinated(): void {
    this.#coordinated = false;
    // Whatever request is still out is ignored from now on.
    this.#request++;
    this.#waiting?.abort();
    this.#waiting = undefined;
    clearTimeout(this.#timer);
    clearTimeout(this.#retry);
    this.#timer = this.#retry = undefined;
    this.#letGo?.();
    this.#letGo = undefined;
    this.#handover = undefined;
    this.#set({ owner: true, reason: 'unlocked' });
  }

  async #onMessage(message: Message): Promise<void> {
    if (this.#disposed || !this.#coordinated) return;
    const ownership = this.#ownership;
    const asking = this.#handover === 'asking' || this.#handover === 'finishing';
    switch (message.type) {
      case 'query':
        if (ownership?.owner) this.#post({ type: 'owner', tab: this.#tab, since: ownership.since ?? Date.now() });
        return;
      case 'owner':
        if (ownership?.owner) return;
        if (!ownership) {
          clearTimeout(this.#timer);
          this.#timer = undefined;
        } else if (this.#handover && message.since >= this.#askedAt) {
          // A third tab got the desk after this one asked: this request is over (its fallback
          // would steal the desk from that tab, unsaved).
          this.#stopAsking();
        }
        this.#set({ owner: false, reason: ownership?.reason ?? 'other-tab', since: message.since });
        return;
      case 'take-over':
        if (ownership?.owner && this.#letGo) await this.#handOver(message.tab);
        return;
      case 'finishing':
        if (!asking) return;
        this.#setHandover('finishing');
        this.#fallback(Math.max(0, message.until - Date.now()) + HANDOVER_WAIT_MS);
        return;
      case 'busy':
        if (!asking) return;
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#setHandover('busy');
        return;
      case 'idle':
        if (this.#handover === 'busy' && ownership?.owner === false) this.#ask();
        return;
      case 'released':
        if (message.to === this.#tab && asking) this.#steal();
        return;
      case 'saved':
        if (ownership?.owner) await pendingWorkStore().reload();
        return;
    }
  }

  /**
   * Another tab asked for the desk. Open interactions stay here (`busy`); writes under way go
   * through first (`finishing`, bounded); then this tab stands by (the windows go, and nothing more
   * is typed here), saves, and hands over.
   */
  async #handOver(to: string): Promise<void> {
    if (this.#busy()) {
      this.#answerBusy();
      return;
    }
    if (this.#settleCheck) {
      // Already finishing for another tab: this one waits as long.
      this.#post({ type: 'finishing', tab: this.#tab, until: this.#settleUntil });
      return;
    }
    const request = this.#request;
    if (this.#settling()) {
      this.#settleUntil = Date.now() + this.#settleMs();
      this.#post({ type: 'finishing', tab: this.#tab, until: this.#settleUntil });
      await this.#settled();
      if (this.#disposed || request !== this.#request) return;
      // An offer accepted here meanwhile stays here.
      if (this.#busy()) {
        this.#answerBusy();
        return;
      }
    }
    this.#set({ owner: false, reason: 'moved', since: Date.now() });
    await new Promise((resolve) => setTimeout(resolve));
    await pendingWorkStore().flush();
    if (this.#disposed || request !== this.#request) return;
    this.#post({ type: 'released', tab: this.#tab, to });
    // Kept for the asking tab; if it never comes (closed meanwhile), the queue has it.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (request !== this.#request) return;
      this.#letGo?.();
      this.#letGo = undefined;
      this.#wait();
    }, HANDOVER_KEEP_MS);
  }

  #answerBusy(): void {
    this.#answeredBusy = true;
    this.#post({ type: 'busy', tab: this.#tab });
  }

  /** Resolves once no write is under way here, at `#settleUntil` at the latest, or when let go. */
  #settled(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.#disposed && this.#ownership?.owner && this.#settling() && Date.now() < this.#settleUntil) return;
        clearInterval(poll);
        this.#settleCheck = undefined;
        resolve();
      };
      const poll = setInterval(check, SETTLE_POLL_MS);
      this.#settleCheck = check;
      check();
    });
  }

  #busy(): boolean {
    return [...this.#users].some((user) => user().busy);
  }

  #settling(): boolean {
    return pendingWorkStore().sending || [...this.#users].some((user) => user().settling);
  }

  #settleMs(): number {
    return Math.max(0, ...[...this.#users].map((user) => actionTimeout('mark-done', user().policy)));
  }

  #setHandover(handover: DeskHandover | undefined): void {
    if (this.#handover === handover) return;
    this.#handover = handover;
    if (this.#ownership) this.#set(this.#ownership);
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
