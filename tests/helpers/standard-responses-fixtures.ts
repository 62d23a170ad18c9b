import { fixture, html } from '@open-wc/testing';
import { sendKeys } from './keys.js';
import type { TemplateResult } from 'lit';
import '../../src/standard-responses.js';
import type { StandardResponses } from '../../src/standard-responses.js';
import type { DirectoryAdapter, ResponseQuery } from '../../src/adapters/directory-adapter.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { settled } from './wait.js';
import { root, text } from './dom.js';

/** Shared by the <standard-responses> test files. */

export function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  return { clock, cc };
}

/** The simulated directory, recording every response query. */
export function spied(cc: SimulatedContactCenter) {
  const queries: ResponseQuery[] = [];
  const directory: DirectoryAdapter = Object.assign(Object.create(cc) as DirectoryAdapter, {
    searchResponses: (query: ResponseQuery, options?: { signal?: AbortSignal }) => (queries.push(query), cc.searchResponses(query, options)),
  });
  return { directory, queries };
}

export async function mount(directory: DirectoryAdapter, clock: ManualClock, template: TemplateResult = html`<standard-responses></standard-responses>`) {
  const el = await fixture<StandardResponses>(template);
  el.directory = directory;
  el.clock = clock;
  await settled(el);
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: StandardResponses, selector: string) => root(el).querySelector<T>(selector);
export const search = (el: StandardResponses) => $<HTMLInputElement>(el, '#search')!;
export const select = (el: StandardResponses) => $<HTMLSelectElement>(el, '#category')!;
export const options = (el: StandardResponses) => [...root(el).querySelectorAll<HTMLElement>('[role=option]')];
export const titles = (el: StandardResponses) => options(el).map((o) => text(o.querySelector('.option-title')));
export const status = (el: StandardResponses) => text($(el, '[part=status]'));
export const errorBox = (el: StandardResponses) => $(el, '[part=error]')!;
export const pane = (el: StandardResponses) => $(el, '[part=reading-pane]')!;
export const categories = (el: StandardResponses) => [...select(el).options].map((o) => o.textContent!.trim());
/** The option the search field points at, as its title (comparing DOM nodes stalls the runner when it fails). */
export const activeTitle = (el: StandardResponses) => {
  const id = search(el).getAttribute('aria-activedescendant');
  return id ? text(root(el).getElementById(id)?.querySelector('.option-title') ?? null) : 'none';
};

/** Types into the search field and lets the typing pause run out. */
export async function typeSearch(el: StandardResponses, clock: ManualClock, typed: string) {
  el.focus();
  await sendKeys({ type: typed });
  clock.advance(el.debounce);
  await settled(el);
}

export async function chooseCategory(el: StandardResponses, category: string) {
  select(el).value = category;
  select(el).dispatchEvent(new Event('change', { bubbles: true }));
  await settled(el);
}

export { html, root, text };
