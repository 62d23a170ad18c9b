// The import graph of the built bundle, read back from its files: what a browser fetches before
// the entry runs (static imports, transitively) and what it fetches only on `import()`.
// Used by scripts/size.mjs and tests/node/build.test.mjs.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAst } from 'rollup/parseAst';

/** Static and dynamic import specifiers of one ES module's source. */
export function importsOf(code) {
  // `atLoad`: the dynamic imports outside any function, which run as soon as the module does.
  const found = { static: [], dynamic: [], atLoad: [] };
  const functions = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
  const visit = (node, inFunction = false) => {
    if (!node || typeof node.type !== 'string') return;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) found.static.push(node.source.value);
        break;
      case 'ImportExpression':
        // A computed `import(x)` has no literal to follow; record it so callers can tell.
        found.dynamic.push(node.source.type === 'Literal' ? node.source.value : null);
        if (!inFunction && node.source.type === 'Literal') found.atLoad.push(node.source.value);
        break;
    }
    const inner = inFunction || functions.has(node.type);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((child) => visit(child, inner));
      else if (value && typeof value === 'object') visit(value, inner);
    }
  };
  visit(parseAst(code));
  return found;
}

const isRelative = (specifier) => specifier?.startsWith('./') || specifier?.startsWith('../');

/**
 * Walks the bundle from `entry` (an absolute path). Returns paths relative to `dir`:
 * `eager` (entry first, then everything it imports statically), `atLoad` (not eager, but fetched as
 * soon as a module runs: a top-level `import()`, and what that imports statically), `lazy` (only reachable through
 * `import()`), and the bare (unbundled) specifiers any of them imports statically
 * (`externalStatic`) or through `import()` (`externalDynamic`).
 */
export function bundleGraph(dir, entry) {
  const cache = new Map();
  const read = (file) => {
    if (!cache.has(file)) cache.set(file, importsOf(readFileSync(file, 'utf8')));
    return cache.get(file);
  };
  const walk = (roots, followDynamic) => {
    const seen = new Set();
    const externals = { static: new Set(), dynamic: new Set() };
    const queue = [...roots];
    while (queue.length) {
      const file = queue.shift();
      if (seen.has(file)) continue;
      seen.add(file);
      const imports = read(file);
      for (const kind of ['static', 'dynamic']) {
        for (const specifier of imports[kind]) {
          const follow = kind === 'static' || followDynamic === true || (followDynamic === 'at-load' && imports.atLoad.includes(specifier));
          if (isRelative(specifier)) {
            if (follow) queue.push(join(dirname(file), specifier));
          } else {
            externals[kind].add(specifier);
          }
        }
      }
    }
    return { files: [...seen], externals };
  };
  const eager = walk([entry], false);
  const atLoad = walk([entry], 'at-load');
  const all = walk([entry], true);
  const rel = (file) => relative(dir, file).split('\\').join('/');
  return {
    eager: eager.files.map(rel),
    atLoad: atLoad.files.filter((file) => !eager.files.includes(file)).map(rel),
    lazy: all.files.filter((file) => !eager.files.includes(file)).map(rel),
    externalStatic: [...all.externals.static],
    externalDynamic: [...all.externals.dynamic],
  };
}
