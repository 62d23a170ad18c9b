import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/agent-status.js';
import type { AgentStatus } from '../../src/agent-status.js';
import { SimulatedContactCenter, type SimulatedContactCenterOptions } from '../../src/adapters/simulated/index.js';
import type { Channel } from '../../src/model/interaction.js';
import { ManualClock } from '../../src/model/clock.js';
import { recordEvents } from './events.js';
import { root } from './dom.js';

/** Shared by the <agent-status> test files. */

export function setup(options: SimulatedContactCenterOptions = {}) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, ...options });
  return { clock, cc };
}

export async function mount(cc: SimulatedContactCenter) {
  const el = await fixture<AgentStatus>(html`<agent-status .adapter=${cc} .telephony=${cc}></agent-status>`);
  await el.updateComplete;
  return el;
}

export const channel = (el: AgentStatus, ch: Channel) => root(el).querySelector<HTMLElement>(`[data-channel=${ch}]`)!;
export const toggle = (el: AgentStatus, ch: Channel) => channel(el, ch).querySelector<HTMLButtonElement>('.toggle')!;
export const stateText = (el: AgentStatus, ch: Channel) =>
  channel(el, ch).querySelector('[part=state]')!.textContent!.replace(/\s+/g, ' ').trim();
export const select = (el: AgentStatus, ch: Channel) => channel(el, ch).querySelector<HTMLSelectElement>('select');
export const pickerButton = (el: AgentStatus, ch: Channel, name: 'confirm' | 'cancel') =>
  channel(el, ch).querySelector<HTMLButtonElement>(`.${name}`)!;
export const errorOf = (el: AgentStatus, ch: Channel) => channel(el, ch).querySelector<HTMLElement>('[role=alert]')!;
export const phone = (el: AgentStatus) => root(el).querySelector<HTMLElement>('[part=phone-status]')!;

/** A node as text, so a failed comparison reads well (a failing comparison of DOM nodes stalls the runner). */
export const name = (node: Element | null | undefined) =>
  node ? `${node.localName}${node.className ? `.${node.className}` : ''}@${node.closest('[data-channel]')?.getAttribute('data-channel') ?? ''}` : 'nothing';
/** What has focus inside the element. */
export const focusedName = (el: AgentStatus) => name(root(el).activeElement);

/** The ready-state request, the change and errors, with their details. */
export const recordStatusEvents = (el: HTMLElement) => recordEvents(el, ['agent-state-change', 'agent-state-changed', 'callback-error']);

/** Picks a reason in the picker of a channel, without confirming. */
export async function choose(el: AgentStatus, ch: Channel, code: string) {
  if (!select(el, ch)) {
    toggle(el, ch).click();
    await el.updateComplete;
  }
  const s = select(el, ch)!;
  s.value = code;
  s.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

/** Opens the reason picker of a channel, picks a reason by its code, confirms; resolves once settled. */
export async function goNotReady(el: AgentStatus, ch: Channel, code: string) {
  await choose(el, ch, code);
  const done = oneEvent(el, 'agent-state-changed');
  pickerButton(el, ch, 'confirm').click();
  await done;
  await el.updateComplete;
}

/** Counts the live subscriptions an adapter method hands out. */
export function countSubscriptions(cc: SimulatedContactCenter, method: 'onReadyState' | 'onStatus') {
  const counter = { live: 0 };
  const original = cc[method].bind(cc) as (listener: never) => () => void;
  (cc as unknown as Record<string, unknown>)[method] = (listener: never) => {
    counter.live++;
    const off = original(listener);
    let done = false;
    return () => {
      if (!done) counter.live--;
      done = true;
      off();
    };
  };
  return counter;
}

export { root };
