import { fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/contact-directory.js';
import type { ContactDirectory } from '../../src/contact-directory.js';
import { SimulatedContactCenter, type ScenarioName } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { ContactField } from '../../src/elements/shared/contact-messages.js';
import { settled } from './wait.js';
import { recordEvents } from './events.js';
import { root, text } from './dom.js';

/** Shared by the <contact-directory> test files. */

// Wednesday 25 November 2026, 15:00 UTC: 15:00 in London, 10:00 in New York.
export const NOW = Date.UTC(2026, 10, 25, 15, 0);

export function setup() {
  const clock = new ManualClock(NOW);
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  return { clock, cc };
}

/** An accepted interaction of `scenario` (immediate: Margaret Chen, London). */
export async function accepted(cc: SimulatedContactCenter, scenario: ScenarioName = 'immediate') {
  const offer = await cc.offer(scenario);
  return cc.accept(offer.id);
}

export async function mount(cc: SimulatedContactCenter, clock: ManualClock, template: TemplateResult) {
  const el = await fixture<ContactDirectory>(template);
  el.adapter = cc;
  el.directory = cc;
  el.clock = clock;
  await settled(el);
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: ContactDirectory, selector: string) => root(el).querySelector<T>(selector);
export const editButton = (el: ContactDirectory) => $<HTMLButtonElement>(el, '[part=edit-button]');
export const saveButton = (el: ContactDirectory) => $<HTMLButtonElement>(el, '[part=save-button]')!;
export const cancelButton = (el: ContactDirectory) => $<HTMLButtonElement>(el, '[part=cancel-button]')!;
export const input = (el: ContactDirectory, field: ContactField) => $<HTMLInputElement>(el, `#field-${field}`)!;
export const errorBox = (el: ContactDirectory) => $(el, '[part=error]')!;
/** The shown value of one detail in view mode. */
export const value = (el: ContactDirectory, field: ContactField) => text($(el, `[data-field=${field}] dd`));
export const fieldError = (el: ContactDirectory, field: ContactField) => {
  const box = $(el, `.field[data-field=${field}] [part=field-error]`)!;
  return box.hidden ? '' : text(box);
};
/** What has focus inside the element, as text (comparing DOM nodes stalls the runner when it fails). */
export const focusedName = (el: ContactDirectory) => {
  const active = root(el).activeElement;
  return active ? `${active.localName}${active.id ? `#${active.id}` : ''}${active.getAttribute('part') ? `[${active.getAttribute('part')}]` : ''}` : 'nothing';
};

/** Replaces a field's text the way typing does (value, then `input`). */
export async function fill(el: ContactDirectory, field: ContactField, value: string) {
  const box = input(el, field);
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Clicks Save and waits for the checks to show their outcome (the phone library loads lazily: slow the first time). */
export async function saveAndWaitForProblems(el: ContactDirectory, field: ContactField) {
  saveButton(el).click();
  await waitUntil(() => input(el, field).getAttribute('aria-invalid') === 'true', `no problem shown for ${field}`, {
    timeout: 5000,
  });
  await el.updateComplete;
}

/** The save request, the saved record and errors, with their details. */
export const recordContactEvents = (el: HTMLElement) => recordEvents(el, ['contact-save', 'contact-saved', 'callback-error']);

export const types = (fired: { type: string }[]) => fired.map((f) => f.type);

export { html, root, text };
