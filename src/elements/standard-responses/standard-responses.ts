import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import type { DirectoryAdapter, ResponseQuery, StandardResponse } from '../../adapters/directory-adapter.js';
import { announce } from '../../controllers/announcer.js';
import { rovingIndex } from '../../controllers/roving-index.js';
import { clockContext, directoryAdapterContext } from '../../context/index.js';
import { systemClock, type Clock } from '../../model/clock.js';
import { CallbackElement } from '../shared/callback-element.js';
import { ScrollRegionController } from '../shared/scroll-region-controller.js';
import { CallbackErrorEvent } from '../../events/error-event.js';
import { adapterErrorMessage } from '../../messages/messages.js';
import { ResponseSearch } from './response-search.js';
import { ResponseInsertEvent } from './standard-responses.events.js';
import { noResponsesLabel, responseCountLabel, shownAnnouncement } from './standard-responses.messages.js';
import { styles } from './standard-responses.styles.js';

type CopyStatus = 'idle' | 'copied' | 'failed';

/**
 * A searchable library of pre-written texts the agent can read out: search by keyword (title,
 * keywords and body) and by category, read the chosen response in the reading pane, copy it to
 * the clipboard or insert it into the note. The search field is an ARIA 1.2 combobox over the
 * result list: type to search, Up and Down move through the results, Enter shows the active one
 * (a click does too), Escape leaves the list, a second Escape clears the text.
 *
 * The search waits `debounce` ms after the last keystroke, on the `clock` (explicit, else from
 * context, else the system clock). Categories come from the library's first answer. Response
 * bodies are plain text (line breaks kept), never HTML.
 *
 * @summary Standard responses: search, read, copy or insert pre-written texts.
 *
 * @fires {ResponseInsertEvent} response-insert - The agent chose "Insert into note"; `detail.response` and `detail.text` (the body).
 * @fires {CallbackErrorEvent} callback-error - The search failed (`action: 'search-responses'`); the message is shown and the typed text kept.
 *
 * @csspart base - The whole element.
 * @csspart title - The "Standard responses" heading.
 * @csspart search - The search field.
 * @csspart category - The category select.
 * @csspart listbox - The list of results.
 * @csspart option - One result (title and category).
 * @csspart status - Searching, the number of results, or why there are none.
 * @csspart error - The search error, with a Try again button.
 * @csspart reading-pane - The shown response.
 * @csspart response-title - The shown response's title.
 * @csspart body - The shown response's text.
 * @csspart copy-button - Copy.
 * @csspart insert-button - Insert into note.
 * @csspart copy-status - "Copied".
 * @csspart copy-error - Why copying failed.
 *
 * @cssproperty --cb-responses-list-max-height - Tallest the result list grows before it scrolls.
 * @cssproperty --cb-responses-body-max-height - Tallest the shown text grows before it scrolls.
 *
 * @cssstate searching - A search is under way.
 * @cssstate empty - The last search found nothing.
 * @cssstate error - The last search failed.
 * @cssstate showing - A response is in the reading pane.
 */
export class StandardResponses extends CallbackElement {
  static override styles = [...CallbackElement.styles, styles];

  /** Where responses come from. Wins over one provided by context. */
  @property({ attribute: false }) directory?: DirectoryAdapter;
  /** Clock for the typing pause. Wins over context; defaults to the system clock. */
  @property({ attribute: false }) clock?: Clock;
  /** Category to filter by (the select starts on it; setting it again applies it). Empty: all. */
  @property() category?: string;
  /** Pause after the last keystroke before searching, ms. */
  @property({ type: Number }) debounce = 150;
  /** Heading level of the title in the host page's outline (the shown response's is one deeper). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  @consume({ context: directoryAdapterContext, subscribe: true })
  @state()
  protected contextDirectory?: DirectoryAdapter;

  @consume({ context: clockContext, subscribe: true })
  @state()
  protected contextClock?: Clock;

  @state() private text = '';
  /** The agent's choice in the select; undefined = the `category` property's. */
  @state() private chosenCategory: string | undefined;
  @state() private activeIndex = -1;
  @state() private shown: StandardResponse | undefined;
  @state() private copyStatus: CopyStatus = 'idle';

  readonly #search = new ResponseSearch(
    this,
    () => ({ directory: this.#directory, clock: this.#clock, query: this.#query, debounce: this.debounce, locale: this.locale }),
    (error) => {
      const message = adapterErrorMessage(error.code);
      this.dispatchEvent(new CallbackErrorEvent({ action: 'search-responses', code: error.code, message, cause: error }));
    },
  );

  constructor() {
    super();
    // A long response scrolls in the reading pane; a keyboard scrolls it.
    new ScrollRegionController(this);
  }

  get #directory(): DirectoryAdapter | undefined {
    return this.directory ?? this.contextDirectory;
  }

  get #clock(): Clock {
    return this.clock ?? this.contextClock ?? systemClock;
  }

  get #category(): string {
    return this.chosenCategory ?? this.category ?? '';
  }

  get #query(): ResponseQuery {
    return { text: this.text, category: this.#category };
  }

  get #input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('#search');
  }

  /** Focuses the search field. */
  override focus(options?: FocusOptions): void {
    const input = this.#input;
    if (input) input.focus(options);
    else super.focus(options);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The host set another category: it replaces the agent's choice and applies at once.
    if (this.hasUpdated && changed.has('category')) {
      this.chosenCategory = undefined;
      this.activeIndex = -1;
      void this.#search.search();
    }
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('activeIndex') && this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#response-${this.activeIndex}`)?.scrollIntoView?.({ block: 'nearest' });
    }
    const { status, results } = this.#search;
    this.setState('searching', status === 'pending');
    this.setState('empty', status === 'complete' && !results.length);
    this.setState('error', status === 'error');
    this.setState('showing', !!this.shown);
  }

  #onInput(event: InputEvent): void {
    this.text = (event.target as HTMLInputElement).value;
    this.activeIndex = -1;
    this.#search.schedule();
  }

  #onCategory(event: Event): void {
    this.chosenCategory = (event.target as HTMLSelectElement).value;
    this.activeIndex = -1;
    void this.#search.search();
  }

  #onKeydown(event: KeyboardEvent): void {
    const last = this.#search.results.length - 1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        // Home and End stay the field's.
        event.preventDefault();
        this.activeIndex = rovingIndex(event.key, this.activeIndex, last + 1, 0, 1) ?? this.activeIndex;
        break;
      case 'Enter':
        if (event.isComposing) return;
        event.preventDefault();
        if (this.activeIndex >= 0) this.#show(this.activeIndex);
        else void this.#search.search();
        break;
      case 'Escape':
        if (this.activeIndex >= 0) {
          this.activeIndex = -1;
        } else if (this.text) {
          this.text = '';
          void this.#search.search();
        } else {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        break;
    }
  }

  #show(index: number): void {
    const response = this.#search.results[index];
    if (!response) return;
    this.activeIndex = index;
    if (this.shown?.id === response.id) return;
    this.shown = response;
    this.copyStatus = 'idle';
    announce(shownAnnouncement(response.title));
  }

  async #copy(): Promise<void> {
    const response = this.shown;
    if (!response) return;
    this.copyStatus = 'idle';
    let status: CopyStatus;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('The Clipboard API is not available.');
      await navigator.clipboard.writeText(response.body);
      status = 'copied';
    } catch {
      status = 'failed';
    }
    if (this.shown === response) this.copyStatus = status;
  }

  #insert(event: MouseEvent): void {
    const response = this.shown;
    // The second click of a double click (detail 2, 3…) is not a second insert; keyboard presses have detail 0.
    if (!response || event.detail > 1) return;
    this.dispatchEvent(new ResponseInsertEvent({ response: { ...response, keywords: [...response.keywords] }, text: response.body }));
  }

  #retry(): void {
    this.focus();
    void this.#search.search();
  }

  protected override render() {
    const { results, status, error } = this.#search;
    const active = this.activeIndex >= 0 && this.activeIndex < results.length ? `response-${this.activeIndex}` : undefined;
    const listed = results.length > 0 && status !== 'error';
    return html`
      <div part="base" class="base">
        <div part="title" class="title" role="heading" aria-level=${this.headingLevel}>${msg('Standard responses', { id: 'responses.title' })}</div>
        <div class="filters">
          <div class="field search">
            <label id="search-label" for="search">${msg('Search responses', { id: 'responses.search' })}</label>
            <input
              id="search"
              part="search"
              type="text"
              role="combobox"
              autocomplete="off"
              spellcheck="false"
              aria-autocomplete="list"
              aria-expanded=${listed ? 'true' : 'false'}
              aria-controls="listbox"
              aria-activedescendant=${active ?? nothing}
              aria-describedby="status"
              placeholder=${msg('Keyword', { id: 'responses.placeholder' })}
              .value=${live(this.text)}
              @input=${this.#onInput}
              @keydown=${this.#onKeydown}
            />
          </div>
          <div class="field">
            <label for="category">${msg('Category', { id: 'responses.category' })}</label>
            <select id="category" part="category" @change=${this.#onCategory}>
              <option value="" ?selected=${!this.#category}>${msg('All categories', { id: 'responses.all-categories' })}</option>
              ${this.#categoryOptions().map((c) => html`<option .value=${c} ?selected=${c === this.#category}>${c}</option>`)}
            </select>
          </div>
        </div>
        <ul id="listbox" part="listbox" class="listbox" role="listbox" aria-labelledby="search-label" ?hidden=${!listed}
          @mousedown=${(e: MouseEvent) => e.preventDefault()}>
          ${listed ? results.map((r, i) => this.#renderOption(r, i)) : nothing}
        </ul>
        <p id="status" part="status" class="status" role="status">${this.#statusText()}</p>
        <div part="error" class="error" role="alert" ?hidden=${!error}>
          ${error
            ? html`<span>${adapterErrorMessage(error.code)}</span>
                <button class="retry" type="button" @click=${this.#retry}>${msg('Try again', { id: 'responses.retry' })}</button>`
            : nothing}
        </div>
        ${this.#renderPane()}
      </div>
    `;
  }

  /** The library's categories, plus the one asked for when the library does not have it (yet). */
  #categoryOptions(): readonly string[] {
    const known = this.#search.categories ?? [];
    const current = this.#category;
    return current && !known.includes(current) ? [...known, current] : known;
  }

  #renderOption(response: StandardResponse, index: number) {
    const isActive = index === this.activeIndex;
    const isShown = response.id === this.shown?.id;
    return html`<li
      id="response-${index}"
      part="option"
      class="option ${isActive ? 'active' : ''} ${isShown ? 'shown' : ''}"
      role="option"
      aria-selected=${isActive ? 'true' : 'false'}
      aria-current=${isShown ? 'true' : nothing}
      @click=${() => this.#show(index)}
    >
      <span class="option-title">${response.title}</span>
      <span class="option-category">${response.category}</span>
    </li>`;
  }

  #renderPane() {
    const shown = this.shown;
    if (!shown) {
      return html`<p part="reading-pane" class="pane placeholder">${msg('Choose a response to read it here.', { id: 'responses.placeholder-pane' })}</p>`;
    }
    return html`<section part="reading-pane" class="pane" aria-labelledby="shown-title">
      <div part="response-title" id="shown-title" class="shown-title" role="heading" aria-level=${this.headingLevel + 1}>${shown.title}</div>
      <p class="shown-category">${shown.category}</p>
      <div part="body" class="body scroll-region" role="region" aria-label=${msg('Response text', { id: 'responses.body' })}>${shown.body}</div>
      <div class="actions">
        <button part="copy-button" class="copy" type="button" @click=${this.#copy}>${msg('Copy', { id: 'responses.copy' })}</button>
        <button part="insert-button" class="insert" type="button" @click=${this.#insert}>${msg('Insert into note', { id: 'responses.insert' })}</button>
      </div>
      <p part="copy-status" class="copy-status" role="status">${this.copyStatus === 'copied' ? msg('Copied', { id: 'responses.copied' }) : ''}</p>
      <p part="copy-error" class="copy-error" role="alert" ?hidden=${this.copyStatus !== 'failed'}>
        ${this.copyStatus === 'failed' ? msg('Could not copy. Select the text and copy it by hand.', { id: 'responses.copy-failed' }) : ''}
      </p>
    </section>`;
  }

  #statusText(): string {
    const { status, results, answered } = this.#search;
    switch (status) {
      case 'pending':
        return msg('Searching…', { id: 'responses.searching' });
      case 'complete':
        return results.length ? responseCountLabel(results.length, this.locale) : noResponsesLabel(answered![0]);
      case 'initial':
      case 'error':
        return '';
    }
  }
}
