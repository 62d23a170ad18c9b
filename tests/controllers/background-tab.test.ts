import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock, type Clock } from '../../src/model/clock.js';
import { phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * A tab in the background: the browser throttles its timers (to once a minute, or not at all)
 * while the contact center's clock keeps going. The page's clock here reads the true time but runs
 * its timers only when the tab "wakes" (`wake()`), and then only once: a countdown that counted
 * its own ticks would be 25 ticks behind; one computed from the clock is right at the first tick.
 */
class BackgroundTabClock implements Clock {
  #now: number;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;
  constructor(start: number) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  /** Time passes in the background: no timer runs. */
  sleep(ms: number): void {
    this.#now += ms;
  }
  /** The tab is visible again: each timer that is due runs once (the first throttled tick). */
  wake(): number {
    const due = [...this.#timers].filter(([, t]) => t.at <= this.#now);
    for (const [id, timer] of due) {
      this.#timers.delete(id);
      timer.callback();
    }
    return due.length;
  }
}

async function setup() {
  // The phone library loaded first: its arrival re-renders the numbers' hosts, which would redraw
  // the countdown in the middle of a test that checks nothing else did (seen in WebKit, where it
  // arrives later).
  await phoneFormatReady();
  const server = new ManualClock();
  const page = new BackgroundTabClock(server.now());
  const cc = new SimulatedContactCenter({ clock: server, latencyMs: 0 });
  const el = await fixture<CallbackNotification>(html`<callback-notification .adapter=${cc} .clock=${page}></callback-notification>`);
  return { server, page, cc, el };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const countdown = (s: Setup) => s.el.shadowRoot!.querySelector('[part=countdown]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const who = (s: Setup) => s.el.shadowRoot!.querySelector('.who')?.textContent ?? '';

/** Time passes for everyone, but the page runs no timer. */
function background(s: Setup, ms: number) {
  s.page.sleep(ms);
  s.server.advance(ms);
}

describe('a tab in the background', () => {
  it('the countdown is right at the first tick after 25 s without ticks', async () => {
    const s = await setup();
    await s.cc.offer('immediate');
    await settled(s.el);
    expect(countdown(s)).to.match(/\b30 sec\b/);
    background(s, 25_000);
    await settled(s.el);
    // Throttled: nothing re-rendered the countdown meanwhile.
    expect(countdown(s)).to.match(/\b30 sec\b/);
    expect(s.page.wake(), 'one throttled tick').to.equal(1);
    await settled(s.el);
    expect(countdown(s)).to.match(/\b5 sec\b/);
    expect(countdown(s)).to.not.match(/\b29 sec\b/);
    expect(s.el.hasState('urgent')).to.equal(true);
  });

  it('an offer whose time ran out in the background is shown as going back to routing, then expired', async () => {
    const s = await setup();
    await s.cc.offer('immediate');
    await settled(s.el);
    // The page wakes before the service's expiry reached it: no stale number, no Accept.
    s.page.sleep(40_000);
    s.page.wake();
    await settled(s.el);
    expect(countdown(s)).to.equal('Returning to routing…');
    expect(s.el.hasState('offered')).to.equal(false);
    const accept = s.el.shadowRoot!.querySelector('button.accept')!;
    expect(accept.getAttribute('aria-disabled')).to.equal('true');
    // The service's expiry arrives: the notice says so.
    s.server.advance(40_000);
    await settled(s.el);
    expect(s.el.hasState('expired')).to.equal(true);
    expect(s.el.shadowRoot!.textContent).to.include('Not answered in time');
  });

  it('offers that arrive while hidden still show, each with its own correct countdown', async () => {
    const s = await setup();
    const rings: string[] = [];
    s.el.addEventListener('callback-ring', (e) => rings.push(e.detail.interaction.id));
    background(s, 60_000);
    const first = await s.cc.offer('immediate');
    background(s, 12_000);
    const second = await s.cc.offer('web-callback');
    await settled(s.el);
    // No page timer ran, yet the first offer is on screen with its real time left.
    expect(who(s)).to.equal(first.contact.name);
    expect(countdown(s)).to.match(/\b18 sec\b/);
    expect(rings).to.deep.equal([first.id]);
    s.el.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => who(s) === second.contact.name, 'second offer shown');
    expect(countdown(s)).to.match(/\b30 sec\b/);
    expect(rings).to.deep.equal([first.id, second.id]);
  });
});
