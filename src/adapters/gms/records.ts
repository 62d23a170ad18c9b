import type { AvailabilitySlot, CaseField, Interaction } from '../../model/interaction.js';

/** A callback as GMS returns it from a query. */
export interface GmsCallbackRecord {
  _id: string;
  _desired_time?: string;
  _service_name?: string;
  _callback_state?: string;
  _callback_reason?: string;
  _expiration_time?: string;
  _customer_number?: string;
  _url?: string;
  [key: string]: unknown;
}

/** Epoch ms written for the wire: ISO-8601 in UTC. */
export function toWireTime(time: number): string {
  return new Date(time).toISOString();
}

/** A wire time (any ISO-8601 with a zone) as epoch ms, or undefined. */
export function fromWireTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  // Reporting keys may carry epoch seconds (or ms) rather than ISO-8601.
  if (/^\d+$/.test(value.trim())) {
    const n = Number(value);
    return n < 1e12 ? n * 1000 : n;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * GMS availability `{ "<ISO>": free }` as slots in time order. GMS gives bucket starts only; a
 * bucket ends where the next contiguous one starts, or after the configured bucket length.
 */
export function slotsFromAvailability(map: Readonly<Record<string, unknown>>, bucketMs: number): AvailabilitySlot[] {
  const slots: AvailabilitySlot[] = [];
  for (const [key, value] of Object.entries(map)) {
    const start = fromWireTime(key);
    const capacity = typeof value === 'number' ? value : Number(value);
    if (start === undefined || !Number.isFinite(capacity)) continue;
    slots.push({ start, end: start + bucketMs, capacity: Math.max(0, capacity) });
  }
  return slots.sort((a, b) => a.start - b.start);
}

/**
 * A callback GMS holds but this agent does not (found by a query), as an interaction snapshot for
 * the duplicate warning: its state is `offered` because the model has no "waiting in the service"
 * state; only id, number, desired time and type are meaningful.
 */
export function interactionFromRecord(record: GmsCallbackRecord, now: number): Interaction {
  const desiredTime = fromWireTime(record._desired_time);
  const expiresAt = fromWireTime(record._expiration_time) ?? now;
  const phone = record._customer_number ?? '';
  const caseData: CaseField[] = Object.entries(record)
    .filter(([key, value]) => !key.startsWith('_') && typeof value === 'string')
    .map(([key, value]) => ({ key, value: value as string }));
  return {
    id: record._id,
    channel: 'voice',
    callbackType: record._callback_state === 'SCHEDULED' ? 'scheduled' : 'immediate',
    state: 'offered',
    contact: { name: phone, phone },
    ...(desiredTime === undefined ? {} : { desiredTime }),
    offer: { offeredAt: Math.min(now, expiresAt), expiresAt, canReject: false },
    caseData,
    attempts: [],
    history: [],
    note: '',
  };
}
