import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import type { DirectoryAdapter, DirectoryTarget } from '../../adapters/directory-adapter.js';
import { clockContext, directoryAdapterContext } from '../../context/index.js';
import { rovingIndex } from '../../controllers/roving-index.js';
import { systemClock, type Clock } from '../../model/clock.js';
import { CallbackElement } from '../shared/callback-element.js';
import { CallbackErrorEvent } from '../../events/error-event.js';
import { adapterErrorMessage } from '../../messages/messages.js';
import { TargetSelectEvent, type TargetPurpose } from './team-communicator.events.js';
import { availabilityLabel, kindLabel, noMatchLabel, purposeLabel, resultCountLabel, waitingLabel } from './team-communicator.messages.js';
import { formatPhone } from '../shared/phone-format.js';
import { styles } from './team-communicator.styles.js';
import { KIND_ORDER, TargetSearch, type TargetKind } from './target-search.js';

/** Reads `kinds="agent, queue"` from HTML. */
const kindsConverter = {
  fromAttribute: (value: string | null): TargetKind[] | undefined =>
    value === null ? undefined : (value.split(',').map((s) => s.trim()).filter(Boolean) as TargetKind[]),
  toAttribute: (value: TargetKind[] | undefined) => value?.join(','),
};

/**
 * Searches the directory for someone to transfer the call to, conference in or consult: agents
 * (with their availability), queues (with callers waiting), routing points, skills and contacts.
 * An inline ARIA 1.2 combobox: type, move with the arrow keys, Home and End, choose with Enter or a
 * click; Escape closes the list, a second Escape clears the text. Unavailable agents are listed
 * and marked, not hidden: the agent decides.
 *
 * The search waits `debounce` ms after the last keystroke, on the `clock` (explicit, else from
 * context, else the system clock), so tests drive it with a ManualClock. After a choice the field
 * shows the chosen name; `clear()` empties it. It is not a popup itself: a toolbar may place it in
 * one (whose Escape then closes the popup first), and it works alone on a page.
 *
 * @summary Team communicator: search internal targets and contacts, choose one.
 *
 * @fires {TargetSelectEvent} target-select - The agent chose a target; `detail.target` and `detail.purpose`.
 * @fires {CallbackErrorEvent} callback-error - The directory search failed (`action: 'search-targets'`); the message is shown and the typed text kept.
 *
 * @csspart base - The whole communicator.
 * @csspart label - The visible label ("Transfer to…").
 * @csspart input - The search field.
 * @csspart listbox - The list of results.
 * @csspart group - The results of one kind, with its heading.
 * @csspart option - One result.
 * @csspart status - Searching, the number of results, or "no match".
 * @csspart error - The search error, with a Try again button.
 *
 * @cssproperty --cb-communicator-list-max-height - Tallest the result list grows before it scrolls.
 * @cssproperty --cb-availability-ready - Colour of a Ready agent's mark.
 * @cssproperty --cb-availability-not-ready - Colour of a Not ready agent's mark.
 * @cssproperty --cb-availability-busy - Colour of a Busy agent's mark.
 * @cssproperty --cb-availability-offline - Colour of an Offline agent's mark.
 *
 * @cssstate open - The result list is shown.
 * @cssstate searching - A search is under way.
 * @cssstate empty - The last search found nothing.
 * @cssstate error - The last search failed.
 */
export class TeamCommunicator extends CallbackElement {
  static override styles = [...CallbackElement.styles, styles];

  /** Where targets come from. Wins over one provided by context. */
  @property({ attribute: false }) directory?: DirectoryAdapter;

  /** Clock for the typing pause. Wins over context; defaults to the system clock. */
  @property({ attribute: false }) clock?: Clock;

  /** What the target is for; it names the field ("Transfer to…"). */
  @property() purpose: TargetPurpose = 'transfer';

  /** Only these kinds of target. Attribute: comma-separated (`kinds="agent, queue"`). Unset: all. */
  @property({ converter: kindsConverter }) kinds?: TargetKind[];

  /** Most results asked for. */
  @property({ type: Number }) limit = 20;

  /** Pause after the last keystroke before searching, ms. */
  @property({ type: Number }) debounce = 150;

  @consume({ context: directoryAdapterContext, subscribe: true })
  @state()
  protected contextDirectory?: DirectoryAdapter;

  @consume({ context: clockContext, subscribe: true })
  @state()
  protected contextClock?: Clock;

  @state() private text = '';
  @state() private expanded = false;
  @state() private activeIndex = -1;

  #search = new TargetSearch(
    this,
    () => ({ directory: this.#directory, clock: this.#clock, kinds: this.kinds, limit: this.limit, debounce: this.debounce }),
    {
      onResults: (results) => {
        this.activeIndex = -1;
        this.expanded = results.length > 0;
      },
      onError: (error) => {
        this.expanded = false;
        this.activeIndex = -1;
        const message = adapterErrorMessage(error.code);
        this.dispatchEvent(new CallbackErrorEvent({ action: 'search-targets', code: error.code, message, cause: error }));
      },
    },
  );

  get #directory(): DirectoryAdapter | undefined {
    return this.directory ?? this.contextDirectory;
  }

  get #clock(): Clock {
    return this.clock ?? this.contextClock ?? systemClock;
  }

  get #input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  /** The text typed in the field. */
  get query(): string {
    return this.text;
  }

  /** Focuses the search field. */
  override focus(options?: FocusOptions): void {
    const input = this.#input;
    if (input) input.focus(options);
    else super.focus(options);
  }

  /** Empties the field and the results, and cancels a search under way. */
  clear(): void {
    this.text = '';
    this.#reset();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A narrower or wider set of kinds answers differently: ask again for what is typed.
    if (changed.has('kinds') && changed.get('kinds') !== undefined && this.text.trim()) this.#search.schedule(this.text);
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('activeIndex') && this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView?.({ block: 'nearest' });
    }
    this.setState('open', this.expanded);
    const { status, results } = this.#search;
    this.setState('searching', status === 'pending');
    this.setState('empty', status === 'complete' && !results.length);
    this.setState('error', status === 'error');
  }

  #reset(): void {
    this.#search.reset();
    this.expanded = false;
    this.activeIndex = -1;
  }

  #onInput(event: InputEvent): void {
    this.text = (event.target as HTMLInputElement).value;
    this.activeIndex = -1;
    if (this.text.trim()) this.#search.schedule(this.text);
    else this.#reset();
  }

  /** Shows the list with `index` active, or searches now when there is nothing to show yet. */
  #openList(index: number): void {
    if (this.#search.results.length) {
      this.expanded = true;
      this.activeIndex = index;
    } else if (this.text.trim() && this.#search.status !== 'pending') {
      void this.#search.search(this.text);
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    const last = this.#search.results.length - 1;
    // The open list: Up, Down, Home and End move the active option, without going round.
    const next = this.expanded ? rovingIndex(event.key, this.activeIndex, last + 1, 0, 1) : undefined;
    if (next !== undefined) {
      event.preventDefault();
      this.activeIndex = next;
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        this.#openList(event.key === 'ArrowUp' ? last : event.altKey ? -1 : 0);
        break;
      case 'Enter':
        if (this.expanded && this.activeIndex >= 0) {
          event.preventDefault();
          this.#select(this.activeIndex);
        }
        break;
      case 'Escape':
        if (this.expanded) {
          this.expanded = false;
          this.activeIndex = -1;
        } else if (this.text) {
          this.clear();
        } else {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        break;
    }
  }

  #onFocusout(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.contains(next)) return;
    this.expanded = false;
    this.activeIndex = -1;
  }

  #select(index: number): void {
    const target = this.#search.results[index];
    if (!target) return;
    this.#reset();
    this.text = target.name;
    this.dispatchEvent(new TargetSelectEvent({ target: { ...target }, purpose: this.purpose }));
  }

  #retry(): void {
    this.focus();
    void this.#search.search(this.text);
  }

  protected override render() {
    const active = this.expanded && this.activeIndex >= 0 ? `option-${this.activeIndex}` : undefined;
    const { error } = this.#search;
    const errorMessage = error ? adapterErrorMessage(error.code) : '';
    return html`
      <div part="base" class="base" @focusout=${this.#onFocusout}>
        <label part="label" id="label" for="input">${purposeLabel(this.purpose)}</label>
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${active ?? nothing}
          aria-describedby="status"
          placeholder=${msg('Name, queue, skill or number', { id: 'communicator.placeholder' })}
          .value=${live(this.text)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        />
        <div
          id="listbox"
          part="listbox"
          role="listbox"
          aria-labelledby="label"
          ?hidden=${!this.expanded}
          @mousedown=${(e: MouseEvent) => e.preventDefault()}
        >
          ${this.expanded ? this.#renderGroups() : nothing}
        </div>
        <p id="status" part="status" class="status" role="status">${this.#statusText()}</p>
        <div part="error" class="error" role="alert" ?hidden=${!errorMessage}>
          ${errorMessage
            ? html`<span>${errorMessage}</span>
                <button class="retry" @click=${this.#retry}>${msg('Try again', { id: 'communicator.retry' })}</button>`
            : nothing}
        </div>
      </div>
    `;
  }

  #statusText(): string {
    const { status, results, answered } = this.#search;
    switch (status) {
      case 'pending':
        return msg('Searching…', { id: 'communicator.searching' });
      case 'complete':
        return results.length ? resultCountLabel(results.length, this.locale) : noMatchLabel(answered![0]);
      default:
        return '';
    }
  }

  #renderGroups() {
    let index = 0;
    return KIND_ORDER.map((kind) => {
      const items = this.#search.results.filter((t) => t.kind === kind);
      if (!items.length) return nothing;
      return html`<div part="group" class="group" role="group" aria-label=${kindLabel(kind)}>
        <div class="group-label" aria-hidden="true">${kindLabel(kind)}</div>
        ${items.map((target) => this.#renderOption(target, index++))}
      </div>`;
    });
  }

  #renderOption(target: DirectoryTarget, index: number) {
    const unavailable = target.kind === 'agent' && !!target.availability && target.availability !== 'ready';
    return html`<div
      id="option-${index}"
      part="option"
      class="option ${unavailable ? 'unavailable' : ''} ${index === this.activeIndex ? 'active' : ''}"
      role="option"
      aria-selected=${index === this.activeIndex ? 'true' : 'false'}
      @click=${() => this.#select(index)}
      @pointermove=${() => {
        if (this.activeIndex !== index) this.activeIndex = index;
      }}
    >
      <span class="name">${target.name}</span>
      <span class="meta">${this.#meta(target)}</span>
    </div>`;
  }

  #meta(target: DirectoryTarget) {
    if (target.kind === 'agent' && target.availability) {
      return html`<span class="availability ${target.availability}"><span class="dot" aria-hidden="true"></span>${availabilityLabel(target.availability)}</span>
        ${target.address ? html`<span class="address">${formatPhone(target.address)}</span>` : nothing}`;
    }
    if (target.kind === 'queue' && target.waiting !== undefined) return waitingLabel(target.waiting, this.locale);
    if (target.kind === 'skill') return nothing;
    return target.address ? html`<span class="address">${formatPhone(target.address)}</span>` : nothing;
  }
}
