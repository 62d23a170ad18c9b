import { expect, waitUntil } from '@open-wc/testing';
import '../../src/call-status.js';
import type { CallStatus } from '../../src/call-status.js';
import { SAMPLE_TARGETS } from '../../src/adapters/simulated/index.js';
import { accepted, bound, center, mountElement, root, text } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <call-status> states the element tests do not check with axe: held by the customer, a conference, done. */

describe('<call-status> accessibility in every state', () => {
  it('held by the customer', async () => {
    const c = center();
    const interaction = await accepted(c);
    const el = await mountElement<CallStatus>('call-status', bound(c, interaction));
    c.cc.setRemoteHold(interaction.callId!, true);
    await settled(el);
    expect(el.hasState('remote-hold')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('in a conference, with the members listed', async () => {
    const c = center();
    const interaction = await accepted(c);
    const el = await mountElement<CallStatus>('call-status', bound(c, interaction));
    await c.cc.conference(interaction.callId!, SAMPLE_TARGETS[0]!);
    c.clock.advance(5000);
    await settled(el);
    await waitUntil(() => root(el).querySelector('[part=participants]'), 'members shown', { timeout: 3000 });
    await expect(el).to.be.accessible();
  });

  it('done', async () => {
    const c = center();
    const interaction = await accepted(c);
    const el = await mountElement<CallStatus>('call-status', bound(c, interaction));
    await c.cc.hangUp(interaction.callId!);
    await c.cc.markDone(interaction.id);
    await settled(el);
    expect(el.hasState('done')).to.equal(true);
    expect(text(root(el).querySelector('[part=state]'))).to.not.equal('');
    await expect(el).to.be.accessible();
  });
});
