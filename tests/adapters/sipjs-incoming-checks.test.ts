import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { announcement } from '../../src/controllers/announcer.js';
import { requireLoopbackOnly, type SipEnv } from '../helpers/sip-env.js';
import { browserOffer, PLAIN_RTP_SDP, RawSipCaller, type RawInvite, type RawResponse } from '../helpers/raw-sip.js';
import '../helpers/lit-warnings.js';
import { recordUncaught } from '../helpers/events.js';

/**
 * Calls the browser cannot take, sent by a scripted caller (hand-written INVITEs over its own
 * WebSocket) through the tests' Kamailio to a registered SipTelephonyAdapter: each is answered at
 * once and truthfully, and the agent is told what they need to know.
 */
describe('SipTelephonyAdapter: INVITEs it cannot take are answered at once (real Kamailio)', function () {
  this.timeout(20_000);
  let env: SipEnv;
  let adapter: SipTelephonyAdapter | undefined;
  let caller: RawSipCaller | undefined;
  let phone: PhoneCallbackAdapter | undefined;
  let agent = '';
  let calls: CallInfo[] = [];
  let errors: unknown[] = [];
  let stopRecording = () => {};

  before(async () => {
    env = await requireLoopbackOnly();
  });

  beforeEach(async () => {
    calls = [];
    ({ errors, stop: stopRecording } = recordUncaught());
    agent = `agent-checks-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    adapter = new SipTelephonyAdapter({ servers: [env.wsServer], aor: `sip:${agent}@${env.domain}`, requestTimeoutMs: 5_000 });
    adapter.onCall((call) => calls.push(call));
    await adapter.register();
    caller = await RawSipCaller.open(env.wsServer);
  });

  afterEach(async () => {
    stopRecording();
    phone?.dispose();
    phone = undefined;
    caller?.close();
    await adapter?.dispose();
  });

  const target = () => `${agent}@${env.domain}`;
  /** The first answer that matters: its ringing (180), or a final response before any (or none in 5 s). */
  const firstAnswer = (invite: RawInvite) =>
    Promise.race([
      invite.response(180),
      invite.final,
      new Promise<RawResponse>((resolve) => setTimeout(() => resolve({ status: 0, text: 'no answer in 5 s', header: () => undefined }), 5_000)),
    ]);
  const ringingCall = () => calls.find((c) => c.state === 'ringing');
  /** The call rings at the agent (180 at the caller, published ringing); then the caller gives up. */
  async function expectRings(invite: RawInvite, what: string): Promise<CallInfo> {
    const ringing = await Promise.race([invite.response(180), invite.final]);
    expect(ringing.status, `${what}: rings`).to.equal(180);
    await waitUntil(() => ringingCall(), `${what}: published ringing`);
    const call = ringingCall()!;
    invite.cancel();
    expect((await invite.final).status, `${what}: cancelled`).to.equal(487);
    await waitUntil(() => adapter!.getCall(call.id)?.state === 'ended', `${what}: ended once cancelled`);
    calls = [];
    return call;
  }

  it("a desk phone's plain RTP/AVP offer is answered 488 with a Warning naming the gateway, never rings, and is published as a refused call", async () => {
    const invite = caller!.invite(target(), { fromUser: '+12025550199', body: PLAIN_RTP_SDP, headers: ['X-Genesys-firstname: Ana'] });
    const final = await firstAnswer(invite);
    expect(final.status).to.equal(488);
    expect(invite.responses.map((r) => r.status)).to.not.include(180);
    const warning = final.header('warning') ?? '';
    expect(warning).to.match(/^399 \S+ "Incompatible media \(.*no DTLS fingerprint.*no ICE credentials.*\): needs a WebRTC gateway \(ICE \+ DTLS-SRTP\)"$/);
    await waitUntil(() => calls.length === 1, 'the refused call is published');
    expect(calls[0]).to.deep.include({ direction: 'inbound', state: 'ended', endedBy: 'local', refused: 'incompatible-media', remote: '+12025550199' });
    expect(calls[0]!.data).to.deep.equal({ firstname: 'Ana' });
    expect(adapter!.getCall(calls[0]!.id)?.refused).to.equal('incompatible-media');
    expect(errors).to.deep.equal([]);
  });

  it('a malformed SDP, and a WebRTC offer without audio, are answered 488 too', async () => {
    const real = await browserOffer();
    const bodies = {
      'a blank line inside': real.replace('a=rtcp-mux\r\n', 'a=rtcp-mux\r\n\r\n'),
      'no line break after the last line': real.replace(/\r\n$/, ''),
      'not SDP at all': 'hello, I am not SDP\r\n',
      'video only': real.replace('m=audio', 'm=video'),
    };
    for (const [what, body] of Object.entries(bodies)) {
      const invite = caller!.invite(target(), { body });
      const final = await firstAnswer(invite);
      expect(final.status, what).to.equal(488);
      expect(final.header('warning'), what).to.include('needs a WebRTC gateway');
      expect(invite.responses.map((r) => r.status), what).to.not.include(180);
    }
    await waitUntil(() => calls.length === 4, 'each refused call is published');
    expect(calls.every((c) => c.state === 'ended' && c.refused === 'incompatible-media')).to.equal(true);
  });

  it("this browser's own WebRTC offer and an INVITE without SDP (late offer) ring as before", async () => {
    await expectRings(caller!.invite(target(), { body: await browserOffer() }), 'WebRTC offer');
    await expectRings(caller!.invite(target()), 'late offer');
    expect(errors).to.deep.equal([]);
  });

  it('through the phone adapter, <callback-notification> tells the agent in words that the audio cannot be connected from the browser; it offers nothing to accept', async () => {
    phone = new PhoneCallbackAdapter({ telephony: adapter! });
    const rings: Event[] = [];
    const revoked: Event[] = [];
    const el = await fixture<CallbackNotification>(html`<callback-notification
      .adapter=${phone}
      @callback-ring=${(e: Event) => rings.push(e)}
      @callback-revoked=${(e: Event) => revoked.push(e)}
    ></callback-notification>`);
    const name = '<img src=x onerror="window.__pwned=1">Ana';
    const invite = caller!.invite(target(), {
      body: PLAIN_RTP_SDP,
      headers: ['X-Genesys-_CB_SERVICE_ID: cb-desk-1', `X-Genesys-firstname: ${name}`],
    });
    expect((await firstAnswer(invite)).status).to.equal(488);
    const notice = () => el.shadowRoot!.querySelector('.notice');
    const expected = "This call's audio cannot be connected from the browser: the caller's phone system needs a WebRTC gateway. The call was refused.";
    await waitUntil(() => notice()?.querySelector('p')?.textContent?.trim() === expected, 'the notice says why');
    expect(phone.getInteraction('cb-desk-1')).to.deep.include({ state: 'revoked', revokedReason: 'incompatible-media' });
    expect(notice()!.querySelector('.who')!.textContent).to.equal(name);
    expect(el.shadowRoot!.querySelector('img'), 'caller data is text').to.equal(null);
    expect(el.shadowRoot!.querySelector('button.accept'), 'nothing to accept').to.equal(null);
    const said = `The call from ${name} could not be taken: its audio cannot be connected from the browser (it needs a WebRTC gateway).`;
    await waitUntil(() => announcement() === said, `announced: ${announcement()}`);
    expect(rings.length, 'it did not ring').to.equal(0);
    expect(revoked.length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('a From whose user part sip.js cannot decode (bad%FF%FEuser) is answered 400 at once, not left to the proxy timeout; a literal % (escaped %25) rings', async () => {
    const started = performance.now();
    const invite = caller!.invite(target(), { fromUser: 'bad%FF%FEuser', body: await browserOffer() });
    const final = await firstAnswer(invite);
    expect(final.status).to.equal(400);
    expect(performance.now() - started, 'answered at once, not after the proxy timeout').to.be.below(5_000);
    expect(calls).to.deep.equal([]);
    const call = await expectRings(caller!.invite(target(), { fromUser: '50%25off', body: await browserOffer() }), 'a literal %');
    expect(call.remote).to.equal('50%off');
    expect(errors).to.deep.equal([]);
  });

  it('Require: 100rel is answered 420 Bad Extension with Unsupported: 100rel, without a 180 first; Supported: 100rel alone rings unreliably', async () => {
    for (const headers of [['Require: 100rel'], ['Supported: 100rel, timer', 'Require: 100rel']]) {
      const invite = caller!.invite(target(), { body: await browserOffer(), headers });
      const final = await firstAnswer(invite);
      expect(final.status, headers.join(' / ')).to.equal(420);
      expect(final.header('unsupported'), headers.join(' / ')).to.equal('100rel');
      expect(invite.responses.map((r) => r.status), 'no 180 before the 420').to.not.include(180);
    }
    expect(calls).to.deep.equal([]);
    const invite = caller!.invite(target(), { body: await browserOffer(), headers: ['Supported: 100rel'] });
    await expectRings(invite, 'Supported: 100rel');
    const ringing = invite.responses.find((r) => r.status === 180)!;
    expect(ringing.header('require'), 'an unreliable 180').to.equal(undefined);
    expect(ringing.header('rseq')).to.equal(undefined);
  });
});
