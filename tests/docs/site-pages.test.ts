import { expect, waitUntil } from '@open-wc/testing';
import { deepElements } from '../helpers/deep.js';
import { GUIDES, SITE, TAGS, check, closePage, deepText, expectAccessible, problems } from './site.js';

/**
 * The docs site's overview and guides, and what their live examples do (tests/docs/site.ts says
 * what every page is checked for; the element pages are in site-elements-*.test.ts).
 */
/** Where a link of a page goes: relative to site/ for the site's pages (the test made every URL absolute), else as is. */
const sitePath = (a: HTMLAnchorElement) => {
  const url = new URL(a.href);
  return url.origin === location.origin && url.pathname.startsWith(SITE) ? url.pathname.slice(SITE.length) + url.hash : a.href;
};

describe('docs site: overview and guides', function () {
  // A page loads the bundle, its examples wait for the simulated contact center, and axe reads it all.
  this.timeout(40_000);
  afterEach(closePage);

  it('the overview links every element of the manifest and every guide, and each link opens a page', async () => {
    const page = await check('index.html');
    const links = [...page.doc.querySelectorAll<HTMLAnchorElement>('main a[href]')].map(sitePath);
    expect(links.filter((href) => href.startsWith('elements/')).sort()).to.deep.equal(TAGS.map((tag) => `elements/${tag}.html`));
    for (const guide of GUIDES.slice(1)) expect(links, guide).to.include(guide);
    const nav = [...page.doc.querySelectorAll<HTMLAnchorElement>('nav a[href]')].map(sitePath);
    expect(nav.length, 'the site navigation').to.equal(1 + TAGS.length + GUIDES.length - 1);
    for (const href of nav) {
      const response = await fetch(SITE + href, { method: 'HEAD' });
      expect(response.ok, `${href} exists`).to.equal(true);
    }
  });

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
    const notes = new Set([...page.doc.querySelectorAll<HTMLAnchorElement>('main a[href]')].map(sitePath));
    for (const tag of TAGS) expect(notes, tag).to.include(`elements/${tag}.html#accessibility`);
  });

  it('adapters: docs/adapters.md’s sections, each with its heading', async () => {
    const page = await check('adapters.html');
    const headings = [...page.doc.querySelectorAll('main h2')].map((h) => h.textContent);
    for (const heading of ['Simulated contact center', 'GMS', 'Genesys Engage (Workspace API)', 'Genesys Cloud', 'SIP (sip.js)', 'Writing an adapter']) {
      expect(headings).to.include(heading);
    }
    const links = [...page.doc.querySelectorAll<HTMLAnchorElement>('main a[href]')].map(sitePath);
    expect(links, 'docs/adapters.md’s link to the Write an adapter guide').to.include('write-an-adapter.html');
  });

  it('several tabs: docs/tabs.md is a page of the site, linked from the overview', async () => {
    const page = await check('tabs.html');
    expect(page.doc.querySelector('h1')!.textContent).to.equal('Several tabs');
    expect(deepText(page.doc.querySelector('main')!)).to.include('one tab owns the desk');
    const overview = await check('index.html');
    const links = [...overview.doc.querySelectorAll<HTMLAnchorElement>('main a[href]')].map(sitePath);
    expect(links).to.include('tabs.html');
  });

  it('write an adapter: the guide of docs/write-an-adapter.md, with its steps and code, is a page of the site', async () => {
    const page = await check('write-an-adapter.html');
    expect(page.doc.querySelector('h1')!.textContent).to.equal('Write an adapter');
    const headings = [...page.doc.querySelectorAll('main h2')].map((h) => h.textContent);
    for (const heading of ['1. What to import', '2. The rules every adapter keeps', '5. Prove it: callback-elements/testing', '6. Run the example']) {
      expect(headings).to.include(heading);
    }
    const code = [...page.doc.querySelectorAll('main pre code')].map((c) => c.textContent).join('\n');
    expect(code).to.include("from 'callback-elements/testing'");
    const current = [...page.doc.querySelectorAll<HTMLAnchorElement>('nav a[aria-current="page"]')].map(sitePath);
    expect(current, 'the navigation marks this page').to.deep.equal(['write-an-adapter.html']);
  });
});
