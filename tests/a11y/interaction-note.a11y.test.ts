import { expect } from '@open-wc/testing';
import '../../src/interaction-note.js';
import type { InteractionNote } from '../../src/interaction-note.js';
import { accepted, bound, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';

/** <interaction-note> states the element tests do not check with axe: a draft restored, near its length limit. */

describe('<interaction-note> accessibility in every state', () => {
  afterEach(() => localStorage.clear());

  it('a draft restored from an earlier page, with its character count', async () => {
    const c = center();
    const interaction = await accepted(c);
    localStorage.setItem(`callback-elements:note-draft:${interaction.id}`, 'Asked for a refund');
    const el = await mountElement<InteractionNote>('interaction-note', bound(c, interaction), { maxlength: '20' });
    expect(el.value).to.equal('Asked for a refund');
    expect(el.hasState('draft')).to.equal(true);
    expect(root(el).querySelector('[part=counter]') !== null, 'counter').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
