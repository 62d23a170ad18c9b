import type { AvailabilitySlot, DispositionNode, DispositionRef } from './interaction.js';

/** Stable codes for bad input; elements turn them into localized messages. */
export type ValidationCode =
  | 'phone-empty'
  | 'phone-invalid'
  | 'phone-too-short'
  | 'phone-too-long'
  | 'phone-invalid-country'
  /** The phone library could not be fetched (offline): the number was not checked; try again later. */
  | 'phone-unchecked'
  | 'dtmf-empty'
  | 'dtmf-invalid'
  | 'time-invalid'
  | 'time-past'
  | 'time-too-far'
  | 'time-unavailable'
  | 'disposition-required'
  | 'disposition-unknown';

export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; code: ValidationCode; message: string; alternatives?: readonly AvailabilitySlot[] };

const invalid = <T>(
  code: ValidationCode,
  message: string,
  alternatives?: readonly AvailabilitySlot[],
): Validation<T> => (alternatives ? { ok: false, code, message, alternatives } : { ok: false, code, message });

/** A phone number in E.164 plus how to show it to a person. */
export interface PhoneNumber {
  e164: string;
  national: string;
  international: string;
  country?: string;
}

type PhoneLib = typeof import('./phone-library.js');
let phoneLib: Promise<PhoneLib> | undefined;

/**
 * Loads the phone-number library (and its metadata, ~80 KB) the first time a number is checked,
 * so the first render of an element does not pay for it. A fetch that failed (offline) is tried
 * again by the next check instead of failing every check after it.
 */
export function loadPhoneLibrary(): Promise<PhoneLib> {
  phoneLib ??= import('./phone-library.js').catch((error: unknown) => {
    phoneLib = undefined;
    throw error;
  });
  return phoneLib;
}

/**
 * Checks a number typed by an agent or sent by a form. Numbers without a `+` are read in
 * `defaultCountry` (ISO 3166 alpha-2, e.g. `US`); without one, only international numbers pass.
 */
export async function validatePhoneNumber(raw: string, defaultCountry?: string): Promise<Validation<PhoneNumber>> {
  const text = raw.trim();
  if (!text) return invalid('phone-empty', 'Enter a phone number.');
  if (!/^[+\d\s().\-/]+$/.test(text) && !/^[+\d\s().\-/]+\s*(ext\.?|x|#)\s*\d+$/i.test(text)) {
    return invalid('phone-invalid', 'A phone number has only digits, spaces and + ( ) - .');
  }
  let lib: PhoneLib;
  try {
    lib = await loadPhoneLibrary();
  } catch {
    return invalid('phone-unchecked', 'Cannot check the number now: check the connection.');
  }
  const country = defaultCountry?.toUpperCase() as Parameters<PhoneLib['validatePhoneNumberLength']>[1];
  const lengthProblem = lib.validatePhoneNumberLength(text, country);
  switch (lengthProblem) {
    case 'TOO_SHORT':
    case 'NOT_A_NUMBER':
      return invalid('phone-too-short', 'The phone number is too short.');
    case 'TOO_LONG':
      return invalid('phone-too-long', 'The phone number is too long.');
    case 'INVALID_COUNTRY':
      return invalid('phone-invalid-country', 'Add the country code, starting with +.');
    case 'INVALID_LENGTH':
      return invalid('phone-invalid', 'The phone number does not have a valid length.');
    case undefined:
      break;
  }
  const parsed = lib.parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) return invalid('phone-invalid', 'This is not a valid phone number.');
  return {
    ok: true,
    value: {
      e164: parsed.number,
      national: parsed.formatNational(),
      international: parsed.formatInternational(),
      ...(parsed.country ? { country: parsed.country } : {}),
    },
  };
}

const DTMF = /^[0-9*#A-D]+$/;

/** DTMF digits: 0-9, *, #, A-D (lower case accepted). Spaces are ignored. */
export function validateDtmf(raw: string): Validation<string> {
  const digits = raw.replace(/\s+/g, '').toUpperCase();
  if (!digits) return invalid('dtmf-empty', 'Enter digits to send.');
  if (!DTMF.test(digits)) return invalid('dtmf-invalid', 'Only 0-9, *, # and A-D can be sent.');
  return { ok: true, value: digits };
}

/** True for one key a DTMF keypad accepts. */
export function isDtmfKey(key: string): boolean {
  return key.length === 1 && DTMF.test(key.toUpperCase());
}

export interface RescheduleRules {
  now: number;
  /** Furthest allowed time from now (Genesys Cloud: 30 days). */
  maxAheadMs?: number;
  /** When the callback service gave availability, the time must fall in a slot with capacity. */
  slots?: readonly AvailabilitySlot[];
}

export const MAX_RESCHEDULE_AHEAD_MS = 30 * 24 * 60 * 60 * 1000;

/** A new callback time: a real time, in the future, not too far, and in an open slot when known. */
export function validateRescheduleTime(time: number | Date | undefined | null, rules: RescheduleRules): Validation<number> {
  const t = time instanceof Date ? time.getTime() : time;
  if (t === undefined || t === null || !Number.isFinite(t)) return invalid('time-invalid', 'Choose a date and time.');
  if (t <= rules.now) return invalid('time-past', 'The new time must be in the future.');
  if (t - rules.now > (rules.maxAheadMs ?? MAX_RESCHEDULE_AHEAD_MS)) {
    return invalid('time-too-far', 'The new time is too far ahead.');
  }
  if (rules.slots) {
    const open = rules.slots.filter((s) => s.capacity > 0 && s.end > rules.now);
    if (!open.some((s) => t >= s.start && t < s.end)) {
      const nearest = [...open].sort((a, b) => Math.abs(a.start - t) - Math.abs(b.start - t)).slice(0, 3);
      return invalid('time-unavailable', 'No callback can be taken at that time.', nearest.sort((a, b) => a.start - b.start));
    }
  }
  return { ok: true, value: t };
}

/** Finds a code in a flat list or a tree of folders. Folders themselves are not codes. */
export function findDisposition(codes: readonly DispositionNode[], code: string): DispositionRef | undefined {
  for (const node of codes) {
    if (node.children?.length) {
      const found = findDisposition(node.children, code);
      if (found) return found;
    } else if (node.code === code) {
      return { code: node.code, label: node.label };
    }
  }
  return undefined;
}

/** A disposition code: known, and present when mandatory. */
export function validateDisposition(
  code: string | undefined | null,
  codes: readonly DispositionNode[],
  mandatory: boolean,
): Validation<DispositionRef | undefined> {
  if (!code) {
    return mandatory ? invalid('disposition-required', 'Choose a disposition before marking done.') : { ok: true, value: undefined };
  }
  const found = findDisposition(codes, code);
  return found ? { ok: true, value: found } : invalid('disposition-unknown', `"${code}" is not a known disposition code.`);
}
