import type { AvailabilitySlot } from '../../model/interaction.js';

const SLOT_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OfficeHours {
  /** First and last hour (UTC, end exclusive) callbacks are taken on weekdays. */
  openHour: number;
  closeHour: number;
  /** Callbacks per half-hour slot before bookings. */
  capacity: number;
}

export const DEFAULT_OFFICE_HOURS: Readonly<OfficeHours> = Object.freeze({ openHour: 8, closeHour: 20, capacity: 4 });

/**
 * The callback service's calendar: half-hour slots in office hours on weekdays (UTC), each with a
 * capacity that shrinks as callbacks are rescheduled into it. Some slots start full, so the
 * "unavailable, try one of these" path is easy to reach in the demo.
 */
export class CallbackCalendar {
  readonly #hours: OfficeHours;
  readonly #booked = new Map<number, number>();

  constructor(hours: OfficeHours = DEFAULT_OFFICE_HOURS) {
    this.#hours = hours;
  }

  /** Slots that overlap [from, to), in time order, capacity 0 included (the service says "full"). */
  slots(from: number, to: number): AvailabilitySlot[] {
    const result: AvailabilitySlot[] = [];
    for (let start = Math.floor(from / SLOT_MS) * SLOT_MS; start < to; start += SLOT_MS) {
      if (!this.#isOpen(start)) continue;
      result.push({ start, end: start + SLOT_MS, capacity: this.#capacity(start) });
    }
    return result;
  }

  /** Takes one place in the slot holding `time`. */
  book(time: number): void {
    const start = Math.floor(time / SLOT_MS) * SLOT_MS;
    this.#booked.set(start, (this.#booked.get(start) ?? 0) + 1);
  }

  /** Forgets bookings of slots that ended before `now`: nobody can book the past. */
  forgetBefore(now: number): void {
    for (const start of this.#booked.keys()) if (start + SLOT_MS <= now) this.#booked.delete(start);
  }

  #isOpen(start: number): boolean {
    const date = new Date(start);
    const day = date.getUTCDay();
    const hour = date.getUTCHours();
    return day !== 0 && day !== 6 && hour >= this.#hours.openHour && hour < this.#hours.closeHour;
  }

  #capacity(start: number): number {
    // Every seventh slot of the day starts full: deterministic, so tests and the demo can rely on it.
    const index = Math.floor((start % DAY_MS) / SLOT_MS);
    const base = index % 7 === 3 ? 0 : this.#hours.capacity;
    return Math.max(0, base - (this.#booked.get(start) ?? 0));
  }
}
