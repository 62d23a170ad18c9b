import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/team-communicator.js';
import type { TeamCommunicator } from '../../src/team-communicator.js';
import { center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <team-communicator> states the element tests do not check with axe: searching, queues only, a target chosen. */

describe('<team-communicator> accessibility in every state', () => {
  it('searching (waiting for the directory)', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<TeamCommunicator>('team-communicator', { directory: c.cc, clock: c.clock });
    el.focus();
    await sendKeys({ type: 'Ben' });
    c.clock.advance(200);
    await settled(el);
    expect(el.hasState('searching')).to.equal(true);
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });

  it('queues only, for a conference, then a queue chosen', async () => {
    const c = center();
    const el = await mountElement<TeamCommunicator>('team-communicator', { directory: c.cc, clock: c.clock }, { kinds: 'queue', purpose: 'conference' });
    el.focus();
    await sendKeys({ type: 'a' });
    c.clock.advance(200);
    await settled(el);
    await waitUntil(() => root(el).querySelector('[role=option]'), 'queues listed');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(el.hasState('open')).to.equal(false);
    expect(el.query).to.not.equal('a');
    await expect(el).to.be.accessible();
  });
});
