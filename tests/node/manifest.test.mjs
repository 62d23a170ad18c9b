// custom-elements.json is committed; it must match what `npm run analyze` generates from src/ now,
// and it must declare every tag that a `src/<tag>.ts` registration entry defines.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual, promisify } from 'node:util';
import { registrationEntries, root } from '../../scripts/entries.mjs';

const committedPath = join(root, 'custom-elements.json');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Paths of the modules added, removed or changed between two manifests. */
function changedModules(before, after) {
  const byPath = (manifest) => new Map((manifest.modules ?? []).map((mod) => [mod.path, mod]));
  const [a, b] = [byPath(before), byPath(after)];
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => !isDeepStrictEqual(a.get(path), b.get(path)));
}

test('custom-elements.json is current', async () => {
  assert.ok(existsSync(committedPath), 'custom-elements.json is missing: run npm run analyze');
  const out = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    const cem = join(dirname(createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
    // Same command as `npm run analyze`; the analyzer joins --outdir onto the working directory.
    const args = [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, out), '--quiet'];
    await promisify(execFile)(process.execPath, args, { cwd: root });
    const fresh = readJson(join(out, 'custom-elements.json'));
    const committed = readJson(committedPath);
    if (!isDeepStrictEqual(committed, fresh)) {
      assert.fail(`custom-elements.json is stale: run npm run analyze (differs in: ${changedModules(committed, fresh).join(', ') || 'top level'})`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('every src/<tag>.ts registration entry has a custom element declaration', (t) => {
  const entries = registrationEntries();
  if (!entries.length) return t.skip('no src/<tag>.ts registration entry yet');
  assert.ok(existsSync(committedPath), 'custom-elements.json is missing: run npm run analyze');
  const declared = new Map(
    readJson(committedPath)
      .modules.flatMap((mod) => (mod.declarations ?? []).map((declaration) => ({ ...declaration, module: mod.path })))
      .filter((declaration) => declaration.customElement && declaration.tagName)
      .map((declaration) => [declaration.tagName, declaration]),
  );
  for (const { tag, source } of entries) {
    assert.ok(
      declared.has(tag),
      `${source}: <${tag}> is not a custom element declaration in custom-elements.json; define it with ` +
        `customElements.define('${tag}', Class) (a string literal, or a const holding one) and run npm run analyze`,
    );
  }
});

test('docs/api.md is current with custom-elements.json', async () => {
  await promisify(execFile)(process.execPath, [join(root, 'scripts/api-docs.mjs'), '--check'], { cwd: root });
});
