import { property } from 'lit/decorators.js';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { SessionOverrides } from '../../controllers/interaction-session.js';
import type { Policy } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import { CallbackElement } from './callback-element.js';

/**
 * The base of every element bound to one interaction: the properties a host may set explicitly,
 * each winning over the value provided by context, declared once so that every such element
 * accepts the same ones (they are what `sessionOverrides(host)` reads).
 */
export class InteractionElement extends CallbackElement implements SessionOverrides {
  /** The callback service. Wins over one provided by context. */
  @property({ attribute: false }) adapter?: CallbackAdapter;

  /** The phone. Wins over one provided by context. */
  @property({ attribute: false }) telephony?: TelephonyAdapter;

  /** Targets, contacts, responses and disposition codes. Wins over the directory provided by context. */
  @property({ attribute: false }) directory?: DirectoryAdapter;

  /** Clock for every timer and "now". Wins over context; defaults to the system clock. */
  @property({ attribute: false }) clock?: Clock;

  /** Privileges and desk options. Wins over the policy provided by context. */
  @property({ attribute: false }) policy?: Partial<Policy>;

  /** The interaction to show and act on. */
  @property({ attribute: 'interaction-id' }) interactionId?: string;
}
