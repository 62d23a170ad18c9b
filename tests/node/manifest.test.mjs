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

// The manifest serves tools (IDEs, Storybook, JSX and Vue type generators, VS Code custom data): it
// describes the package as shipped (custom-elements-manifest.config.mjs).
const elementsOf = (manifest) =>
  manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, module: mod.path })));

test('module paths are the shipped dist/*.js, each with its .d.ts', () => {
  const manifest = readJson(committedPath);
  for (const mod of manifest.modules) {
    assert.match(mod.path, /^dist\/.+\.js$/, `${mod.path}: not a dist/*.js path`);
    assert.equal(mod.typeDefinitionPath, mod.path.replace(/\.js$/, '.d.ts'), `${mod.path}: typeDefinitionPath`);
    // dist/x.js is built from src/x.ts (tests/node/consumer-types.test.mjs checks them in the tarball).
    const source = mod.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
    assert.ok(existsSync(join(root, source)), `${mod.path}: no ${source} builds it`);
  }
  const text = readFileSync(committedPath, 'utf8');
  assert.doesNotMatch(text, /"\/?src\//, 'a reference to a src/ module');
});

test('one declaration and one definition per tag, in its <tag>.js entry', () => {
  const manifest = readJson(committedPath);
  const declared = elementsOf(manifest).map((d) => d.tagName);
  assert.deepEqual(declared.filter((tag, i) => declared.indexOf(tag) !== i), [], 'tags declared twice');
  const definitions = manifest.modules.flatMap((mod) => (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => [e.name, mod.path]));
  assert.deepEqual(definitions.map(([tag]) => tag).sort(), [...declared].sort(), 'one definition per declared tag');
  for (const [tag, path] of definitions) assert.equal(path, `dist/${tag}.js`, `<${tag}> defined in ${path}`);
});

test('only the public API: no internal modules, no private members', () => {
  const manifest = readJson(committedPath);
  const paths = manifest.modules.map((mod) => mod.path);
  assert.deepEqual(paths.filter((path) => /^dist\/(generated|messages)\//.test(path) || path === 'dist/core.js'), [], 'internal modules');
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      const hidden = (d.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected' || m.name.startsWith('#'));
      assert.deepEqual(hidden.map((m) => m.name), [], `${mod.path} ${d.name}: private or protected members`);
    }
  }
  // 1.46 MB when it held every module under src/ (the Spanish message table, private helpers).
  const size = readFileSync(committedPath).length;
  assert.ok(size < 900_000, `custom-elements.json is ${size} bytes: does it hold internals again?`);
});

test('every CSS custom property has its default, and every element lists the global tokens', () => {
  const theming = readFileSync(join(root, 'docs/theming.md'), 'utf8');
  const globals = ['--cb-color-text', '--cb-color-accent', '--cb-color-focus-ring', '--cb-space', '--cb-space-1', '--cb-space-4', '--cb-radius', '--cb-font-family', '--cb-font-size', '--cb-shadow'];
  for (const name of globals) assert.ok(theming.includes(`\`${name.replace(/-\d$/, '-1')}\``), `${name} is not in docs/theming.md`);
  for (const element of elementsOf(readJson(committedPath))) {
    const properties = new Map((element.cssProperties ?? []).map((p) => [p.name, p]));
    for (const name of globals) assert.ok(properties.has(name), `<${element.tagName}> does not list the global token ${name}`);
    for (const p of properties.values()) assert.ok(p.default, `<${element.tagName}> ${p.name} has no default`);
  }
  const accent = elementsOf(readJson(committedPath))[0].cssProperties.find((p) => p.name === '--cb-color-accent');
  assert.equal(accent.default, 'light-dark(#0b5cad, #7cb4f0)', 'the accent default is docs/theming.md\'s light and dark values');
});

test('<callback-desk> lists the events its inner elements send through it, as the README tells hosts to listen for', () => {
  const desk = elementsOf(readJson(committedPath)).find((d) => d.tagName === 'callback-desk');
  const events = new Set((desk.events ?? []).map((e) => e.name));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const listened = [...readme.matchAll(/desk\.addEventListener\('([a-z-]+)'/g), ...readme.matchAll(/<callback-desk[^>]*?\bon([a-z]+-[a-z-]+)=/g)].map((m) => m[1]);
  assert.ok(listened.includes('callback-accepted') && listened.includes('callback-done'), 'the README no longer shows a desk listener');
  for (const name of new Set([...listened, 'callback-accepted', 'callback-done', 'callback-error', 'callback-action'])) {
    assert.ok(events.has(name), `<callback-desk> does not list ${name}`);
  }
  const accepted = desk.events.find((e) => e.name === 'callback-accepted');
  assert.equal(accepted.type?.text, 'CallbackAcceptedEvent');
});
