import { expect, fixture, html } from '@open-wc/testing';
import '../../src/callback-desk.js';
import '../../src/callback-info.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { CallbackInfo } from '../../src/callback-info.js';
import '../../src/call-status.js';
import '../../src/call-actions.js';
import type { CallStatus } from '../../src/call-status.js';
import type { CallActions } from '../../src/call-actions.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { quiet, settled, sleep } from '../helpers/wait.js';

/**
 * An element re-renders for a change of what it shows, not for every change of its interaction
 * (the benchmark's desk of fifty: a hold must not re-render the desk or the callback information).
 * What the agent sees must stay current all the same.
 */
function countRenders(el: HTMLElement): { count: number } {
  const counter = { count: 0 };
  const target = el as unknown as { render(): unknown };
  const render = target.render.bind(el);
  target.render = () => {
    counter.count++;
    return render();
  };
  return counter;
}

/** Until the element has rendered nothing through a quiet spell (whatever the set-up left queued is done). */
async function untilNoRenders(counter: { count: number }, ...els: Element[]) {
  for (let round = 0; round < 20; round++) {
    counter.count = 0;
    await quiet(...els);
    await sleep(20);
    if (counter.count === 0) return;
  }
  throw new Error('the element keeps rendering with nothing changing');
}

const itemText = (el: CallbackInfo, key: string) =>
  el.shadowRoot!.querySelector(`[part=item][data-key="${key}"] dd`)?.textContent?.trim();

describe('re-rendering only for what an element shows', () => {
  // Elements that show a number render once more when the phone library arrives (see
  // phone-format.ts). That chunk is slow through the dev server (a second and more on a busy
  // machine): arriving during a test's quiet spell, it was the desk's stray render after a hold.
  before(() => phoneFormatReady());

  it('<callback-info>: a hold leaves it as it was; a reschedule shows the new time', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const el = await fixture<CallbackInfo>(html`<callback-info .adapter=${cc} .telephony=${cc} .clock=${clock} interaction-id=${offer.id}></callback-info>`);
    const renders = countRenders(el);
    const before = itemText(el, 'desired-time');

    const callId = cc.getInteraction(offer.id)!.callId!;
    await cc.hold(callId);
    await quiet(el);
    expect(cc.getInteraction(offer.id)!.state).to.equal('held');
    expect(renders.count, 'renders after a hold').to.equal(0);
    await cc.resume(callId);
    await quiet(el);
    expect(renders.count, 'renders after a resume').to.equal(0);

    const now = clock.now();
    const [slot] = await cc.availability(offer.id, { from: now + 2 * 86_400_000, to: now + 3 * 86_400_000 });
    await cc.reschedule(offer.id, { time: slot!.start });
    await settled(el);
    expect(renders.count, 'renders after a reschedule').to.be.greaterThan(0);
    expect(itemText(el, 'desired-time')).to.not.equal(before);
    expect(itemText(el, 'desired-time')).to.contain(new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(slot!.start));
  });

  it('<callback-desk> with two calls: a hold re-renders that call’s window, not the desk; Mark done still closes its tab', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const desk = await fixture<CallbackDesk>(html`<callback-desk
      .callbackAdapter=${cc}
      .telephonyAdapter=${cc}
      .directoryAdapter=${cc}
      .clock=${clock}
      no-tab-lock
    ></callback-desk>`);
    const first = await cc.offer('immediate');
    await cc.accept(first.id);
    const second = await cc.offer('scheduled');
    await cc.accept(second.id);
    await settled(desk);
    const tabs = () => [...desk.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.id);
    expect(tabs()).to.deep.equal([`tab-${first.id}`, `tab-${second.id}`]);

    const status = desk.shadowRoot!.querySelector(`#window-${CSS.escape(first.id)} interaction-window`)!.shadowRoot!.querySelector<CallStatus>('call-status')!;
    const deskRenders = countRenders(desk);
    await untilNoRenders(deskRenders, desk, status);
    await cc.hold(cc.getInteraction(first.id)!.callId!);
    await quiet(desk, status);
    expect(deskRenders.count, 'desk renders after one hold').to.equal(0);
    expect(status.hasState('held'), 'the held call’s status shows it').to.equal(true);
    expect(status.shadowRoot!.textContent).to.contain('On hold');

    await cc.resume(cc.getInteraction(first.id)!.callId!);
    await cc.hangUp(cc.getInteraction(first.id)!.callId!);
    await cc.markDone(first.id);
    await settled(desk);
    expect(deskRenders.count, 'desk renders after Mark done').to.be.greaterThan(0);
    expect(desk.shadowRoot!.querySelector(`#window-${CSS.escape(first.id)}`) !== null, 'window of the call marked done still shown').to.equal(false);
    expect(tabs(), 'one interaction left: no tabs').to.deep.equal([]);
  });

  it('a change of the call alone re-renders <call-status>, which shows it, and not <call-actions>, which does not', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    // The call's listeners, to tell them of a change the interaction does not see (the far end ringing, say).
    const listeners: ((call: CallInfo) => void)[] = [];
    const onCall = cc.onCall.bind(cc);
    cc.onCall = (listener) => {
      listeners.push(listener);
      return onCall(listener);
    };
    const wrapper = await fixture(html`<div>
      <call-status .adapter=${cc} .telephony=${cc} .clock=${clock} interaction-id=${offer.id}></call-status>
      <call-actions .adapter=${cc} .telephony=${cc} .clock=${clock} interaction-id=${offer.id}></call-actions>
    </div>`);
    const status = wrapper.querySelector<CallStatus>('call-status')!;
    const actions = wrapper.querySelector<CallActions>('call-actions')!;
    const statusRenders = countRenders(status);
    const actionRenders = countRenders(actions);
    await untilNoRenders(statusRenders, status, actions);
    await untilNoRenders(actionRenders, status, actions);
    statusRenders.count = 0;
    const call = cc.getCall(cc.getInteraction(offer.id)!.callId!)!;
    for (const listener of listeners) listener({ ...call });
    await quiet(status, actions);
    expect(statusRenders.count, '<call-status> follows the call').to.be.greaterThan(0);
    expect(actionRenders.count, '<call-actions> does not').to.equal(0);
  });
});
