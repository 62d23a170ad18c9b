// A page of its own for tests/elements/persistence.test.ts: a desk on the contact center the test
// window owns (window.parent.__cc), so the backend outlives this page's reload or removal.
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { Interaction } from '../../src/model/interaction.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';

interface FrameGlobals {
  __cc?: SimulatedContactCenter;
  /** Interactions this page's adapter does not know (a backend that forgot them over the reload). */
  __hidden?: Set<string>;
  __deskReady?: boolean;
  __done?: { id: string; disposition?: string; notes: string[] }[];
  __flush?: () => Promise<void>;
}

/**
 * The contact center as an adapter that does not know the `hidden` interactions sees it: not
 * listed, not found by id, no change published. Taking an id out of `hidden` is the adapter
 * finding it again (by id only: it publishes nothing until the interaction changes).
 */
function forgetting(cc: SimulatedContactCenter, hidden: Set<string>): SimulatedContactCenter {
  return new Proxy(cc, {
    get(target, key) {
      switch (key) {
        case 'getInteraction':
          return (id: string) => (hidden.has(id) ? undefined : target.getInteraction(id));
        case 'listInteractions':
          return () => target.listInteractions().filter((i) => !hidden.has(i.id));
        case 'onInteraction':
        case 'onOffer':
          return (listener: (i: Interaction) => void) => target[key]((i) => hidden.has(i.id) || listener(i));
        default: {
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
      }
    },
  });
}

const own = window as Window & FrameGlobals;
const parent = window.parent as Window & FrameGlobals;
const cc = parent.__cc;
const desk = document.querySelector<CallbackDesk>('callback-desk')!;
if (cc) {
  desk.callbackAdapter = parent.__hidden ? forgetting(cc, parent.__hidden) : cc;
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
