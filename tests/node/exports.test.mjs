// package.json's exports map and sideEffects must list every entry in src/ (scripts/exports.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedFields, staleFields } from '../../scripts/exports.mjs';

test('package.json exports and sideEffects match src/ (else: npm run exports)', () => {
  const stale = staleFields();
  assert.deepEqual(stale, [], `package.json ${stale.join(' and ')} stale: run npm run exports`);
});

test('every conditional export lists types first', () => {
  for (const [subpath, target] of Object.entries(expectedFields().exports)) {
    if (typeof target === 'object') assert.equal(Object.keys(target)[0], 'types', subpath);
  }
});
