import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import '../../src/call-actions.js';
import '../../src/callback-notification.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { CallActions } from '../../src/call-actions.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import type { Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Unsubscribe } from '../../src/adapters/errors.js';
import { acceptedOnServer, gmsAdapter, control, gmsUrl, SERVICE } from '../adapters/gms-harness.js';
import { GmsCallbackAdapter } from '../../src/adapters/gms/index.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';
import { inWindow } from '../helpers/desk.js';

/**
 * The rules a callback service enforces reach the agent before its refusal does: the adapter's
 * `policy`, under the page's own (which wins field by field), followed as it changes.
 */

const MANDATORY = 'Choose a disposition before marking done.';
const MANDATORY_ES = 'Elija un código de disposición antes de marcar como terminado.';

/** Counts the policy subscriptions still open, to prove none outlives the elements. */
class CountingCenter extends SimulatedContactCenter {
  openPolicySubscriptions = 0;
  override onPolicy(listener: (policy: Readonly<Policy>) => void): Unsubscribe {
    this.openPolicySubscriptions++;
    const stop = super.onPolicy(listener);
    let open = true;
    return () => {
      if (open) this.openPolicySubscriptions--;
      open = false;
      stop();
    };
  }
}

async function deskWith(adapterPolicy: Partial<Policy> | undefined, deskPolicy?: Partial<Policy>, lang = 'en') {
  const clock = new ManualClock();
  const cc = new CountingCenter({ clock, latencyMs: 0, ...(adapterPolicy ? { policy: adapterPolicy } : {}) });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <callback-desk
      disposition-mode="list"
      .callbackAdapter=${cc}
      .telephonyAdapter=${cc}
      .directoryAdapter=${cc}
      .clock=${clock}
      .policy=${deskPolicy}
    ></callback-desk>
  </div>`);
  const desk = wrapper.querySelector<CallbackDesk>('callback-desk')!;
  return { clock, cc, desk, wrapper };
}

type Desk = Awaited<ReturnType<typeof deskWith>>;

const notification = (s: Desk) => s.desk.shadowRoot!.querySelector<CallbackNotification>('callback-notification')!.shadowRoot!;
const deskButton = (s: Desk, action: string) => inWindow(s.desk, 'call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
const current = (s: Desk) => s.cc.listInteractions().at(-1)!;

/** The offer reaches the desk; Accept is pressed; the window opens. */
async function offerAndAccept(s: Desk) {
  await s.cc.offer('immediate');
  await settled(s.desk);
  await waitUntil(() => notification(s).querySelector('button.accept'), 'offer shown');
  notification(s).querySelector<HTMLButtonElement>('button.accept')!.click();
  await waitUntil(() => deskButton(s, 'end-call')?.getAttribute('aria-disabled') === 'false', 'call connected in the window');
}

async function endCall(s: Desk) {
  deskButton(s, 'end-call')!.click();
  await waitUntil(() => current(s).state === 'ended' && deskButton(s, 'mark-done'), 'call ended');
  await settled(s.desk);
}

/** What the agent reads about a disabled Mark done: its tooltip, its description and the visible hint. */
function markDoneReason(root: ShadowRoot) {
  const button = root.querySelector<HTMLButtonElement>('[data-action="mark-done"]')!;
  const describedBy = button.getAttribute('aria-describedby');
  return {
    disabled: button.getAttribute('aria-disabled') === 'true',
    title: button.getAttribute('title'),
    description: describedBy ? root.getElementById(describedBy)?.textContent?.trim() : undefined,
    hint: root.querySelector<HTMLElement>('[part=reason]')!.hidden ? '' : root.querySelector('[part=reason]')!.textContent!.trim(),
  };
}

describe('policy from the callback adapter', () => {
  it('a desk without its own policy applies the adapter\'s mandatory disposition: Mark done is disabled, with the reason, until a disposition is chosen', async () => {
    const s = await deskWith({ dispositionMandatory: true });
    await offerAndAccept(s);
    await endCall(s);
    const actions = inWindow(s.desk, 'call-actions')!;
    expect(markDoneReason(actions)).to.deep.equal({ disabled: true, title: MANDATORY, description: MANDATORY, hint: MANDATORY });
    // The picker says it is required, as it does for a desk policy.
    expect(inWindow(s.desk, 'disposition-picker')!.textContent).to.include('Required');

    // Pressing it by keyboard does not send a Mark done the service would refuse.
    const requests: string[] = [];
    s.desk.addEventListener('callback-action', (e) => requests.push(e.detail.action));
    deskButton(s, 'mark-done')!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(s.desk);
    expect(requests).to.not.include('mark-done');
    expect(current(s).state).to.equal('ended');
    expect(actions.querySelector('[part=error]')!.textContent!.trim()).to.equal('');
    await expect(s.desk).to.be.accessible();

    const picker = inWindow(s.desk, 'disposition-picker')!;
    await waitUntil(() => picker.querySelector('input[type=radio]'), 'disposition codes');
    picker.querySelector<HTMLInputElement>('input[type=radio]')!.click();
    await waitUntil(() => deskButton(s, 'mark-done')!.getAttribute('aria-disabled') === 'false', 'Mark done enabled by the disposition');
    expect(markDoneReason(actions)).to.deep.equal({ disabled: false, title: null, description: undefined, hint: '' });
    await expect(s.desk).to.be.accessible();
  });

  it('says why in Spanish under lang="es"', async () => {
    const s = await deskWith({ dispositionMandatory: true }, undefined, 'es');
    await offerAndAccept(s);
    await endCall(s);
    await waitUntil(() => markDoneReason(inWindow(s.desk, 'call-actions')!).title === MANDATORY_ES, 'Spanish reason');
    expect(markDoneReason(inWindow(s.desk, 'call-actions')!)).to.deep.equal({ disabled: true, title: MANDATORY_ES, description: MANDATORY_ES, hint: MANDATORY_ES });
  });

  it('the desk\'s explicit policy wins field by field; the fields it leaves out are the adapter\'s', async () => {
    // The adapter makes the disposition mandatory; the desk forbids rejecting. Both apply.
    const s = await deskWith({ dispositionMandatory: true }, { canReject: false });
    await s.cc.offer('immediate');
    await settled(s.desk);
    await waitUntil(() => notification(s).querySelector('button.accept'), 'offer shown');
    expect(!!notification(s).querySelector('button.reject'), 'Reject shown').to.equal(false);
    notification(s).querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => deskButton(s, 'end-call')?.getAttribute('aria-disabled') === 'false', 'connected');
    await endCall(s);
    expect(markDoneReason(inWindow(s.desk, 'call-actions')!).disabled).to.equal(true);

    // A field the desk sets replaces the adapter's.
    const t = await deskWith({ dispositionMandatory: true, canReschedule: false }, { dispositionMandatory: false });
    await offerAndAccept(t);
    expect(!!deskButton(t, 'reschedule'), 'Reschedule shown').to.equal(false);
    await endCall(t);
    expect(markDoneReason(inWindow(t.desk, 'call-actions')!).disabled).to.equal(false);
  });

  it('a change the adapter publishes shows at once: Reject leaves the waiting offer, Mark done waits for a disposition', async () => {
    const s = await deskWith(undefined);
    await s.cc.offer('immediate');
    await settled(s.desk);
    await waitUntil(() => notification(s).querySelector('button.reject'), 'offer with Reject');
    s.cc.setPolicy({ canReject: false });
    await settled(s.desk);
    expect(!!notification(s).querySelector('button.reject'), 'Reject shown').to.equal(false);
    expect(!!notification(s).querySelector('button.accept'), 'Accept shown').to.equal(true);

    notification(s).querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => deskButton(s, 'end-call')?.getAttribute('aria-disabled') === 'false', 'connected');
    await endCall(s);
    expect(markDoneReason(inWindow(s.desk, 'call-actions')!).disabled).to.equal(false);
    s.cc.setPolicy({ dispositionMandatory: true });
    await settled(s.desk);
    expect(markDoneReason(inWindow(s.desk, 'call-actions')!)).to.deep.include({ disabled: true, hint: MANDATORY });
    await expect(s.desk).to.be.accessible();

    // No subscription outlives the desk.
    expect(s.cc.openPolicySubscriptions).to.be.greaterThan(0);
    s.wrapper.remove();
    expect(s.cc.openPolicySubscriptions).to.equal(0);
  });

  it('an element alone with only `.adapter` applies the adapter\'s policy and follows its changes', async () => {
    const clock = new ManualClock();
    const cc = new CountingCenter({ clock, latencyMs: 0, policy: { dispositionMandatory: true } });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    await cc.hangUp(cc.getInteraction(offer.id)!.callId!);
    const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .clock=${clock}></call-actions>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-action="mark-done"]'), 'Mark done shown');
    expect(markDoneReason(el.shadowRoot!)).to.deep.equal({ disabled: true, title: MANDATORY, description: MANDATORY, hint: MANDATORY });
    await expect(el).to.be.accessible();
    cc.setPolicy({ dispositionMandatory: false });
    await el.updateComplete;
    expect(markDoneReason(el.shadowRoot!).disabled).to.equal(false);

    // Its own policy still wins.
    el.policy = { dispositionMandatory: true };
    await el.updateComplete;
    expect(markDoneReason(el.shadowRoot!).disabled).to.equal(true);

    for (let i = 0; i < 20; i++) {
      el.remove();
      document.body.append(el);
    }
    el.remove();
    expect(cc.openPolicySubscriptions).to.equal(0);
  });

  it('a notification alone with only `.adapter` hides Reject when the adapter forbids it', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0, policy: { canReject: false } });
    const el = await fixture<CallbackNotification>(html`<callback-notification .adapter=${cc} .clock=${clock}></callback-notification>`);
    await cc.offer('immediate');
    await waitUntil(() => el.shadowRoot!.querySelector('button.accept'), 'offer shown');
    expect(!!el.shadowRoot!.querySelector('button.reject'), 'Reject shown').to.equal(false);
  });

  it('the phone adapter\'s dispositionMandatory option reaches Mark done', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const phone = new PhoneCallbackAdapter({ telephony: cc, clock, dispositionMandatory: true });
    const offer = phone.ingest({ _CB_SERVICE_ID: 'CB-P1', GMS_Customer_Number: '+442079460124', _agent_preview: 'true' });
    await phone.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${phone} .telephony=${phone} .clock=${clock}></call-actions>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-action="mark-done"]'), 'Mark done shown');
    expect(markDoneReason(el.shadowRoot!)).to.deep.include({ disabled: true, hint: MANDATORY });
    phone.dispose();
  });

  it('the phone adapter refuses Mark done only when its policy says so: options changed after construction do not make the two disagree', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const options = { telephony: cc, clock, dispositionMandatory: false };
    const phone = new PhoneCallbackAdapter(options);
    // A host that keeps its configuration object and changes it later: the policy the elements
    // read was published at construction, and it is the rule the adapter keeps.
    options.dispositionMandatory = true;
    expect(phone.policy.dispositionMandatory).to.equal(false);
    const offer = phone.ingest({ _CB_SERVICE_ID: 'CB-P2', GMS_Customer_Number: '+442079460125', _agent_preview: 'true' });
    await phone.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${phone} .telephony=${phone} .clock=${clock}></call-actions>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-action="mark-done"]'), 'Mark done shown');
    expect(markDoneReason(el.shadowRoot!)).to.deep.include({ disabled: false, hint: '' });
    // The agent presses Mark done, which the policy allows: it is done, not refused.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="mark-done"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => phone.getInteraction(offer.id)?.state === 'done', 'marked done');
    expect(el.shadowRoot!.querySelector('[part=error]')?.textContent?.trim() ?? '').to.equal('');
    phone.dispose();
  });

  it('the GMS adapter configured with dispositionMandatory: Mark done is disabled with the reason', async () => {
    await control('reset', {});
    const { adapter } = await gmsAdapter({ dispositionMandatory: true });
    try {
      const interaction = await acceptedOnServer(adapter);
      const el = await fixture<CallActions>(html`<call-actions interaction-id=${interaction.id} .adapter=${adapter}></call-actions>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[data-action="mark-done"]'), 'Mark done shown');
      expect(markDoneReason(el.shadowRoot!)).to.deep.equal({ disabled: true, title: MANDATORY, description: MANDATORY, hint: MANDATORY });
    } finally {
      adapter.dispose();
    }
  });

  it('the GMS adapter too: options changed after construction do not make its policy and its Mark done disagree', async () => {
    await control('reset', {});
    const clock = new ManualClock(Date.now());
    await control('time', { now: clock.now() });
    const options = { baseUrl: await gmsUrl(), service: SERVICE, clock, timeoutMs: 400, retry: { attempts: 2, backoffMs: 20 }, dispositionMandatory: false };
    const adapter = new GmsCallbackAdapter(options);
    options.dispositionMandatory = true;
    try {
      expect(adapter.policy.dispositionMandatory).to.equal(false);
      const interaction = await acceptedOnServer(adapter);
      const el = await fixture<CallActions>(html`<call-actions interaction-id=${interaction.id} .adapter=${adapter}></call-actions>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[data-action="mark-done"]'), 'Mark done shown');
      expect(markDoneReason(el.shadowRoot!)).to.deep.include({ disabled: false, hint: '' });
      el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="mark-done"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => adapter.getInteraction(interaction.id)?.state === 'done', 'marked done', { timeout: 5000 });
      expect(el.shadowRoot!.querySelector('[part=error]')?.textContent?.trim() ?? '').to.equal('');
    } finally {
      adapter.dispose();
    }
  });
});
