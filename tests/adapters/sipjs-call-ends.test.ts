// How a call ended, told truthfully, against the tests' real Kamailio (tests/sip/): the contact, the
// agent, the agent's own browser (it refused the other side's answer to a hold re-INVITE), the
// network (Kamailio gone and the call not recoverable) and the proxy (a BYE the proxy made).
//
// The far end is a sip.js phone in the same page (tests/helpers/sip-peer.ts). What a real far end
// did wrong is made on the wire by a WebSocket wrapper (tests/helpers/sip-wire.ts): baresip answered a hold re-INVITE
// with `a=setup:actpass`, which Chromium refuses ("Answerer must use either active or passive value
// for setup attribute"); here the peer's 200 OK is rewritten so on its way out. A BYE made by the
// proxy itself (Kamailio's dialog module, a session timer) has the proxy's Via only and says why in a
// Reason header: the customer's BYE is made to look so on its way in to the agent.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/call-actions.js';
import '../../src/call-status.js';
import '../../src/case-history.js';
import type { CallActions } from '../../src/call-actions.js';
import type { CallStatus } from '../../src/call-status.js';
import type { CaseHistory } from '../../src/case-history.js';
import { } from '../../src/adapters/errors.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import { SipTelephonyAdapter, type SipTelephonyOptions } from '../../src/adapters/sipjs/index.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import type { Interaction } from '../../src/model/interaction.js';
import { requireLoopbackOnly, sipControl, type SipEnv } from '../helpers/sip-env.js';
import { SipPeer, type PeerSession } from '../helpers/sip-peer.js';
import '../helpers/lit-warnings.js';
import { SipWire } from '../helpers/sip-wire.js';
import { rejectionOf, sleep, waitFor } from '../helpers/wait.js';

/** A SIP message with its body replaced and Content-Length set to match. */
function withBody(message: string, body: string): string {
  const split = message.indexOf('\r\n\r\n');
  const head = message.slice(0, split).replace(/^(Content-Length|l):\s*\d+/im, `Content-Length: ${new TextEncoder().encode(body).length}`);
  return `${head}\r\n\r\n${body}`;
}

const bodyOf = (message: string) => message.slice(message.indexOf('\r\n\r\n') + 4);
const isInviteOk = (message: string) => /^SIP\/2\.0 200 /.test(message) && /^CSeq:\s*\d+ INVITE/im.test(message);

describe('sip.js adapter: who ended the call, told truthfully (real Kamailio)', function () {
  this.timeout(40_000);

  let env: SipEnv;
  let wire: SipWire;
  let adapters: SipTelephonyAdapter[] = [];
  let phones: PhoneCallbackAdapter[] = [];
  let peers: SipPeer[] = [];
  let n = 0;

  before(async () => {
    env = await requireLoopbackOnly();
  });

  beforeEach(() => {
    wire = new SipWire();
    wire.install();
  });

  afterEach(async function () {
    this.timeout(20_000);
    wire.outgoing = undefined;
    wire.incoming = undefined;
    await sipControl('start');
    phones.forEach((p) => p.dispose());
    await Promise.all(adapters.map((a) => a.dispose().catch(() => undefined)));
    await SipPeer.stopAll(peers);
    wire.uninstall();
    adapters = [];
    phones = [];
    peers = [];
  });

  /** An agent's phone and its callbacks, a customer phone, and the customer's callback answered. */
  async function connectedCallback(options: Partial<SipTelephonyOptions> = {}) {
    const user = `agent-ends-${Date.now().toString(36)}-${++n}`;
    const adapter = new SipTelephonyAdapter({ servers: [env.wsServer], aor: `sip:${user}@${env.domain}`, requestTimeoutMs: 5_000, ...options });
    adapters.push(adapter);
    const phone = new PhoneCallbackAdapter({ telephony: adapter });
    phones.push(phone);
    await adapter.register();
    const customer = await SipPeer.start({ user: `+1202555${String(300 + n).padStart(4, '0')}` });
    peers.push(customer);
    const offered = new Promise<Interaction>((resolve) => {
      const stop = phone.onOffer((i) => {
        stop();
        resolve(i);
      });
    });
    const far: PeerSession = await customer.call(user, { headers: [`X-Genesys-_CB_SERVICE_ID: cb-${n}`, 'X-Genesys-firstname: Ana'] });
    const interaction = await offered;
    await phone.accept(interaction.id);
    await far.established;
    const callId = interaction.callId!;
    expect(adapter.getCall(callId)?.state).to.equal('connected');
    return { adapter, phone, customer, far, user, id: interaction.id, callId };
  }

  const lastHangUp = (phone: PhoneCallbackAdapter, id: string) => phone.getInteraction(id)?.history.filter((e) => e.kind === 'hang-up').at(-1);

  async function historyText(phone: PhoneCallbackAdapter, id: string): Promise<string> {
    const el = await fixture<CaseHistory>(html`<case-history lang="en" .interaction=${phone.getInteraction(id)}></case-history>`);
    await el.updateComplete;
    return el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
  }

  it("a hold answered with a=setup:actpass: the browser refuses it and ends the call; hold fails with the browser's reason, the history says the agent's browser ended it and why, never 'Call put on hold' nor 'The contact hung up'", async () => {
    const { adapter, phone, far, user, id, callId } = await connectedCallback();
    const desk = await fixture<HTMLDivElement>(html`<div>
      <call-status lang="en" interaction-id=${id} .adapter=${phone} .telephony=${phone}></call-status>
      <call-actions lang="en" interaction-id=${id} .adapter=${phone} .telephony=${phone}></call-actions>
    </div>`);
    const status = desk.querySelector<CallStatus>('call-status')!;
    const actions = desk.querySelector<CallActions>('call-actions')!;
    await actions.updateComplete;
    const calls: CallInfo[] = [];
    adapter.onCall((call) => {
      if (call.id === callId) calls.push(call);
    });
    // The customer's phone answers the agent's hold re-INVITE as baresip did.
    wire.outgoing = (message) => {
      if (!isInviteOk(message) || !new RegExp(`^From:[^\\r\\n]*sip:${user}@`, 'im').test(message)) return undefined;
      return withBody(message, bodyOf(message).replace(/^a=setup:(active|passive)\r?$/gm, 'a=setup:actpass'));
    };
    const errors: string[] = [];
    actions.addEventListener('callback-error', (e) => errors.push((e as CustomEvent<{ message: string }>).detail.message));
    actions.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="hold"]')!.click();
    await waitFor('the hold to fail', () => errors.length > 0, { timeout: 10_000 });
    expect(wire.rewritten.filter((m) => m.includes('a=setup:actpass')), 'answers rewritten').to.have.length(1);

    // The agent reads why, in the window.
    expect(errors[0]).to.match(/^Your phone or browser could not use the other side’s answer and ended the call: .*setup attribute/);
    await actions.updateComplete;
    const shown = actions.shadowRoot!.querySelector('[part=error]')!;
    expect(shown.hasAttribute('hidden')).to.equal(false);
    expect(shown.textContent).to.include('setup attribute');

    // The call ended by the agent's side (the browser), never held, with the browser's reason.
    await waitFor('the call to end', () => adapter.getCall(callId)?.state === 'ended');
    expect(calls.map((c) => c.state), 'the call was never published as held').not.to.include('held');
    const ended = adapter.getCall(callId)!;
    expect(ended).to.include({ state: 'ended', endedBy: 'local', endReason: 'media-failed' });
    expect(ended.endDetail).to.match(/Answerer must use either active or passive value for setup attribute/);
    await far.ended;

    // The interaction: ended by the phone, with the reason; no hold.
    await waitUntil(() => phone.getInteraction(id)?.state === 'ended', 'the interaction ends');
    const interaction = phone.getInteraction(id)!;
    expect(interaction.history.map((e) => e.kind)).not.to.include('hold');
    expect(lastHangUp(phone, id)).to.deep.include({ by: 'phone' });
    expect(lastHangUp(phone, id)?.reason).to.match(/setup attribute/);
    const text = await historyText(phone, id);
    expect(text).not.to.include('Call put on hold');
    expect(text).not.to.include('The contact hung up');
    expect(text).to.match(/The agent’s phone or browser ended the call: .*Answerer must use either active or passive value for setup attribute/);
    // The call status says so too.
    await status.updateComplete;
    expect(status.shadowRoot!.querySelector('[part=call-lost]')?.textContent).to.match(/Your phone or browser could not go on with the call and ended it: .*setup attribute/);
    await expect(status).to.be.accessible();
  });

  it("a resume answered with a=setup:actpass: resume rejects with the browser's reason and the call ends by the agent's browser, not held and not by the contact", async () => {
    const { adapter, phone, user, id, callId } = await connectedCallback();
    await phone.hold(callId);
    expect(phone.getInteraction(id)?.state).to.equal('held');
    wire.outgoing = (message) => {
      if (!isInviteOk(message) || !new RegExp(`^From:[^\\r\\n]*sip:${user}@`, 'im').test(message)) return undefined;
      return withBody(message, bodyOf(message).replace(/^a=setup:(active|passive)\r?$/gm, 'a=setup:actpass'));
    };
    const error = await rejectionOf(phone.resume(callId));
    expect(error.message).to.match(/ended the call: .*setup attribute/);
    expect(error.detail).to.include({ endReason: 'media-failed' });
    await waitUntil(() => phone.getInteraction(id)?.state === 'ended', 'the interaction ends');
    expect(adapter.getCall(callId)).to.include({ endedBy: 'local', endReason: 'media-failed' });
    expect(phone.getInteraction(id)!.history.map((e) => e.kind).filter((k) => k === 'hold' || k === 'resume')).to.deep.equal(['hold']);
    expect(lastHangUp(phone, id)).to.deep.include({ by: 'phone' });
  });

  it("the contact hangs up: 'contact'; the agent hangs up: 'agent'", async () => {
    const first = await connectedCallback();
    await first.far.hangUp();
    await waitUntil(() => first.phone.getInteraction(first.id)?.state === 'ended', 'the contact’s hang-up reaches the interaction');
    const byContact = first.adapter.getCall(first.callId)!;
    expect(byContact).to.include({ endedBy: 'remote' });
    expect(byContact.endReason).to.equal(undefined);
    expect(lastHangUp(first.phone, first.id)).to.deep.include({ by: 'contact' });
    expect(lastHangUp(first.phone, first.id)).not.to.have.property('reason');
    expect(await historyText(first.phone, first.id)).to.include('The contact hung up');

    const second = await connectedCallback();
    await second.phone.hangUp(second.callId);
    await second.far.ended;
    const byAgent = second.adapter.getCall(second.callId)!;
    expect(byAgent).to.include({ state: 'ended', endedBy: 'local' });
    expect(byAgent.endReason).to.equal(undefined);
    expect(lastHangUp(second.phone, second.id)).to.deep.include({ by: 'agent' });
    expect(await historyText(second.phone, second.id)).to.include('The agent ended the call');
  });

  it("a BYE the proxy made (its Via only, a Reason header): 'proxy' with the reason, told as the phone system ending the call", async () => {
    const { adapter, phone, far, user, id, callId } = await connectedCallback();
    // The customer's BYE, relayed by Kamailio, reaches the agent as one Kamailio made itself.
    wire.incoming = (message) => {
      if (!message.startsWith('BYE ') || !new RegExp(`^(To|t):[^\r\n]*sip:${user}@`, 'im').test(message)) return undefined;
      const lines = message.split('\r\n');
      const vias = lines.flatMap((line, i) => (/^(Via|v):/i.test(line) ? [i] : []));
      const [first, ...others] = vias;
      let kept = lines.filter((_, i) => !others.includes(i));
      // One Via header with several values: keep the first (Kamailio's).
      kept = kept.map((line, i) => (i === first ? line.replace(/,.*$/, '') : line));
      kept.splice(first! + 1, 0, 'Reason: SIP;cause=408;text="Session timer expired"');
      return kept.join('\r\n');
    };
    await far.hangUp();
    await waitUntil(() => phone.getInteraction(id)?.state === 'ended', 'the BYE reaches the interaction');
    expect(wire.rewritten, 'BYEs rewritten').to.have.length(1);
    expect(adapter.getCall(callId)).to.include({ endedBy: 'remote', endReason: 'proxy', endDetail: '408 Session timer expired' });
    expect(lastHangUp(phone, id)).to.deep.include({ by: 'service', reason: '408 Session timer expired' });
    const text = await historyText(phone, id);
    expect(text).to.include('The phone system ended the call: 408 Session timer expired');
    expect(text).not.to.include('The contact hung up');
  });

  it("a hold answered 481 (the customer's phone no longer knows the call): the call ends, told as ended by the phone system with its answer; it does not stay up", async () => {
    const { adapter, phone, user, id, callId } = await connectedCallback();
    // The customer's phone lost the call (it restarted): the agent's re-INVITE names a dialog it
    // does not have, and its sip.js answers 481 itself.
    wire.outgoing = (message) => {
      if (!/^INVITE /.test(message) || !/^To:[^\r\n]*;tag=/im.test(message) || !new RegExp(`^From:[^\r\n]*sip:${user}@`, 'im').test(message)) return undefined;
      return message.replace(/^(Call-ID|i):\s*(.*)$/im, 'Call-ID: gone-$2');
    };
    const error = await rejectionOf(phone.hold(callId));
    expect(wire.rewritten, 're-INVITEs rewritten').to.have.length(1);
    expect(error.detail).to.include({ endReason: 'proxy' });
    expect(adapter.getCall(callId)).to.include({ state: 'ended', endedBy: 'remote', endReason: 'proxy' });
    expect(adapter.getCall(callId)?.endDetail).to.match(/^481 /);
    await waitUntil(() => phone.getInteraction(id)?.state === 'ended', 'the interaction ends');
    expect(phone.getInteraction(id)!.history.map((e) => e.kind)).not.to.include('hold');
    expect(lastHangUp(phone, id)).to.deep.include({ by: 'service' });
    const text = await historyText(phone, id);
    expect(text).to.match(/The phone system ended the call: 481 /);
    expect(text).not.to.include('The contact hung up');
  });

  it("Kamailio stopped mid-call and the customer's phone never comes back: 'network', told as the call lost with the connection", async function () {
    this.timeout(75_000);
    const { adapter, phone, id, callId } = await connectedCallback({ reconnect: { initialDelayMs: 200, maxDelayMs: 1_000 } });
    await sipControl('stop');
    await sleep(500);
    await sipControl('start');
    // The re-INVITE finds no connection to the customer (480) for 10 s, then the call ends. The
    // deadline is generous: on a loaded machine (load average 23 on 2 cores, seen here) Kamailio's
    // restart and the recovery re-INVITE took more than 25 s; what is asserted is how it ends.
    await waitFor('the call to end', () => adapter.getCall(callId)?.state === 'ended', { timeout: 45_000 });
    expect(adapter.getCall(callId)).to.include({ endedBy: 'remote', endReason: 'connection-lost' });
    await waitUntil(() => phone.getInteraction(id)?.state === 'ended', 'the interaction ends');
    expect(lastHangUp(phone, id)).to.deep.include({ by: 'network' });
    const text = await historyText(phone, id);
    expect(text).to.include('The call was lost with the connection to the phone system');
    expect(text).not.to.include('The contact hung up');
  });
});
