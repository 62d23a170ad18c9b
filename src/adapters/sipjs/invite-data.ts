import { SIP_DEFAULTS, type SipCallbackDataOptions } from './config.js';

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
  const json = options.jsonHeader?.toLowerCase();
  const data: Record<string, string> = Object.create(null) as Record<string, string>;
  const put = (key: string, value: unknown) => {
    if (!key || key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (typeof value === 'string') data[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') data[key] = String(value);
  };
  for (const [name, value] of rawHeaders(message)) {
    const lower = name.toLowerCase();
    if (prefix && lower.startsWith(prefix) && lower.length > prefix.length) put(name.slice(prefix.length), decode(value, encoding));
    const key = mapped.get(lower);
    if (key) put(key, decode(value, encoding));
    if (json && lower === json) {
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
