import { expect } from '@open-wc/testing';
import { dateTimeFormat, numberFormat } from '../../src/elements/shared/intl-cache.js';
import { formatDateTime } from '../../src/elements/shared/format.js';

describe('Intl formatters are made once per locale and options', () => {
  it('returns the same formatter for the same locale and options, another for other options', () => {
    const a = dateTimeFormat('es', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Madrid' });
    expect(dateTimeFormat('es', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Madrid' }) === a).to.equal(true);
    expect(dateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Madrid' }) === a).to.equal(false);
    expect(numberFormat('es') === numberFormat('es')).to.equal(true);
  });

  it('still formats in the given locale and zone, and still rejects an unknown zone', () => {
    const t = Date.UTC(2026, 10, 25, 15, 0);
    expect(formatDateTime(t, 'en-US', 'America/New_York', t)).to.equal('10:00 AM');
    expect(formatDateTime(t, 'es', 'Europe/Madrid', t)).to.equal('16:00');
    expect(() => dateTimeFormat('en', { timeZone: 'Not/AZone' })).to.throw(RangeError);
  });
});
