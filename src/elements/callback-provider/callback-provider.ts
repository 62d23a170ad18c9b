import { html, LitElement, css } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider, provide } from '@lit/context';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import {
  callbackAdapterContext,
  clockContext,
  directoryAdapterContext,
  policyContext,
  telephonyAdapterContext,
} from '../../context/index.js';
import type { Policy } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import { AdapterPolicyController } from '../../controllers/adapter-policy-controller.js';

/**
 * Supplies adapters, clock and policy to every callback element inside it, so a page wires them
 * once. An element's own `adapter` property still wins.
 *
 * The policy it provides is the callback adapter's own (`callbackAdapter.policy`: what its backend
 * enforces, such as a mandatory disposition) with `policy` over it field by field, provided again
 * each time the adapter publishes a change (`onPolicy`).
 *
 * ```html
 * <callback-provider id="desk"><callback-notification></callback-notification></callback-provider>
 * <script type="module">desk.callbackAdapter = myAdapter;</script>
 * ```
 *
 * @summary Provides adapters to the elements inside it (no UI of its own).
 * @slot - The elements that use the adapters.
 */
export class CallbackProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The callback service for the elements inside. */
  @provide({ context: callbackAdapterContext })
  @property({ attribute: false })
  callbackAdapter?: CallbackAdapter;

  /** The phone for the elements inside. */
  @provide({ context: telephonyAdapterContext })
  @property({ attribute: false })
  telephonyAdapter?: TelephonyAdapter;

  /** Targets, contacts, responses and disposition codes for the elements inside. */
  @provide({ context: directoryAdapterContext })
  @property({ attribute: false })
  directoryAdapter?: DirectoryAdapter;

  /** The clock for timers and countdowns (a manual one in tests). */
  @provide({ context: clockContext })
  @property({ attribute: false })
  clock?: Clock;

  /**
   * The agent's privileges and desk options. Each field set here wins over the same field of the
   * callback adapter's `policy`; the fields left out are the adapter's.
   */
  @property({ attribute: false })
  policy?: Partial<Policy>;

  readonly #adapterPolicy = new AdapterPolicyController(this, () => this.callbackAdapter);
  readonly #policyProvider = new ContextProvider(this, { context: policyContext });

  protected override willUpdate(): void {
    // It updates only when one of its properties or the adapter's policy changed: a new value
    // each time (a copy, so that a policy changed in place is seen too) is a change worth providing.
    const policy = this.#adapterPolicy.merged(this.policy);
    this.#policyProvider.setValue(policy && { ...policy });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
