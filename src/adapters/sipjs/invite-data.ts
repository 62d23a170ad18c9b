import { SIP_DEFAULTS, type SipCallbackDataOptions } from './config.js';

/** The header a JSON body part is moved to before sip.js parses an INVITE (see below). */
export const JSON_BODY_HEADER = 'X-Callback-Elements-Json-Body';

/**
 * The header fields of a raw SIP message, names as sent (sip.js canonicalises names and turns `_`
 * into `-`, which loses Genesys keys such as `_customer_number`). Folded lines are joined.
 */
export function rawHeaders(message: string): Array<[name: string, value: string]> {
  const head = message.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = head.split(/\r?\n/).slice(1);
  const fields: Array<[string, string]> = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && fields.length) {
      fields[fields.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

function decode(value: string, encoding: 'none' | 'uri'): string {
  if (encoding === 'none') return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The callback data carried by an INVITE, as untrusted strings: headers with the configured
 * prefix, explicitly mapped headers, and a JSON header. Keys that could reach an object's
 * prototype are dropped.
 */
export function callbackDataFromInvite(message: string, options: SipCallbackDataOptions = {}): Record<string, string> {
  const prefix = (options.headerPrefix ?? SIP_DEFAULTS.headerPrefix).toLowerCase();
  const encoding = options.valueEncoding ?? 'none';
  const mapped = new Map(Object.entries(options.headers ?? {}).map(([h, key]) => [h.toLowerCase(), key]));
  // A configured JSON header, and the one a multipart INVITE's JSON part was moved to.
  const jsonHeaders = new Set([options.jsonHeader?.toLowerCase(), JSON_BODY_HEADER.toLowerCase()]);
  const data: Record<string, string> = Object.create(null) as Record<string, string>;
  const put = (key: string, value: unknown) => {
    if (!key || key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (typeof value === 'string') data[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') data[key] = String(value);
  };
  for (const [name, value] of rawHeaders(message)) {
    const lower = name.toLowerCase();
    if (prefix && lower.startsWith(prefix) && lower.length > prefix.length && !jsonHeaders.has(lower)) put(name.slice(prefix.length), decode(value, encoding));
    const key = mapped.get(lower);
    if (key) put(key, decode(value, encoding));
    if (jsonHeaders.has(lower)) {
      try {
        const parsed: unknown = JSON.parse(decode(value, 'uri'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          for (const [k, v] of Object.entries(parsed)) put(k, v);
        }
      } catch {
        // Not JSON: ignored, like any other header we do not understand.
      }
    }
  }
  return { ...data };
}

/** True when an SDP offer puts us on hold (`sendonly` or `inactive`, or a 0.0.0.0 connection). */
export function sdpHoldsUs(sdp: string | undefined): boolean {
  if (!sdp) return false;
  const audio = sdp.split(/\r?\nm=/).find((part) => part.startsWith('audio')) ?? sdp;
  return /\ra=(sendonly|inactive)|\na=(sendonly|inactive)/.test(audio) || /\nc=IN IP4 0\.0\.0\.0/.test(audio);
}

/** The SIP status line inside a `message/sipfrag` NOTIFY body: its code, or undefined. */
export function sipfragStatus(body: string | undefined): number | undefined {
  const match = /^SIP\/2\.0\s+(\d{3})/.exec(body?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}


const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * sip.js 0.21 cannot parse a multipart body: an INVITE carrying its SDP with a JSON part beside it
 * (`multipart/mixed`, how some routing platforms attach callback data) would be refused. This
 * rewrites such a raw INVITE before sip.js sees it: the SDP part becomes the body, and the JSON
 * parts travel on in one header (URI-encoded), which `callbackDataFromInvite` reads. Anything else
 * is returned as it is.
 */
export function unwrapMultipartInvite(message: string): string {
  if (!message.startsWith('INVITE ')) return message;
  const split = /\r?\n\r?\n/.exec(message);
  if (!split) return message;
  const head = message.slice(0, split.index);
  const body = message.slice(split.index + split[0].length);
  const lines = head.split(/\r?\n/);
  const typeIndex = lines.findIndex((l) => /^(content-type|c)\s*:/i.test(l));
  const type = typeIndex >= 0 ? lines[typeIndex]!.slice(lines[typeIndex]!.indexOf(':') + 1).trim() : '';
  const boundary = /^multipart\/mixed\b.*?;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!boundary) return message;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const parts = body
    .split(delimiter)
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .map((part) => {
      const text = part.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
      const gap = /\r?\n\r?\n/.exec(text);
      const headers = gap ? text.slice(0, gap.index) : '';
      const content = gap ? text.slice(gap.index + gap[0].length) : text;
      const partType = /^content-type\s*:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain';
      // The line break before a boundary belongs to the boundary (RFC 2046): a sender that put only
      // one there ended its SDP with it. Every SDP line ends with one, the last too (Chromium
      // refuses the description otherwise: "Invalid SDP line").
      if (partType === 'application/sdp' && content && !content.endsWith('\n')) return { type: partType, content: `${content}\r\n` };
      return { type: partType, content };
    });
  const sdp = parts.find((p) => p.type === 'application/sdp');
  if (!sdp) return message;
  const json: Record<string, unknown> = {};
  for (const part of parts.filter((p) => p.type === 'application/json' || p.type.endsWith('+json'))) {
    try {
      const value: unknown = JSON.parse(part.content);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, v] of Object.entries(value)) if (key !== '__proto__') json[key] = v;
      }
    } catch {
      // A JSON part that does not parse carries no data.
    }
  }
  const kept = lines.filter((l, i) => i !== typeIndex && !/^(content-length|l)\s*:/i.test(l) && !l.toLowerCase().startsWith(`${JSON_BODY_HEADER.toLowerCase()}:`));
  kept.push('Content-Type: application/sdp', `Content-Length: ${utf8Length(sdp.content)}`);
  if (Object.keys(json).length) kept.push(`${JSON_BODY_HEADER}: ${encodeURIComponent(JSON.stringify(json))}`);
  return `${kept.join('\r\n')}\r\n\r\n${sdp.content}`;
}

/**
 * Why the browser could not connect the audio of an SDP offer, in SIP terms (for a `Warning`
 * header); empty when it can, or when there is no offer (a late offer: the INVITE has no SDP and
 * the browser makes the offer). Deliberately simple and conservative: it refuses only what
 * Chromium refuses (an SDP it cannot parse, no ICE credentials, no DTLS fingerprint, no rtcp-mux,
 * a transport that is not RTP) and an offer without audio; plain RTP/AVP from a desk phone or a
 * trunk without a WebRTC gateway lacks ICE and DTLS-SRTP.
 */
export function webrtcOfferProblems(sdp: string | undefined): string[] {
  if (!sdp?.trim()) return [];
  // Chromium parses line by line: every line, the last one too, ends with a line break, and there
  // are no blank lines.
  if (!sdp.endsWith('\n')) return ['unparsable SDP (no line break after its last line)'];
  const lines = sdp.replace(/\r?\n$/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== 'v=0' || lines.some((line) => !/^[a-z]=/.test(line))) return ['unparsable SDP'];
  const audio = lines.filter((line) => line.startsWith('m=audio '));
  if (!audio.length) return ['no audio stream'];
  const problems: string[] = [];
  const rtp = /^(?:(?:UDP|TCP)\/(?:TLS|DTLS)\/)?RTP\/S?AVPF?$/i;
  if (!audio.some((line) => rtp.test(line.split(/\s+/)[2] ?? ''))) problems.push('audio not over RTP');
  const has = (attribute: string) => lines.some((line) => line.startsWith(`a=${attribute}`));
  if (!has('fingerprint:')) problems.push('no DTLS fingerprint');
  if (!has('ice-ufrag:') || !has('ice-pwd:')) problems.push('no ICE credentials');
  if (!lines.some((line) => /^a=rtcp-mux\s*$/.test(line))) problems.push('no rtcp-mux');
  return problems;
}

/**
 * The option tags of an INVITE's `Require` header values (comma lists, any case) that are not in
 * `supported`: what a 420 Bad Extension lists in `Unsupported` (RFC 3261 §8.2.2.3).
 */
export function unsupportedRequirements(require: readonly string[], supported: readonly string[]): string[] {
  const known = new Set(supported.map((tag) => tag.toLowerCase()));
  const tags = require.flatMap((value) => value.split(',')).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  return [...new Set(tags.filter((tag) => !known.has(tag)))];
}

/**
 * A 400 Bad Request for a raw request that sip.js cannot parse (a From with escapes that are not
 * UTF-8, `bad%FF%FEuser`, for one): sip.js drops such a request unanswered, and the caller waits for
 * its proxy's timeout. Built from the request's own Via, From, To, Call-ID and CSeq; undefined for
 * a response, an ACK (never answered) or a request without those headers.
 */
export function badRequestFor(message: string, toTag: string): string | undefined {
  const method = /^([A-Za-z]+) \S+ SIP\/2\.0\r?\n/.exec(message)?.[1];
  if (!method || method.toUpperCase() === 'ACK') return undefined;
  const headers = rawHeaders(message);
  const values = (...names: string[]) => headers.filter(([name]) => names.includes(name.toLowerCase())).map(([, value]) => value);
  const via = values('via', 'v');
  const [from] = values('from', 'f');
  const [to] = values('to', 't');
  const [callId] = values('call-id', 'i');
  const [cseq] = values('cseq');
  if (!via.length || !from || !to || !callId || !cseq) return undefined;
  const tagged = /;\s*tag=/i.test(to) ? to : `${to};tag=${toTag}`;
  return [
    'SIP/2.0 400 Bad Request',
    ...via.map((value) => `Via: ${value}`),
    `From: ${from}`,
    `To: ${tagged}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
