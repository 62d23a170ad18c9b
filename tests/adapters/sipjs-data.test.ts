import { expect } from '@open-wc/testing';
import { callbackDataFromInvite, defaultTargetUri, escapeUserPart } from '../../src/adapters/sipjs/index.js';
import { rawHeaders, sdpHoldsUs, sipfragStatus, unwrapMultipartInvite } from '../../src/adapters/sipjs/invite-data.js';

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

describe('sip.js adapter: a multipart INVITE (SDP + JSON) before sip.js sees it (pure)', () => {
  const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
  const multipart = (json: string, boundary = 'b1') =>
    [
      'INVITE sip:agent@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1',
      `Content-Type: multipart/mixed;boundary="${boundary}"`,
      'Content-Length: 999',
      '',
      `--${boundary}`,
      'Content-Type: application/sdp',
      '',
      sdp,
      `--${boundary}`,
      'Content-Type: application/json',
      '',
      json,
      `--${boundary}--`,
      '',
    ].join('\r\n');

  it('keeps the SDP as the body, with a correct length, and moves the JSON into the callback data', () => {
    const out = unwrapMultipartInvite(multipart(JSON.stringify({ _CB_SERVICE_ID: 'cb-9', firstname: 'Zoë', n: 3 })));
    const [head, body] = out.split('\r\n\r\n');
    expect(body).to.equal(sdp);
    expect(head).to.include('Content-Type: application/sdp');
    expect(head).to.include(`Content-Length: ${new TextEncoder().encode(sdp).length}`);
    expect(head).to.not.include('multipart');
    expect(callbackDataFromInvite(out)).to.deep.equal({ _CB_SERVICE_ID: 'cb-9', firstname: 'Zoë', n: '3' });
  });

  it('drops a JSON part that does not parse, and never sets a prototype', () => {
    expect(callbackDataFromInvite(unwrapMultipartInvite(multipart('{not json')))).to.deep.equal({});
    const out = unwrapMultipartInvite(multipart('{"__proto__": {"polluted": "yes"}, "ok": "1"}'));
    expect(callbackDataFromInvite(out)).to.deep.equal({ ok: '1' });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('leaves other messages alone', () => {
    const plain = invite(['X-Genesys-a: 1']);
    expect(unwrapMultipartInvite(plain)).to.equal(plain);
    expect(unwrapMultipartInvite(multipart('{}').replace('INVITE ', 'MESSAGE '))).to.equal(multipart('{}').replace('INVITE ', 'MESSAGE '));
  });
});
