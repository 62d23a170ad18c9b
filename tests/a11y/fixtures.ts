import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedContactCenter, type ScenarioName } from '../../src/adapters/simulated/index.js';
import type { OfferOverrides } from '../../src/adapters/simulated/scenarios.js';
import type { Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { settled } from '../helpers/wait.js';

export { inner, root, text } from '../helpers/dom.js';

/** Shared by the tests/a11y/*.a11y.test.ts files: a simulated contact center on a manual clock, any element bound to it. */

export interface Center {
  clock: ManualClock;
  cc: SimulatedContactCenter;
}

/** `latencyMs` > 0 keeps every adapter call pending until the clock is advanced: the "pending" states. */
export function center(options: { latencyMs?: number; policy?: Partial<Policy> } = {}): Center {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({
    clock,
    latencyMs: options.latencyMs ?? 0,
    ...(options.policy ? { policy: { ...options.policy } as Policy } : {}),
  });
  return { clock, cc };
}

export async function accepted(c: Center, scenario: ScenarioName = 'immediate', overrides: OfferOverrides = {}): Promise<Interaction> {
  const offering = c.cc.offer(scenario, overrides);
  c.clock.advance(c.cc.latencyMs);
  const offer = await offering;
  const accepting = c.cc.accept(offer.id);
  c.clock.advance(c.cc.latencyMs);
  return accepting;
}

/** The adapters, clock and interaction an interaction-bound element takes. */
export const bound = (c: Center, interaction?: Interaction, policy?: Partial<Policy>) => ({
  adapter: c.cc,
  telephony: c.cc,
  directory: c.cc,
  clock: c.clock,
  ...(interaction ? { interactionId: interaction.id } : {}),
  ...(policy ? { policy } : {}),
});

/** Creates `<tag>` with attributes and properties in a fixture container (removed after the test). */
export async function mountElement<T extends HTMLElement>(tag: string, props: object = {}, attributes: Record<string, string> = {}): Promise<T> {
  const box = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, props);
  box.append(el);
  await settled(el);
  return el;
}


/** Axe on `el` while `popup` shows in the top layer (the check is only meaningful with it open). */
export async function accessibleWithPopup(el: Element, popup: Element | null | undefined): Promise<void> {
  expect(!!popup && popup.matches(':popover-open'), 'the popup shows').to.equal(true);
  await expect(el).to.be.accessible();
}
