import { expect } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/dtmf-keypad.js';
import type { DtmfKeypad } from '../../src/dtmf-keypad.js';
import { accepted, bound, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <dtmf-keypad> states the element tests do not check with axe: digits buffering, and sending (masked). */

describe('<dtmf-keypad> accessibility in every state', () => {
  it('digits waiting in the buffer, then on their way, masked', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<DtmfKeypad>('dtmf-keypad', bound(c, await accepted(c)), { mask: '' });
    root(el).querySelector<HTMLInputElement>('#digits')!.focus();
    await sendKeys({ type: '4242' });
    await settled(el);
    expect(el.hasState('buffering')).to.equal(true);
    await expect(el).to.be.accessible();
    c.clock.advance(500);
    await settled(el);
    expect(el.hasState('sending')).to.equal(true);
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });
});
