import { aTimeout, fixture, html } from '@open-wc/testing';
import '../../src/call-status.js';
import type { CallStatus } from '../../src/call-status.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { OfferOverrides, ScenarioName } from '../../src/adapters/simulated/scenarios.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import { part, root } from './dom.js';

/** Shared by the <call-status> test files: a simulated contact center on a manual clock, and DOM lookups. */

export function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  return { clock, cc };
}

export async function mount(cc: SimulatedContactCenter, clock: ManualClock, interactionId: string, template = html`<call-status></call-status>`) {
  const el = await fixture<CallStatus>(template);
  Object.assign(el, { adapter: cc, telephony: cc, directory: cc, clock, interactionId });
  await el.updateComplete;
  return el;
}

/** An accepted voice callback (connected) and the element showing it. */
export async function connected(scenario: ScenarioName = 'immediate', overrides: OfferOverrides = {}) {
  const { cc, clock } = setup();
  const offer = await cc.offer(scenario, overrides);
  await cc.accept(offer.id);
  const el = await mount(cc, clock, offer.id);
  const callId = cc.getInteraction(offer.id)!.callId!;
  return { cc, clock, el, id: offer.id, callId };
}

/** What the live region says once the element has rendered the change. */
export async function announced() {
  await aTimeout(80);
  return announcement();
}

export function clearAnnouncer() {
  const region = document.getElementById('callback-elements-announcer');
  if (region) region.textContent = '';
}

export { part };
export const stateText = (el: CallStatus) => part(el, 'state')?.textContent?.trim();
export const menuButton = (el: CallStatus) => root(el).querySelector<HTMLButtonElement>('#menu-button');
export const items = (el: CallStatus) => [...root(el).querySelectorAll<HTMLButtonElement>('[role=menuitem]')];

export { root };
