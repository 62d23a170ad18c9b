import { expect, waitUntil } from '@open-wc/testing';
import '../../src/interaction-window.js';
import type { InteractionWindow } from '../../src/interaction-window.js';
import { SAMPLE_TARGETS } from '../../src/adapters/simulated/index.js';
import { accepted, accessibleWithPopup, bound, center, type Center, inner, mountElement } from './fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** <interaction-window> has no element test file: every state of a voice callback's window, popups open included. */

const actionButton = (el: InteractionWindow, action: string) => inner(el, 'call-actions')!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const panel = (el: InteractionWindow) => inner(el, 'call-actions')!.querySelector<HTMLElement>('#panel')!;

async function windowFor(c: Center, policy?: { dispositionMandatory: boolean }) {
  const interaction = await accepted(c);
  const el = await mountElement<InteractionWindow>('interaction-window', bound(c, interaction, policy), { 'disposition-mode': 'tree' });
  await waitUntil(() => inner(el, 'disposition-picker')!.querySelector('[role=tree]'), 'dispositions loaded');
  return { el, interaction };
}

async function press(el: InteractionWindow, action: string) {
  await waitUntil(() => actionButton(el, action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`);
  actionButton(el, action).click();
  await settled(el);
}

describe('<interaction-window> accessibility in every state', () => {
  // Note drafts are kept in localStorage, which every test file of this origin shares.
  afterEach(() => localStorage.clear());

  it('connected, then held', async () => {
    const c = center();
    const { el } = await windowFor(c);
    await expect(el).to.be.accessible();
    await press(el, 'hold');
    await waitUntil(() => actionButton(el, 'resume'), 'held');
    await expect(el).to.be.accessible();
  });

  it('consulting another agent (customer held)', async () => {
    const c = center();
    const { el, interaction } = await windowFor(c);
    // The consulted party answers after a few seconds on the clock.
    const consulting = c.cc.startConsultation(interaction.callId!, SAMPLE_TARGETS[0]!);
    for (let i = 0; i < 6; i++) {
      c.clock.advance(1000);
      await settled(el);
    }
    await consulting;
    await settled(el);
    await waitUntil(() => actionButton(el, 'consult-end'), 'consultation actions');
    await expect(el).to.be.accessible();
  });

  it('with each toolbar popup open, and the participant menu open', async () => {
    const c = center();
    const { el } = await windowFor(c);
    for (const action of ['transfer', 'dtmf', 'reschedule']) {
      await press(el, action);
      await waitUntil(() => panel(el).matches(':popover-open'), `${action} popup`);
      await accessibleWithPopup(el, panel(el));
      await press(el, action);
    }
    const status = inner(el, 'call-status')!;
    status.querySelector<HTMLButtonElement>('[part=menu-button]')!.click();
    await settled(el);
    await accessibleWithPopup(el, status.querySelector('[part=menu]'));
  });

  it('call ended, disposition mandatory and missing, a note typed', async () => {
    const c = center({ policy: { dispositionMandatory: true } });
    const { el } = await windowFor(c, { dispositionMandatory: true });
    await press(el, 'end-call');
    const note = inner(el, 'interaction-note')!.querySelector('textarea')!;
    note.value = 'Customer will send the documents';
    note.dispatchEvent(new Event('input'));
    await settled(el);
    expect(actionButton(el, 'mark-done').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
  });
});
