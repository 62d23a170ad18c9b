// `npm run analyze` → custom-elements.json at the repository root (committed; tests/node/manifest.test.mjs
// fails when it is stale). The API comes from each element class's JSDoc (`@summary @slot @fires
// @csspart @cssprop @cssstate`) and lit decorators; tag names come from the
// `customElements.define(tag, Class)` calls in the `src/<tag>.ts` registration entries, so `tag`
// there must be a string literal or a `const` initialised with one.
//
// The manifest serves tools (IDEs, Storybook, JSX and Vue type generators, VS Code custom data), so
// it describes the package as shipped: module paths are the built `dist/*.js` (with the `.d.ts`
// beside them as `typeDefinitionPath`), only what the package's entries export (no private modules,
// no private members, no generated locale tables), one definition per tag, every CSS custom property
// with its default, the global tokens on every element, and on a composite element the events its
// inner elements send through it (they bubble and are composed).
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';
import { bundleSource, publicEntries, registrationEntries, root } from './scripts/entries.mjs';

/**
 * The analyzer takes the first argument of `customElements.define(tagName, Class)` as written, so
 * `const tagName = 'callback-notification'` would declare a tag called "tagName". Replace the
 * identifier with the string the module's `const` holds.
 */
function resolveConstTagNames() {
  const unwrap = (ts, node) =>
    node && (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) ? unwrap(ts, node.expression) : node;
  const constString = (ts, sourceFile, name) => {
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = unwrap(ts, declaration.initializer);
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && init && ts.isStringLiteralLike(init)) return init.text;
      }
    }
    return undefined;
  };
  return {
    name: 'resolve-const-tag-names',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'define' || !ts.isCallExpression(node.parent)) return;
      if (!/^(window\.|globalThis\.)?customElements$/.test(node.expression.getText())) return;
      const tagArgument = node.parent.arguments[0];
      if (!tagArgument || !ts.isIdentifier(tagArgument)) return;
      const tag = constString(ts, node.getSourceFile(), tagArgument.text);
      if (tag === undefined) return;
      for (const entry of moduleDoc.exports ?? []) {
        if (entry.kind === 'custom-element-definition' && entry.name === tagArgument.text) entry.name = tag;
      }
    },
  };
}

/**
 * `this.dispatchEvent(new SomeEvent(...))` makes the analyzer add a nameless event of type
 * `SomeEvent`; `@fires {SomeEvent} some-name - ...` in the JSDoc documents the same event with its
 * name. Keep only the documented one.
 */
function dropUndocumentedEventDuplicates() {
  return {
    name: 'drop-undocumented-event-duplicates',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          const named = new Set(declaration.events.filter((e) => e.name).map((e) => e.type?.text));
          declaration.events = declaration.events.filter((e) => e.name || !named.has(e.type?.text));
        }
      }
    },
  };
}

/**
 * `src/a/b.ts`, `/src/a/b.js`, `src/a/b.js`, or `./b.js` relative to the module `from` (as the
 * analyzer writes `export { x } from './b.js'`) → `src/a/b.ts`: the key modules are known by here.
 */
const sourcePath = (path, from) =>
  (path.startsWith('.') && from ? posix.join(posix.dirname(from), path) : path).replace(/^\//, '').replace(/\.js$/, '.ts');

/**
 * Keep only what the package's entries (package.json `exports`: the root, `<tag>.js`, the adapters,
 * the model, the drop-in bundle) export, following `export *` and `export { x } from` chains: the
 * elements and the exported classes, functions and constants. Internal modules (controllers the
 * entries do not export, the generated locale tables, shared helpers) go, as do private and
 * protected members and `#private` ones. An entry's exports are listed flat, each pointing at the
 * module that declares it, and a tag is defined once: by its `src/<tag>.ts` registration entry
 * (`src/bundle.ts` registers `<callback-desk>` too, for the drop-in bundle).
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      const modules = new Map((customElementsManifest.modules ?? []).map((mod) => [mod.path, mod]));
      const entries = [...new Set([...publicEntries(root).map((e) => e.source), bundleSource])].filter((path) => modules.has(path));
      const registrations = new Set(registrationEntries(root).map((e) => e.source));
      const kept = new Map(); // module path → Set of declaration names

      /** Every `[name, module]` a module exports, re-exports followed to the declaring module. */
      const resolveAll = (path, seen = new Set()) => {
        if (seen.has(path) || !modules.has(path)) return [];
        seen.add(path);
        const out = [];
        for (const entry of modules.get(path).exports ?? []) {
          if (entry.kind !== 'js' || !entry.declaration?.module) continue;
          const target = sourcePath(entry.declaration.module, path);
          if (entry.name === '*') out.push(...resolveAll(target, seen));
          else {
            const found = resolveOne(target, entry.declaration.name, new Set());
            if (found) out.push([entry.name, found]);
          }
        }
        return out;
      };
      /** Where `name`, as exported by `path`, is declared: `{ module, name }`. */
      const resolveOne = (path, name, seen) => {
        const mod = modules.get(path);
        if (!mod || seen.has(`${path}#${name}`)) return undefined;
        seen.add(`${path}#${name}`);
        if ((mod.declarations ?? []).some((d) => d.name === name)) return { module: path, name };
        for (const entry of mod.exports ?? []) {
          if (entry.kind !== 'js' || !entry.declaration?.module) continue;
          const target = sourcePath(entry.declaration.module, path);
          if (entry.name === name && target !== path) return resolveOne(target, entry.declaration.name, seen);
          if (entry.name === '*') {
            const found = resolveOne(target, name, seen);
            if (found) return found;
          }
        }
        return undefined;
      };

      const entryExports = new Map();
      for (const path of entries) {
        const names = new Map();
        for (const [name, at] of resolveAll(path)) if (!names.has(name)) names.set(name, at);
        entryExports.set(path, names);
        for (const at of names.values()) (kept.get(at.module) ?? kept.set(at.module, new Set()).get(at.module)).add(at.name);
      }

      const isPublicMember = (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name?.startsWith('#');
      const out = [];
      for (const mod of modules.values()) {
        const names = kept.get(mod.path);
        const isEntry = entryExports.has(mod.path);
        if (!names && !isEntry) continue;
        const declarations = (mod.declarations ?? []).filter((d) => names?.has(d.name));
        for (const d of declarations) if (d.members) d.members = d.members.filter(isPublicMember);
        const own = (mod.exports ?? []).filter((e) => e.kind === 'js' && e.name !== '*' && sourcePath(e.declaration?.module ?? '', mod.path) === mod.path && names?.has(e.declaration.name));
        const reexported = isEntry
          ? [...entryExports.get(mod.path)]
              .filter(([, at]) => at.module !== mod.path)
              .map(([name, at]) => ({ kind: 'js', name, declaration: { name: at.name, module: at.module } }))
          : [];
        const definitions = registrations.has(mod.path) ? (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition') : [];
        out.push({ ...mod, declarations, exports: [...own, ...reexported, ...definitions] });
      }
      customElementsManifest.modules = out;
    },
  };
}

/** Plain data (strings, numbers, arrays, objects) from TypeScript literals, and from the `const`s of `source` they name. */
function literalReader(source) {
  const value = (node) => {
    while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
    if (ts.isStringLiteralLike(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isIdentifier(node)) return constValue(node.text);
    if (ts.isArrayLiteralExpression(node)) return node.elements.map(value);
    if (ts.isObjectLiteralExpression(node)) {
      return Object.fromEntries(node.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.text, value(p.initializer)]));
    }
    return undefined;
  };
  const constValue = (wanted) => {
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === wanted && d.initializer) return value(d.initializer);
    }
    return undefined;
  };
  return { value, constValue };
}

const parse = (file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** The value of a `const` object literal in a TypeScript file, as plain data (strings, numbers, arrays). */
function constObject(file, name) {
  return literalReader(parse(file)).constValue(name) ?? {};
}

/**
 * The defaults the style sheets give the tokens they read: `colorToken(name, token, own)` and
 * `otherToken(name, token, [value, ...])` in src/elements/**\/*.styles.ts and the shared styles.ts
 * (an identifier such as MAX_SIZE is read from register-tokens.ts).
 */
function sheetTokens(tokensFile) {
  const constants = literalReader(parse(tokensFile));
  const colors = {};
  const others = {};
  const dir = join(root, 'src/elements');
  const files = readdirSync(dir, { recursive: true }).filter((f) => /(^|\/)(styles|[\w-]+\.styles)\.ts$/.test(f));
  for (const file of files) {
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments.length >= 2) {
        const [, token, own] = node.arguments.map((a) => constants.value(a));
        if (node.expression.text === 'colorToken' && own !== undefined) colors[token] = own;
        if (node.expression.text === 'otherToken' && own !== undefined) others[token] = own;
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(join(dir, file)));
  }
  return { colors, others };
}

/**
 * The tokens' defaults and the global tokens. A default written in the JSDoc
 * (`@cssprop [--cb-x=default] - ...`) wins; otherwise it comes from the defaults the elements use,
 * src/elements/shared/register-tokens.ts and the sheets that read them (colorToken, otherToken: colours,
 * the global colour a token follows, or its light and dark values; sizes, their rem values, private
 * `--_cb-*` names read as the public ones), then
 * from docs/theming.md's table of global tokens (the tokens the elements do not register:
 * `--cb-font-family`, `--cb-font-size`, `--cb-shadow`). The global tokens (`--cb-color-*`,
 * `--cb-space*`, `--cb-font-*`, `--cb-radius`, ...) are read by every element, so each element lists
 * them, described as in docs/theming.md.
 */
function tokenDefaults() {
  return {
    name: 'token-defaults',
    packageLinkPhase({ customElementsManifest }) {
      const tokensFile = join(root, 'src/elements/shared/register-tokens.ts');
      const globalColors = constObject(tokensFile, 'GLOBAL_COLORS');
      const sheets = sheetTokens(tokensFile);
      const colorTokens = sheets.colors;
      const otherTokens = { ...constObject(tokensFile, 'OTHER_TOKENS'), ...sheets.others };
      const publicVar = (text) => text.replace(/--_cb-/g, '--cb-');
      const defaults = new Map();
      for (const [key, [light, dark]] of Object.entries(globalColors)) defaults.set(`--cb-color-${key}`, `light-dark(${light}, ${dark})`);
      for (const [key, own] of Object.entries(colorTokens)) {
        defaults.set(`--cb-${key}`, typeof own === 'string' ? `var(--cb-color-${own})` : `color-mix(in srgb, var(--cb-color-${own[0]}) ${own[1]}%, var(--cb-color-${own[2]}))`);
      }
      for (const [key, [value]] of Object.entries(otherTokens)) defaults.set(`--cb-${key}`, publicVar(value));

      // docs/theming.md: | `--cb-x` | what it does | light | dark |, and `--cb-space-1` … `--cb-space-4`.
      const globals = [];
      const cellText = (cell) => cell.trim().replace(/^`|`$/g, '');
      let inTable = false;
      for (const line of readFileSync(join(root, 'docs/theming.md'), 'utf8').split('\n')) {
        if (/^\|\s*token\s*\|/.test(line)) inTable = true;
        else if (!line.startsWith('|')) inTable = false;
        const cells = line.split(/(?<!\\)\|/).slice(1, -1);
        if (!inTable || cells.length < 3 || !/^\s*`--cb-/.test(cells[0])) continue;
        const names = [...cells[0].matchAll(/`(--cb-[a-z0-9-]+)`/g)].map((m) => m[1]);
        const [from, to] = names.map((n) => /^(.*-)(\d+)$/.exec(n));
        const expanded = names.length === 2 && cells[0].includes('…') && from && to && from[1] === to[1]
          ? Array.from({ length: Number(to[2]) - Number(from[2]) + 1 }, (_, i) => `${from[1]}${Number(from[2]) + i}`)
          : names;
        const [light, dark] = [cellText(cells[2] ?? ''), cellText(cells[3] ?? '')];
        for (const name of expanded.filter((n) => !globals.some((g) => g.name === n))) {
          globals.push({ name, description: `Global token: ${cells[1].trim().replace(/\\\|/g, '|')}.` });
          if (!defaults.has(name) && light) defaults.set(name, dark && !dark.startsWith('…') && dark !== light ? `light-dark(${light}, ${dark})` : light);
        }
      }

      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement || !declaration.tagName) continue;
          const properties = declaration.cssProperties ?? [];
          const listed = new Set(properties.map((p) => p.name));
          for (const global of globals) if (!listed.has(global.name)) properties.push({ ...global });
          for (const p of properties) if (p.default === undefined && defaults.has(p.name)) p.default = defaults.get(p.name);
          declaration.cssProperties = properties;
        }
      }
    },
  };
}

/**
 * The tags each element renders in its templates (`html\`<call-actions ...>\``), from every module
 * in its folder, `src/elements/<tag>/`.
 */
const composedTags = new Map();

/**
 * A composite element re-exposes the events of the elements it renders: they bubble and are
 * composed, so `<callback-desk>` hears `callback-accepted` from its `<callback-notification>` and
 * `callback-done` from the windows' call actions, and a host listens on the desk. Each composite
 * lists those events (custom names only: native `input`, `change`, `cancel` are left to the DOM's
 * own types), described as coming from the inner element, unless its JSDoc already documents them.
 */
function reexposedEvents() {
  return {
    name: 'reexposed-events',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isTaggedTemplateExpression(node) || node.tag.getText() !== 'html') return;
      const folder = /^\/?src\/elements\/([a-z0-9-]+)\//.exec(moduleDoc.path)?.[1];
      if (!folder) return;
      const tags = composedTags.get(folder) ?? composedTags.set(folder, new Set()).get(folder);
      for (const match of node.template.getText().matchAll(/<([a-z][a-z0-9]*(?:-[a-z0-9]+)+)[\s>/]/g)) if (match[1] !== folder) tags.add(match[1]);
    },
    packageLinkPhase({ customElementsManifest }) {
      const elements = new Map();
      for (const mod of customElementsManifest.modules ?? []) {
        for (const d of mod.declarations ?? []) if (d.customElement && d.tagName) elements.set(d.tagName, d);
      }
      const inner = (tag, seen = new Set([tag])) => {
        for (const child of composedTags.get(tag) ?? []) {
          if (seen.has(child) || !elements.has(child)) continue;
          seen.add(child);
          inner(child, seen);
        }
        return seen;
      };
      const own = new Map([...elements].map(([tag, d]) => [tag, (d.events ?? []).filter((e) => e.name)]));
      for (const [tag, declaration] of elements) {
        const events = [...(declaration.events ?? [])];
        const names = new Set(events.map((e) => e.name));
        for (const child of [...inner(tag)].slice(1).sort()) {
          for (const event of own.get(child) ?? []) {
            if (names.has(event.name) || !event.name.includes('-')) continue;
            names.add(event.name);
            events.push({ ...event, description: `From the inner \`<${child}>\`: ${event.description ?? ''}`.trim() });
          }
        }
        if (events.length) declaration.events = events;
      }
    },
  };
}

/**
 * Module paths as shipped: `src/x.ts` → `dist/x.js`, with `typeDefinitionPath: dist/x.d.ts`, and
 * every reference to a module (`declaration.module`, `inheritedFrom`, `superclass`, type
 * references) likewise.
 */
function distPaths() {
  const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'module' && typeof child === 'string' && /^\/?src\//.test(child)) value[key] = toDist(child);
      else walk(child);
    }
  };
  return {
    name: 'dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        walk(mod.declarations);
        walk(mod.exports);
        if (/^src\/.*\.ts$/.test(mod.path)) {
          mod.typeDefinitionPath = mod.path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.d.ts');
          mod.path = toDist(mod.path);
        }
      }
    },
  };
}

/** The analyzer lists modules in file-system walk order, which varies between runs. */
function sortModules() {
  return {
    name: 'sort-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // The adapter kit (`callback-elements/testing`) has no element and nothing an editor or a framework
  // needs: docs/write-an-adapter.md and its .d.ts describe it.
  exclude: ['src/testing/**'],
  outdir: '.',
  litelement: true,
  // package.json's `customElements` is kept by hand: the analyzer would otherwise point it at the
  // temporary directory the manifest test regenerates into.
  packagejson: false,
  plugins: [
    resolveConstTagNames(),
    dropUndocumentedEventDuplicates(),
    reexposedEvents(),
    tokenDefaults(),
    publicApiOnly(),
    distPaths(),
    sortModules(),
  ],
};
