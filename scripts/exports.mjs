// Keeps package.json's `exports` and `sideEffects` in step with the files in src/ (see entries.mjs).
//   node scripts/exports.mjs --check   exits 1 and says what differs when package.json is stale
//   node scripts/exports.mjs --write   rewrites those two fields (npm run exports)
// tests/node/exports.test.mjs runs the check.
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportsMap, root, sideEffects } from './entries.mjs';

const packageJsonPath = join(root, 'package.json');

/** The fields this script owns, as they should be. */
export const expectedFields = () => ({ exports: exportsMap(), sideEffects: sideEffects() });

/** Names of the owned fields that differ from package.json (empty when current). */
export function staleFields(pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'))) {
  return Object.entries(expectedFields())
    .filter(([field, value]) => !isDeepStrictEqual(pkg[field], value))
    .map(([field]) => field);
}

export function writeFields() {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  Object.assign(pkg, expectedFields()); // existing keys keep their place in the file
  writeFileSync(packageJsonPath, `${JSON.stringify(pkg, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  if (mode === '--write') {
    writeFields();
    console.log('package.json: exports and sideEffects written.');
  } else if (mode === '--check') {
    const stale = staleFields();
    if (stale.length) {
      console.error(`package.json ${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run npm run exports`);
      console.error(JSON.stringify(expectedFields(), null, 2));
      process.exit(1);
    }
    console.log('package.json: exports and sideEffects are current.');
  } else {
    console.error('usage: node scripts/exports.mjs --check | --write');
    process.exit(2);
  }
}
