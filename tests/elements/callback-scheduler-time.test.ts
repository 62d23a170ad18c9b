import { expect } from '@open-wc/testing';
import { addDays, zonedDay, zonedParts, zonedToEpoch } from '../../src/elements/callback-scheduler/callback-scheduler.time.js';

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

describe('callback-scheduler time zones', () => {
  it('reads a date and time in a zone and writes them back', () => {
    expect(iso(zonedToEpoch('2026-11-25', '17:30', 'Europe/Madrid'))).to.equal('2026-11-25T16:30:00.000Z');
    expect(iso(zonedToEpoch('2026-11-25', '00:00', 'Asia/Kolkata'))).to.equal('2026-11-24T18:30:00.000Z');
    expect(zonedParts(Date.UTC(2026, 10, 24, 18, 30), 'Asia/Kolkata')).to.deep.equal({ date: '2026-11-25', time: '00:00' });
  });

  it('refuses empty and impossible input', () => {
    expect(zonedToEpoch('', '10:00', 'UTC')).to.equal(undefined);
    expect(zonedToEpoch('2026-11-25', '', 'UTC')).to.equal(undefined);
    expect(zonedToEpoch('2026-02-30', '10:00', 'UTC')).to.equal(undefined);
    expect(zonedToEpoch('2026-11-25', '24:10', 'UTC')).to.equal(undefined);
  });

  it('takes the first of a time shown twice and moves a skipped time past the gap', () => {
    expect(iso(zonedToEpoch('2026-11-01', '01:30', 'America/New_York'))).to.equal('2026-11-01T05:30:00.000Z');
    expect(iso(zonedToEpoch('2026-10-25', '02:30', 'Europe/Madrid'))).to.equal('2026-10-25T00:30:00.000Z');
    expect(iso(zonedToEpoch('2026-03-08', '02:30', 'America/New_York'))).to.equal('2026-03-08T07:30:00.000Z');
    expect(iso(zonedToEpoch('2026-03-29', '02:30', 'Europe/Madrid'))).to.equal('2026-03-29T01:30:00.000Z');
  });

  it('gives a day its real length in the zone', () => {
    const day = zonedDay('2026-03-08', 'America/New_York')!;
    expect((day.to - day.from) / 3_600_000).to.equal(23);
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
  });
});
