import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/team-communicator.js';
import type { TeamCommunicator } from '../../src/team-communicator.js';
import { center, mount, root, settle } from './fixtures.js';
import '../helpers/lit-warnings.js';

/** <team-communicator> states the element tests do not check with axe: searching, queues only, a target chosen. */

describe('<team-communicator> accessibility in every state', () => {
  it('searching (waiting for the directory)', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mount<TeamCommunicator>('team-communicator', { directory: c.cc, clock: c.clock });
    el.focus();
    await sendKeys({ type: 'Ben' });
    await settle(el, c, 200);
    expect(el.hasState('searching')).to.equal(true);
    await expect(el).to.be.accessible();
    await settle(el, c, 1000);
  });

  it('queues only, for a conference, then a queue chosen', async () => {
    const c = center();
    const el = await mount<TeamCommunicator>('team-communicator', { directory: c.cc, clock: c.clock }, { kinds: 'queue', purpose: 'conference' });
    el.focus();
    await sendKeys({ type: 'a' });
    await settle(el, c, 200);
    await waitUntil(() => root(el).querySelector('[role=option]'), 'queues listed');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.hasState('open')).to.equal(false);
    expect(el.query).to.not.equal('a');
    await expect(el).to.be.accessible();
  });
});
