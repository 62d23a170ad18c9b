import { expect, waitUntil } from '@open-wc/testing';
import '../../src/disposition-picker.js';
import type { DispositionPicker } from '../../src/disposition-picker.js';
import { accepted, bound, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <disposition-picker> states the element tests do not check with axe: storing a pick, a search with no match, required in tree mode. */

describe('<disposition-picker> accessibility in every state', () => {
  it('list: a pick being stored (pending)', async () => {
    const c = center({ latencyMs: 1000 });
    const interaction = await accepted(c);
    const el = await mountElement<DispositionPicker>('disposition-picker', bound(c, interaction));
    c.clock.advance(1000);
    await settled(el);
    await waitUntil(() => root(el).querySelector('input[type=radio]'), 'codes');
    root(el).querySelector<HTMLInputElement>('input[type=radio]')!.click();
    await settled(el);
    expect(el.hasState('pending')).to.equal(true);
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });

  it('tree, required and missing, searched with no match', async () => {
    const c = center();
    const el = await mountElement<DispositionPicker>('disposition-picker', bound(c, await accepted(c)), { mode: 'tree', required: '' });
    await waitUntil(() => root(el).querySelector('[role=tree]'), 'tree');
    expect(el.hasState('missing')).to.equal(true);
    await expect(el).to.be.accessible();
    const search = root(el).querySelector<HTMLInputElement>('#search')!;
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await settled(el);
    expect(root(el).querySelector('[role=tree]') === null, 'no tree left').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
