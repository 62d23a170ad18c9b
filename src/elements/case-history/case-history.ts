import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import type { DialResult, HistoryEntry, Interaction } from '../../model/interaction.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { ScrollRegionController } from '../shared/scroll-region-controller.js';
import { formatDateTime } from '../shared/format.js';
import { describeEntry } from './case-history.entries.js';
import { styles } from './case-history.styles.js';

export type CaseHistoryOrder = 'oldest-first' | 'newest-first';

interface Row {
  entry: HistoryEntry;
  dialResult: DialResult | undefined;
}

/** Each dial is one attempt: the n-th `dial` entry's outcome is the n-th attempt's result. */
function rows(interaction: Interaction): Row[] {
  let dials = 0;
  return interaction.history.map((entry) => {
    if (entry.kind !== 'dial') return { entry, dialResult: undefined };
    const attempt = interaction.attempts[dials++];
    return { entry, dialResult: entry.result ?? attempt?.result };
  });
}

/**
 * The case history of an interaction: accepted, each dial and its result, DTMF (masked digits as
 * `•`), notes, hold and resume, transfers, conferences, consultations and their outcome,
 * reschedules (the new time in the agent's time zone), disposition, hang-up and done, each with
 * its time in the agent's language.
 *
 * Follows the interaction `interaction-id` names on its adapter, or shows the `interaction` given
 * as a property (display only, e.g. a closed interaction in a CRM record). Notes and names are
 * untrusted and rendered as text.
 *
 * It is an ordered list, not `role="log"`: a log is an implicit polite live region, and this
 * timeline records what the agent just did or what other elements already announced (offers,
 * hang-ups), so reading every entry out again would only add noise. Screen-reader users reach it
 * by its heading and read it as a list.
 *
 * @summary Timeline of what happened on an interaction, in the agent's locale.
 *
 * @csspart base - The section around the timeline.
 * @csspart heading - The "Case history" heading.
 * @csspart list - The ordered list.
 * @csspart entry - Each entry (also has a `data-kind` attribute with the entry kind).
 * @csspart time - The time of an entry.
 * @csspart description - What happened.
 * @csspart empty - Shown when nothing was recorded yet.
 *
 * @cssproperty --cb-history-marker - Colour of the timeline line and dots.
 * @cssproperty --cb-history-max-block-size - Tallest the list of entries grows before it scrolls (default 24rem).
 *
 * @cssstate empty - No entry yet.
 */
export class CaseHistory extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /** An interaction to show as it is, without an adapter. Wins over `interaction-id`. */
  @property({ attribute: false }) interaction?: Interaction;

  /** `oldest-first` (default: newest last, as it happened) or `newest-first`. */
  @property({ reflect: true }) order: CaseHistoryOrder = 'oldest-first';

  /** Level of the "Case history" heading in the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  readonly #session = new InteractionSession(this, sessionOverrides(this));

  constructor() {
    super();
    // Long notes and many entries scroll inside the list; a keyboard scrolls it.
    new ScrollRegionController(this);
  }

  /** The interaction shown: the `interaction` property, else the one followed. */
  get shown(): Interaction | undefined {
    return this.interaction ?? this.#session.interaction;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setState('empty', !this.shown?.history.length);
  }

  protected override render() {
    const interaction = this.shown;
    if (!interaction) return nothing;
    const list = rows(interaction);
    if (this.order === 'newest-first') list.reverse();
    const locale = this.locale;
    const now = this.#session.clock.now();
    return html`
      <section part="base" class="box" aria-labelledby="heading">
        <div part="heading" id="heading" class="heading" role="heading" aria-level=${this.headingLevel}>
          ${msg('Case history', { id: 'history.title' })}
        </div>
        ${list.length
          ? // A named list that scrolls (and takes focus to scroll) when notes and entries are long.
            html`<ol part="list" class="list scroll-region" aria-labelledby="heading">
              ${list.map(
                ({ entry, dialResult }) => html`<li part="entry" class="entry" data-kind=${entry.kind}>
                  <time part="time" class="time" datetime=${new Date(entry.at).toISOString()}>
                    ${formatDateTime(entry.at, locale, undefined, now)}
                  </time>
                  <span part="description" class="description">${describeEntry(entry, { locale, now, dialResult })}</span>
                </li>`,
              )}
            </ol>`
          : html`<p part="empty" class="empty">${msg('Nothing recorded yet.', { id: 'history.empty' })}</p>`}
      </section>
    `;
  }
}
