// The drop-in bundle is built differently from what the other tests load: lit's production build,
// esbuild's minifier, and the markup and CSS of every html`` and css`` template minified. This test
// drives the same flow in the built bundle (drop-in.html) and in the sources (src-page.html) and
// compares what an agent would get, shadow roots included: elements, attributes, text (whitespace
// runs collapsed, digits masked: timers run on each page's own clock) and the computed style of
// every element. A minifier that dropped a space between two words, an attribute or a CSS rule
// would show here. `npm test` builds dist/ first; run `npm run build` before running this alone.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { deepQuery } from '../helpers/deep.js';
import { settled } from '../helpers/wait.js';

const STYLE_PROPS = ['display', 'color', 'background-color', 'font-weight', 'font-size', 'font-family', 'border-top-width', 'border-top-color', 'border-top-left-radius', 'padding-block-start', 'padding-inline-start', 'min-block-size', 'gap', 'visibility'];

/** One line per node, in document order, crossing into open shadow roots. */
function snapshot(root: Node, win: Window, lines: string[] = [], depth = 0): string[] {
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      // Whitespace between tags is the minifier's to collapse; a space it dropped between two words
      // would still show in the size of the element around them.
      const text = node.textContent!.replace(/\s+/g, ' ').trim().replace(/\d/g, '#');
      if (text) lines.push(`${' '.repeat(depth)}"${text}"`);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      // Each page's own realm: `instanceof Element` would not hold across the frames.
      const el = node as Element;
      if (el.localName === 'style' || el.localName === 'script') continue;
      const attrs = [...el.attributes]
        .filter((a) => a.name !== 'style')
        .map((a) => `${a.name}=${a.value.replace(/\d/g, '#')}`)
        .sort()
        .join(' ');
      const style = win.getComputedStyle(el);
      const computed = STYLE_PROPS.map((p) => style.getPropertyValue(p)).join('|');
      // Size to the pixel, unless a clock's digits (different on each page) are inside.
      const box = el.getBoundingClientRect();
      const size = /\d/.test(el.textContent ?? '') || /\d/.test(el.shadowRoot?.textContent ?? '') ? '' : ` ${Math.round(box.width)}×${Math.round(box.height)}`;
      lines.push(`${' '.repeat(depth)}<${el.localName} ${attrs}> {${computed}}${size}`);
      if (el.shadowRoot) snapshot(el.shadowRoot, win, lines, depth + 1);
      snapshot(el, win, lines, depth + 1);
    }
  }
  return lines;
}

type Desk = HTMLElement & { updateComplete: Promise<boolean> };

async function open(src: string) {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe src=${src} style="width:1100px;height:900px" title=${src}></iframe>`);
  await waitUntil(() => frame.contentWindow?.customElements.get('call-actions') !== undefined, `${src}: elements not defined`, { timeout: 10_000 });
  const doc = frame.contentDocument!;
  const desk = doc.querySelector('callback-desk') as Desk;
  const send = () => desk.shadowRoot!.querySelector<HTMLButtonElement>('[part="simulator-send"]');
  await waitUntil(() => send() !== null, `${src}: no simulator`, { timeout: 8000 });
  return { frame, doc, desk, win: frame.contentWindow!, send };
}

type Page = Awaited<ReturnType<typeof open>>;

const acceptButton = (p: Page) => deepQuery(p.doc, 'callback-notification')?.shadowRoot?.querySelector<HTMLButtonElement>('button.accept');

async function offer(p: Page, scenario: string) {
  const select = p.desk.shadowRoot!.querySelector<HTMLSelectElement>('#scenario')!;
  select.value = scenario;
  p.send()!.click();
  await waitUntil(() => acceptButton(p), `${scenario}: no offer`, { timeout: 5000 });
}

async function accept(p: Page, scenario: string) {
  acceptButton(p)!.click();
  await waitUntil(() => deepQuery(p.doc, '[data-action="mark-done"]'), `${scenario}: no window`, { timeout: 5000 });
}

async function offerAndAccept(p: Page, scenario: string) {
  await offer(p, scenario);
  await accept(p, scenario);
}

/**
 * The two pages load and answer at their own pace (a list still loading on one): wait, up to a
 * few seconds, for them to agree, then report the first difference if they never do.
 */
async function compare(pages: Page[], what: string) {
  const diff = () => {
    const [bundle, source] = pages.map((p) => snapshot(p.doc.body, p.win));
    const first = bundle!.findIndex((line, i) => line !== source![i]);
    if (first === -1 && bundle!.length === source!.length) return { same: true, lines: bundle!.length, text: '' };
    const at = first === -1 ? Math.min(bundle!.length, source!.length) : first;
    return { same: false, lines: bundle!.length, text: `line ${at}\nbundle:  ${bundle![at]}\nsources: ${source![at]}` };
  };
  let last = diff();
  for (let waited = 0; !last.same && waited < 5000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    last = diff();
  }
  expect(last.text, `${what}: the bundle renders differently from the sources`).to.equal('');
  expect(last.lines, `${what}: lines compared`).to.be.greaterThan(50);
}

describe('drop-in bundle ≡ sources', () => {
  it('the desk with a voice callback, each toolbar popup open in turn, and a web-callback preview render the same', async function () {
    this.timeout(60_000);
    const pages = [await open('/tests/bundle/drop-in.html'), await open('/tests/bundle/src-page.html')];
    await settled(...pages.map((p) => p.desk));
    await compare(pages, 'idle desk');

    // The agent status's reason picker.
    for (const p of pages) (deepQuery(p.doc, '[part="not-ready-button"]') as HTMLButtonElement).click();
    await settled(...pages.map((p) => p.desk));
    for (const p of pages) await waitUntil(() => deepQuery(p.doc, 'agent-status')?.shadowRoot?.querySelector('select'), 'reason picker open');
    await compare(pages, 'not-ready reason picker open');
    for (const p of pages) {
      (deepQuery(p.doc, 'agent-status')!.shadowRoot!.querySelector('select') as HTMLSelectElement).focus();
      await sendKeys({ press: 'Escape' });
    }
    await settled(...pages.map((p) => p.desk));

    for (const p of pages) await offer(p, 'immediate');
    await settled(...pages.map((p) => p.desk));
    // Clock text differs between the pages (masked digits); the rest must not.
    await compare(pages, 'voice offer shown');
    for (const p of pages) await accept(p, 'immediate');
    await settled(...pages.map((p) => p.desk));
    await compare(pages, 'voice callback accepted');

    const popups = { dtmf: 'dtmf-keypad', transfer: 'team-communicator', reschedule: 'callback-scheduler' };
    for (const [action, tag] of Object.entries(popups)) {
      for (const p of pages) {
        const button = deepQuery(p.doc, `[data-action="${action}"]`) as HTMLButtonElement | null;
        expect(button, `${action} button`).to.not.equal(null);
        button!.click();
      }
      await settled(...pages.map((p) => p.desk));
      for (const p of pages) await waitUntil(() => deepQuery(p.doc, tag)?.shadowRoot?.childElementCount, `${tag} open`);
      await compare(pages, `${action} popup open`);
      for (const p of pages) {
        p.frame.focus();
        (deepQuery(p.doc, `[data-action="${action}"]`) as HTMLButtonElement).focus();
        await sendKeys({ press: 'Escape' });
      }
      await settled(...pages.map((p) => p.desk));
    }

    for (const p of pages) await offerAndAccept(p, 'web-callback');
    await settled(...pages.map((p) => p.desk));
    await compare(pages, 'web callback preview');
  });
});
