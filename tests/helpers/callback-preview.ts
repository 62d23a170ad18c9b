import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from './keys.js';
import '../../src/callback-preview.js';
import type { CallbackPreview } from '../../src/callback-preview.js';
import { SimulatedContactCenter, type SimulatedContactCenterOptions } from '../../src/adapters/simulated/index.js';
import type { OfferOverrides, ScenarioName } from '../../src/adapters/simulated/scenarios.js';
import type { Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { settled } from './wait.js';
import { inner, root } from './dom.js';

/** Shared by the <callback-preview> test files: an accepted web callback on a manual clock, and DOM lookups. */

export interface PreviewOptions {
  scenario?: ScenarioName;
  overrides?: OfferOverrides;
  policy?: Partial<Policy>;
  callbackCapabilities?: SimulatedContactCenterOptions['callbackCapabilities'];
  autoDial?: boolean;
  shortcuts?: string;
  regions?: string;
  infoItems?: string;
}

export interface PreviewSetup {
  clock: ManualClock;
  cc: SimulatedContactCenter;
  el: CallbackPreview;
  id: string;
}

export async function setup(options: PreviewOptions = {}): Promise<PreviewSetup> {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({
    clock,
    latencyMs: 0,
    ...(options.policy ? { policy: { ...options.policy } } : {}),
    ...(options.callbackCapabilities ? { callbackCapabilities: options.callbackCapabilities } : {}),
  });
  const offer = await cc.offer(options.scenario ?? 'web-callback', options.overrides ?? {});
  await cc.accept(offer.id);
  const el = await mount(cc, clock, offer.id, options);
  return { clock, cc, el, id: offer.id };
}

export async function mount(cc: SimulatedContactCenter, clock: ManualClock, id: string, options: PreviewOptions = {}) {
  const el = await fixture<CallbackPreview>(html`<callback-preview
    interaction-id=${id}
    ?auto-dial=${options.autoDial ?? false}
    shortcuts=${options.shortcuts ?? nothing}
    regions=${options.regions ?? nothing}
    info-items=${options.infoItems ?? nothing}
    .adapter=${cc}
    .telephony=${cc}
    .directory=${cc}
    .clock=${clock}
    .policy=${options.policy}
  ></callback-preview>`);
  await settled(el);
  return el;
}

export const actionsRoot = (el: CallbackPreview) => inner(el, 'call-actions')!;
export const button = (el: CallbackPreview, action: string) => actionsRoot(el).querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
export const shown = (el: CallbackPreview) =>
  [...actionsRoot(el).querySelectorAll<HTMLButtonElement>('[part~=button]')].map((b) => b.dataset.action);
export const isDisabled = (el: CallbackPreview, action: string) => button(el, action)?.getAttribute('aria-disabled') === 'true';
export const callState = (el: CallbackPreview) => inner(el, 'call-status')!.querySelector('[part=state]')!.textContent!.trim();
export const regionNames = (el: CallbackPreview) => [...root(el).querySelectorAll<HTMLElement>('[part~=region]')].map((r) => r.dataset.region);
export const current = (s: PreviewSetup): Interaction => s.cc.getInteraction(s.id)!;

/** Clicks an action once the model enables it. */
export async function act(s: PreviewSetup, action: string) {
  await waitUntil(() => button(s.el, action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 3000 });
  button(s.el, action)!.click();
  await settled(s.el);
}

/** Call, and wait for the number check (the phone library loads on first use). */
export async function call(s: PreviewSetup) {
  await act(s, 'call');
  // The first Call of a page fetches the phone library (about 120 KB from the test server's
  // sources): seconds in a loaded Firefox, so the wait is for that, not for the dial itself.
  await waitUntil(() => current(s).state === 'dialing', 'dialing', { timeout: 8000 });
  await settled(s.el);
}

/** Presses `code` (e.g. `KeyC`) with the modifiers held, as a person would. */
export async function chord(modifiers: readonly string[], code: string) {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: code });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

export { deepActive } from './deep.js';
export { inner, root, text } from './dom.js';

