import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { transition } from '../../src/model/state-machine.js';
import { inState, T0 } from '../helpers/fixtures.js';
import { connected, dtmfHistory, field, key, setup } from '../helpers/dtmf-keypad.js';
import { requirePart } from '../helpers/dom.js';
import '../../src/dtmf-keypad.js';
import type { DtmfKeypad } from '../../src/dtmf-keypad.js';
import '../helpers/lit-warnings.js';

/**
 * DTMF digits (a card number typed on the keypad) are masked by default: in the keypad, in the
 * events and in the case history. Showing them is the host's explicit opt-in (`dtmf-show-digits`).
 */

type Options = { showDigits?: boolean; mask?: boolean };

async function sendOnDesk(options: Options, digits = '4111') {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    ?dtmf-show-digits=${options.showDigits ?? false}
    ?dtmf-mask=${options.mask ?? false}
    .callbackAdapter=${cc}
    .telephonyAdapter=${cc}
    .directoryAdapter=${cc}
    .clock=${clock}
  ></callback-desk>`);
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const windowRoot = () => desk.shadowRoot!.querySelector('interaction-window')?.shadowRoot ?? null;
  const inner = (tag: string) => windowRoot()?.querySelector(tag)?.shadowRoot ?? null;
  const dtmf = () => inner('call-actions')?.querySelector<HTMLButtonElement>('[data-action=dtmf]') ?? null;
  await waitUntil(() => dtmf()?.getAttribute('aria-disabled') === 'false', 'DTMF enabled');
  const requested: unknown[] = [];
  desk.addEventListener('callback-action', (e) => requested.push(e.detail.args));
  dtmf()!.click();
  const field = () => inner('call-actions')?.querySelector('dtmf-keypad')?.shadowRoot?.querySelector<HTMLInputElement>('#digits') ?? null;
  await waitUntil(() => field(), 'keypad open');
  field()!.focus();
  await sendKeys({ type: digits });
  clock.advance(500);
  await aTimeout(0);
  const history = () => (inner('case-history')?.textContent ?? '').replace(/\s+/g, ' ');
  await waitUntil(() => history().includes('Sent DTMF'), 'DTMF in the case history');
  const recorded = cc.getInteraction(offer.id)!.history.flatMap((h) => (h.kind === 'dtmf' ? [h.digits] : []));
  return { cc, callId: cc.getInteraction(offer.id)!.callId!, history: history(), recorded, requested };
}

describe('DTMF digits in the case history', () => {
  it('are masked by default: the far end gets them, the history, the events and the record show •', async () => {
    const s = await sendOnDesk({});
    expect(s.cc.farEnd(s.callId).digits).to.equal('4111');
    expect(s.history).to.include('Sent DTMF ••••');
    expect(s.history).to.include('4 hidden digits');
    expect(s.history).to.not.include('4111');
    expect(s.recorded).to.deep.equal(['••••']);
    expect(JSON.stringify(s.requested)).to.not.include('4111');
  });

  it('are shown as typed only with the explicit opt-in dtmf-show-digits', async () => {
    const s = await sendOnDesk({ showDigits: true });
    expect(s.history).to.include('Sent DTMF 4111');
    expect(s.recorded).to.deep.equal(['4111']);
  });

  it('dtmf-mask (deprecated, the default now) keeps them masked even with dtmf-show-digits', async () => {
    const s = await sendOnDesk({ showDigits: true, mask: true });
    expect(s.history).to.include('Sent DTMF ••••');
    expect(s.recorded).to.deep.equal(['••••']);
  });

  it('<dtmf-keypad> alone masks by default too: the field, "Sent on this call" and the history', async () => {
    const { cc, clock } = setup();
    const { interaction, callId } = await connected(cc, clock);
    const el = await fixture<DtmfKeypad>(html`<dtmf-keypad interaction-id=${interaction.id} .adapter=${cc} .telephony=${cc} .clock=${clock}></dtmf-keypad>`);
    key(el, '1').click();
    key(el, '2').click();
    await el.updateComplete;
    expect(field(el).value).to.equal('••');
    expect(el.hasState('masked')).to.equal(true);
    clock.advance(500);
    await aTimeout(0);
    await el.updateComplete;
    expect(cc.farEnd(callId).digits).to.equal('12');
    expect(dtmfHistory(cc, interaction.id)).to.deep.equal(['••']);
    expect(requirePart(el, 'sent').textContent).to.include('2 hidden digits');
    el.showDigits = true;
    key(el, '3').click();
    clock.advance(500);
    await aTimeout(0);
    await el.updateComplete;
    expect(dtmfHistory(cc, interaction.id)).to.deep.equal(['••', '3']);
    await expect(el).to.be.accessible();
  });

  it('an adapter that reports masked digits with the digits still gets them recorded as • (the model masks)', () => {
    const next = transition(inState('connected'), { type: 'dtmf', digits: '4111', masked: true }, T0);
    expect(next.history.at(-1)).to.deep.include({ kind: 'dtmf', digits: '••••', masked: true });
  });
});
