import { expect, oneEvent } from '@open-wc/testing';
import { act, button, mount, call, callState, current, inner, isDisabled, regionNames, root, setup, shown, text } from '../helpers/callback-preview.js';
import { recordActionEvents } from '../helpers/events.js';
import { phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<callback-preview>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('ready to call: case and callback information, Call / Done / Schedule callback, every region in order', async () => {
    const s = await setup();
    const { el } = s;
    expect(regionNames(el)).to.deep.equal([
      'case-information',
      'actions',
      'callback-information',
      'contact',
      'responses',
      'disposition',
      'note',
      'history',
    ]);
    expect(callState(el)).to.equal('Ready to call');
    expect(el.hasState('ready-to-call')).to.equal(true);
    const caseInfo = root(el).querySelector('[data-region=case-information]')!;
    expect(text(caseInfo)).to.include('Case information');
    expect(text(caseInfo)).to.include('+1 416 555 0123');
    expect(text(caseInfo)).to.include('I was charged twice for October.');
    expect(text(caseInfo)).to.include('Account type Business');
    const info = text(inner(el, 'callback-info'));
    expect(info).to.include('Subject Question about my invoice');
    expect(info).to.include('Type Scheduled');
    expect(info).to.include('Contact local time');
    expect(info, 'no attempts yet').to.not.include('Former attempts');
    expect(shown(el)).to.deep.equal(['call', 'reschedule', 'mark-done']);
    expect(button(el, 'call')!.textContent!.trim()).to.equal('Call');
    expect(button(el, 'mark-done')!.textContent!.trim()).to.equal('Done');
    expect(button(el, 'reschedule')!.textContent!.trim()).to.equal('Schedule callback');
    expect(['call', 'reschedule', 'mark-done'].map((a) => isDisabled(el, a))).to.deep.equal([false, false, false]);
    await expect(el).to.be.accessible();
  });

  it('shows hostile form data as text', async () => {
    const s = await setup({ scenario: 'hostile-data' });
    const caseInfo = root(s.el).querySelector('[data-region=case-information]')!;
    expect(caseInfo.querySelector('img, script, a, b, i') === null, 'no markup from the form').to.equal(true);
    expect(text(caseInfo)).to.include('<img src=x onerror=alert(1)>');
    expect(text(caseInfo)).to.include('javascript:alert(1)');
    expect(inner(s.el, 'callback-info')!.querySelector('img') === null, 'subject as text').to.equal(true);
    await expect(s.el).to.be.accessible();
  });

  it('Call: dialing, then connected, on hold, resumed; the contact answers after ringing', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    await call(s);
    expect(callState(s.el)).to.equal('Dialing');
    expect(s.el.hasState('dialing')).to.equal(true);
    expect(shown(s.el)).to.include.members(['end-call', 'hold', 'mark-done']);
    expect(shown(s.el)).to.not.include('call');
    expect(isDisabled(s.el, 'hold')).to.equal(true);
    expect(isDisabled(s.el, 'mark-done')).to.equal(true);
    expect(fired).to.deep.equal(['request:call', 'done:call']);
    await expect(s.el).to.be.accessible();

    s.clock.advance(4_000);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Connected');
    expect(shown(s.el)).to.include.members(['end-call', 'hold', 'transfer', 'conference', 'consult', 'dtmf', 'reschedule', 'mark-done']);
    expect(isDisabled(s.el, 'mark-done')).to.equal(true);
    await expect(s.el).to.be.accessible();

    await act(s, 'hold');
    expect(callState(s.el)).to.equal('On hold');
    expect(s.el.hasState('held')).to.equal(true);
    expect(s.cc.farEnd(current(s).callId!).held).to.equal(true);
    await expect(s.el).to.be.accessible();
    await act(s, 'resume');
    expect(callState(s.el)).to.equal('Connected');
    expect(s.el.hasState('connected')).to.equal(true);
  });

  it('after the agent hangs up: Ready to call again, the attempt listed, then Done', async () => {
    const s = await setup();
    await call(s);
    s.clock.advance(4_000);
    await settled(s.el);
    await act(s, 'end-call');
    expect(callState(s.el)).to.equal('Ready to call');
    expect(shown(s.el)).to.deep.equal(['call', 'reschedule', 'mark-done']);
    const info = text(inner(s.el, 'callback-info'));
    expect(info).to.include('Former attempts');
    expect(info).to.include('+1 416 555 0123 — Connected');
    expect(text(inner(s.el, 'case-history'))).to.match(/hung up|ended|Hang/i);
    const done = oneEvent(s.el, 'callback-done');
    await act(s, 'mark-done');
    const event = await done;
    expect(event.detail.interaction.state).to.equal('done');
    expect(current(s).state).to.equal('done');
  });

  it('after the contact hangs up: Ready to call again', async () => {
    const s = await setup();
    await call(s);
    s.clock.advance(4_000);
    await settled(s.el);
    s.cc.hangUpRemotely(current(s).callId!);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Ready to call');
    expect(isDisabled(s.el, 'call')).to.equal(false);
    expect(isDisabled(s.el, 'mark-done')).to.equal(false);
  });

  it('no answer: the attempt is recorded and shown, the agent is Ready to call again, and the second attempt connects', async () => {
    const s = await setup({ scenario: 'web-callback-no-answer-first' });
    await call(s);
    s.clock.advance(19_000);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Dialing');
    s.clock.advance(1_000);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Ready to call');
    expect(s.el.hasState('ready-to-call')).to.equal(true);
    const info = inner(s.el, 'callback-info')!;
    expect(text(info.querySelector('[data-key=former-attempts]'))).to.include('No answer');
    expect(text(info.querySelector('[data-key=last-result]'))).to.include('No answer');
    await expect(s.el).to.be.accessible();
    await call(s);
    s.clock.advance(5_000);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Connected');
    expect(current(s).attempts.map((a) => a.result)).to.deep.equal(['no-answer', 'connected']);
  });

  it('busy and answering machine come back as former attempts too', async () => {
    for (const [scenario, label, ms] of [
      ['busy', 'Busy', 1_500],
      ['answering-machine', 'Answering machine', 6_000],
    ] as const) {
      const s = await setup({ scenario });
      await call(s);
      s.clock.advance(ms);
      await settled(s.el);
      expect(callState(s.el), scenario).to.equal('Ready to call');
      expect(text(inner(s.el, 'callback-info')!.querySelector('[data-key=former-attempts]')), scenario).to.include(label);
    }
  });

  it('Done before any call marks the interaction processed', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    await act(s, 'mark-done');
    expect(current(s).state).to.equal('done');
    expect(fired).to.deep.equal(['request:mark-done', 'done:mark-done', 'callback-done']);
  });

  it('Done waits for a disposition when it is mandatory', async () => {
    const s = await setup({ policy: { dispositionMandatory: true } });
    expect(isDisabled(s.el, 'mark-done')).to.equal(true);
    expect(text(inner(s.el, 'call-actions')!.querySelector('[part=reason]'))).to.include('Choose a disposition');
    expect(inner(s.el, 'disposition-picker') !== null, 'disposition picker shown').to.equal(true);
    type Node = { code: string; label: string; children?: readonly Node[] };
    const flat = (nodes: readonly Node[]): { code: string; label: string }[] =>
      nodes.flatMap((n) => (n.children?.length ? flat(n.children) : [{ code: n.code, label: n.label }]));
    const [code] = flat(await s.cc.dispositionCodes());
    await s.cc.setDisposition(s.id, code!);
    await settled(s.el);
    expect(isDisabled(s.el, 'mark-done')).to.equal(false);
  });

  it('regions: only the configured ones, in the configured order; callback information items configurable', async () => {
    const s = await setup({ regions: 'note, bogus, actions, callback-information, note', infoItems: 'number, subject' });
    expect(regionNames(s.el)).to.deep.equal(['note', 'actions', 'callback-information']);
    expect(root(s.el).querySelector('contact-directory') === null, 'no contact region').to.equal(true);
    const items = [...inner(s.el, 'callback-info')!.querySelectorAll<HTMLElement>('[part=item]')].map((i) => i.dataset.key);
    expect(items).to.deep.equal(['number', 'subject']);
    s.el.regions = ['case-information', 'history'];
    await settled(s.el);
    expect(regionNames(s.el)).to.deep.equal(['case-information', 'history']);
    await expect(s.el).to.be.accessible();
  });

  it('keeps the note draft when regions are reordered', async () => {
    const s = await setup({ regions: 'note, actions' });
    const note = root(s.el).querySelector('interaction-note')!;
    note.insert('Keep me');
    s.el.regions = ['actions', 'note'];
    await settled(s.el);
    expect(root(s.el).querySelector('interaction-note') === note, 'same note element').to.equal(true);
    expect(note.value).to.equal('Keep me');
    localStorage.clear();
  });

  it('says nothing when there is no interaction', async () => {
    const s = await setup();
    s.el.interactionId = 'no-such-callback';
    await settled(s.el);
    expect(root(s.el).querySelector('[part~=region]') === null, 'no regions').to.equal(true);
    await expect(s.el).to.be.accessible();
  });

  it('leaves no subscription, timer or popup behind when removed, however often', async () => {
    const s = await setup();
    s.el.remove();
    await settled(s.el);
    const baseline = s.clock.pendingTimers;
    let subscriptions = 0;
    for (const method of ['onInteraction', 'onCall', 'onOffer'] as const) {
      const original = s.cc[method].bind(s.cc) as (listener: never) => () => void;
      (s.cc as unknown as Record<string, unknown>)[method] = (listener: never) => {
        subscriptions++;
        const unsubscribe = original(listener);
        return () => {
          subscriptions--;
          unsubscribe();
        };
      };
    }
    for (let i = 0; i < 5; i++) {
      const el = await mount(s.cc, s.clock, s.id);
      expect(subscriptions, 'subscribed while shown').to.be.greaterThan(0);
      // With a call-actions panel open: closing it on disconnect re-renders <call-actions> after
      // it left the page, which must not subscribe again.
      if (i % 2) {
        const actions = el.shadowRoot!.querySelector('call-actions')!;
        await actions.updateComplete;
        actions.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="reschedule"]')?.click();
        await settled(el);
      }
      el.remove();
      await settled(el);
      expect(subscriptions, `round ${i}`).to.equal(0);
      expect(s.clock.pendingTimers, `round ${i}`).to.equal(baseline);
    }
    const { openPopupCount } = await import('../../src/controllers/popup-controller.js');
    expect(openPopupCount()).to.equal(0);
  });
});
