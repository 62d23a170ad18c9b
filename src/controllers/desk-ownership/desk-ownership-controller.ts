import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeskOwnership } from './desk-ownership.js';
import type { Policy } from '../../model/actions.js';
import type { DeskTabLock } from './desk-tab-lock.js';
import { LifetimeScope } from '../lifetime-scope.js';

export type { DeskHandover, DeskOwnership, DeskOwnershipReason } from './desk-ownership.js';

export interface DeskOwnershipBinding {
  /**
   * Whose desk: the callback adapter's `workScope` (`'default'` for an adapter without one), or
   * `undefined` while the host has no adapter to connect (nothing to own).
   */
  scope: string | undefined;
  /** Coordinate with the other tabs of this browser; false owns at once (`unlocked`). */
  locked: boolean;
  /** Interactions are open here: another tab asking for the desk waits until they are finished. */
  busy?: boolean;
  /** A write is under way here (a Mark done): a hand-over waits for it, the policy's action timeout at most. */
  settling?: boolean;
  policy?: Partial<Policy> | undefined;
}

type TabLockModule = typeof import('./desk-tab-lock.js');
let tabLocks: TabLockModule | undefined;

/**
 * Whether this tab handles the agent's desk of a scope, or another tab of the same browser does
 * (see `DeskTabLock`: Web Locks and a BroadcastChannel). Undecided at first, for a moment: the host
 * connects nothing until `owner` is true, and `decided` resolves once it is known. `onChange` runs
 * when the desk comes to this tab or leaves it (not when only `since` changes).
 *
 * Where the Web Locks API is missing (browsers before 2022, pages that are not a secure context),
 * every tab owns its desk, as before this controller: nothing can tell the tabs apart safely.
 */
export class DeskOwnershipController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #binding: () => DeskOwnershipBinding;
  readonly #onChange: (ownership: DeskOwnership, previous: DeskOwnership | undefined) => void;
  #key: string | undefined;
  #lock: DeskTabLock | undefined;
  readonly #lifetime = new LifetimeScope();
  /** The desk of the current scope followed: its lock's subscription and hold, replaced with the key. */
  readonly #desk = new LifetimeScope(this.#lifetime);
  #ownership: DeskOwnership | undefined;
  #decided: Promise<void> = Promise.resolve();
  #resolveDecided: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    binding: () => DeskOwnershipBinding,
    onChange: (ownership: DeskOwnership, previous: DeskOwnership | undefined) => void = () => {},
  ) {
    this.#host = host;
    this.#binding = binding;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** Decided ownership, `undefined` while undecided or with nothing to own. */
  get ownership(): DeskOwnership | undefined {
    return this.#ownership;
  }

  /** Connect the adapters: this tab has the desk, or there is nothing to own. */
  get owner(): boolean {
    return this.#ownership ? this.#ownership.owner : this.#key === undefined;
  }

  /** Another tab has the desk. */
  get standby(): boolean {
    return this.#ownership?.owner === false;
  }

  /** Resolves once the ownership of the current scope is decided (or the host let go of it). */
  get decided(): Promise<void> {
    return this.#decided;
  }

  /** The tab's lock, once loaded: to take the desk over, and where that request stands. */
  get tabLock(): DeskTabLock | undefined {
    return this.#lock;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#bind();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#unbind();
  }

  hostUpdate(): void {
    if (this.#keyOf() !== this.#key) this.#bind();
  }

  /** The host shows what changed (an interaction closed, a Mark done went through): a hand-over may go on. */
  hostUpdated(): void {
    this.#lock?.changed();
  }

  #keyOf(): string | undefined {
    const { scope, locked } = this.#binding();
    return scope === undefined ? undefined : `${locked ? 'locked' : 'unlocked'}:${scope}`;
  }

  #bind(): void {
    this.#unbind();
    const key = this.#keyOf();
    const { scope, locked } = this.#binding();
    if (!this.#desk.open() || key === undefined || scope === undefined) return;
    this.#key = key;
    // Web Locks need a secure context and a 2022 browser: without them, own as before.
    if (!locked || !globalThis.navigator?.locks) {
      this.#decide({ owner: true, reason: 'unlocked' });
      return;
    }
    this.#decided = new Promise((resolve) => (this.#resolveDecided = resolve));
    const followed = this.#desk.signal;
    const follow = (module: TabLockModule) => {
      tabLocks = module;
      if (followed.aborted) return;
      const lock = module.deskTabLock(scope);
      lock.retain(this.#binding);
      this.#lock = lock;
      this.#desk.subscribe(() => lock.subscribe((ownership) => this.#decide(ownership)));
      if (lock.ownership) this.#decide(lock.ownership);
    };
    if (tabLocks) {
      follow(tabLocks);
      return;
    }
    // Fetched only by a page that has a desk to own; a chunk that cannot be fetched owns as before.
    import('./desk-tab-lock.js').then(follow, () => {
      if (!followed.aborted) this.#decide({ owner: true, reason: 'unlocked' });
    });
  }

  #unbind(): void {
    this.#desk.close();
    this.#lock?.release(this.#binding);
    this.#lock = undefined;
    this.#key = undefined;
    this.#ownership = undefined;
    this.#resolveDecided?.();
    this.#resolveDecided = undefined;
  }

  #decide(ownership: DeskOwnership): void {
    const previous = this.#ownership;
    this.#ownership = ownership;
    this.#resolveDecided?.();
    this.#resolveDecided = undefined;
    this.#host.requestUpdate();
    if (previous?.owner === ownership.owner) return;
    // Not in the middle of the host's update (the first decision may come from `hostUpdate`).
    queueMicrotask(() => {
      if (this.#ownership === ownership) this.#onChange(ownership, previous);
    });
  }
}
