import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { DurationController } from '../../controllers/clock-ticker.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { callbackInfoItems, DEFAULT_CALLBACK_INFO, type CallbackInfoItem, type CallbackInfoKey } from '../../model/callback-info.js';
import type { Interaction } from '../../model/interaction.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { infoLabel, infoValue } from '../shared/info.js';
import { infoItemsConverter } from '../shared/info-items-converter.js';
import { ScrollRegionController } from '../shared/scroll-region-controller.js';
import { styles } from './callback-info.styles.js';

/**
 * The Callback Information view: what the callback service knows about the callback (desired
 * time, type, number, instructions, ...) and the data the customer gave the IVR or the web form,
 * showing the items the administrator chose, in their order.
 *
 * It follows the interaction `interaction-id` names on its callback adapter (property or context),
 * or shows the `interaction` given to it (which wins, for display-only use). Every value is
 * untrusted caller data and is rendered as text.
 *
 * @summary Callback information: the configured items of a callback, as a description list.
 *
 * @csspart base - The box around header and list.
 * @csspart header - The header band (the administrator's header colour).
 * @csspart title - The "Callback information" heading.
 * @csspart list - The description list of items.
 * @csspart item - One item: a term and its value (`data-key` holds the item's key).
 * @csspart label - The term of an item.
 * @csspart value - The value of an item.
 * @csspart empty - The message shown when there is nothing to show.
 *
 * @cssproperty --cb-callback-info-header-color - Header background (the administrator's header colour).
 * @cssproperty --cb-callback-info-header-text-color - Header text; set it with the header colour so they contrast.
 * @cssproperty --cb-callback-info-background - Background of the box.
 * @cssproperty --cb-callback-info-max-block-size - Tallest the box grows before its items scroll under the header (default 24rem).
 *
 * @cssstate empty - There is no interaction, or none of the configured items has a value.
 */
export class CallbackInfo extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /** An interaction to show as is, without an adapter. Wins over `interaction-id`. */
  @property({ attribute: false }) interaction?: Interaction;

  /**
   * Items to show, in order: `desired-time`, `type`, `number`, `instructions`, `subject`,
   * `contact-local-time`, `former-attempts`, `last-result`, `case:<key>` for one form field and
   * `case:*` for the others. Attribute: comma-separated keys; unknown keys are ignored.
   */
  @property({ attribute: 'info-items', converter: infoItemsConverter }) infoItems: CallbackInfoKey[] = [...DEFAULT_CALLBACK_INFO];

  /** Heading level of the title (the host page's outline). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  // Re-rendered only when the items it shows change: a hold or a note leaves them as they were.
  #session = new InteractionSession(this, sessionOverrides(this), undefined, {
    viewKey: (interaction) => JSON.stringify(callbackInfoItems(interaction, this.infoItems)),
  });

  constructor() {
    super();
    // The contact's local time is a clock: keep it current while it is on screen.
    new DurationController(this, () => ({
      clock: this.#session.clock,
      since: this.#items.some((item) => item.kind === 'time-zone') ? 0 : undefined,
    }));
    // Two hundred form fields or 10 KB of instructions scroll inside the box, by keyboard too.
    new ScrollRegionController(this);
  }

  /** The interaction on screen: the `interaction` property, else the one followed on the adapter. */
  get shown(): Interaction | undefined {
    return this.interaction ?? this.#session.interaction;
  }

  get #items(): CallbackInfoItem[] {
    const shown = this.shown;
    return shown ? callbackInfoItems(shown, this.infoItems) : [];
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setState('empty', this.#items.length === 0);
  }

  protected override render() {
    const items = this.#items;
    const now = this.#session.clock.now();
    return html`
      <section part="base" class="box scroll-region" aria-labelledby="title">
        <div part="header" class="header">
          <div part="title" id="title" class="title" role="heading" aria-level=${this.headingLevel}>
            ${msg('Callback information', { id: 'callback-info.title' })}
          </div>
        </div>
        ${items.length
          ? html`<dl part="list" class="list">
              ${items.map(
                (item) => html`<div part="item" class="row" data-key=${item.key}>
                  <dt part="label">${infoLabel(item)}</dt>
                  <dd part="value">${infoValue(item, this.locale, now)}</dd>
                </div>`,
              )}
            </dl>`
          : html`<p part="empty" class="empty">
              ${this.shown
                ? msg('No callback information to show.', { id: 'callback-info.empty' })
                : msg('No callback selected.', { id: 'callback-info.none' })}
            </p>`}
      </section>
    `;
  }
}
