import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-preview.js';
import type { CallbackPreview } from '../../src/callback-preview.js';
import { accepted, accessibleWithPopup, bound, center, type Center, inner, mountElement } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <callback-preview> states the element tests do not check with axe: its popups open, the contact editor, a response shown. */

const actionButton = (el: CallbackPreview, action: string) => inner(el, 'call-actions')!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const panel = (el: CallbackPreview) => inner(el, 'call-actions')!.querySelector<HTMLElement>('#panel')!;

async function preview(c: Center) {
  return mountElement<CallbackPreview>('callback-preview', bound(c, await accepted(c, 'web-callback')));
}

describe('<callback-preview> accessibility in every state', () => {
  it('Schedule callback popup open', async () => {
    const c = center();
    const el = await preview(c);
    actionButton(el, 'reschedule').click();
    await settled(el);
    await waitUntil(() => panel(el).matches(':popover-open'), 'scheduler open');
    await accessibleWithPopup(el, panel(el));
  });

  it('connected, with the DTMF keypad popup open', async () => {
    const c = center();
    const el = await preview(c);
    actionButton(el, 'call').click();
    await waitUntil(() => c.cc.listInteractions()[0]!.state === 'dialing', 'dialing', { timeout: 8000 });
    c.clock.advance(4000);
    await settled(el);
    await waitUntil(() => actionButton(el, 'dtmf')?.getAttribute('aria-disabled') === 'false', 'DTMF enabled');
    actionButton(el, 'dtmf').click();
    await settled(el);
    await waitUntil(() => panel(el).matches(':popover-open'), 'keypad open');
    await accessibleWithPopup(el, panel(el));
  });

  it('the contact editor open, and a standard response in the reading pane', async () => {
    const c = center();
    const el = await preview(c);
    const contact = inner(el, 'contact-directory')!;
    await waitUntil(() => contact.querySelector('[part=edit-button]'), 'Edit');
    contact.querySelector<HTMLButtonElement>('[part=edit-button]')!.click();
    await settled(el);
    expect(contact.querySelector('[part=form]') !== null, 'editor open').to.equal(true);
    await expect(el).to.be.accessible();

    inner(el, 'standard-responses')!.querySelector<HTMLInputElement>('input')!.focus();
    await sendKeys({ type: 'refund' });
    c.clock.advance(200);
    await settled(el);
    await waitUntil(() => inner(el, 'standard-responses')!.querySelector('[role=option]'), 'responses listed');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    await waitUntil(() => inner(el, 'standard-responses')!.querySelector('[part=reading-pane]:not([hidden])'), 'response shown');
    await expect(el).to.be.accessible();
  });
});
