// A consumer project built from the packed tarball: it installs the package, checks that the React 19
// JSX types and Vue 3 GlobalComponents types it ships (`callback-elements/react`, `callback-elements/vue`:
// dist/react.d.ts and dist/vue.d.ts, written by the build) are what scripts/manifest-integrations.mjs
// generates from the custom-elements.json it ships, and type-checks under strict TypeScript a file
// that imports them from the package and uses every tag with every attribute, property and event the
// manifest lists, against the package's own .d.ts files. Also: every module path in the shipped
// manifest is in the tarball, and the VS Code custom data ships. And the adapter kit: the same file
// type-checks a use of `callback-elements/testing` (with no test runner's types), and Node imports it
// by name and lists the contract suites' tests as data.
//
// The tarball is packed from dist/ as tests/node/build.test.mjs left it (node --test runs the files
// one after another on this machine); without a dist/, it builds first. The package's dependencies
// are installed from npm's cache when there (--prefer-offline); TypeScript, @types/react and vue
// are linked from this repository's node_modules.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { root } from '../../scripts/entries.mjs';
import { elementsOf, eventsOf, reactTypes, settable, vueTypes } from '../../scripts/manifest-integrations.mjs';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'cb-consumer-'));
const app = join(work, 'app');
const installed = join(app, 'node_modules/callback-elements');
let setup;

before(async () => {
  try {
    if (!existsSync(join(root, 'dist/index.js'))) await run(process.execPath, ['scripts/build.mjs'], { cwd: root, timeout: 300_000 });
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, timeout: 60_000 });
    const tarball = join(work, JSON.parse(stdout)[0].filename);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=peer', tarball], { cwd: app, timeout: 120_000 });
    for (const dep of ['typescript', '@types/react', 'vue']) {
      mkdirSync(dirname(join(app, 'node_modules', dep)), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
    }
  } catch (error) {
    setup = error;
  }
});

after(() => rmSync(work, { recursive: true, force: true }));

/** The manifest the installed package names in its `customElements` field. */
const shipped = () => JSON.parse(readFileSync(join(installed, JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).customElements), 'utf8'));

test('the shipped manifest points at files in the package', (t) => {
  if (setup) throw setup;
  const manifest = shipped();
  const missing = manifest.modules.flatMap((mod) => [mod.path, mod.typeDefinitionPath]).filter((path) => !path || !existsSync(join(installed, path)));
  assert.deepEqual(missing, [], 'manifest paths not in the tarball');
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.customElements, 'dist/custom-elements.json');
  assert.equal(pkg.exports['./custom-elements.json'], './dist/custom-elements.json');
  t.diagnostic(`${manifest.modules.length} modules, ${elementsOf(manifest).length} elements`);
});

test('VS Code custom data ships, with every tag, attribute and CSS custom property', () => {
  if (setup) throw setup;
  const manifest = shipped();
  const html = JSON.parse(readFileSync(join(installed, 'dist/vscode.html-custom-data.json'), 'utf8'));
  const css = JSON.parse(readFileSync(join(installed, 'dist/vscode.css-custom-data.json'), 'utf8'));
  const tags = new Map(html.tags.map((tag) => [tag.name, tag]));
  const properties = new Set(css.properties.map((p) => p.name));
  for (const element of elementsOf(manifest)) {
    const tag = tags.get(element.tagName);
    assert.ok(tag, `<${element.tagName}> is not in the HTML custom data`);
    const attributes = new Set(tag.attributes.map((a) => a.name));
    for (const a of element.attributes ?? []) assert.ok(attributes.has(a.name), `<${element.tagName}> ${a.name} is not in the HTML custom data`);
    for (const p of element.cssProperties ?? []) assert.ok(properties.has(p.name), `${p.name} is not in the CSS custom data`);
  }
  const mode = tags.get('callback-desk').attributes.find((a) => a.name === 'disposition-mode');
  assert.deepEqual(mode.values, [{ name: 'tree' }, { name: 'list' }]);
  assert.match(css.properties.find((p) => p.name === '--cb-color-accent').description, /light-dark\(#0b5cad, #7cb4f0\)/);
});

/** The consumer's file: every tag, attribute, property and event of the manifest, and a React and a Vue use of the desk. */
function consumerSource(manifest) {
  const lines = [
    "import 'callback-elements';",
    "import type { LitElement } from 'lit';",
    "import { h } from 'vue';",
    "import type { GlobalComponents } from 'vue';",
    "import { SimulatedContactCenter } from 'callback-elements/adapters/simulated.js';",
    "import type { CallbackElementsJsx } from 'callback-elements/react';",
    "import type * as Vue from 'callback-elements/vue';",
    "import { runLinkedContract, type LinkedHarness, type TestRunner } from 'callback-elements/testing';",
    '',
    '/** Compiles only when `K` is a key of `T`. */',
    'type Has<T, K extends keyof T> = K;',
    '/** Every lit element tag the package declares in HTMLElementTagNameMap. */',
    'type PackageTags = { [T in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[T] extends LitElement ? T : never }[keyof HTMLElementTagNameMap];',
    'export const everyTagHasJsxTypes: Exclude<PackageTags, keyof CallbackElementsJsx> extends never ? true : false = true;',
    'export const everyTagHasVueTypes: Exclude<PackageTags, keyof GlobalComponents> extends never ? true : false = true;',
    '/** The properties a page may set on an element class: not methods, not readonly, not LitElement\'s. */',
    'type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;',
    'type Settable<E> = {',
    '  [K in keyof E]-?: E[K] extends (...args: never[]) => unknown ? never : IfEquals<{ [Q in K]: E[K] }, { -readonly [Q in K]: E[K] }, K, never>;',
    '}[keyof E];',
    '/** The element\'s settable properties the manifest (and so the generated types) does not list: `never` when none. */',
    'type Unlisted<Tag extends PackageTags> = Exclude<Settable<Omit<HTMLElementTagNameMap[Tag], keyof LitElement>>, keyof CallbackElementsJsx[Tag]>;',
    '',
  ];
  for (const element of elementsOf(manifest)) {
    const react = `CallbackElementsJsx['${element.tagName}']`;
    const vue = `Vue.${element.name}VueProps`;
    const keys = [...settable(element).keys()];
    const events = eventsOf(element).map((e) => e.name);
    lines.push(`// <${element.tagName}>: ${keys.length} attributes and properties, ${events.length} events`);
    lines.push(`export const ${element.name}AllListed: [Unlisted<'${element.tagName}'>] extends [never] ? true : Unlisted<'${element.tagName}'> = true;`);
    lines.push(`export type ${element.name}Checked = [`);
    lines.push(`  GlobalComponents['${element.tagName}'],`);
    for (const name of keys) lines.push(`  Has<${react}, '${name}'>, Has<${vue}, '${name}'>,`);
    for (const name of events) {
      const camel = name.replace(/(^|-)([a-z0-9])/g, (_all, _dash, c) => c.toUpperCase());
      lines.push(`  Has<${react}, 'on${name}'>, Has<${vue}, 'on${camel}'>,`);
    }
    lines.push('];', '');
  }
  lines.push(
    'const cc = new SimulatedContactCenter();',
    'const accepted: string[] = [];',
    '',
    '// React 19, as the README shows it.',
    'export const desk = (',
    '  <callback-desk callbackAdapter={cc} telephonyAdapter={cc} directoryAdapter={cc} dispositionMode="list" simulated',
    '    oncallback-accepted={(e) => accepted.push(e.detail.interaction.contact.name)}',
    '    oncallback-done={(e) => accepted.push(String(e.detail.disposition))}',
    '    oncallback-error={(e) => accepted.push(e.detail.code)} />',
    ');',
    '// @ts-expect-error: the desk shows its dispositions as a tree or a list',
    'export const wrongMode = <callback-desk dispositionMode="grid" />;',
    '// @ts-expect-error: callback-accepted carries the interaction, not a disposition',
    'export const wrongDetail = <callback-desk oncallback-accepted={(e) => e.detail.disposition} />;',
    '',
    '// Vue 3, with h() and the generated GlobalComponents entry.',
    "declare const Desk: GlobalComponents['callback-desk'];",
    'export const vueDesk = h(Desk, {',
    "  callbackAdapter: cc, dispositionMode: 'list',",
    '  onCallbackAccepted: (e) => accepted.push(e.detail.interaction.contact.name),',
    '  onCallbackDone: (e) => accepted.push(String(e.detail.disposition)),',
    '});',
    "// @ts-expect-error: not a disposition mode",
    "export const vueWrongMode: Vue.CallbackDeskVueProps = { dispositionMode: 'grid' };",
    '',
    '// The adapter kit, as a test file of a third-party adapter uses it (no test runner types here).',
    'declare const runner: TestRunner;',
    'declare const linked: () => Promise<LinkedHarness>;',
    "runLinkedContract(runner, 'my callback adapter + my phone', linked);",
    "// @ts-expect-error: the harness factory comes after the suite's name",
    'runLinkedContract(runner, linked);',
    '',
  );
  return lines.join('\n');
}

test('the package ships React and Vue types generated from its manifest: callback-elements/react and callback-elements/vue', () => {
  if (setup) throw setup;
  const manifest = shipped();
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.exports['./react'], { types: './dist/react.d.ts' });
  assert.deepEqual(pkg.exports['./vue'], { types: './dist/vue.d.ts' });
  // Current with the manifest beside them: a stale dist/ (built before the manifest changed) fails here.
  assert.equal(readFileSync(join(installed, 'dist/react.d.ts'), 'utf8'), reactTypes(manifest, 'callback-elements', './index.js'), 'dist/react.d.ts is not what the shipped manifest generates: npm run build');
  assert.equal(readFileSync(join(installed, 'dist/vue.d.ts'), 'utf8'), vueTypes(manifest, 'callback-elements', './index.js'), 'dist/vue.d.ts is not what the shipped manifest generates: npm run build');
});

test('the shipped React and Vue types type-check in a consumer, strict, with every tag, attribute, property and event', async () => {
  if (setup) throw setup;
  const manifest = shipped();
  writeFileSync(join(app, 'consumer.tsx'), consumerSource(manifest));
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        lib: ['es2023', 'dom', 'dom.iterable'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        jsx: 'react-jsx',
        types: [],
        // The package's own .d.ts are checked; React's and Vue's are taken as they are.
        skipLibCheck: false,
        skipDefaultLibCheck: true,
      },
      files: ['consumer.tsx'],
    }),
  );
  try {
    await run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, timeout: 120_000 });
  } catch (error) {
    assert.fail(`the consumer does not type-check:\n${error.stdout}${error.stderr}`);
  }
});

test('callback-elements/testing: a consumer imports the contract suites by name in Node, with no test runner, and gets their tests as data', async () => {
  if (setup) throw setup;
  const script = [
    "import * as kit from 'callback-elements/testing';",
    "const unused = () => { throw new Error('not run'); };",
    "const titles = (suite) => kit.contractCases(unused, (runner) => kit[suite](runner, 'mine', unused)).map((c) => c.fullTitle);",
    "const suites = ['runCallbackContract', 'runTelephonyContract', 'runDirectoryContract', 'runLinkedContract'];",
    'console.log(JSON.stringify(Object.fromEntries(suites.map((suite) => [suite, titles(suite)]))));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app, timeout: 60_000 });
  const titles = JSON.parse(stdout);
  for (const [suite, list] of Object.entries(titles)) assert.ok(list.length > 5 || suite === 'runLinkedContract', `${suite}: ${list.length} tests`);
  assert.equal(titles.runLinkedContract.length, 5);
  assert.ok(titles.runLinkedContract.every((title) => title.startsWith('Linked contract (callback adapter + telephony adapter): mine ')));
  assert.ok(titles.runCallbackContract.includes('CallbackAdapter contract: mine offers delivers a voice offer to offer and interaction subscribers'));
});
