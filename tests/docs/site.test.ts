import { expect, waitUntil } from '@open-wc/testing';
import { deepElements } from '../helpers/deep.js';

/**
 * The built docs site (`npm run docs` → site/; scripts/test.sh builds it before the browser tests):
 * every page opens, its live examples define, bind to the simulated contact center and render,
 * with no console error, no uncaught error or rejection, no failed load, and no axe violation.
 *
 * A page is opened as its HTML from site/, in an iframe with a `<base>` pointing back into site/
 * and, first in its head, a small script that records console.error, uncaught errors, unhandled
 * rejections and failed loads (`srcdoc`): an iframe opened with `src` runs its modules before the
 * test could hook its console.
 */

const SITE = '/site/';
const GUIDES = ['index.html', 'theming.html', 'accessibility.html', 'adapters.html', 'localization.html'];

interface Manifest {
  modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[];
}
const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
const TAGS = manifest.modules
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

type FrameWindow = Window & typeof globalThis & { __docsProblems: string[]; axe?: { run(context: Node): Promise<{ violations: AxeViolation[] }> } };

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

interface Page {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  doc: Document;
}

let current: HTMLIFrameElement | undefined;

afterEach(() => {
  current?.remove();
  current = undefined;
});

/** Opens site/<path> in an iframe (see above) and waits until it has loaded. */
async function open(path: string): Promise<Page> {
  const response = await fetch(SITE + path);
  if (!response.ok) {
    throw new Error(`site/${path} is missing (HTTP ${response.status}): build the docs site with \`npm run docs\` before the browser tests (scripts/test.sh does)`);
  }
  const source = await response.text();
  expect(/<head>/i.test(source), `site/${path} has a <head>`).to.equal(true);
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  const frame = document.createElement('iframe');
  frame.title = `docs page ${path}`;
  frame.style.cssText = 'width: 1200px; height: 900px; border: 0';
  frame.srcdoc = source.replace(/<head>/i, `<head><base href="${location.origin}${SITE}${dir}"><script>${HOOK}</script>`);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  current = frame;
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  return { frame, win, doc: frame.contentDocument! };
}

const problems = (page: Page) => page.win.__docsProblems;

/**
 * The text shown under `root`, shadow trees included, style and script text excluded. By node
 * type, not `instanceof`: the page's nodes belong to the frame's realm, not the test's.
 */
function deepText(root: Node): string {
  let text = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += (node as Text).data;
      return;
    }
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : null;
    if (el && (el.localName === 'style' || el.localName === 'script')) return;
    if (el?.shadowRoot) visit(el.shadowRoot);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return text;
}

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
async function expectAccessible(page: Page) {
  if (!page.win.axe) {
    const script = page.doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    page.doc.head.append(script);
    await loaded;
  }
  const { violations } = await page.win.axe!.run(page.doc);
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  expect(summary).to.deep.equal([]);
}

/** Opens the page, waits for its examples, checks them and the whole page; returns it open. */
async function check(path: string): Promise<Page> {
  const page = await open(path);
  const stages = await examplesReady(page);
  for (const stage of stages) expectRendered(page, stage);
  await expectAccessible(page);
  expect(problems(page), 'console errors, uncaught errors, failed loads').to.deep.equal([]);
  return page;
}

describe('docs site (site/, built by npm run docs)', function () {
  // A page loads the bundle, its examples wait for the simulated contact center, and axe reads it all.
  this.timeout(40_000);

  it('the overview links every element of the manifest and every guide, and each link opens a page', async () => {
    const page = await check('index.html');
    const links = [...page.doc.querySelectorAll<HTMLAnchorElement>('main a[href]')].map((a) => a.getAttribute('href')!);
    expect(links.filter((href) => href.startsWith('elements/')).sort()).to.deep.equal(TAGS.map((tag) => `elements/${tag}.html`));
    for (const guide of GUIDES.slice(1)) expect(links, guide).to.include(guide);
    const nav = [...page.doc.querySelectorAll<HTMLAnchorElement>('nav a[href]')].map((a) => a.getAttribute('href')!);
    for (const href of nav) {
      const response = await fetch(SITE + href, { method: 'HEAD' });
      expect(response.ok, `${href} exists`).to.equal(true);
    }
  });

  for (const tag of TAGS) {
    it(`<${tag}>: its live example runs, and its reference has every section`, async () => {
      const page = await check(`elements/${tag}.html`);
      expect(page.doc.querySelector('h1')!.textContent).to.equal(`<${tag}>`);
      for (const id of ['example', 'attributes', 'properties', 'events', 'slots', 'parts', 'tokens', 'accessibility']) {
        expect(page.doc.getElementById(id), `#${id}`).to.not.equal(null);
      }
      const stage = page.doc.querySelector<HTMLElement>('[data-example]')!;
      const shown = tag === 'callback-provider' ? 'agent-status' : tag;
      expect(stage.querySelector(shown), `the example shows <${shown}>`).to.not.equal(null);
    });
  }

  it('<callback-notification>: the example offer can be accepted', async () => {
    const page = await check('elements/callback-notification.html');
    const notification = page.doc.querySelector('callback-notification')!;
    const accept = [...notification.shadowRoot!.querySelectorAll('button')].find((b) => /Accept/.test(b.textContent ?? ''));
    expect(accept, 'an Accept button').to.not.equal(undefined);
    const accepted = new Promise((resolve) => notification.addEventListener('callback-accepted', resolve, { once: true }));
    accept!.click();
    await accepted;
    expect(problems(page)).to.deep.equal([]);
  });

  it('theming: the token editor sets a token on its example, which the elements follow, and Reset takes it away', async () => {
    const page = await check('theming.html');
    const stage = page.doc.getElementById('example-theming')!;
    const input = page.doc.querySelector<HTMLInputElement>('input[data-token="--cb-color-text"]')!;
    expect(input, 'a field for --cb-color-text').to.not.equal(null);
    const red = () => deepElements(stage).filter((el) => page.win.getComputedStyle(el).color === 'rgb(255, 0, 0)').length;
    expect(red(), 'nothing red before').to.equal(0);
    input.value = '#ff0000';
    input.dispatchEvent(new page.win.Event('input', { bubbles: true }));
    expect(stage.style.getPropertyValue('--cb-color-text')).to.equal('#ff0000');
    await waitUntil(() => red() > 0, 'no element of the example took the text colour');
    expect(page.doc.querySelector('[data-token-css]')!.textContent).to.include('--cb-color-text: #ff0000;');
    page.doc.querySelector<HTMLFormElement>('form.token-editor')!.reset();
    expect(stage.style.getPropertyValue('--cb-color-text')).to.equal('');
    await waitUntil(() => red() === 0, 'the colour stayed after Reset');
    expect(problems(page)).to.deep.equal([]);
  });

  it('localization: the language switch re-renders its example in Spanish', async () => {
    const page = await check('localization.html');
    const stage = page.doc.getElementById('example-localization')!;
    expect(deepText(stage)).to.include('End call');
    const select = page.doc.querySelector<HTMLSelectElement>('select[data-lang-target]')!;
    select.value = 'es';
    select.dispatchEvent(new page.win.Event('change', { bubbles: true }));
    await waitUntil(() => deepText(stage).includes('Finalizar llamada'), 'the example never showed Spanish', { timeout: 10_000 });
    await expectAccessible(page);
    expect(problems(page)).to.deep.equal([]);
  });

  it('accessibility: the overview links each element’s notes on its page', async () => {
    const page = await check('accessibility.html');
    expect(page.doc.querySelector('h1')!.textContent).to.equal('Accessibility');
    const notes = new Set([...page.doc.querySelectorAll<HTMLAnchorElement>('main a[href^="elements/"]')].map((a) => a.getAttribute('href')));
    for (const tag of TAGS.filter((tag) => tag !== 'unsent-work')) expect(notes, tag).to.include(`elements/${tag}.html#accessibility`);
  });

  it('adapters: the README’s adapter sections, each with its heading', async () => {
    const page = await check('adapters.html');
    const headings = [...page.doc.querySelectorAll('main h2')].map((h) => h.textContent);
    for (const heading of ['Simulated contact center', 'GMS', 'Writing an adapter']) expect(headings).to.include(heading);
  });
});
