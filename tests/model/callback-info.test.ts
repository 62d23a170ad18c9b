import { expect } from '@open-wc/testing';
import { callbackInfoItems } from '../../src/model/callback-info.js';
import { makeInteraction } from '../helpers/fixtures.js';

describe('callback information items', () => {
  const interaction = makeInteraction({
    instructions: 'Call after 5pm',
    caseData: [
      { key: 'firstname', label: 'First name', value: 'Ana' },
      { key: 'subject', value: 'Refund' },
      { key: 'empty', value: '' },
    ],
  });

  it('default order: desired time, type, number, instructions, then the form data', () => {
    expect(callbackInfoItems(interaction).map((i) => i.key)).to.deep.equal([
      'desired-time', 'type', 'number', 'instructions', 'case:firstname', 'case:subject',
    ]);
  });

  it('follows a configured set and order, and leaves out empty values', () => {
    const items = callbackInfoItems({ ...interaction, instructions: undefined }, ['case:subject', 'number', 'instructions', 'case:*']);
    expect(items.map((i) => i.key)).to.deep.equal(['case:subject', 'number', 'case:firstname']);
  });

  it('case field labels fall back to the key; values pass through untouched', () => {
    const hostile = makeInteraction({ caseData: [{ key: 'note', value: '<img src=x onerror=alert(1)>' }] });
    const [item] = callbackInfoItems(hostile, ['case:*']);
    expect(item).to.deep.equal({ key: 'case:note', kind: 'case', label: 'note', value: '<img src=x onerror=alert(1)>' });
  });

  it('carries the contact time zone with the desired time', () => {
    const [item] = callbackInfoItems(interaction, ['desired-time']);
    expect(item).to.deep.include({ kind: 'time', contactTimeZone: 'Europe/Madrid' });
  });
});
