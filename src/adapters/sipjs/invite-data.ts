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
