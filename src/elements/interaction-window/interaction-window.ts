import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import type { CallbackInfoKey } from '../../model/callback-info.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { styles } from './interaction-window.styles.js';

/**
 * One accepted interaction, whole: who and how the call is going (`<call-status>`), the call
 * actions (`<call-actions>`), the callback information (`<callback-info>`), the disposition
 * (`<disposition-picker>`), the note (`<interaction-note>`) and the case history
 * (`<case-history>`). Every part is also usable alone; this element only lays them out and passes
 * its adapters down.
 *
 * @summary The interaction window for an accepted voice or web callback.
 *
 * @slot start - Before the call status (e.g. CRM case links).
 * @slot end - After the case history.
 *
 * @csspart status - The call status area.
 * @csspart actions - The call actions area.
 * @csspart details - Callback information and case history.
 * @csspart wrap-up - Disposition and note.
 *
 * @cssproperty --cb-interaction-window-column-size - Narrowest a column gets before the columns stack (default 16rem).
 */
export class InteractionWindow extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /** Callback information items, in order (see `<callback-info>`). */
  @property({ attribute: false }) infoItems?: CallbackInfoKey[];
  /** Disposition display: a tree of folders or a flat list. */
  @property({ attribute: 'disposition-mode' }) dispositionMode: 'tree' | 'list' = 'tree';
  /** DTMF inactivity buffer in ms (0 = each digit). */
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

  readonly session = new InteractionSession(this, sessionOverrides(this));

  protected override render() {
    const interaction = this.session.interaction;
    if (!interaction) return nothing;
    const s = this.session;
    const id = interaction.id;
    const required = !!s.policy.dispositionMandatory;
    return html`
      <slot name="start"></slot>
      <div part="status" class="status">
        <call-status interaction-id=${id} .adapter=${s.adapter} .telephony=${s.telephony} .clock=${s.clock} .policy=${this.policy}></call-status>
      </div>
      <div part="actions" class="actions">
        <call-actions
          interaction-id=${id}
          dtmf-buffer=${this.dtmfBuffer}
          ?dtmf-show-digits=${this.dtmfShowDigits}
          ?dtmf-mask=${this.dtmfMask}
          contact-day-start=${this.contactDayStart ?? nothing}
          contact-day-end=${this.contactDayEnd ?? nothing}
          .adapter=${s.adapter}
          .telephony=${s.telephony}
          .directory=${s.directory}
          .clock=${s.clock}
          .policy=${this.policy}
        ></call-actions>
      </div>
      <div class="columns">
        <section part="details" class="details" aria-label=${msg('Details', { id: 'window.details' })}>
          <callback-info interaction-id=${id} .adapter=${s.adapter} .clock=${s.clock} .infoItems=${this.infoItems ?? undefined}></callback-info>
          <case-history interaction-id=${id} .adapter=${s.adapter} .clock=${s.clock}></case-history>
        </section>
        <section part="wrap-up" class="wrap-up" aria-label=${msg('Wrap-up', { id: 'window.wrap-up' })}>
          <disposition-picker
            interaction-id=${id}
            mode=${this.dispositionMode}
            ?required=${required}
            .adapter=${s.adapter}
            .directory=${s.directory}
            .clock=${s.clock}
            .policy=${this.policy}
          ></disposition-picker>
          <interaction-note interaction-id=${id} .adapter=${s.adapter} .clock=${s.clock} .policy=${this.policy}></interaction-note>
        </section>
      </div>
      <slot name="end"></slot>
    `;
  }
}
