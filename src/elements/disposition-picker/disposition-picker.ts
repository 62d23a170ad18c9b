import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { WrapUpController } from '../../controllers/wrap-up/wrap-up-controller.js';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import type { DispositionNode } from '../../model/interaction.js';
import { findDisposition } from '../../model/validation.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import {
  ancestorsOf,
  filterDispositions,
  isFolder,
  treeCommand,
  visibleRows,
  type TreeRow,
} from './disposition-picker.tree.js';
import { renderCodeList, renderTreeNodes } from './disposition-picker.views.js';
import { adapterErrorMessage } from '../../messages/messages.js';
import { pendingDispositionMessage, validationMessage } from '../../messages/window-messages.js';
import { styles } from './disposition-picker.styles.js';

export type DispositionMode = 'list' | 'tree';

type LoadState = { status: 'loading' } | { status: 'ready'; codes: DispositionNode[] } | { status: 'error'; error: AdapterError };

/** Native-named events, as an `<input>` fires them: bubbling, and out of the shadow root. */
const nativeEvent = (type: 'input' | 'change') => new Event(type, { bubbles: true, composed: true });

/**
 * The disposition of an interaction: the codes of the directory as a flat radio list or as a tree
 * of folders with a search box. Picking a code sets it on the interaction at once (through the
 * callback adapter) and fires `input` and `change` like a native control. With `required`, the
 * agent sees that Mark done waits for a code.
 *
 * `value` is the chosen code. Set by code, it is shown (and can be saved with the Save button) but
 * fires nothing; a code the directory does not know is shown as an error, never accepted silently.
 * It follows the interaction's disposition when that changes.
 *
 * The codes come from the `directory`'s `dispositionCodes()`; of the `policy`, it reads `canSetDisposition` and `dispositionMandatory`.
 *
 * @summary Choose the disposition code of an interaction (list or tree with search).
 *
 * @fires {Event} input - The agent picked a code (`value` holds it). Bubbles, composed.
 * @fires {Event} change - The agent picked a code. Bubbles, composed.
 * @fires {CallbackActionEvent} callback-action - `detail.action === 'set-disposition'`, `detail.args.disposition`. Cancelable: `preventDefault()` stops the adapter call.
 * @fires {CallbackActionDoneEvent} callback-action-done - The callback service stored the disposition.
 * @fires {CallbackErrorEvent} callback-error - Storing it failed; the message is shown and the choice kept.
 *
 * @csspart base - The fieldset.
 * @csspart label - The label ("Disposition", "Required").
 * @csspart current - The disposition stored on the interaction.
 * @csspart kept - The disposition chosen but not stored yet (kept, and sent with Mark done).
 * @csspart search - The search box (tree mode).
 * @csspart options - The radio list (list mode) or the tree (tree mode).
 * @csspart error - Error messages (load failure, unknown code, adapter failure).
 * @csspart retry-button - Load the codes again.
 * @csspart save-button - Store a chosen code that is not stored yet.
 *
 * @cssproperty --cb-disposition-selected - Background of the chosen code.
 * @cssproperty --cb-disposition-max-block-size - Height after which the codes scroll.
 *
 * @cssstate loading - The codes are being loaded.
 * @cssstate missing - `required` and no code chosen.
 * @cssstate invalid - `value` is not a known code.
 * @cssstate pending - Waiting for the callback service to store the code.
 * @cssstate error - Loading or storing failed.
 */
export class DispositionPicker extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /** `list`: every code as one radio group. `tree`: folders with search. */
  @property({ reflect: true }) mode: DispositionMode = 'list';
  /** The chosen code. */
  @property() value = '';
  /** A code is needed before Mark done (also when the policy makes the disposition mandatory). */
  @property({ type: Boolean, reflect: true }) required = false;

  @state() private load: LoadState = { status: 'loading' };
  @state() private query = '';
  @state() private expanded: ReadonlySet<string> = new Set();
  @state() private active: string | undefined;

  readonly #session = new InteractionSession(
    this,
    sessionOverrides(this),
    (previous, next) => {
      // Our own stores are not news; a pick made meanwhile must not be replaced by an older one.
      const code = next.disposition?.code;
      if (code && code !== previous?.disposition?.code && !this.#saving) {
        this.value = code;
        // Changed at the service: that is now what Mark done should send, not an older choice.
        if (next.state !== 'done' && this.#work.work?.disposition) this.#work.update({ disposition: next.disposition });
      }
    },
  );

  /** The agent's choice, kept (IndexedDB) until Mark done is acknowledged, even if storing it failed. */
  readonly #work = new WrapUpController(this, this.#session, () => ({ adapter: this.#session.adapter, interactionId: this.#session.interaction?.id }));
  /** The interaction whose kept choice has been restored. */
  #restoredFor: string | undefined;
  /** A restored choice the service does not have yet: store it once the codes are known. */
  #resync = false;

  #loadedFrom: DirectoryAdapter | undefined;
  #abort: AbortController | undefined;
  #boundTo: string | undefined;
  #saving = false;

  get #codes(): DispositionNode[] | undefined {
    return this.load.status === 'ready' ? this.load.codes : undefined;
  }

  get #isRequired(): boolean {
    return this.required || !!this.#session.policy.dispositionMandatory;
  }

  /** `value` is set but the loaded codes do not have it. */
  get #unknown(): boolean {
    const codes = this.#codes;
    return !!this.value && !!codes && !findDisposition(codes, this.value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after a load was cut short: load again.
    if (!this.#loadedFrom) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    if (this.load.status !== 'ready') this.#loadedFrom = undefined;
  }

  // After the controllers' hostUpdate (the session has the interaction and the directory).
  override update(changed: PropertyValues<this>): void {
    const interaction = this.#session.interaction;
    if (interaction?.id !== this.#boundTo) {
      this.#boundTo = interaction?.id;
      if (!this.value && interaction?.disposition) this.value = interaction.disposition.code;
    }
    // After a reload or in a new tab: the agent's last choice comes back, and goes to the service.
    if (interaction && this.#work.store.loaded && this.#restoredFor !== interaction.id) {
      this.#restoredFor = interaction.id;
      const chosen = this.#work.work?.disposition;
      if (chosen) {
        this.value = chosen.code;
        this.#resync = chosen.code !== interaction.disposition?.code;
      }
    }
    if (this.#resync && this.#codes) {
      this.#resync = false;
      queueMicrotask(() => void this.#save());
    }
    const directory = this.#session.directory;
    if (directory !== this.#loadedFrom) this.#loadCodes(directory);
    super.update(changed);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setState('loading', this.load.status === 'loading');
    this.setState('missing', this.#isRequired && !this.value);
    this.setState('invalid', this.#unknown);
    this.setState('pending', this.#session.isPending('set-disposition'));
    this.setState('error', this.load.status === 'error' || this.#session.error?.action === 'set-disposition');
  }

  #loadCodes(directory: DirectoryAdapter | undefined): void {
    this.#loadedFrom = directory;
    this.#abort?.abort();
    this.load = { status: 'loading' };
    if (!directory) return;
    const abort = new AbortController();
    this.#abort = abort;
    directory.dispositionCodes({ signal: abort.signal }).then(
      (codes) => {
        if (abort.signal.aborted) return;
        this.load = { status: 'ready', codes };
        if (this.value) this.expanded = new Set([...this.expanded, ...ancestorsOf(codes, this.value)]);
      },
      (error: unknown) => {
        if (!abort.signal.aborted) this.load = { status: 'error', error: AdapterError.from(error) };
      },
    );
  }

  #retry(): void {
    this.#loadedFrom = undefined;
    this.requestUpdate();
  }

  /** The agent chose `code`: events like a native control, then store it. */
  #pick(code: string): void {
    if (code !== this.value) {
      this.value = code;
      this.dispatchEvent(nativeEvent('input'));
      this.dispatchEvent(nativeEvent('change'));
    }
    // Kept before the service is asked: if that fails, the choice still goes with Mark done.
    const ref = this.#codes ? findDisposition(this.#codes, code) : undefined;
    if (ref) this.#work.update({ disposition: ref });
    void this.#save();
  }

  /**
   * Stores `value` on the interaction. Picks made while a store is under way (arrow keys through
   * the radio list) are not lost: the latest one is stored when the previous store is done.
   */
  async #save(): Promise<void> {
    if (this.#saving) return;
    this.#saving = true;
    try {
      for (;;) {
        const codes = this.#codes;
        const ref = codes && this.value ? findDisposition(codes, this.value) : undefined;
        if (!ref || ref.code === this.#session.interaction?.disposition?.code) break;
        const stored = await this.#session.run(
          'set-disposition',
          (interaction) => this.#session.requireAdapter().setDisposition(interaction.id, ref),
          { disposition: ref },
        );
        if (!stored) break;
      }
    } finally {
      this.#saving = false;
    }
  }

  protected override render() {
    const availability = this.#session.availability('set-disposition');
    if (availability.status === 'hidden') return nothing;
    const pending = this.#session.isPending('set-disposition');
    const locked = availability.status === 'disabled' && !pending;
    const required = this.#isRequired;
    const missing = required && !this.value;
    const saved = this.#session.interaction?.disposition;
    const errors: string[] = [];
    if (this.load.status === 'error') errors.push(adapterErrorMessage(this.load.error.code));
    if (this.#unknown) errors.push(validationMessage('disposition-unknown'));
    const sessionError = this.#session.error;
    if (sessionError?.action === 'set-disposition') errors.push(sessionError.message);
    const unsaved = !pending && !this.#unknown && !!this.#codes && !!this.value && this.value !== saved?.code;
    return html`
      <fieldset part="base" class="box" ?disabled=${locked} aria-busy=${pending ? 'true' : 'false'}
        aria-describedby=${missing ? 'missing' : nothing}>
        <legend id="label" part="label" class="label">
          ${msg('Disposition', { id: 'disposition.label' })}
          ${required ? html`<span class="required">${msg('Required', { id: 'disposition.required' })}</span>` : nothing}
        </legend>
        <p part="current" class="current">
          ${saved
            ? msg(str`Current disposition: ${saved.label}`, { id: 'disposition.current' })
            : msg('No disposition set yet.', { id: 'disposition.none' })}
        </p>
        ${this.#renderKept(saved?.code)}
        ${missing ? html`<p id="missing" class="missing">${validationMessage('disposition-required')}</p>` : nothing}
        ${this.#renderCodes(required)}
        <div part="error" class="error" role="alert" ?hidden=${!errors.length}>${errors.map((m) => html`<p>${m}</p>`)}</div>
        ${this.load.status === 'error'
          ? html`<button type="button" part="retry-button" class="retry" @click=${this.#retry}>${msg('Try again', { id: 'disposition.retry' })}</button>`
          : nothing}
        ${unsaved
          ? html`<button type="button" part="save-button" class="save" @click=${() => void this.#save()}>
              ${msg('Save disposition', { id: 'disposition.save' })}
            </button>`
          : nothing}
      </fieldset>
    `;
  }

  /** The agent's choice the service does not have yet: shown even when the codes cannot be loaded. */
  #renderKept(savedCode: string | undefined) {
    const kept = this.#work.work?.disposition;
    if (!kept || kept.code === savedCode || kept.code !== this.value) return nothing;
    return html`<p part="kept" class="kept">${pendingDispositionMessage(kept.label)}</p>`;
  }

  #renderCodes(required: boolean) {
    const codes = this.#codes;
    if (this.load.status === 'loading') return html`<p class="note">${msg('Loading dispositions…', { id: 'disposition.loading' })}</p>`;
    if (!codes) return nothing;
    return this.mode === 'tree' ? this.#renderTree(codes, required) : renderCodeList(codes, this.value, required, (code) => this.#pick(code));
  }

  get #isExpanded(): (code: string) => boolean {
    return this.query.trim() ? () => true : (code) => this.expanded.has(code);
  }

  #rows(codes: readonly DispositionNode[]): TreeRow[] {
    return visibleRows(filterDispositions(codes, this.query), this.#isExpanded);
  }

  #renderTree(codes: readonly DispositionNode[], required: boolean) {
    const shown = filterDispositions(codes, this.query);
    const rows = visibleRows(shown, this.#isExpanded);
    const active = rows.some((r) => r.node.code === this.active)
      ? this.active
      : (rows.find((r) => r.node.code === this.value) ?? rows[0])?.node.code;
    const query = this.query.trim();
    return html`
      <div class="search">
        <label for="search">${msg('Search dispositions', { id: 'disposition.search' })}</label>
        <input id="search" part="search" type="search" autocomplete="off" aria-controls=${rows.length ? 'tree' : nothing} .value=${live(this.query)}
          @input=${(e: Event) => { e.stopPropagation(); this.query = (e.target as HTMLInputElement).value; }}
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'ArrowDown' && active) { e.preventDefault(); void this.#focusRow(active); } }} />
      </div>
      ${rows.length
        ? html`<ul id="tree" part="options" class="tree" role="tree" aria-labelledby="label" aria-required=${required ? 'true' : 'false'}
            @keydown=${(e: KeyboardEvent) => this.#onTreeKey(e, codes)} @focusin=${this.#onTreeFocus}>
            ${renderTreeNodes(shown, {
              active,
              value: this.value,
              isExpanded: this.#isExpanded,
              onActivate: (node) => this.#activate(node),
            })}
          </ul>`
        : html`<p class="note">${msg(str`No disposition matches “${query}”.`, { id: 'disposition.no-match' })}</p>`}
    `;
  }

  #activate(node: DispositionNode): void {
    this.active = node.code;
    if (isFolder(node)) this.#toggle(node.code, !this.#isExpanded(node.code));
    else this.#pick(node.code);
  }

  #toggle(code: string, open: boolean): void {
    if (this.query.trim()) return;
    const next = new Set(this.expanded);
    if (open) next.add(code);
    else next.delete(code);
    this.expanded = next;
  }

  #onTreeFocus = (e: FocusEvent): void => {
    const code = (e.target as Element).closest('[role=treeitem]')?.getAttribute('data-code');
    if (code && code !== this.active) this.active = code;
  };

  constructor() {
    super();
    // The tree: Down, Up, Home and End move among the rows shown, without going round.
    new RovingFocusController(this, { items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[role=treeitem]')], orientation: 'vertical' });
  }

  #onTreeKey(e: KeyboardEvent, codes: readonly DispositionNode[]): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const code = (e.target as Element).closest('[role=treeitem]')?.getAttribute('data-code');
    if (!code) return;
    // Right opens and Left closes in the reading direction, as the twisty points: mirrored right to left.
    const mirrored = getComputedStyle(this).direction === 'rtl' ? ({ ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' } as Record<string, string>)[e.key] : undefined;
    const command = treeCommand(mirrored ?? e.key, this.#rows(codes), code);
    if (!command) return;
    e.preventDefault();
    switch (command.kind) {
      case 'focus':
        void this.#focusRow(command.code);
        break;
      case 'expand':
      case 'collapse':
        this.#toggle(command.code, command.kind === 'expand');
        break;
      case 'pick':
        this.#pick(command.code);
        break;
    }
  }

  async #focusRow(code: string): Promise<void> {
    this.active = code;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[role=treeitem][data-code="${CSS.escape(code)}"]`)?.focus();
  }
}
