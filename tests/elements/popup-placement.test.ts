import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '../helpers/viewport.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

/**
 * Popups stay inside the desk and never cover the control that opened them, nor the agent status:
 * the reschedule form used to open upwards over Ready / Not ready.
 */

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const box = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
};
const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
const show = (b: Box) => `[${Math.round(b.left)},${Math.round(b.top)} → ${Math.round(b.right)},${Math.round(b.bottom)}]`;

type Where = 'center' | 'end' | 'start';

async function openReschedule(width: number, height: number, channel: 'voice' | 'web', where: Where) {
  await setViewport({ width, height });
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  // A CRM page around the desk, so the page scrolls and the button can be anywhere in the view.
  const page = await fixture<HTMLDivElement>(html`<div style="padding-block: 100vh">
    <callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
  </div>`);
  const desk = page.querySelector<CallbackDesk>('callback-desk')!;
  const offer = await cc.offer(channel === 'voice' ? 'immediate' : 'web-callback');
  await cc.accept(offer.id);
  const window = () => desk.shadowRoot!.querySelector(channel === 'voice' ? 'interaction-window' : 'callback-preview')?.shadowRoot ?? null;
  const actions = () => window()?.querySelector('call-actions') ?? null;
  const opener = () => actions()?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action=reschedule]') ?? null;
  await waitUntil(() => opener()?.getAttribute('aria-disabled') === 'false', 'Reschedule enabled', { timeout: 5000 });
  // The agent scrolled the page so that the button is at the bottom (or top, or middle) of the view.
  opener()!.scrollIntoView({ block: where });
  opener()!.click();
  const panel = () => actions()!.shadowRoot!.querySelector<HTMLElement>('#panel')!;
  await waitUntil(() => panel().matches(':popover-open') && panel().querySelector('callback-scheduler')?.shadowRoot?.querySelector('#date'), 'form open', { timeout: 5000 });
  // The form's free times arrive and it grows; autoUpdate places it again.
  await aTimeout(100);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const status = desk.shadowRoot!.querySelector('agent-status')!;
  return { desk, popup: box(panel()), opener: box(opener()!), status: box(status), deskBox: box(desk), panel: panel() };
}

describe('popups in the desk', function () {
  this.timeout(30_000);
  after(() => setViewport({ width: 800, height: 600 }));

  for (const [width, height] of [
    [1280, 800],
    [360, 740],
  ] as const) {
    for (const channel of ['voice', 'web'] as const) {
      for (const where of ['end', 'center', 'start'] as const) {
      it(`the reschedule form (${channel}, ${width}×${height}, button at the ${where} of the view) covers neither its button nor the agent status, and stays inside the desk`, async () => {
        const r = await openReschedule(width, height, channel, where);
        const rects = `popup ${show(r.popup)}, button ${show(r.opener)}, agent status ${show(r.status)}, desk ${show(r.deskBox)}`;
        expect(overlap(r.popup, r.opener), `covers its button: ${rects}`).to.equal(false);
        expect(overlap(r.popup, r.status), `covers the agent status: ${rects}`).to.equal(false);
        const visibleDesk = { ...r.deskBox, top: Math.max(r.deskBox.top, 0), bottom: Math.min(r.deskBox.bottom, innerHeight), left: Math.max(r.deskBox.left, 0), right: Math.min(r.deskBox.right, innerWidth) };
        expect(inside(r.popup, visibleDesk), `inside the desk as shown: ${rects}`).to.equal(true);
        // What does not fit scrolls inside the popup, by keyboard too.
        expect(r.panel.scrollHeight <= r.panel.clientHeight || getComputedStyle(r.panel).overflowY === 'auto').to.equal(true);
        expect(r.popup.bottom - r.popup.top, `tall enough to use: ${rects}`).to.be.at.least(150);
      });
      }
    }
  }
});
