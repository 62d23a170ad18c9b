import { expect, waitUntil } from '@open-wc/testing';
import { expectAccessibleIn } from '../helpers/axe-frame.js';
import { deepText } from '../helpers/deep.js';

/**
 * Shared by tests/docs/*.test.ts, which check the built docs site (`npm run docs` → site/;
 * scripts/test.sh builds it before the browser tests): every page opens, its live examples define,
 * bind to the simulated contact center and render, with no console error, no uncaught error or
 * rejection, no failed load, and no axe violation. The pages are spread over several files because
 * wtr gives each file 180 s, and a page (load, examples, axe) takes up to 10 s in Firefox.
 *
 * A page is opened as its HTML from site/, every relative URL in it made absolute (against the
 * page's own URL) and, first in its head, a small script that records console.error, uncaught
 * errors, unhandled rejections and failed loads, in an iframe's `srcdoc`: an iframe opened with
 * `src` runs its modules before the test could hook its console. (A `<base>` instead of absolute
 * URLs is not enough: the browsers' speculative loaders ignore it in a srcdoc document.)
 */

export const SITE = '/site/';
export const GUIDES = ['index.html', 'theming.html', 'accessibility.html', 'adapters.html', 'write-an-adapter.html', 'localization.html', 'tabs.html'];

interface Manifest {
  modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[];
}
const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
export const TAGS = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName)
  .map((declaration) => declaration.tagName!)
  .sort();

const HOOK = `(() => {
  const problems = (window.__docsProblems = []);
  const text = (value) => (value instanceof Error ? value.stack || value.message : String(value));
  const error = console.error.bind(console);
  console.error = (...args) => { problems.push('console.error: ' + args.map(text).join(' ')); error(...args); };
  addEventListener('error', (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) problems.push('failed to load ' + (target.src || target.href));
    else problems.push('uncaught: ' + (event.error ? text(event.error) : event.message));
  }, true);
  addEventListener('unhandledrejection', (event) => problems.push('unhandled rejection: ' + text(event.reason)));
})();`;

type FrameWindow = Window & typeof globalThis & { __docsProblems: string[] };

export interface Page {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  doc: Document;
}

let current: HTMLIFrameElement | undefined;

/** Removes the page the last test opened (call in afterEach). */
export function closePage(): void {
  current?.remove();
  current = undefined;
}

/** Opens site/<path> in an iframe (see above) and waits until it has loaded. */
async function open(path: string): Promise<Page> {
  const response = await fetch(SITE + path);
  if (!response.ok) {
    throw new Error(`site/${path} is missing (HTTP ${response.status}): build the docs site with \`npm run docs\` before the browser tests (scripts/test.sh does)`);
  }
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  const url = new URL(SITE + path, location.href);
  for (const el of parsed.querySelectorAll('[href], [src]')) {
    for (const attribute of ['href', 'src']) {
      const value = el.getAttribute(attribute);
      if (value !== null && !value.startsWith('#')) el.setAttribute(attribute, new URL(value, url).href);
    }
  }
  const hook = parsed.createElement('script');
  hook.textContent = HOOK;
  parsed.head.prepend(hook);
  const frame = document.createElement('iframe');
  frame.title = `docs page ${path}`;
  frame.style.cssText = 'width: 1200px; height: 900px; border: 0';
  frame.srcdoc = `<!doctype html>\n${parsed.documentElement.outerHTML}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  current = frame;
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  return { frame, win, doc: frame.contentDocument! };
}

export const problems = (page: Page) => page.win.__docsProblems;

/** The text shown under `root`, shadow trees included (reads the frame's nodes by node type). */
export { deepText };

/** Waits until every live example of the page is ready (or fails with what went wrong). */
async function examplesReady(page: Page): Promise<HTMLElement[]> {
  const stages = [...page.doc.querySelectorAll<HTMLElement>('[data-example]')];
  await waitUntil(
    () => stages.every((stage) => stage.dataset['exampleState'] === 'ready' || stage.dataset['exampleState'] === 'error') || problems(page).length > 0,
    `the examples never got ready: ${stages.map((s) => `${s.id}=${s.dataset['exampleState']}`).join(', ')}`,
    { timeout: 20_000 },
  );
  expect(problems(page), 'errors while the examples started').to.deep.equal([]);
  expect(stages.map((s) => `${s.id}=${s.dataset['exampleState']}`)).to.deep.equal(stages.map((s) => `${s.id}=ready`));
  return stages;
}

/** Every element of an example is defined and rendered (a shadow root with content, a box). */
function expectRendered(page: Page, stage: HTMLElement) {
  const elements = [...stage.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
  expect(elements.length, `${stage.id} has elements`).to.be.greaterThan(0);
  for (const el of elements) {
    expect(page.win.customElements.get(el.localName), `<${el.localName}> defined`).to.not.equal(undefined);
    expect(el.shadowRoot, `<${el.localName}> rendered a shadow root`).to.not.equal(null);
    // The provider has no UI; unsent work shows nothing until an earlier page left some.
    if (el.localName === 'callback-provider' || el.localName === 'unsent-work') continue;
    expect(el.getBoundingClientRect().height, `<${el.localName}> has a box`).to.be.greaterThan(0);
    expect(deepText(el.shadowRoot!).trim().length, `<${el.localName}> shows text`).to.be.greaterThan(0);
  }
}

/** axe in the page's own document (chai-a11y-axe cannot check a node of another document). */
export async function expectAccessible(page: Page) {
  await expectAccessibleIn(page.doc);
}

/** Opens the page, waits for its examples, checks them and the whole page; returns it open. */
export async function check(path: string): Promise<Page> {
  const page = await open(path);
  const stages = await examplesReady(page);
  for (const stage of stages) expectRendered(page, stage);
  await expectAccessible(page);
  expect(problems(page), 'console errors, uncaught errors, failed loads').to.deep.equal([]);
  return page;
}


/**
 * One test per element page of part `part` (0-based) of `parts`: the manifest's tags, dealt out in
 * turn, so each file stays well within wtr's 180 s per file.
 */
export function describeElementPages(part: number, parts: number): void {
  describe(`docs site: element pages, part ${part + 1} of ${parts}`, function () {
    // A page loads the bundle, its example waits for the simulated contact center, and axe reads it all.
    this.timeout(40_000);
    afterEach(closePage);

    for (const tag of TAGS.filter((_, i) => i % parts === part)) {
      it(`<${tag}>: its live example runs, and its reference has every section`, async () => {
        const page = await check(`elements/${tag}.html`);
        expect(page.doc.querySelector('h1')!.textContent).to.equal(`<${tag}>`);
        for (const id of ['example', 'attributes', 'properties', 'events', 'slots', 'parts', 'tokens', 'accessibility']) {
          expect(page.doc.getElementById(id), `#${id}`).to.not.equal(null);
        }
        // Its notes from docs/a11y/<tag>.md, not "No notes yet."
        const notes = page.doc.querySelector('section[aria-labelledby="accessibility"]')!.textContent!;
        for (const topic of ['Roles and semantics.', 'Keyboard.', 'Focus.', 'Known to fall short.']) expect(notes, `accessibility notes: ${topic}`).to.include(topic);
        const stage = page.doc.querySelector<HTMLElement>('[data-example]')!;
        const shown = tag === 'callback-provider' ? 'agent-status' : tag;
        expect(stage.querySelector(shown), `the example shows <${shown}>`).to.not.equal(null);
      });
    }
  });
}
