import { expect } from '@open-wc/testing';
import { callbackDataFromInvite, defaultTargetUri, escapeUserPart } from '../../src/adapters/sipjs/index.js';
import { rawHeaders, sdpHoldsUs, sipfragStatus } from '../../src/adapters/sipjs/invite-data.js';

const invite = (headers: string[], body = 'v=0\r\n') =>
  ['INVITE sip:agent@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1', ...headers, `Content-Length: ${body.length}`, '', body].join('\r\n');

describe('sip.js adapter: callback data from the INVITE (pure)', () => {
  it('keeps Genesys key names as sent, which sip.js would canonicalise (_ → -)', () => {
    const data = callbackDataFromInvite(invite(['X-Genesys-_CB_SERVICE_ID: cb-1', 'x-genesys-GMS_Customer_Number: +12025550101', 'X-Other: no']));
    expect(data).to.deep.equal({ _CB_SERVICE_ID: 'cb-1', GMS_Customer_Number: '+12025550101' });
  });

  it('joins folded header lines and stops at the body', () => {
    expect(rawHeaders(invite(['X-Genesys-instructions: call', ' after 5 pm'], 'X-Genesys-fake: body line')).filter(([n]) => n.startsWith('X-'))).to.deep.equal([
      ['X-Genesys-instructions', 'call after 5 pm'],
    ]);
  });

  it('decodes percent-encoded values only when asked, and keeps undecodable ones as sent', () => {
    const message = invite(['X-Genesys-lastname: Mu%C3%B1oz', 'X-Genesys-note: 100%']);
    expect(callbackDataFromInvite(message).lastname).to.equal('Mu%C3%B1oz');
    expect(callbackDataFromInvite(message, { valueEncoding: 'uri' })).to.deep.equal({ lastname: 'Muñoz', note: '100%' });
  });

  it('maps configured headers and merges a JSON header; prototype keys never get through', () => {
    const json = encodeURIComponent(JSON.stringify({ firstname: 'Ana', order: 1234, nested: { no: 1 }, __proto__x: 'ok' }));
    const data = callbackDataFromInvite(
      invite(['X-Customer: +12025550101', `X-Callback-Data: ${json}`, 'X-Genesys-__proto__: polluted', 'X-Genesys-constructor: x']),
      { headers: { 'x-customer': 'GMS_Customer_Number' }, jsonHeader: 'X-Callback-Data' },
    );
    expect(data).to.deep.equal({ GMS_Customer_Number: '+12025550101', firstname: 'Ana', order: '1234', __proto__x: 'ok' });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('ignores a JSON header that is not a JSON object', () => {
    expect(callbackDataFromInvite(invite(['X-Data: [1,2]', 'X-Data: {oops']), { jsonHeader: 'x-data', headerPrefix: '' })).to.deep.equal({});
  });
});

describe('sip.js adapter: SDP, NOTIFY and URIs (pure)', () => {
  it('tells a hold offer from an active one', () => {
    const sdp = (dir: string) => `v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=${dir}\r\n`;
    expect(sdpHoldsUs(sdp('sendonly'))).to.equal(true);
    expect(sdpHoldsUs(sdp('inactive'))).to.equal(true);
    expect(sdpHoldsUs(sdp('sendrecv'))).to.equal(false);
    expect(sdpHoldsUs(undefined)).to.equal(false);
  });

  it('reads the status of a message/sipfrag NOTIFY body', () => {
    expect(sipfragStatus('SIP/2.0 200 OK\r\n')).to.equal(200);
    expect(sipfragStatus('SIP/2.0 180 Ringing')).to.equal(180);
    expect(sipfragStatus('garbage')).to.equal(undefined);
  });

  it('never lets a number or an extension add URI parameters, headers or another host', () => {
    expect(escapeUserPart('+12025550101')).to.equal('+12025550101');
    expect(escapeUserPart('4102;transport=tcp?X-Evil=1@evil.example')).to.equal('4102%3Btransport=tcp%3FX-Evil=1%40evil.example');
    expect(defaultTargetUri({ kind: 'agent', id: 'a', name: 'A', address: '+1 (202) 555-0110' }, 'example.com')).to.equal('sip:+12025550110@example.com');
    expect(defaultTargetUri({ kind: 'queue', id: 'q', name: 'Q', address: 'sip:sales@pbx.example.com' }, 'example.com')).to.equal('sip:sales@pbx.example.com');
    expect(defaultTargetUri({ kind: 'agent', id: '7 01>', name: 'B' }, 'example.com')).to.equal('sip:701%3E@example.com');
  });
});
