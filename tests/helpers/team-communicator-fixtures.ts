import { fixture, html } from '@open-wc/testing';
import { sendKeys } from './keys.js';
import '../../src/team-communicator.js';
import type { TeamCommunicator, TargetSelectEvent } from '../../src/team-communicator.js';
import type { DirectoryAdapter } from '../../src/adapters/directory-adapter.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { settled } from './wait.js';
import { root } from './dom.js';

/** Shared by the <team-communicator> test files: a simulated directory on a manual clock, and DOM lookups. */

export function setup(latencyMs = 0) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs });
  return { clock, cc };
}

export async function mount(cc: DirectoryAdapter, clock: ManualClock, template = html`<team-communicator></team-communicator>`) {
  const el = await fixture<TeamCommunicator>(template);
  el.directory = cc;
  el.clock = clock;
  await el.updateComplete;
  return el;
}

export const input = (el: TeamCommunicator) => root(el).querySelector('input')!;
export const options = (el: TeamCommunicator) => [...root(el).querySelectorAll<HTMLElement>('[role=option]')];
export const names = (el: TeamCommunicator) => options(el).map((o) => o.querySelector('.name')!.textContent);
export const groups = (el: TeamCommunicator) => [...root(el).querySelectorAll('[role=group]')].map((g) => g.getAttribute('aria-label'));
export const activeOption = (el: TeamCommunicator) => {
  const id = input(el).getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id) : null;
};

/** Types into the focused field and lets the typing pause run out. */
export async function search(el: TeamCommunicator, clock: ManualClock, text: string) {
  el.focus();
  await sendKeys({ type: text });
  clock.advance(150);
  await settled(el);
}

export function recordSelects(el: HTMLElement) {
  const selected: TargetSelectEvent[] = [];
  el.addEventListener('target-select', (e) => selected.push(e));
  return selected;
}

export { root };
