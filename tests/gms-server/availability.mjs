// Office hours of the contract server's callback service: half-hour buckets, 08:00-18:00 on
// weekdays in the service's time zone (UTC for availability v1, the `timezone` of v2), a few
// callbacks per bucket, the 12:00-13:00 buckets full every day (lunch), minus what is booked.

export const BUCKET_MS = 30 * 60 * 1000;
export const OPEN_HOUR = 8;
export const CLOSE_HOUR = 18;
export const BUCKET_CAPACITY = 3;

/** Wall-clock parts of `time` in `timeZone`. */
function localParts(time, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(time));
  const get = (type) => parts.find((p) => p.type === type)?.value;
  return { weekday: get('weekday'), hour: Number(get('hour')), minute: Number(get('minute')) };
}

export function isValidTimeZone(timeZone) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Base capacity of the bucket starting at `start` (0 outside office hours). */
function baseCapacity(start, timeZone) {
  const { weekday, hour } = localParts(start, timeZone);
  if (weekday === 'Sat' || weekday === 'Sun') return 0;
  if (hour < OPEN_HOUR || hour >= CLOSE_HOUR) return -1;
  if (hour === 12) return 0;
  return BUCKET_CAPACITY;
}

export function bucketStart(time) {
  return Math.floor(time / BUCKET_MS) * BUCKET_MS;
}

/**
 * Buckets in office hours overlapping [from, to) as `[start, freeSlots]`, full ones included.
 * `booked(start)` counts open callbacks whose desired time is in the bucket.
 */
export function buckets(from, to, timeZone, booked) {
  const result = [];
  for (let start = bucketStart(from); start < to; start += BUCKET_MS) {
    const base = baseCapacity(start, timeZone);
    if (base < 0 || (base === 0 && !isOfficeDay(start, timeZone))) continue;
    result.push([start, Math.max(0, base - booked(start))]);
  }
  return result;
}

function isOfficeDay(start, timeZone) {
  const { weekday } = localParts(start, timeZone);
  return weekday !== 'Sat' && weekday !== 'Sun';
}

/** Free slots a callback at `time` could take instead: the next open buckets (at most `max`). */
export function alternatives(time, now, timeZone, booked, max = 5) {
  const from = Math.max(bucketStart(time) - 2 * 60 * 60 * 1000, now);
  const open = buckets(from, from + 8 * 24 * 60 * 60 * 1000, timeZone, booked).filter(([start, free]) => free > 0 && start + BUCKET_MS > now);
  return open
    .sort((a, b) => Math.abs(a[0] - time) - Math.abs(b[0] - time))
    .slice(0, max)
    .sort((a, b) => a[0] - b[0]);
}

/** True when a callback may be booked at `time`. */
export function hasRoom(time, timeZone, booked) {
  const start = bucketStart(time);
  const base = baseCapacity(start, timeZone);
  return base > 0 && base - booked(start) > 0;
}
