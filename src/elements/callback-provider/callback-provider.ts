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

  override connectedCallback(): void {
    super.connectedCallback();
    // Elements inside that connect before the first update ask for the policy at once.
    this.#providePolicy();
  }

  protected override willUpdate(): void {
    this.#providePolicy();
  }

  /** Provides the merged policy, as a new value only when a field changed (consumers re-render on a new value). */
  #providePolicy(): void {
    const next = this.#adapterPolicy.merged(this.policy);
    // A copy: an adapter that changes its policy object in place is still seen to change.
    if (!samePolicy(this.#policyProvider.value, next)) this.#policyProvider.setValue(next && { ...next });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

function samePolicy(a: Partial<Policy> | undefined, b: Partial<Policy> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof Policy)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
