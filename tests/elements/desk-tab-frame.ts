// One "tab" of the agent for tests/elements/callback-desk.tabs.test.ts: a desk on its own
// connection to the contact center the test window owns (window.parent.__cc), the backend both
// tabs share. Same origin, same browser context: the frames share Web Locks, BroadcastChannel and
// IndexedDB as two tabs do.
import '../../src/callback-desk.js';
import type { CallbackDesk, DeskOwnershipDetail } from '../../src/callback-desk.js';
import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { tabConnection } from '../helpers/tab-connection.js';

export interface TabGlobals {
  __cc?: SimulatedContactCenter;
  __deskReady?: boolean;
  /** Subscriptions this tab's desk holds open on the backend. */
  __open?: () => number;
  __ownership?: DeskOwnershipDetail[];
  __announcement?: () => string;
  __flush?: () => Promise<void>;
}

const own = window as Window & TabGlobals;
const cc = (window.parent as Window & TabGlobals).__cc!;
const desk = document.querySelector<CallbackDesk>('callback-desk')!;
const connection = tabConnection(cc);
own.__open = connection.open;
own.__ownership = [];
own.__announcement = () => announcement(document);
own.__flush = () => pendingWorkStore().flush();
desk.addEventListener('callback-desk-ownership', (e) => own.__ownership!.push(e.detail));
desk.callbackAdapter = connection.adapter;
desk.telephonyAdapter = connection.adapter;
desk.directoryAdapter = connection.adapter;
await desk.updateComplete;
own.__deskReady = true;
