import { expect, waitUntil } from '@open-wc/testing';
import '../../src/callback-scheduler.js';
import type { CallbackScheduler } from '../../src/callback-scheduler.js';
import { accepted, bound, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <callback-scheduler> states the element tests do not check with axe: slots loading, the contact's zone chosen, rescheduled. */

describe('<callback-scheduler> accessibility in every state', () => {
  it('free times loading', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<CallbackScheduler>('callback-scheduler', bound(c, await accepted(c)));
    expect(root(el).textContent).to.include('Loading free times');
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });

  it('times entered in the contact\'s zone (the agent is elsewhere)', async () => {
    const c = center();
    const el = await mountElement<CallbackScheduler>('callback-scheduler', bound(c, await accepted(c)), { 'time-zone': 'America/New_York' });
    const toggle = root(el).querySelector<HTMLInputElement>('.zone input[type=checkbox]')!;
    toggle.click();
    await settled(el);
    expect(toggle.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('rescheduled: the confirmation shown', async () => {
    const c = center();
    const el = await mountElement<CallbackScheduler>('callback-scheduler', bound(c, await accepted(c)));
    const date = root(el).querySelector<HTMLInputElement>('#date')!;
    date.value = '2026-11-26';
    date.dispatchEvent(new Event('input'));
    await settled(el);
    await waitUntil(() => root(el).querySelector('[part=slots] input[type=radio]:not([disabled])'), 'free slots');
    root(el).querySelector<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])')!.click();
    await settled(el);
    root(el).querySelector<HTMLButtonElement>('[part=submit-button]')!.click();
    // Submit checks the number first, which fetches and compiles the phone library in this page:
    // a loaded WebKit took over 3 s twice (second try in the three-engine CI run of 7d51eec).
    await waitUntil(() => el.hasState('rescheduled'), 'rescheduled', { timeout: 8000 });
    await settled(el);
    expect(root(el).querySelector('[part=status]') !== null, 'confirmation').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
