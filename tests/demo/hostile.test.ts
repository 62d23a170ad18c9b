import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import { itExcept } from '../helpers/engine.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { backdrop, luminance, textContrast } from '../helpers/colors.js';
import { nextFrame } from '../helpers/wait.js';

/**
 * demo/hostile.html as `npm start` serves it: a global reset on every element, form controls
 * stripped, a 24px root font size, the desk in a 300px panel with overflow hidden and a transform,
 * and a fixed banner at z-index 2147483647 over the bottom of the page.
 */
async function open() {
  // Short enough that the banner covers where the Transfer popup opens.
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe src="/demo/hostile.html" style="width:1000px;height:520px;border:0" title="hostile page"></iframe>`,
  );
  await waitUntil(() => (frame.contentDocument?.querySelector('callback-desk') as CallbackDesk | null)?.contactCenter, 'simulation ready', {
    timeout: 15_000,
  });
  const doc = frame.contentDocument!;
  const desk = doc.querySelector<CallbackDesk>('callback-desk')!;
  return { frame, doc, desk, cc: desk.contactCenter! };
}
type Page = Awaited<ReturnType<typeof open>>;

const notification = (p: Page) => p.desk.shadowRoot!.querySelector('callback-notification')!.shadowRoot!;
const callActions = (p: Page) =>
  p.desk.shadowRoot!.querySelector('interaction-window')?.shadowRoot?.querySelector('call-actions')?.shadowRoot ?? null;

/** The innermost element a click at (x, y) of the frame lands on, through shadow roots. */
function hit(p: Page, x: number, y: number): Element | null {
  let element = p.doc.elementFromPoint(x, y);
  while (element?.shadowRoot) {
    const inner = element.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === element) break;
    element = inner;
  }
  return element;
}

/** True when the node is the popup or inside it, nested shadow roots included. */
function inside(popup: Element, node: Node): boolean {
  for (let n: Node | null = node; n; n = (n as Partial<ShadowRoot>).host ?? n.parentNode) if (n === popup) return true;
  return false;
}

const center = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });

/** Clicks like a person: the real mouse, at the element's centre, in the top page's coordinates. */
async function click(p: Page, element: Element) {
  const frame = p.frame.getBoundingClientRect();
  const { x, y } = center(element.getBoundingClientRect());
  await sendMouse({ type: 'click', position: [Math.round(frame.left + x), Math.round(frame.top + y)] });
}

describe('demo/hostile.html: a hostile host stylesheet', () => {
  afterEach(() => resetMouse());

  it('keeps the offer readable at its own sizes and Accept clickable, inside a clipping panel', async () => {
    const p = await open();
    const rootSize = parseFloat(getComputedStyle(p.doc.documentElement).fontSize);
    expect(rootSize, 'the page sets a large root font size').to.equal(24);
    await p.cc.offer('immediate');
    await waitUntil(() => notification(p).querySelector('button.accept'), 'offer shown');
    const accept = notification(p).querySelector<HTMLButtonElement>('button.accept')!;
    const reject = notification(p).querySelector<HTMLButtonElement>('button.reject')!;

    for (const button of [accept, reject]) {
      const style = getComputedStyle(button);
      const rect = button.getBoundingClientRect();
      expect(rect.width > 40 && rect.height > 20, `${button.textContent} has a size`).to.equal(true);
      expect(textContrast(button), `${button.textContent} is readable`).to.be.at.least(4.5);
      // The element's token (0.875rem: rem follows the page's root, by design), not the page's 22px.
      expect(style.fontSize).to.equal(`${0.875 * rootSize}px`);
      expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).to.be.closeTo(1.4, 0.01);
      expect([style.textTransform, style.letterSpacing, style.fontStyle, style.textIndent]).to.deep.equal(['none', 'normal', 'normal', '0px']);
    }
    expect(textContrast(notification(p).querySelector('.who')!), 'contact name readable').to.be.at.least(4.5);

    // Below the panel's 300px the offer is clipped by the page; Tab reaches Accept and scrolls it in.
    accept.focus();
    // WebKit scrolls the focused element into view at its next rendering update, not inside focus()
    // as Chromium and Firefox do (the panel's scrollTop is still 0 right after it, 368 a frame later):
    // what the agent sees is the same, the element's position only settles a frame later (several
    // on a loaded machine: up to 1 s is given, then the check below reports what is on top).
    await nextFrame();
    const started = performance.now();
    const onTop = () => {
      const at = center(accept.getBoundingClientRect());
      return hit(p, at.x, at.y) === accept;
    };
    while (!onTop() && performance.now() - started < 1000) await nextFrame();
    const { x, y } = center(accept.getBoundingClientRect());
    // Compared here, not by chai: a failing equal() of two elements is serialized for the report,
    // and WebKit froze doing that with this page's elements (wtr's 180 s limit, nothing reported).
    const top = hit(p, x, y);
    expect(top === accept, `Accept is on top at its centre, not ${top ? top.localName + (top.id ? '#' + top.id : '') : 'nothing (outside the view)'}`).to.equal(true);
    await click(p, accept);
    await waitUntil(() => p.cc.listInteractions().at(-1)?.state === 'connected', 'accepted by a real click', { timeout: 5000 });
  });

  // The system colour scheme is emulated through Chromium's DevTools protocol (emulateMedia):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to set it.
  itExcept(['firefox', 'webkit'])('stays readable in dark mode although the page paints every element yellow', async () => {
    const p = await open();
    await p.cc.offer('immediate');
    await waitUntil(() => notification(p).querySelector('button.accept'), 'offer shown');
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const idle = p.desk.shadowRoot!.querySelector('.idle') ?? p.desk.shadowRoot!.querySelector('agent-status')!;
      expect(luminance(backdrop(idle)), 'the desk paints its own dark surface').to.be.below(0.05);
      const agentName = p.desk.shadowRoot!.querySelector('agent-status')!.shadowRoot!.querySelector('.name')!;
      expect(textContrast(agentName), 'agent status readable').to.be.at.least(4.5);
      expect(textContrast(notification(p).querySelector('.who')!), 'contact name readable').to.be.at.least(4.5);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('opens the Transfer popup whole: outside the clipping panel and above the z-index banner', async () => {
    const p = await open();
    await p.cc.offer('immediate');
    await waitUntil(() => notification(p).querySelector('button.accept'), 'offer shown');
    notification(p).querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => callActions(p)?.querySelector('[data-action="transfer"][aria-disabled="false"]'), 'call connected', { timeout: 5000 });
    const transfer = callActions(p)!.querySelector<HTMLButtonElement>('[data-action="transfer"]')!;
    transfer.focus();
    await nextFrame(); // WebKit's scroll to the focused button, as above
    // The panel's clipped edge a little below the Transfer button, so that the popup, which opens
    // below it, must cross it: where the button ends up depends on the engine's font metrics, and
    // with the page's 300px the popup fitted inside the panel in Firefox (ending 5px above its
    // edge, 2.5px below it in Chromium), which proved nothing about the clip.
    const panelElement = p.doc.getElementById('panel')!;
    const border = parseFloat(getComputedStyle(panelElement).borderTopWidth);
    panelElement.style.height = `${transfer.getBoundingClientRect().bottom - panelElement.getBoundingClientRect().top - border + 12}px`;
    await click(p, transfer);
    const popup = callActions(p)!.querySelector<HTMLElement>('#panel')!;
    await waitUntil(() => transfer.getAttribute('aria-expanded') === 'true' && popup.getBoundingClientRect().height > 0, 'popup open');
    await new Promise((r) => requestAnimationFrame(r));

    const rect = popup.getBoundingClientRect();
    const view = p.frame.contentWindow!;
    expect(rect.left >= 0 && rect.top >= 0 && rect.right <= view.innerWidth && rect.bottom <= view.innerHeight, 'inside the viewport').to.equal(
      true,
    );
    const panel = p.doc.getElementById('panel')!.getBoundingClientRect();
    const banner = p.doc.getElementById('banner')!.getBoundingClientRect();
    expect(rect.bottom, 'reaches past the clipping panel').to.be.above(panel.bottom);
    // Popups keep to the interaction window and the viewport (issue 16), so this one may end above
    // the banner; where it does reach into it, it is on top of it.
    const overBanner = rect.bottom > banner.top;
    // Probe points: inside the panel, below its clip edge, and over the banner when it reaches it.
    const probes = [
      [rect.left + 12, rect.top + 12],
      [rect.left + 12, (Math.max(panel.bottom, rect.top) + Math.min(rect.bottom, banner.top)) / 2],
      ...(overBanner ? [[rect.left + 12, (Math.max(banner.top, rect.top) + rect.bottom) / 2] as const] : []),
    ] as const;
    for (const [px, py] of probes) {
      const target = hit(p, px, py);
      expect(!!target && inside(popup, target), `popup on top at ${px},${py}`).to.equal(true);
    }
    // The popup is usable: its search field takes typing.
    const search = popup.querySelector('team-communicator')!.shadowRoot!.querySelector('input')!;
    await click(p, search);
    expect(search.matches(':focus')).to.equal(true);
  });
});
