// A page of its own for tests/elements/persistence.test.ts: a desk on the contact center the test
// window owns (window.parent.__cc), so the backend outlives this page's reload or removal.
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';

interface FrameGlobals {
  __cc?: SimulatedContactCenter;
  __deskReady?: boolean;
  __done?: { id: string; disposition?: string; notes: string[] }[];
  __flush?: () => Promise<void>;
}

const own = window as Window & FrameGlobals;
const cc = (window.parent as Window & FrameGlobals).__cc;
const desk = document.querySelector<CallbackDesk>('callback-desk')!;
if (cc) {
  desk.callbackAdapter = cc;
  desk.telephonyAdapter = cc;
  desk.directoryAdapter = cc;
}
own.__done = [];
desk.addEventListener('callback-done', (e) => {
  own.__done!.push({ id: e.detail.interaction.id, disposition: e.detail.disposition?.code, notes: e.detail.notes });
});
own.__flush = () => pendingWorkStore().flush();
await desk.updateComplete;
own.__deskReady = true;
