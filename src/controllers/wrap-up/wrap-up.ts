import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { Unsubscribe } from '../../adapters/errors.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { Interaction } from '../../model/interaction.js';
import { isAccepted } from '../../model/states.js';
import type { InteractionSession } from '../interaction-session.js';
import { LifetimeScope } from '../lifetime-scope.js';
import { pendingWorkStore, type PendingWork, type PendingWorkStore } from '../pending-work/pending-work-store.js';
import { isTransientFailure, retryDelay } from './failures.js';
import { markDoneWithKeptWork } from './mark-done.js';
import { keptWindowChanges, wrapUps } from './wrap-ups.js';

/**
 * An element showing the interaction, lending its wrap-up what only an element has. A host with a
 * `rank` sends Mark done through its session (the cancelable request event, the timeout, the error
 * shown) and tells the host page the outcome from its place in the page (`callback-done`): the
 * highest rank present does (`<call-actions>` over the `<callback-preview>` around it). A host
 * without one (the note, the disposition picker) only follows the wrap-up.
 */
export interface WrapUpHost {
  readonly session: InteractionSession;
  readonly rank?: number;
  /** The interaction was marked done by this wrap-up: say so (`callback-done`). */
  done?(interaction: Interaction): void;
  /** Something the host shows changed (the work, a try under way). */
  changed(): void;
}

/**
 * The wrap-up of one interaction of one callback adapter, without DOM: the agent's kept work (the
 * draft note and the chosen disposition, in the pending-work store), one Mark done at a time, its
 * retries after a failure on the way (at once when an element meets work an earlier page left, on
 * `online`, when the phone registers again, and on a back-off timer), its outcome (a Mark done that
 * failed here although the service did it counts as done when the interaction shows done) and the
 * window's stay: `<callback-desk>` asks `keepsWindow` instead of guessing from events. It works
 * while an element that shows the interaction is attached.
 */
export class WrapUp {
  readonly adapter: CallbackAdapter;
  readonly id: string;
  readonly store: PendingWorkStore;
  readonly #hosts: WrapUpHost[] = [];
  readonly #lifetime = new LifetimeScope();
  /** The back-off timer, while one is armed. */
  readonly #timer = new LifetimeScope(this.#lifetime);
  /** The phone's registration followed, replaced with the telephony adapter. */
  readonly #registration = new LifetimeScope(this.#lifetime);
  #telephony: TelephonyAdapter | undefined;
  /** The first try since an element met the interaction has been made (or was not needed). */
  #started = false;
  /** The last Mark done from here failed on the way (no answer, or none in time): the service may have it. */
  #unconfirmed = false;
  /** Actions under way that close the interaction (Mark done, a web callback's reschedule), from request to outcome. */
  #closing = 0;
  #lastState: Interaction['state'] | undefined;
  /** `keepsWindow` as the registry last told it. */
  #kept = false;

  constructor(adapter: CallbackAdapter, id: string, store: PendingWorkStore) {
    this.adapter = adapter;
    this.id = id;
    this.store = store;
  }

  /** The agent's kept work on the interaction (draft, disposition, a pending Mark done). */
  get work(): PendingWork | undefined {
    return this.store.get(this.id, this.adapter);
  }

  /** Sets (or, with `undefined`, forgets) fields of the kept work, with who the interaction is with. */
  update(patch: Parameters<PendingWorkStore['update']>[1]): void {
    const contact = this.adapter.getInteraction(this.id)?.contact;
    this.store.update(this.id, contact ? { contact, ...patch } : patch, this.adapter);
  }

  /** A Mark done of the interaction is under way in this page. */
  get inFlight(): boolean {
    return this.store.isInFlight(this.id, this.adapter);
  }

  /**
   * The window must stay: an action that closes the interaction was asked for, not cancelled, and
   * its outcome is not told yet; or a Mark done failed on the way and the interaction may still
   * show as done (its `callback-done` comes from the window).
   */
  get keepsWindow(): boolean {
    return this.#closing > 0 || this.#unconfirmed;
  }

  /** Follows the wrap-up while `host` shows the interaction; returns the detach. */
  attach(host: WrapUpHost): Unsubscribe {
    this.#hosts.push(host);
    if (this.#hosts.length === 1) this.#open();
    this.#followTelephony();
    // Never from inside the attaching element's update: the first try re-renders it.
    void Promise.resolve().then(() => this.#check());
    return () => {
      const index = this.#hosts.indexOf(host);
      if (index < 0) return;
      this.#hosts.splice(index, 1);
      if (this.#hosts.length) this.#followTelephony();
      else this.#close();
    };
  }

  /**
   * Keeps the window while `action` runs (from the request event to its outcome): a request a host
   * page cancels resolves at once, and lets the window go.
   */
  async closeWith<T>(action: () => Promise<T>): Promise<T> {
    this.#closing++;
    this.#changed();
    try {
      return await action();
    } finally {
      this.#closing--;
      this.#changed();
      if (!this.#hosts.length) this.#release();
    }
  }

  /**
   * Mark done with the kept work, through `host` (the one asking; else the sending host), which
   * tells the outcome. One at a time, whoever asks (the agent, the retry timer, `online`).
   */
  async markDone(host = this.#sender): Promise<Interaction | undefined> {
    const session = host?.session;
    if (!session || this.inFlight) return undefined;
    return this.closeWith(async () => {
      const done = await markDoneWithKeptWork(session, this.store);
      if (done) {
        this.#unconfirmed = false;
        host.done?.(done);
      } else if (session.error?.action === 'mark-done') {
        // Refused: the service said no. Otherwise it may yet have done it (see #onInteraction).
        this.#unconfirmed = isTransientFailure({ code: session.error.code });
      }
      // Failed on the way: the back-off timer starts.
      this.#check();
      return done;
    });
  }

  /** Sends a pending Mark done now (the agent's "Retry now", or a sign the service is back). */
  retryNow(): void {
    void this.#attempt();
  }

  get #sender(): WrapUpHost | undefined {
    let best: WrapUpHost | undefined;
    for (const host of this.#hosts) if ((host.rank ?? 0) > 0 && (host.rank ?? 0) >= (best?.rank ?? 0)) best = host;
    return best;
  }

  get #pending(): boolean {
    return !!this.work?.markDonePending;
  }

  get #sendable(): boolean {
    const interaction = this.adapter.getInteraction(this.id);
    return !!interaction && isAccepted(interaction.state) && !!this.#sender;
  }

  #open(): void {
    const lifetime = this.#lifetime;
    lifetime.open();
    this.#started = false;
    this.#lastState = this.adapter.getInteraction(this.id)?.state;
    lifetime.subscribe(() => this.adapter.onInteraction((next) => next.id === this.id && this.#onInteraction(next)));
    lifetime.subscribe(() =>
      this.store.subscribe((id) => {
        if (id !== this.id) return;
        this.#changed();
        this.#check();
      }),
    );
    globalThis.addEventListener?.('online', () => this.#recovered(), { signal: lifetime.signal });
    // A page reloaded or closed sends nothing more. An adapter that outlives it (kept by the window
    // around a desk in an iframe) still calls its listeners in Firefox and WebKit: this page's
    // retry would race the next page's for the same kept work, the next page's would be refused
    // and its host page would never hear `callback-done`.
    globalThis.addEventListener?.('pagehide', (event) => (event as PageTransitionEvent).persisted || this.#close(), { signal: lifetime.signal });
    if (!this.store.loaded) void this.store.ready.then(() => (this.#changed(), this.#check()));
    // Already done when an element met it (after a reload): the kept work has nowhere to go.
    if (this.#lastState === 'done') this.#dropWorkOfDone();
  }

  #close(): void {
    this.#lifetime.close();
    this.#telephony = undefined;
    this.#release();
  }

  /** The sending host's phone: its registration coming back is a sign the contact center is reachable. */
  #followTelephony(): void {
    const telephony = this.#sender?.session.telephony;
    if (!this.#lifetime.active || telephony === this.#telephony) return;
    this.#registration.open();
    this.#telephony = telephony;
    this.#registration.subscribe(() => telephony?.onStatus((status) => status === 'registered' && this.#recovered()));
  }

  #recovered(): void {
    if (this.#pending) void this.#attempt();
  }

  #onInteraction(next: Interaction): void {
    const previous = this.#lastState;
    this.#lastState = next.state;
    if (next.state === previous) return;
    if (next.state !== 'done') {
      // Closed some other way (rescheduled, revoked): no Mark done of it can be told any more.
      if (!isAccepted(next.state) && this.#unconfirmed) {
        this.#unconfirmed = false;
        this.#changed();
      }
      this.#check();
      return;
    }
    if (this.inFlight) return;
    // A Mark done that timed out or lost its answer may still have reached the service: when the
    // interaction shows as done later, the host page hears `callback-done` all the same.
    if (this.#unconfirmed || this.#pending) {
      this.#unconfirmed = false;
      this.store.remove(this.id, this.adapter);
      const sender = this.#sender;
      sender?.session.clearError();
      sender?.done?.(next);
    }
    this.#dropWorkOfDone();
  }

  /** Work on an interaction the adapter reports done is over: there is nothing left to send it to. */
  #dropWorkOfDone(): void {
    if (!this.inFlight && this.work) this.store.remove(this.id, this.adapter);
    this.#changed();
  }

  #changed(): void {
    for (const host of [...this.#hosts]) host.changed();
    // The desk hears only whether the window stays: a desk of fifty is not re-rendered by a note typed.
    if (this.keepsWindow !== this.#kept) {
      this.#kept = !this.#kept;
      keptWindowChanges.dispatchEvent(new Event('change'));
    }
  }

  /** Nobody shows it any more: forgotten, unless its window is still kept. */
  #release(): void {
    const registry = wrapUps(this.adapter);
    if (!this.keepsWindow && registry.get(this.id) === this) registry.delete(this.id);
  }

  /**
   * Work found pending when an element meets the interaction (a reload, a new tab) is sent at once;
   * work that fails later in this page waits for the back-off timer (or a sign of recovery).
   */
  #check(): void {
    if (!this.#lifetime.active || !this.store.loaded) return;
    this.#followTelephony();
    const sendable = this.#sendable;
    if (sendable && !this.#started) {
      this.#started = true;
      if (this.#pending && !this.inFlight) {
        void this.#attempt();
        return;
      }
    }
    if (!this.#pending) {
      this.#timer.close();
      return;
    }
    if (sendable && !this.inFlight && !this.#timer.active) this.#arm();
  }

  #arm(): void {
    const clock = this.#sender?.session.clock;
    const timer = this.#timer;
    if (!clock || !timer.open()) return;
    const attempts = this.work?.markDonePending?.attempts ?? 1;
    timer.timeout(
      clock,
      () => {
        timer.close();
        void this.#attempt();
      },
      retryDelay(attempts),
    );
  }

  async #attempt(): Promise<void> {
    if (!this.#lifetime.active || !this.#sendable || this.inFlight) return;
    this.#timer.close();
    await this.markDone();
  }
}

/** The wrap-up of `adapter`'s interaction `id`, made when first asked for (on the page's pending-work store unless given). */
export function wrapUpOf(adapter: CallbackAdapter, id: string, store: PendingWorkStore = pendingWorkStore()): WrapUp {
  const registry = wrapUps(adapter);
  // Only wrap-ups are kept in the registry.
  let owner = registry.get(id) as WrapUp | undefined;
  if (!owner) registry.set(id, (owner = new WrapUp(adapter, id, store)));
  return owner;
}
