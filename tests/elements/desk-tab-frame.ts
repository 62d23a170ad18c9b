// One "tab" of the agent for tests/elements/callback-desk.tabs.test.ts (an iframe) and
// callback-desk.pages.test.ts (a page opened with window.open): a desk on its own connection to
// the contact center the test window owns (window.parent.__cc, or window.opener.__cc), the backend both
// tabs share. Same origin, same browser context: the frames share Web Locks, BroadcastChannel and
// IndexedDB as two tabs do. With window.parent.__ownBackendScope set, the tab has a backend of
// its own instead (as real tabs have: one GMS session, one phone each), of that agent's scope.
import '../../src/callback-desk.js';
import type { CallbackDesk, DeskOwnershipDetail } from '../../src/callback-desk.js';
import type { CallbackDoneEvent } from '../../src/unsent-work.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { tabConnection } from '../helpers/tab-connection.js';

export interface TabGlobals {
  __cc?: SimulatedContactCenter;
  /** The scope of a backend each tab makes for itself (see above). */
  __ownBackendScope?: string;
  /** `callback-done` as the host page hears it from its desk. */
  __done?: CallbackDoneEvent['detail'][];
  __deskReady?: boolean;
  /** Subscriptions this tab's desk holds open on the backend. */
  __open?: () => number;
  __ownership?: DeskOwnershipDetail[];
  __announcement?: () => string;
  __flush?: () => Promise<void>;
}

const own = window as Window & TabGlobals;
const parent = ((window.opener as Window | null) ?? window.parent) as Window & TabGlobals;
const scope = parent.__ownBackendScope;
const cc = scope === undefined ? parent.__cc! : new SimulatedContactCenter({ latencyMs: 0 });
if (scope !== undefined) {
  own.__cc = cc;
  addEventListener('pagehide', () => cc.dispose());
}
const desk = document.querySelector<CallbackDesk>('callback-desk')!;
const connection = tabConnection(cc, scope);
own.__done = [];
desk.addEventListener('callback-done', (e) => own.__done!.push(e.detail));
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
