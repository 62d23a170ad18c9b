// The elements `<call-actions>` shows in its popup, defined when first needed (issue 22). The npm
// entry src/call-actions.ts registers them statically, so there they are defined before any popup
// opens; the drop-in bundle leaves them out of the chunks it fetches at load, and the first popup
// that needs one fetches it here (its `ready` fetches them too, once the other elements are in).
import type { Panel } from './call-actions.toolbar.js';

export type PanelTag = 'team-communicator' | 'dtmf-keypad' | 'callback-scheduler';

/** The element each popup shows. */
export const PANEL_TAGS: Readonly<Record<Panel, PanelTag>> = {
  transfer: 'team-communicator',
  conference: 'team-communicator',
  consult: 'team-communicator',
  dtmf: 'dtmf-keypad',
  reschedule: 'callback-scheduler',
};

/** How each element's module is fetched (replaced in tests to see a fetch fail). */
export const panelModules: Record<PanelTag, () => Promise<CustomElementConstructor>> = {
  'team-communicator': () => import('../team-communicator/team-communicator.js').then((m) => m.TeamCommunicator),
  'dtmf-keypad': () => import('../dtmf-keypad/dtmf-keypad.js').then((m) => m.DtmfKeypad),
  'callback-scheduler': () => import('../callback-scheduler/callback-scheduler.js').then((m) => m.CallbackScheduler),
};

/** Defines `tag` (fetching its module if it is not loaded yet); a tag already defined is left as it is. */
export async function definePanelElement(tag: PanelTag): Promise<void> {
  if (customElements.get(tag)) return;
  const element = await panelModules[tag]();
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Every popup element, defined. */
export const defineAllPanelElements = (): Promise<void> => Promise.all(Object.keys(panelModules).map((tag) => definePanelElement(tag as PanelTag))).then(() => undefined);
