import { fixture, html } from '@open-wc/testing';
import '../../src/dtmf-keypad.js';
import type { DtmfKeypad } from '../../src/dtmf-keypad.js';
import type { ActionRequestDetail } from '../../src/events/action-events.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { ScenarioName } from '../../src/adapters/simulated/scenarios.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { recordEvents } from './events.js';
import { root } from './dom.js';

/** Shared by the <dtmf-keypad> test files. */

export function setup(latencyMs = 0) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs });
  return { clock, cc };
}

/** An accepted voice callback, connected to the contact. */
export async function connected(cc: SimulatedContactCenter, clock: ManualClock, scenario: ScenarioName = 'immediate') {
  const offer = await cc.offer(scenario);
  const accepting = cc.accept(offer.id);
  clock.advance(cc.latencyMs);
  const interaction = await accepting;
  return { interaction, callId: interaction.callId! };
}

export async function mount(cc: SimulatedContactCenter, clock: ManualClock, interaction: Interaction, props: Partial<DtmfKeypad> = {}) {
  const el = await fixture<DtmfKeypad>(html`<dtmf-keypad
    interaction-id=${interaction.id}
    .adapter=${cc}
    .telephony=${cc}
    .clock=${clock}
  ></dtmf-keypad>`);
  // Most tests read the digits: they opt in to seeing them (masked is the default, see tests/elements/dtmf-masking.test.ts).
  Object.assign(el, { showDigits: true, ...props });
  await el.updateComplete;
  return el;
}

export const key = (el: DtmfKeypad, k: string) => root(el).querySelector<HTMLButtonElement>(`button[data-key="${k}"]`)!;
export const keys = (el: DtmfKeypad) => [...root(el).querySelectorAll<HTMLButtonElement>('button.key')];
export const field = (el: DtmfKeypad) => root(el).querySelector<HTMLInputElement>('input')!;
export const dtmfHistory = (cc: SimulatedContactCenter, id: string) =>
  cc.getInteraction(id)!.history.filter((h) => h.kind === 'dtmf').map((h) => (h.kind === 'dtmf' ? h.digits : ''));

/** The action events the keypad fires, with their detail. */
/** The keypad's action events (request, done, error), with their details. */
export const recordKeypadEvents = (el: HTMLElement) => recordEvents<ActionRequestDetail & { code?: string; message?: string }>(el, [
  'callback-action', 'callback-action-done', 'callback-error',
]);

export { root };
