import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/call-status.js';
import type { CallStatus } from '../../src/call-status.js';
import { PhoneCallbackAdapter, type PhoneCallbackAdapterOptions } from '../../src/adapters/phone/index.js';
import type { Interaction } from '../../src/model/interaction.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import type { PeerSession } from '../helpers/sip-peer.js';
import { makeSipHarness, type SipHarness } from './sipjs-harness.js';

/** Callbacks that arrive as SIP calls: the offer's life follows the INVITE's, at both ends. */
describe('PhoneCallbackAdapter over the sip.js adapter (real Kamailio)', function () {
  this.timeout(20_000);
  let h: SipHarness | undefined;
  let phone: PhoneCallbackAdapter | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    phone?.dispose();
    await h?.dispose();
    h = undefined;
  });

  async function offered(options: Partial<PhoneCallbackAdapterOptions> = {}, sip: Parameters<typeof makeSipHarness>[0] = {}) {
    h = await makeSipHarness(sip);
    phone = new PhoneCallbackAdapter({ telephony: h.adapter, ...options });
    await h.adapter.register();
    const offer = new Promise<Interaction>((resolve) => {
      const stop = phone!.onOffer((i) => {
        stop();
        resolve(i);
      });
    });
    const far: PeerSession = await h.peers.customer.call(h.agentUser, {
      headers: ['X-Genesys-_CB_SERVICE_ID: cb-1', 'X-Genesys-firstname: Ana', 'X-Genesys-GMS_Cb_Type: SCHEDULED'],
    });
    return { interaction: await offer, far, phone: phone!, h };
  }

  it('offers the call with its data; accept answers it and follows the far end hanging up', async () => {
    const { interaction, far, phone } = await offered();
    expect(interaction).to.include({ id: 'cb-1', state: 'offered', channel: 'voice', callbackType: 'scheduled' });
    expect(interaction.contact.name).to.equal('Ana');
    await phone.accept('cb-1');
    await far.established;
    expect(phone.getInteraction('cb-1')?.state).to.equal('connected');
    await phone.hold(interaction.callId!);
    expect(phone.getInteraction('cb-1')?.state).to.equal('held');
    await waitUntil(() => far.isHeldByRemote(), 'the customer hears the hold');
    await far.hangUp();
    await waitUntil(() => phone.getInteraction('cb-1')?.state === 'ended', 'the hang-up reaches the interaction');
    expect(phone.getInteraction('cb-1')?.history.some((e) => e.kind === 'hang-up' && e.by === 'contact')).to.equal(true);
  });

  it('mute, Alternate and Remove go to the phone and reach the interaction; a mute made on the phone itself too', async function () {
    this.timeout(45_000);
    const { far, phone, h } = await offered();
    await phone.accept('cb-1');
    await far.established;
    const callId = phone.getInteraction('cb-1')!.callId!;
    expect(phone.telephonyCapabilities).to.include({ mute: true, alternate: true, removeParticipant: true, leaveConference: false });
    await phone.mute(callId, true);
    expect(phone.getInteraction('cb-1')?.muted).to.equal(true);
    expect(h.adapter.getCall(callId)?.muted).to.equal(true);
    h.adapter.setMuted(callId, false);
    await waitUntil(() => phone.getInteraction('cb-1')?.muted === false, 'unmuted on the phone: the interaction follows');

    const supervisor = h.targets.answers;
    await phone.conference(callId, supervisor);
    expect(phone.getInteraction('cb-1')?.participants?.map((p) => p.address)).to.deep.equal([supervisor.address]);
    await phone.removeParticipant(callId, supervisor);
    expect(phone.getInteraction('cb-1')?.participants).to.deep.equal([]);
    expect(phone.getInteraction('cb-1')?.history.at(-1)).to.deep.include({ kind: 'participant-left' });

    const consultation = await phone.startConsultation(callId, supervisor);
    await phone.alternate(callId, consultation.id);
    expect(phone.getInteraction('cb-1')).to.deep.include({ state: 'connected' });
    expect(phone.getInteraction('cb-1')?.consultation?.held).to.equal(true);
    await waitUntil(() => !far.isHeldByRemote(), 'the customer is back');
    await phone.endConsultation(callId, consultation.id);
    expect(phone.getInteraction('cb-1')).to.deep.include({ state: 'connected', consultation: undefined });
  });

  it('the caller giving up (CANCEL) revokes the offer', async () => {
    const { far, phone } = await offered();
    await far.hangUp();
    await waitUntil(() => phone.getInteraction('cb-1')?.state === 'revoked', 'revoked');
  });

  it('reject declines with the configured status (603), and the offer is closed', async () => {
    const { far, phone } = await offered({}, { rejectStatusCode: 603 });
    await phone.reject('cb-1');
    expect(phone.getInteraction('cb-1')?.state).to.equal('rejected');
    await far.ended;
    expect(far.failure?.statusCode).to.equal(603);
  });

  it('an offer nobody answers expires and goes back to routing (486 to the caller)', async () => {
    const { far, phone } = await offered({ offerTimeoutMs: 800 });
    await waitUntil(() => phone.getInteraction('cb-1')?.state === 'expired', 'expired', { timeout: 3000 });
    await far.ended;
    expect(far.failure?.statusCode).to.equal(486);
  });

  it('while the agent is not ready, calls are declined and nothing is offered', async () => {
    h = await makeSipHarness();
    phone = new PhoneCallbackAdapter({ telephony: h.adapter });
    await h.adapter.register();
    await phone.setReadyState('voice', 'not-ready');
    const offers: Interaction[] = [];
    phone.onOffer((i) => offers.push(i));
    const far = await h.peers.customer.call(h.agentUser, { headers: ['X-Genesys-_CB_SERVICE_ID: cb-2'] });
    await far.ended;
    expect(far.failure?.statusCode).to.equal(486);
    expect(offers).to.deep.equal([]);
  });

  it('a web callback offered by ingest: Call dials through the phone, shows Ringing, connects; a second Call is cancelled', async () => {
    h = await makeSipHarness();
    phone = new PhoneCallbackAdapter({ telephony: h.adapter });
    await h.adapter.register();
    h.peers.customer.answerDelayMs = 700; // the harness gives up after 1.2 s
    const offer = phone.ingest({ _CB_SERVICE_ID: 'web-1', GMS_Customer_Number: h.numbers.answers, _agent_preview: 'true', firstname: 'Ana' });
    expect(offer).to.include({ channel: 'web-callback', state: 'offered' });
    await phone.accept('web-1');
    expect(phone.getInteraction('web-1')?.state).to.equal('ready-to-call');
    const status = await fixture<CallStatus>(html`<call-status interaction-id="web-1" .adapter=${phone} .telephony=${phone}></call-status>`);
    const label = () => status.shadowRoot!.querySelector('[part=state]')?.textContent?.trim();

    const call = await phone.dial({ number: h.numbers.answers, interactionId: 'web-1' });
    expect(phone.getInteraction('web-1')).to.include({ state: 'dialing', callId: call.id });
    await waitUntil(() => phone!.getCall(call.id)?.alerting === true, 'the 180 Ringing arrives');
    await waitUntil(() => label() === 'Ringing', `call-status shows Ringing (shows "${label()}")`);
    await waitUntil(() => phone!.getInteraction('web-1')?.state === 'connected', 'answered', { timeout: 5_000 });
    const far = h.peers.customer.sessions.at(-1)!;
    await far.established;
    expect(await far.receivesMedia()).to.equal(true);
    await phone.hangUp(call.id);
    expect(phone.getInteraction('web-1')?.state).to.equal('ready-to-call');

    const second = await phone.dial({ number: h.numbers.answers, interactionId: 'web-1' });
    await waitUntil(() => phone!.getCall(second.id)?.alerting === true, 'ringing again');
    await phone.hangUp(second.id);
    const after = phone.getInteraction('web-1')!;
    expect(after.state).to.equal('ready-to-call');
    expect(after.attempts.at(-1)?.result).to.equal('cancelled');
    const ringingLeg = h.peers.customer.sessions.at(-1)!;
    await ringingLeg.ended;
    expect(ringingLeg.state).to.equal('Terminated');
  });
});
