import { expect } from '@open-wc/testing';
import '../../src/callback-info.js';
import type { CallbackInfo } from '../../src/callback-info.js';
import { accepted, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';

/** <callback-info> states the element tests do not check with axe: display-only, with a chosen order and heading level. */

describe('<callback-info> accessibility in every state', () => {
  it('display only (an interaction given as a property), items in a chosen order, heading level 2', async () => {
    const c = center();
    const interaction = await accepted(c, 'scheduled');
    const el = await mountElement<CallbackInfo>('callback-info', { interaction }, { 'info-items': 'number,type,desired-time', 'heading-level': '2' });
    expect(root(el).querySelectorAll('[part~=item]').length).to.be.greaterThan(0);
    expect(root(el).querySelector('[aria-level="2"], h2') !== null, 'heading level 2').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
