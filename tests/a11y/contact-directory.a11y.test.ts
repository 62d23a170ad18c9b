import { expect, waitUntil } from '@open-wc/testing';
import '../../src/contact-directory.js';
import type { ContactDirectory } from '../../src/contact-directory.js';
import { accepted, bound, center, mountElement, root } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <contact-directory> states the element tests do not check with axe: saving, and no contact to show. */

describe('<contact-directory> accessibility in every state', () => {
  it('saving the edited contact (waiting for the directory)', async () => {
    const c = center({ latencyMs: 1000 });
    const el = await mountElement<ContactDirectory>('contact-directory', bound(c, await accepted(c)));
    await waitUntil(() => root(el).querySelector('[part=edit-button]'), 'Edit');
    root(el).querySelector<HTMLButtonElement>('[part=edit-button]')!.click();
    await settled(el);
    root(el).querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await settled(el);
    await waitUntil(() => el.hasState('saving'), 'saving', { timeout: 5000 });
    await expect(el).to.be.accessible();
    c.clock.advance(1000);
    await settled(el);
  });

  it('no contact to show', async () => {
    const c = center();
    const el = await mountElement<ContactDirectory>('contact-directory', { adapter: c.cc, directory: c.cc, clock: c.clock, interactionId: 'nobody' });
    await settled(el);
    await expect(el).to.be.accessible();
  });
});
