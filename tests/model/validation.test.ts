import { expect } from '@open-wc/testing';
import {
  findDisposition,
  isDtmfKey,
  validateDisposition,
  validateDtmf,
  validatePhoneNumber,
  validateRescheduleTime,
} from '../../src/model/validation.js';
import type { DispositionNode } from '../../src/model/interaction.js';
import { T0 } from '../helpers/fixtures.js';

describe('validation', () => {
  describe('phone numbers', () => {
    it('accepts an international number and gives E.164', async () => {
      const r = await validatePhoneNumber('+34 912 34 56 78');
      expect(r.ok).to.equal(true);
      if (r.ok) expect(r.value.e164).to.equal('+34912345678');
    });
    it('reads a national number in the default country', async () => {
      const r = await validatePhoneNumber('(650) 253-0000', 'US');
      expect(r.ok && r.value.e164).to.equal('+16502530000');
    });
    it('refuses letters, empty, too short, too long, and a national number with no country', async () => {
      expect(await validatePhoneNumber('call me maybe')).to.include({ ok: false, code: 'phone-invalid' });
      expect(await validatePhoneNumber('  ')).to.include({ ok: false, code: 'phone-empty' });
      expect(await validatePhoneNumber('+34 91')).to.include({ ok: false, code: 'phone-too-short' });
      expect(await validatePhoneNumber('+34 912 345 678 912 345')).to.include({ ok: false, code: 'phone-too-long' });
      expect(await validatePhoneNumber('912345678')).to.include({ ok: false, code: 'phone-invalid-country' });
    });
    it('refuses a number of the right length that no plan has', async () => {
      expect(await validatePhoneNumber('+1 000 000 0000')).to.include({ ok: false });
    });
  });

  describe('DTMF', () => {
    it('accepts 0-9 * # A-D, upper-cases and drops spaces', () => {
      expect(validateDtmf('12 34*#ab')).to.deep.equal({ ok: true, value: '1234*#AB' });
    });
    it('refuses other characters and empty input', () => {
      expect(validateDtmf('12E')).to.include({ ok: false, code: 'dtmf-invalid' });
      expect(validateDtmf('')).to.include({ ok: false, code: 'dtmf-empty' });
    });
    it('knows a keypad key', () => {
      expect(['5', '*', '#', 'd'].every(isDtmfKey)).to.equal(true);
      expect(['e', '12', ' ', '+'].some(isDtmfKey)).to.equal(false);
    });
  });

  describe('reschedule time', () => {
    const now = T0;
    it('must be a time in the future and not too far', () => {
      expect(validateRescheduleTime(undefined, { now })).to.include({ ok: false, code: 'time-invalid' });
      expect(validateRescheduleTime(Number.NaN, { now })).to.include({ ok: false, code: 'time-invalid' });
      expect(validateRescheduleTime(now - 60_000, { now })).to.include({ ok: false, code: 'time-past' });
      expect(validateRescheduleTime(now, { now })).to.include({ ok: false, code: 'time-past' });
      expect(validateRescheduleTime(now + 31 * 86_400_000, { now })).to.include({ ok: false, code: 'time-too-far' });
      expect(validateRescheduleTime(new Date(now + 3_600_000), { now })).to.deep.equal({ ok: true, value: now + 3_600_000 });
    });
    it('must fall in an open availability slot; offers the nearest ones otherwise', () => {
      const hour = 3_600_000;
      const slots = [
        { start: now + hour, end: now + 2 * hour, capacity: 0 },
        { start: now + 2 * hour, end: now + 3 * hour, capacity: 4 },
        { start: now + 5 * hour, end: now + 6 * hour, capacity: 1 },
      ];
      expect(validateRescheduleTime(now + 2.5 * hour, { now, slots }).ok).to.equal(true);
      const full = validateRescheduleTime(now + 1.5 * hour, { now, slots });
      expect(full).to.include({ ok: false, code: 'time-unavailable' });
      if (!full.ok) expect(full.alternatives!.map((s) => s.capacity)).to.deep.equal([4, 1]);
    });
  });

  describe('disposition', () => {
    const tree: DispositionNode[] = [
      { code: 'sales', label: 'Sales', children: [{ code: 'SALE', label: 'Sale made' }, { code: 'NOSALE', label: 'No sale' }] },
      { code: 'CALLBACK', label: 'Call back later' },
    ];
    it('finds codes in folders, not folders themselves', () => {
      expect(findDisposition(tree, 'NOSALE')).to.deep.equal({ code: 'NOSALE', label: 'No sale' });
      expect(findDisposition(tree, 'sales')).to.equal(undefined);
    });
    it('required only when mandatory; unknown codes refused', () => {
      expect(validateDisposition(undefined, tree, false)).to.deep.equal({ ok: true, value: undefined });
      expect(validateDisposition('', tree, true)).to.include({ ok: false, code: 'disposition-required' });
      expect(validateDisposition('BOGUS', tree, false)).to.include({ ok: false, code: 'disposition-unknown' });
      expect(validateDisposition('CALLBACK', tree, true)).to.deep.include({ ok: true });
    });
  });
});
