import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { makeSipHarness, type SipHarness } from './sipjs-harness.js';

/**
 * Rewrites the customer's next INVITE into multipart/mixed: its SDP plus a JSON part. `oneCrlf`: the
 * SDP's last line break is the one before the boundary (which, by RFC 2046, belongs to the boundary).
 */
function sendJsonBodyPart(h: SipHarness, json: unknown, { oneCrlf = false } = {}): void {
  const transport = h.peers.customer.ua.transport as unknown as { send(message: string): Promise<void> };
  const send = transport.send.bind(transport);
  transport.send = (message: string) => {
    if (!message.startsWith('INVITE ')) return send(message);
    transport.send = send;
    const [head, sdp] = message.split('\r\n\r\n') as [string, string];
    const boundary = 'cb-boundary-1';
    const body = [`--${boundary}`, 'Content-Type: application/sdp', '', oneCrlf ? sdp.replace(/\r\n$/, '') : sdp, `--${boundary}`, 'Content-Type: application/json', '', JSON.stringify(json), `--${boundary}--`, ''].join('\r\n');
    const headers = head
      .split('\r\n')
      .filter((l) => !/^(content-type|content-length):/i.test(l))
      .concat(`Content-Type: multipart/mixed;boundary=${boundary}`, `Content-Length: ${new TextEncoder().encode(body).length}`);
    return send(`${headers.join('\r\n')}\r\n\r\n${body}`);
  };
}

describe('SipTelephonyAdapter: callback data from a real INVITE (Kamailio)', function () {
  this.timeout(20_000);
  let h: SipHarness | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  const ringing = (harness: SipHarness) =>
    new Promise<CallInfo>((resolve) => {
      const stop = harness.adapter.onCall((call) => {
        if (call.state === 'ringing') {
          stop();
          resolve(call);
        }
      });
    });

  it('reads X-Genesys-* headers as sent (case, underscores) and a configured header map', async () => {
    h = await makeSipHarness({ callbackData: { headers: { 'X-Case': 'case_id' }, valueEncoding: 'uri' } });
    await h.adapter.register();
    const call = ringing(h);
    await h.peers.customer.call(h.agentUser, {
      headers: ['X-Genesys-_CB_SERVICE_ID: cb-77', 'X-Genesys-firstname: Jos%C3%A9', 'X-Case: 4711', 'X-Unrelated: no'],
    });
    expect((await call).data).to.deep.equal({ _CB_SERVICE_ID: 'cb-77', firstname: 'José', case_id: '4711' });
  });

  it('answers an INVITE whose SDP comes with a JSON body part, and reads the JSON as callback data', async () => {
    h = await makeSipHarness();
    await h.adapter.register();
    sendJsonBodyPart(h, { _CB_SERVICE_ID: 'cb-json-1', firstname: 'Ana', order: 'A-9' });
    const call = ringing(h);
    const far = await h.peers.customer.call(h.agentUser);
    const offered = await call;
    expect(offered.data).to.deep.equal({ _CB_SERVICE_ID: 'cb-json-1', firstname: 'Ana', order: 'A-9' });
    await h.adapter.answer(offered.id);
    await far.established;
    expect(await far.receivesMedia(), 'the call works: the SDP part was negotiated').to.equal(true);
  });

  it('answers such an INVITE when only one CRLF precedes the boundary: the SDP keeps its last line break', async () => {
    h = await makeSipHarness();
    await h.adapter.register();
    sendJsonBodyPart(h, { _CB_SERVICE_ID: 'cb-json-2', firstname: 'Eva' }, { oneCrlf: true });
    const call = ringing(h);
    // An SDP that lost its last line break cannot be parsed by the browser: such a call is refused.
    const refused = new Promise<CallInfo>((resolve) => h!.adapter.onCall((c) => c.refused && resolve(c)));
    const far = await h.peers.customer.call(h.agentUser);
    const offered = await Promise.race([call, refused]);
    expect(offered.state, 'it rings, not refused as unparsable').to.equal('ringing');
    expect(offered.data).to.deep.equal({ _CB_SERVICE_ID: 'cb-json-2', firstname: 'Eva' });
    await h.adapter.answer(offered.id);
    await far.established;
    expect(await far.receivesMedia(), 'the call works: the SDP part was negotiated').to.equal(true);
  });
});
