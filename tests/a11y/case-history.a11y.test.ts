import { expect } from '@open-wc/testing';
import '../../src/case-history.js';
import type { CaseHistory } from '../../src/case-history.js';
import { accepted, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';

/** <case-history> states the element tests do not check with axe: a closed interaction shown display-only, newest first. */

describe('<case-history> accessibility in every state', () => {
  it('a done interaction given as a property, newest first, heading level 2', async () => {
    const c = center();
    const interaction = await accepted(c);
    await c.cc.hold(interaction.callId!);
    await c.cc.resume(interaction.callId!);
    await c.cc.addNote(interaction.id, 'Card unblocked <b>abroad</b>');
    await c.cc.hangUp(interaction.callId!);
    const done = await c.cc.markDone(interaction.id, { disposition: { code: 'RES-INFO', label: 'Information given' } });
    const el = await mountElement<CaseHistory>('case-history', { interaction: done, clock: c.clock }, { order: 'newest-first', 'heading-level': '2' });
    expect(root(el).querySelectorAll('[part~=entry]').length).to.be.greaterThan(4);
    expect(root(el).querySelector('b') === null, 'the note is text').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
