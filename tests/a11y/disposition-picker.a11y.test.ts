import { expect, waitUntil } from '@open-wc/testing';
import '../../src/disposition-picker.js';
import type { DispositionPicker } from '../../src/disposition-picker.js';
import { accepted, bound, center, mount, root, settle } from './fixtures.js';
import '../helpers/lit-warnings.js';

/** <disposition-picker> states the element tests do not check with axe: storing a pick, a search with no match, required in tree mode. */

describe('<disposition-picker> accessibility in every state', () => {
  it('list: a pick being stored (pending)', async () => {
    const c = center({ latencyMs: 1000 });
    const interaction = await accepted(c);
    const el = await mount<DispositionPicker>('disposition-picker', bound(c, interaction));
    await settle(el, c, 1000);
    await waitUntil(() => root(el).querySelector('input[type=radio]'), 'codes');
    root(el).querySelector<HTMLInputElement>('input[type=radio]')!.click();
    await settle(el);
    expect(el.hasState('pending')).to.equal(true);
    await expect(el).to.be.accessible();
    await settle(el, c, 1000);
  });

  it('tree, required and missing, searched with no match', async () => {
    const c = center();
    const el = await mount<DispositionPicker>('disposition-picker', bound(c, await accepted(c)), { mode: 'tree', required: '' });
    await waitUntil(() => root(el).querySelector('[role=tree]'), 'tree');
    expect(el.hasState('missing')).to.equal(true);
    await expect(el).to.be.accessible();
    const search = root(el).querySelector<HTMLInputElement>('#search')!;
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await settle(el);
    expect(root(el).querySelector('[role=tree]') === null, 'no tree left').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
