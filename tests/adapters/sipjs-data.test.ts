import { expect } from '@open-wc/testing';
import { callbackDataFromInvite, defaultTargetUri, escapeUserPart } from '../../src/adapters/sipjs/index.js';
import {
  badRequestFor,
  rawHeaders,
  sdpHoldsUs,
  sipfragStatus,
  unsupportedRequirements,
  unwrapMultipartInvite,
  webrtcOfferProblems,
} from '../../src/adapters/sipjs/invite-data.js';
import { browserOffer, PLAIN_RTP_SDP } from '../helpers/raw-sip.js';
import { itExcept } from '../helpers/engine.js';

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
  const multipart = (json: string, boundary = 'b1', sdpPart = sdp) =>
    [
      'INVITE sip:agent@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1',
      `Content-Type: multipart/mixed;boundary="${boundary}"`,
      'Content-Length: 999',
      '',
      `--${boundary}`,
      'Content-Type: application/sdp',
      '',
      sdpPart,
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

  it('keeps the SDP\'s last line break when only one CRLF precedes the boundary (it belongs to the boundary)', () => {
    for (const ending of ['\r\n', '']) {
      const out = unwrapMultipartInvite(multipart('{"a": "1"}', 'b1', sdp.replace(/\r\n$/, ending)));
      const body = out.slice(out.indexOf('\r\n\r\n') + 4);
      expect(body, JSON.stringify(ending)).to.equal(sdp);
      expect(out).to.include(`Content-Length: ${new TextEncoder().encode(sdp).length}`);
      expect(webrtcOfferProblems(body)).to.not.include('unparsable SDP (no line break after its last line)');
    }
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

describe('sip.js adapter: what the browser cannot take, told before it rings (pure)', () => {
  // These compare with an offer the browser itself makes: WebKitGTK from Debian is built without
  // WebRTC (no RTCPeerConnection).
  itExcept(['webkit'])("never refuses this browser's own offer, nor an INVITE without SDP (late offer)", async () => {
    const real = await browserOffer();
    expect(webrtcOfferProblems(real)).to.deep.equal([]);
    expect(webrtcOfferProblems(real.replace(/\r\n/g, '\n')), 'bare LF').to.deep.equal([]);
    expect(webrtcOfferProblems(real.replace(/UDP\/TLS\/RTP\/SAVPF/g, 'RTP/SAVPF')), 'legacy RTP/SAVPF').to.deep.equal([]);
    expect(webrtcOfferProblems(undefined)).to.deep.equal([]);
    expect(webrtcOfferProblems('')).to.deep.equal([]);
  });

  itExcept(['webkit'])('names what a plain RTP/AVP desk phone lacks, and what Chromium would refuse', async () => {
    expect(webrtcOfferProblems(PLAIN_RTP_SDP)).to.deep.equal(['no DTLS fingerprint', 'no ICE credentials', 'no rtcp-mux']);
    const real = await browserOffer();
    expect(webrtcOfferProblems(real.replace(/a=fingerprint:.*\r\n/g, ''))).to.deep.equal(['no DTLS fingerprint']);
    expect(webrtcOfferProblems(real.replace(/a=ice-pwd:.*\r\n/g, ''))).to.deep.equal(['no ICE credentials']);
    expect(webrtcOfferProblems(real.replace(/a=rtcp-mux\r\n/g, ''))).to.deep.equal(['no rtcp-mux']);
    expect(webrtcOfferProblems(real.replace(/UDP\/TLS\/RTP\/SAVPF/g, 'UDP/TLS/FOO'))).to.deep.equal(['audio not over RTP']);
    expect(webrtcOfferProblems(real.replace('m=audio', 'm=video'))).to.deep.equal(['no audio stream']);
    expect(webrtcOfferProblems(real.replace('a=rtcp-mux\r\n', 'a=rtcp-mux\r\n\r\n'))).to.deep.equal(['unparsable SDP']);
    expect(webrtcOfferProblems(`${real}\r\n`)).to.deep.equal(['unparsable SDP']);
    expect(webrtcOfferProblems('{"sdp": "no"}\r\n')).to.deep.equal(['unparsable SDP']);
    expect(webrtcOfferProblems(real.replace(/\r\n$/, ''))).to.deep.equal(['unparsable SDP (no line break after its last line)']);
  });

  it('lists the Require option tags we do not support (420 Unsupported)', () => {
    expect(unsupportedRequirements(['100rel'], ['outbound', 'replaces'])).to.deep.equal(['100rel']);
    expect(unsupportedRequirements(['Replaces, 100REL', 'timer'], ['outbound', 'replaces'])).to.deep.equal(['100rel', 'timer']);
    expect(unsupportedRequirements(['replaces'], ['outbound', 'replaces'])).to.deep.equal([]);
    expect(unsupportedRequirements([], ['outbound'])).to.deep.equal([]);
  });

  it('builds a 400 from the raw request sip.js could not parse; never for a response or an ACK', () => {
    const raw = [
      'INVITE sip:agent@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/WS proxy;branch=z9hG4bK2',
      'v: SIP/2.0/WS x.invalid;branch=z9hG4bK1',
      'From: <sip:bad%FF%FEuser@127.0.0.1>;tag=f1',
      'To: <sip:agent@127.0.0.1>',
      'Call-ID: c1',
      'CSeq: 7 INVITE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    expect(badRequestFor(raw, 't9')).to.equal(
      [
        'SIP/2.0 400 Bad Request',
        'Via: SIP/2.0/WS proxy;branch=z9hG4bK2',
        'Via: SIP/2.0/WS x.invalid;branch=z9hG4bK1',
        'From: <sip:bad%FF%FEuser@127.0.0.1>;tag=f1',
        'To: <sip:agent@127.0.0.1>;tag=t9',
        'Call-ID: c1',
        'CSeq: 7 INVITE',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    expect(badRequestFor(raw.replace('INVITE sip', 'ACK sip'), 't9')).to.equal(undefined);
    expect(badRequestFor('SIP/2.0 200 OK\r\n\r\n', 't9')).to.equal(undefined);
    expect(badRequestFor(raw.replace('Call-ID: c1\r\n', ''), 't9')).to.equal(undefined);
  });
});
