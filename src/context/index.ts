import { createContext } from '@lit/context';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { DirectoryAdapter } from '../adapters/directory-adapter.js';
import type { TelephonyAdapter } from '../adapters/telephony-adapter.js';
import type { Policy } from '../model/actions.js';
import type { Clock } from '../model/clock.js';

// String keys, not symbols: two copies of the library on one page (a CRM bundle and a partner's
// script) still find each other's providers.

/** The callback service (offers, accept, reschedule, mark done). */
export const callbackAdapterContext = createContext<CallbackAdapter | undefined>('callback-elements:callback-adapter');
/** The phone (calls, hold, DTMF, transfer). */
export const telephonyAdapterContext = createContext<TelephonyAdapter | undefined>('callback-elements:telephony-adapter');
/** Targets, contacts, standard responses, disposition codes. */
export const directoryAdapterContext = createContext<DirectoryAdapter | undefined>('callback-elements:directory-adapter');
/** The clock timers and countdowns use (a manual one in tests and the simulator). */
export const clockContext = createContext<Clock | undefined>('callback-elements:clock');
/** The agent's privileges and the desk configuration. */
export const policyContext = createContext<Partial<Policy> | undefined>('callback-elements:policy');
