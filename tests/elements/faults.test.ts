import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/call-actions.js';
import type { CallbackAdapter } from '../../src/adapters/callback-adapter.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { Interaction } from '../../src/model/interaction.js';
import { ManualClock } from '../../src/model/clock.js';
import { adapterErrorMessage } from '../../src/messages/messages.js';
import { ACTION_CASES, forgetDrafts, hang, isShown, spy, toolbarButton, usable, type ActionCase, type Arranged } from '../helpers/action-cases.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * Adapter faults on every action: the request is refused (`network`), the backend's own timeout
 * (`timeout`), or it never answers. The interaction must stay as it was at the adapter and on
 * screen, the agent must read a localized error, the control must work again, and trying again
 * once the fault is gone must succeed.
 */

/** Performs the action once, from its prepared state, and waits until it has failed or succeeded. */
async function attempt(c: ActionCase, a: Arranged, gesture: (a: Arranged) => void = c.gesture): Promise<void> {
  const before = c.outcomes(a);
  await c.prepare(a);
  gesture(a);
  // Some actions check a phone number first (the phone library loads lazily): wait for the outcome.
  await waitUntil(() => !c.busy(a) && (isShown(c.alert(a)) || c.outcomes(a) > before), `${c.action}: no outcome`, { timeout: 5000 });
  await settled(a.el);
}

afterEach(forgetDrafts);

describe('adapter faults on every action', () => {
  for (const c of ACTION_CASES) {
    for (const code of ['network', 'timeout'] as const) {
      it(`${c.action}: a ${code} failure of ${c.op} changes nothing, says so, and a retry succeeds`, async () => {
        const a = await c.arrange();
        await c.prepare(a);
        const adapterBefore = c.snapshot(a);
        const uiBefore = c.ui(a);
        const errors: string[] = [];
        a.el.addEventListener('callback-error', (e) => errors.push(`${e.detail.code}:${e.detail.message}`));
        a.cc.failNext(c.op, code);

        await attempt(c, a);

        expect(c.outcomes(a), 'the action did not happen').to.equal(0);
        expect(c.snapshot(a), 'adapter state unchanged').to.deep.equal(adapterBefore);
        expect(c.ui(a), 'what the agent sees is unchanged').to.deep.equal(uiBefore);
        const alert = c.alert(a);
        expect(isShown(alert), 'error shown').to.equal(true);
        expect(alert!.closest('[role=alert]') ?? alert!.querySelector('[role=alert]'), 'error announced').to.not.equal(null);
        expect(alert!.textContent!.trim()).to.include(c.message(code));
        expect(errors).to.deep.equal([`${code}:${c.message(code)}`]);
        expect(usable(c.control(a)), 'control usable again').to.equal(true);
        expect(c.busy(a), 'not busy').to.equal(false);

        // The fault is gone: the same action works.
        await attempt(c, a, c.retryGesture ?? c.gesture);
        expect(c.outcomes(a), 'done once on retry').to.equal(1);
      });
    }

    it(`${c.action}: ${c.op} never answering leaves the interaction as it was and cannot be sent twice`, async () => {
      const a = await c.arrange();
      await c.prepare(a);
      const adapterBefore = c.snapshot(a);
      const hung = hang(a.cc, c.op);
      c.gesture(a);
      await waitUntil(() => hung.calls > 0, `${c.op} was never called`, { timeout: 5000 });
      await settled(a.el);
      expect(c.snapshot(a), 'adapter state unchanged while waiting').to.deep.equal(adapterBefore);
      expect(c.busy(a), 'shown as in progress').to.equal(true);
      // Pressing again while the first request is out does not send a second one.
      // (Panel actions: the panel closed with the pick, so the agent can only press the toolbar button.)
      c.control(a)?.click();
      if (!c.panel) c.gesture(a);
      await settled(a.el);
      expect(hung.calls, 'one request in flight').to.equal(1);

      // The policy's timeouts on the element's clock (30 s, 90 s for actions that wait for a person):
      // the element stops waiting, says so, and lets the agent try again.
      // (A keypad digit pressed while the first was out is sent once the first gives up: it gets its
      // own timeout, so the clock runs on until nothing is pending.)
      for (let i = 0; i < 3 && (i === 0 || c.busy(a)); i++) {
        a.clock.advance(90_001);
        await settled(a.el);
        await aTimeout(50);
      }
      const stillBusy = c.busy(a);
      const shown = isShown(c.alert(a));
      // An offer is not waited on: it goes back to routing when its own time runs out, and says so.
      const offer = c.action === 'accept' || c.action === 'reject';
      console.log(`[faults] ${c.action}: after ${c.op} hung for 90 s: ${stillBusy ? 'STILL PENDING' : 'released'}${shown ? ', error shown' : ''}; aborted ${hung.aborted}`);
      expect(stillBusy, 'released after the timeout').to.equal(false);
      if (!offer) expect(shown, 'a timeout error is shown').to.equal(true);
      // One request per press: the keypad's second digit is a second request, sent after the first
      // gave up; every other action sent one.
      expect(hung.calls, 'one request per press').to.equal(c.action === 'dtmf' ? 2 : 1);
    });
  }
});

/**
 * A callback adapter whose `onInteraction` stream can be cut (a dropped WebSocket, a stalled
 * long-poll) while its commands still work.
 */
function withDroppableStream(cc: SimulatedContactCenter) {
  const gate = { dropped: false };
  const adapter = new Proxy(cc, {
    get(target, key) {
      if (key === 'onInteraction') {
        return (listener: (i: Interaction) => void) =>
          target.onInteraction((i) => {
            if (!gate.dropped) listener(i);
          });
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as SimulatedContactCenter & CallbackAdapter;
  return { adapter, gate };
}

describe('a dropped event stream', () => {
  it('the toolbar shows the last state it heard, refuses what the real state forbids, and catches up on the next event', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const { adapter, gate } = withDroppableStream(cc);
    const offer = await cc.offer('immediate');
    const interaction = await cc.accept(offer.id);
    const el = await fixture<HTMLElement>(html`<call-actions
      interaction-id=${interaction.id}
      .adapter=${adapter}
      .telephony=${cc}
      .directory=${cc}
      .clock=${clock}
    ></call-actions>`);
    await settled(el);
    expect(toolbarButton(el, 'hold') !== null).to.equal(true);

    gate.dropped = true;
    cc.hangUpRemotely(interaction.callId!);
    await settled(el);
    expect(cc.getInteraction(interaction.id)!.state).to.equal('ended');
    // Nothing told the element: it still shows the call (there is no polling).
    expect(toolbarButton(el, 'hold') !== null, 'stale Hold still shown').to.equal(true);

    // Acting on the stale view: the adapter refuses, the agent is told, nothing changes.
    const holds = spy(cc, 'hold');
    toolbarButton(el, 'hold')!.click();
    await settled(el);
    expect(holds.calls).to.equal(1);
    expect(cc.getInteraction(interaction.id)!.state).to.equal('ended');
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.include(adapterErrorMessage('invalid-state'));

    // The stream comes back; the next event carries the whole interaction, so the view catches up.
    gate.dropped = false;
    await cc.addNote(interaction.id, 'back online');
    await settled(el);
    expect(toolbarButton(el, 'hold') === null, 'Hold gone').to.equal(true);
    expect(toolbarButton(el, 'mark-done')!.getAttribute('aria-disabled')).to.equal('false');
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part=error]')!.hidden, 'the stale error went with the state change').to.equal(true);
  });
});
