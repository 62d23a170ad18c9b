import { expect, waitUntil } from '@open-wc/testing';
import '../../src/agent-status.js';
import type { AgentStatus } from '../../src/agent-status.js';
import { center, mountElement, root, text } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <agent-status> states the element tests do not check with axe: not ready with a reason, no reasons asked, phone only. */

describe('<agent-status> accessibility in every state', () => {
  it('not ready on a channel with its reason shown', async () => {
    const c = center();
    const el = await mountElement<AgentStatus>('agent-status', { adapter: c.cc, telephony: c.cc });
    const voice = () => root(el).querySelector('[data-channel=voice]')!;
    voice().querySelector<HTMLButtonElement>('.toggle')!.click();
    await settled(el);
    const select = voice().querySelector<HTMLSelectElement>('select')!;
    select.value = select.options[1]!.value;
    select.dispatchEvent(new Event('change'));
    voice().querySelector<HTMLButtonElement>('.confirm')!.click();
    await waitUntil(() => el.readyState('voice') === 'not-ready', 'not ready');
    await settled(el);
    expect(text(voice().querySelector('[part=state]'))).to.include(select.options[1]!.textContent!.trim());
    expect(el.hasState('not-ready')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('one channel, no reasons asked: a plain Set not ready', async () => {
    const c = center();
    const el = await mountElement<AgentStatus>('agent-status', { adapter: c.cc, reasons: [] }, { channels: 'web-callback' });
    expect(text(root(el).querySelector('.toggle'))).to.equal('Set not ready');
    await expect(el).to.be.accessible();
  });

  it('the phone alone (no callback service)', async () => {
    const c = center();
    const el = await mountElement<AgentStatus>('agent-status', { telephony: c.cc });
    await waitUntil(() => root(el).querySelector('[part=phone-status]'), 'phone status');
    expect(root(el).querySelector('[data-channel]') === null, 'no channels').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
