import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { SimulatedContactCenter } from '../../adapters/simulated/contact-center.js';
import { ActiveInteractionsController } from '../../controllers/active-interactions-controller.js';
import { OfferQueueController } from '../../controllers/offer-queue-controller.js';
import { KeptWindowsController } from '../../controllers/wrap-up/kept-windows-controller.js';
import { rovingIndex } from '../../controllers/roving-index.js';
import { announce } from '../../controllers/announcer.js';
import { DeskOwnershipController, type DeskOwnership } from '../../controllers/desk-ownership/desk-ownership-controller.js';
import type { Policy } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import type { Interaction } from '../../model/interaction.js';
import { CallbackElement } from '../shared/callback-element.js';
import { contactLabel } from '../shared/phone-format.js';
import { callbackTypeLabel } from '../../messages/messages.js';
import type { NoteUnsavedEvent } from '../interaction-note/interaction-note.events.js';
import type { CallbackPreview } from '../callback-preview/callback-preview.js';
import { styles } from './callback-desk.styles.js';
import { DeskOwnershipEvent } from './callback-desk.events.js';

/**
 * The words that announce an accepted call: fetched as a desk connects, not with it, since they are
 * only needed after Accept (in the drop-in bundle they come with the chunk fetched at load, not
 * before the desk can show an offer: issue 22). Settled long before an agent can accept.
 */
let callWordsModule: Promise<typeof import('../call-status/call-status.messages.js')> | undefined;
const callWords = () =>
  (callWordsModule ??= import('../call-status/call-status.messages.js').catch((error: unknown) => {
    callWordsModule = undefined; // tried again on the next accept
    throw error;
  }));

/**
 * The whole agent experience in one tag: agent status, the offer notification, and one window per
 * interaction being handled (tabs when there are several): `<callback-preview>` for a web
 * callback, `<interaction-window>` for a voice one. Choosing another open callback in a preview's
 * duplicate warning (`callback-open`) selects that interaction's tab when it is open here. It
 * provides its adapters to everything inside by context. With the `simulated` attribute and no
 * adapters set, it runs the in-browser simulated contact center (reachable as
 * `desk.contactCenter`), so a static page can try it. DTMF digits are masked (`•`) on screen, in
 * events and in the case history unless `dtmf-show-digits` opts in to showing them.
 *
 * Keyboard: the web preview's shortcuts (Call, Done) work from anywhere in the desk while the
 * preview shows, and `offer-shortcuts` opts in to keys that accept, reject or go to the waiting
 * offer from anywhere in the page. When a control that had focus goes away with what it acted on
 * and nothing inside took focus in its place, focus goes to the open window, else the idle
 * message, else the offers: never to the page's `<body>` (docs/a11y/callback-desk.md).
 *
 * One agent, several tabs: of the desks of one adapter scope (`callbackAdapter.workScope`) in the
 * tabs of one browser, one owns (Web Locks API): it connects the adapters and shows offers and
 * windows. The others connect nothing and say the desk is open in another tab, with a button to
 * use this tab instead: the owner lets a Mark done under way finish first ("Finishing in the other
 * tab…"), then saves what was typed, stands by, and this tab shows it. An owner with interactions
 * open keeps the desk (they live in its adapters): this tab says so, and takes the desk by itself
 * once they are done there (Stop waiting cancels that). When the owning tab closes, a waiting tab
 * takes the desk by itself and says so. Desks in one page share its ownership; `no-tab-lock` opts
 * out. Without Web Locks (old browsers, pages that are not a secure context, opaque-origin
 * documents such as sandboxed frames, where every lock request is refused) every tab owns its desk.
 *
 * @summary Agent desk composing status, notifications and interaction windows.
 *
 * @slot start - Above the agent status (a logo, a title).
 * @slot end - Below the interaction windows.
 *
 * @fires {DeskOwnershipEvent} callback-desk-ownership - The desk came to this tab (`detail.owner`) or another tab of this browser has it; a host page connects its own adapters (a SIP registration) only while its desk owns.
 *
 * @csspart status - The agent status bar.
 * @csspart notifications - Where offers appear.
 * @csspart notification - The offer notification's box (its `base`).
 * @csspart notification-accept-button - The offer's Accept button.
 * @csspart notification-reject-button - The offer's Reject button.
 * @csspart tabs - The tab list when several interactions are open.
 * @csspart window - The interaction window area.
 * @csspart unsaved-note - A note typed for an interaction that closed before it was saved, with Dismiss.
 * @csspart unsent-work - The `<unsent-work>` list: work an earlier page left on interactions no window shows.
 * @csspart standby - While another tab has the desk: why this one is empty, and the button to take it.
 * @csspart standby-take-over - Its Use this tab instead (or Take the desk back) button; Stop waiting while interactions open in the other tab keep the desk there.
 * @csspart simulator - With `simulated`: the bar that sends the simulator's offers.
 * @csspart simulator-send - Its Send offer button.
 *
 * @cssproperty --cb-desk-gap - Space between the desk's areas.
 * @cssproperty --cb-desk-tab-selected-background - Background of the selected tab (default: the accent).
 * @cssproperty --cb-desk-tab-selected-color - Text of the selected tab (default: the on-accent colour).
 *
 * @cssstate standby - Another tab of this browser has the desk.
 */
export class CallbackDesk extends CallbackElement {
  static override styles = [...CallbackElement.styles, styles];

  /** The callback service, provided to every element inside. */
  @property({ attribute: false })
  callbackAdapter?: CallbackAdapter;

  /** The phone, provided to every element inside. */
  @property({ attribute: false })
  telephonyAdapter?: TelephonyAdapter;

  /** Targets, contacts, responses, disposition codes, provided to every element inside. */
  @property({ attribute: false })
  directoryAdapter?: DirectoryAdapter;

  /** Clock for every timer inside. */
  @property({ attribute: false })
  clock?: Clock;

  /** Privileges and desk options for every element inside; each field set wins over the callback adapter's `policy`. */
  @property({ attribute: false })
  policy?: Partial<Policy>;

  /** Run the simulated contact center when no adapter is set. */
  @property({ type: Boolean }) simulated = false;
  /** Ring while an offer waits. */
  @property({ type: Boolean }) ring = false;
  /** Disposition display in the windows. */
  @property({ attribute: 'disposition-mode' }) dispositionMode: 'tree' | 'list' = 'tree';
  /** DTMF inactivity buffer in ms. */
  @property({ type: Number, attribute: 'dtmf-buffer' }) dtmfBuffer = 500;
  /** Show and record DTMF digits as typed (opt-in); without it they are masked (`•`) everywhere they would show. */
  @property({ type: Boolean, attribute: 'dtmf-show-digits' }) dtmfShowDigits = false;
  /**
   * Keeps DTMF digits masked even with `dtmf-show-digits`.
   * @deprecated Digits are masked by default now; `dtmf-show-digits` is the opt-in to show them.
   */
  @property({ type: Boolean, attribute: 'dtmf-mask' }) dtmfMask = false;
  /** Start of the contact's daytime hours (`HH:MM`, their clock) for the reschedule form; 08:00 when unset (see `<callback-scheduler>`). */
  @property({ attribute: 'contact-day-start' }) contactDayStart?: string;
  /** End of the contact's daytime hours (`HH:MM`, their clock, excluded) for the reschedule form; 21:00 when unset. */
  @property({ attribute: 'contact-day-end' }) contactDayEnd?: string;
  /** Web callbacks: call the contact as soon as the offer is accepted. */
  @property({ type: Boolean, attribute: 'auto-dial' }) autoDial = false;
  /** Own the desk in every tab (a host that coordinates its tabs itself); see the class notes. */
  @property({ type: Boolean, attribute: 'no-tab-lock' }) noTabLock = false;
  /**
   * Opt-in keys to accept or reject the waiting offer, and to move focus to it, from anywhere in
   * the page: `accept=Alt+Shift+A, reject=Alt+Shift+R, focus=Alt+Shift+O` (handed to the
   * `<callback-notification>`, see its `offer-shortcuts`). None without the attribute.
   */
  @property({ attribute: 'offer-shortcuts' }) offerShortcuts?: string;

  /** The simulated contact center, when `simulated` started one. */
  contactCenter: SimulatedContactCenter | undefined;

  @state() private selectedId: string | undefined;

  /** Notes of interactions that closed before they were saved, until the agent dismisses them. */
  @state() private unsavedNotes: readonly { id: string; who: string; text: string }[] = [];

  /** Windows whose interaction's wrap-up is closing it (Mark done, a web callback scheduled): kept until its outcome is told. */
  #kept = new KeptWindowsController(this, () => this.callbackAdapter);

  /** Whether this tab has the agent's desk; until it does, nothing inside is connected. */
  #ownership: DeskOwnershipController = new DeskOwnershipController(
    this,
    () => ({
      scope: this.callbackAdapter || this.telephonyAdapter ? (this.callbackAdapter?.workScope ?? 'default') : undefined,
      locked: !this.noTabLock,
      // Open interactions live in this tab's adapters: another tab waits until they are finished.
      // One being marked done is a write under way: a hand-over waits for its outcome.
      busy: this.#active.interactions.some((i) => !this.#kept.kept.includes(i.id)),
      settling: this.#kept.kept.length > 0,
      policy: this.policy,
    }),
    (ownership, previous) => this.#onOwnership(ownership, previous),
  );

  #active = new ActiveInteractionsController(this, () => (this.#ownership.owner ? this.callbackAdapter : undefined), {
    onAccepted: (interaction) => {
      // The agent works in the window shown (focus in it) and this one was accepted elsewhere (the
      // agent's Genesys Cloud window, another device): it gets its tab, the window and the focus
      // stay. Switching would hide the focused control and drop focus to <body>.
      const working = this.#workingIn();
      if (working && working !== interaction.id && !this.#acceptingHere.has(interaction.id)) {
        this.selectedId = working;
        this.#welcome(interaction, false);
        return;
      }
      this.selectedId = interaction.id;
      this.#welcome(interaction, !!working);
    },
    keep: (interaction) => this.#kept.kept.includes(interaction.id),
    // What the desk itself shows of an interaction (its tab and which window it gets); each window
    // follows its own interaction, so a hold re-renders that window, not the desk of fifty.
    viewKey: (i) => JSON.stringify([i.channel, i.contact.name, i.contact.phone, i.callbackType]),
  });

  /** Offers waiting for an answer: while one does, the idle line ("Offers appear here") is not shown. */
  #offers = new OfferQueueController(this, () => (this.#ownership.owner ? this.callbackAdapter : undefined));

  /** Offers accepted from this desk's notification (its button or its shortcut), until the answer. */
  readonly #acceptingHere = new Set<string>();

  /** The interaction whose window has focus, if one does. */
  #workingIn(): string | undefined {
    const id = this.shadowRoot?.activeElement?.closest('[part=window]')?.id;
    return id?.startsWith('window-') ? id.slice('window-'.length) : undefined;
  }

  constructor() {
    super();
    // Kept until the answer: the adapter tells the interaction accepted before it answers.
    this.addEventListener('callback-accept', (e) => this.#acceptingHere.add(e.detail.interaction.id));
    for (const type of ['callback-accepted', 'callback-error'] as const) {
      this.addEventListener(type, (e) => e.detail.interaction && this.#acceptingHere.delete(e.detail.interaction.id));
    }
    this.addEventListener('callback-done', (e) => this.#refocusAfterDone(e.detail.interaction.id));
    this.addEventListener('callback-open', (e) => this.#show(e.detail.interactionId));
    // The window goes with its interaction: the note the agent typed must not go with it.
    this.addEventListener('callback-note-unsaved', (e: NoteUnsavedEvent) => {
      const { interaction, text } = e.detail;
      const who = contactLabel(interaction.contact);
      this.unsavedNotes = [...this.unsavedNotes.filter((n) => n.id !== interaction.id), { id: interaction.id, who, text }];
    });
    // The last entry of unsent work went with its Discard button: focus to the window or the idle message.
    this.addEventListener('callback-work-discarded', () => {
      if (document.activeElement === document.body) this.#focusMain();
    });
    // A control that had focus went away with what it acted on (a rejected or expired offer, a
    // dismissed notice, a closed window) and nothing in its place took focus: the window, the idle
    // message or the offers take it (a click elsewhere in the page moves focus and is left alone).
    this.addEventListener('focusout', (e) => {
      const from = e.composedPath()[0];
      if (e.relatedTarget || !(from instanceof Element)) return;
      void this.updateComplete.then(() => (from.isConnected ? this.#watchFocus() : this.#focusLost()));
    });
    // Firefox fires no focusout when the focused control is removed: the shadow roots from the desk
    // down to it are watched instead, again whenever focus may have moved inside (focus events that
    // stay inside the desk do not reach it).
    for (const type of ['focusin', 'keyup', 'pointerup']) this.addEventListener(type, () => this.#watchFocus());
    // The web preview's Call and Done shortcuts work from anywhere in the desk (right after Accept,
    // focus is on the window, outside the preview).
    this.addEventListener('keydown', (e) => {
      const preview = this.shadowRoot?.querySelector<CallbackPreview>('[part=window]:not([hidden]) > callback-preview');
      if (preview && !e.composedPath().includes(preview)) preview.handleShortcut?.(e);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    callWords().catch(() => undefined);
    if (this.simulated && !this.callbackAdapter) void this.#startSimulation();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#focusGone.disconnect();
  }

  /** The control that has focus inside the desk, while it is watched. */
  #focused: Element | undefined;
  #focusGone = new MutationObserver(() => (this.#focused?.isConnected ? this.#watchFocus() : this.#focused && this.#focusLost()));

  /** Watches the shadow roots from the desk down to its focused control, if any. */
  #watchFocus(): void {
    this.#focusGone.disconnect();
    this.#focused = undefined;
    for (let root = this.shadowRoot; root?.activeElement; root = this.#focused.shadowRoot) {
      this.#focusGone.observe(root, { childList: true, subtree: true });
      this.#focused = root.activeElement;
    }
  }

  #focusLost(): void {
    this.#watchFocus();
    void this.updateComplete.then(() => {
      if (document.activeElement === document.body || !document.activeElement) this.#focusMain();
    });
  }

  /** Until this tab's ownership of the desk is known (an instant), its content is not final. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.#ownership.decided;
    return (await super.getUpdateComplete()) && complete;
  }

  /**
   * The desk came to this tab or went to another: the host page hears it, the agent is told, and
   * focus that was in what went away goes to what replaces it (the standby title, or the window or
   * idle message); focus elsewhere in the page stays.
   */
  #onOwnership(ownership: DeskOwnership, previous: DeskOwnership | undefined): void {
    this.setState('standby', !ownership.owner);
    const scope = this.callbackAdapter?.workScope ?? 'default';
    this.dispatchEvent(new DeskOwnershipEvent({ ...ownership, scope }));
    if (ownership.owner && !previous) return;
    const focusHere = !!previous && (!!this.shadowRoot?.activeElement || document.activeElement === document.body);
    // Fetched the first time this tab does not simply own the desk (most pages never need it).
    void import('./callback-desk.standby.js').then((view) => {
      this.#standbyView = view;
      this.requestUpdate();
      const message = view.ownershipAnnouncement(ownership, previous);
      if (message) announce(message);
      if (!focusHere) return;
      if (ownership.owner) this.#focusMain();
      else void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('#standby-title')?.focus());
    });
  }

  /** The standby panel and the ownership messages, once fetched. */
  #standbyView: typeof import('./callback-desk.standby.js') | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Cleared as well when the adapters go: nothing to own, nothing to stand by for.
    this.setState('standby', this.#ownership.standby);
    this.#standbyView?.announceHandover(this.#ownership);
    // The idle message had focus and an offer hid it: focus goes to the offers. Firefox leaves focus
    // on the hidden message, and Tab from there goes to the browser's toolbar, not to the offer.
    if (this.shadowRoot?.activeElement?.matches('.idle[hidden]')) this.#focusMain();
  }

  /** With `simulated`: the simulator and its bar (callback-desk.simulation.ts), once fetched. */
  #simulation: typeof import('./callback-desk.simulation.js') | undefined;

  async #startSimulation(): Promise<void> {
    const simulation = await import('./callback-desk.simulation.js');
    if (this.callbackAdapter) return;
    const cc = simulation.startSimulation(this.renderRoot as ShadowRoot, (this.constructor as typeof CallbackDesk).elementStyles, this.clock);
    this.#simulation = simulation;
    this.contactCenter = cc;
    this.callbackAdapter = cc;
    this.telephonyAdapter = cc;
    this.directoryAdapter = cc;
    this.dispatchEvent(new Event('simulation-ready', { bubbles: true, composed: true }));
  }

  /**
   * A voice callback is connected the moment it is accepted, before its window exists to say so:
   * announced here, politely. The Accept button goes away with the offer, so an agent who accepted
   * here (focus in the notification, or lost to the body) is taken into the new window; focus
   * anywhere else in the host page is left alone.
   */
  #welcome(interaction: Interaction, fromWindow: boolean): void {
    // Words that cannot be fetched (offline): this one announcement is skipped, with no stray rejection.
    callWords().then(
      ({ callChangeAnnouncement }) => {
        const message = callChangeAnnouncement({ ...interaction, state: 'offered' }, interaction);
        if (message) announce(message);
      },
      () => undefined,
    );
    const lost = document.activeElement === document.body;
    // Accepted with the offer shortcut from another window, which the new one replaces: focus follows.
    if (!lost && !fromWindow && this.shadowRoot?.activeElement?.localName !== 'callback-notification') return;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#window-${CSS.escape(interaction.id)}`)?.focus());
  }

  /** The window marked done goes away with its buttons: focus goes to the next window, or the idle message. */
  #refocusAfterDone(id: string): void {
    const lost = document.activeElement === document.body;
    if (!lost && this.shadowRoot?.activeElement?.closest('[part=window]')?.id !== `window-${id}`) return;
    this.#focusMain();
  }

  /** After the next render, focus on the open window, else the idle message, else (an offer waits) the offers. */
  #focusMain(): void {
    void this.updateComplete.then(() => {
      const root = this.shadowRoot;
      (root?.querySelector<HTMLElement>('[part=window]:not([hidden]), .idle:not([hidden])') ?? root?.querySelector<HTMLElement>('[part=notifications]'))?.focus();
    });
  }

  /** Selects the interaction's tab when it is open here (a duplicate offered elsewhere is not). */
  #show(interactionId: string): void {
    const list = this.#active.interactions;
    if (!list.some((i) => i.id === interactionId) || interactionId === this.#selected?.id) return;
    this.selectedId = interactionId;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#tab-${CSS.escape(interactionId)}`)?.focus());
  }

  get #selected(): Interaction | undefined {
    const list = this.#active.interactions;
    return list.find((i) => i.id === this.selectedId) ?? list[0];
  }

  /** Left and Right (mirrored right to left) go round the tabs, Home and End jump; the tab focused is selected. */
  #onTabKeydown(event: KeyboardEvent): void {
    const list = this.#active.interactions;
    const next = rovingIndex(event.key, list.indexOf(this.#selected!), list.length, getComputedStyle(this).direction === 'rtl' ? -1 : 1, 0, true);
    if (next === undefined) return;
    event.preventDefault();
    this.#show(list[next]!.id);
  }

  protected override render() {
    // The adapters reach everything inside (slotted content included) through one provider, in the
    // tab that has the desk only.
    const owner = this.#ownership.owner;
    return html`<callback-provider
      .callbackAdapter=${owner ? this.callbackAdapter : undefined}
      .telephonyAdapter=${owner ? this.telephonyAdapter : undefined}
      .directoryAdapter=${owner ? this.directoryAdapter : undefined}
      .clock=${this.clock}
      .policy=${this.policy}
    >
      <slot name="start"></slot>
      ${this.#ownership.standby
        ? // A note handed back here stays to copy: it is in no other tab.
          html`${this.#standbyView?.renderStandby(this.#ownership, this.locale)}
          ${this.unsavedNotes.map((n) => this.#renderUnsavedNote(n))}`
        : this.#renderDesk()}
      <slot name="end"></slot>
    </callback-provider>`;
  }

  #renderDesk() {
    const list = this.#active.interactions;
    const selected = this.#selected;
    return html`<div part="status" class="status ${this.callbackAdapter || this.telephonyAdapter ? 'reserve' : ''}"><agent-status></agent-status></div>
      <div part="notifications" class="notifications" tabindex="-1">
        <callback-notification
          ?ring=${this.ring}
          offer-shortcuts=${this.offerShortcuts ?? nothing}
          exportparts="base: notification, accept-button: notification-accept-button, reject-button: notification-reject-button"
        ></callback-notification>
      </div>
      ${this.unsavedNotes.map((n) => this.#renderUnsavedNote(n))}
      <unsent-work part="unsent-work"></unsent-work>
      ${list.length > 1
        ? html`<div part="tabs" class="tabs" role="tablist" aria-label=${msg('Interactions', { id: 'desk.tabs' })} @keydown=${this.#onTabKeydown}>
            ${list.map(
              (i) => html`<button
                role="tab"
                id="tab-${i.id}"
                aria-selected=${i.id === selected?.id ? 'true' : 'false'}
                aria-controls="window-${i.id}"
                tabindex=${i.id === selected?.id ? 0 : -1}
                @click=${() => (this.selectedId = i.id)}
              >
                <span class="tab-name">${contactLabel(i.contact)}</span> <span class="tab-type">${callbackTypeLabel(i.callbackType)}</span>
              </button>`,
            )}
          </div>`
        : nothing}
      ${list.length
        ? // One window per interaction, kept while it is open: switching tabs must not hand one
          // interaction's half-typed edits, open popups or disposition to another.
          repeat(
            list,
            (i) => i.id,
            (i) => html`<div
              id="window-${i.id}"
              part="window"
              class="window"
              tabindex="-1"
              ?hidden=${i.id !== selected?.id}
              role=${list.length > 1 ? 'tabpanel' : 'region'}
              aria-labelledby=${list.length > 1 ? `tab-${i.id}` : nothing}
              aria-label=${list.length > 1 ? nothing : msg('Interaction', { id: 'desk.window' })}
            >
              ${this.#renderWindow(i)}
            </div>`,
          )
        : html`<p class="idle" tabindex="-1" ?hidden=${this.#offers.offers.length > 0}>
            ${msg('No interaction in progress. Offers appear here while you are Ready.', { id: 'desk.idle' })}
          </p>`}
      ${this.contactCenter && this.#simulation ? this.#simulation.renderSimulatorBar(this.contactCenter, this.renderRoot as ShadowRoot) : nothing}`;
  }

  /** A note typed for an interaction that closed before it was saved: to read, copy, then dismiss. */
  #renderUnsavedNote(note: { id: string; who: string; text: string }) {
    const dismiss = () => {
      this.unsavedNotes = this.unsavedNotes.filter((n) => n !== note);
      this.#focusMain();
    };
    return html`<section part="unsaved-note" class="unsaved-note" role="alert">
      <label>
        ${msg(str`The callback from ${note.who} closed before your note was saved:`, { id: 'desk.unsaved-note' })}
        <textarea readonly rows="3" .value=${note.text}></textarea>
      </label>
      <button type="button" @click=${dismiss}>${msg('Dismiss', { id: 'desk.unsaved-note-dismiss' })}</button>
    </section>`;
  }

  #renderWindow(interaction: Interaction) {
    // Until the element is defined (the drop-in bundle fetches it apart from the desk), the agent
    // reads why the window is empty, and what to do if it never fills.
    const loading = html`<p class="window-loading">
      ${msg('The window is still loading. If it does not appear, reload the page.', { id: 'desk.window-loading' })}
    </p>`;
    return html`${this.#renderWindowElement(interaction)}${loading}`;
  }

  #renderWindowElement(interaction: Interaction) {
    return interaction.channel === 'web-callback'
      ? html`<callback-preview
          interaction-id=${interaction.id}
          disposition-mode=${this.dispositionMode}
          dtmf-buffer=${this.dtmfBuffer}
          ?dtmf-show-digits=${this.dtmfShowDigits}
          ?dtmf-mask=${this.dtmfMask}
          contact-day-start=${this.contactDayStart ?? nothing}
          contact-day-end=${this.contactDayEnd ?? nothing}
          ?auto-dial=${this.autoDial}
        ></callback-preview>`
      : html`<interaction-window
          interaction-id=${interaction.id}
          disposition-mode=${this.dispositionMode}
          dtmf-buffer=${this.dtmfBuffer}
          ?dtmf-show-digits=${this.dtmfShowDigits}
          ?dtmf-mask=${this.dtmfMask}
          contact-day-start=${this.contactDayStart ?? nothing}
          contact-day-end=${this.contactDayEnd ?? nothing}
        ></interaction-window>`;
  }
}
