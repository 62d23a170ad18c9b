import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/call-status.js';
import '../../src/case-history.js';
import type { CallStatus } from '../../src/call-status.js';
import type { CaseHistory } from '../../src/case-history.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { formatDateTime, formatDuration, formatTime } from '../../src/elements/shared/format.js';
import { formatHours, formatSlot, formatWeekdayTime } from '../../src/elements/callback-scheduler/callback-scheduler.time.js';
import '../helpers/lit-warnings.js';

/**
 * A time of day and a duration never read alike, in English or Spanish: "0:43" (a quarter to one
 * at night) next to "Duración: 0:05" (five seconds) read the same. Times of day: two-digit hours
 * on a 24-hour clock, or a day period; durations: units.
 */

const AT_0_43 = Date.UTC(2026, 10, 25, 0, 43);

describe('times of day and durations', () => {
  it('a time of day: "00:43" in Spanish (never "0:43"), "12:43 AM" in English', () => {
    expect(formatTime(AT_0_43, 'es', 'UTC')).to.equal('00:43');
    expect(formatTime(AT_0_43, 'en', 'UTC')).to.equal('12:43 AM');
    expect(formatTime(Date.UTC(2026, 10, 25, 9, 5), 'es', 'UTC')).to.equal('09:05');
    expect(formatTime(Date.UTC(2026, 10, 25, 9, 5), 'en', 'UTC')).to.equal('9:05 AM');
    expect(formatDateTime(AT_0_43, 'es', 'UTC', AT_0_43 - 86_400_000)).to.equal('mié, 25 nov, 00:43');
    expect(formatDateTime(AT_0_43, 'en', 'UTC', AT_0_43 - 86_400_000)).to.equal('Wed, Nov 25, 12:43 AM');
  });

  it('the scheduler\'s times of day too: free times, the contact\'s daytime hours, the rescheduled time', () => {
    const nine = Date.UTC(2026, 10, 25, 9, 0);
    expect(formatSlot(nine, nine + 30 * 60_000, 'es', 'UTC')).to.equal('09:00–09:30');
    expect(formatSlot(nine, nine + 30 * 60_000, 'en', 'UTC')).to.equal('9:00 – 9:30 AM');
    expect(formatHours({ start: 8 * 60, end: 21 * 60 }, 'es')).to.equal('08:00–21:00');
    expect(formatWeekdayTime(AT_0_43, 'es', 'UTC')).to.equal('mié, 00:43');
  });

  it('a duration has units: "5 s", "1 min y 5 s" in Spanish; "5 sec", "1 min, 5 sec" in English', () => {
    expect([0, 5, 65, 600, 3605].map((s) => formatDuration(s, 'es'))).to.deep.equal(['0 s', '5 s', '1 min y 5 s', '10 min y 0 s', '1 h, 0 min, 5 s']);
    expect([0, 5, 65, 600, 3605].map((s) => formatDuration(s, 'en'))).to.deep.equal(['0 sec', '5 sec', '1 min, 5 sec', '10 min, 0 sec', '1 hr, 0 min, 5 sec']);
  });

  it('the same without Intl.DurationFormat (older browsers): units from Intl.NumberFormat', () => {
    const intl = Intl as { DurationFormat?: unknown };
    const saved = intl.DurationFormat;
    delete intl.DurationFormat;
    try {
      expect([5, 65, 3605].map((s) => formatDuration(s, 'es'))).to.deep.equal(['5 s', '1 min y 5 s', '1 h, 0 min, 5 s']);
      expect([5, 65].map((s) => formatDuration(s, 'en'))).to.deep.equal(['5 sec', '1 min, 5 sec']);
    } finally {
      intl.DurationFormat = saved;
    }
  });

  for (const [lang, duration, time] of [
    ['es', 'Duración: 5 s', '00:43'],
    ['en', 'Duration: 5 sec', '12:43 AM'],
  ] as const) {
    it(`side by side in one window (${lang}): the call's duration "${duration}" and the case history's time "${time}"`, async () => {
      const start = new Date(2026, 10, 25, 0, 43).getTime();
      const clock = new ManualClock(start);
      const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
      const offer = await cc.offer('immediate');
      await cc.accept(offer.id);
      const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
        <call-status interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .clock=${clock}></call-status>
        <case-history interaction-id=${offer.id} .adapter=${cc} .clock=${clock}></case-history>
      </div>`);
      const status = wrapper.querySelector<CallStatus>('call-status')!;
      const history = wrapper.querySelector<CaseHistory>('case-history')!;
      clock.advance(5_000);
      await aTimeout(0);
      const durationText = () => status.shadowRoot!.querySelector('[part=duration]')?.textContent?.replace(/\s+/g, ' ').trim();
      await waitUntil(() => durationText() === duration, `duration reads "${durationText()}"`);
      const times = () => [...history.shadowRoot!.querySelectorAll('time')].map((t) => t.textContent!.trim());
      await waitUntil(() => times().includes(time), `history times: ${times().join(' | ')}`);
      expect(times().every((t) => !/(^|\D)\d:\d\d/.test(t)), 'no single-digit hour').to.equal(true);
    });
  }
});
