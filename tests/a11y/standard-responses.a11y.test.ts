import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/standard-responses.js';
import type { StandardResponses } from '../../src/standard-responses.js';
import { center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <standard-responses> states the element tests do not check with axe: a search under way, one category chosen. */

describe('<standard-responses> accessibility in every state', () => {
  it('a search under way, then its results in one category', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<StandardResponses>('standard-responses', { directory: c.cc, clock: c.clock });
    c.clock.advance(1000);
    await settled(el);
    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ type: 'refund' });
    c.clock.advance(200);
    await settled(el);
    expect(el.hasState('searching')).to.equal(true);
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
    const select = root(el).querySelector<HTMLSelectElement>('#category')!;
    await waitUntil(() => select.options.length > 1, 'categories');
    select.value = select.options[1]!.value;
    select.dispatchEvent(new Event('change'));
    c.clock.advance(200);
    await settled(el);
    c.clock.advance(1000);
    await settled(el);
    await expect(el).to.be.accessible();
  });
});
