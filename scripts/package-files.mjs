// What `npm run build` does to dist/ so that the npm package carries what its users need and no
// more (issue 19: the tarball's target is under 500 KB packed):
//
// - `shippedManifest()`: the manifest the package ships as dist/custom-elements.json (package.json
//   `customElements`, `callback-elements/custom-elements.json`): the committed custom-elements.json
//   with only its custom element declarations (and the exports that name them), without
//   indentation. Tools read the elements (IDEs, Storybook, the JSX and Vue type generators, VS Code
//   custom data); the adapters, the model and the helpers are described by the .d.ts files. The
//   committed file keeps everything: docs/api.md and the docs site are built from it.
// - `pruneUnreachable()`: deletes the .js and .d.ts files that no entry of the exports map (nor the
//   shipped manifest) reaches through its imports: a style sheet's or a private helper's .d.ts, a
//   type-only module's empty .js, the drop-in bundle's own sources (dist/bundle.js, dist/core.js;
//   the bundle is dist/bundle/). The exports map lets nobody import them.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, posix, sep } from 'node:path';

/** The committed manifest reduced to its custom elements. */
export function shippedManifest(manifest) {
  const modules = [];
  for (const mod of manifest.modules ?? []) {
    const declarations = (mod.declarations ?? []).filter((d) => d.customElement);
    if (!declarations.length) continue;
    const names = new Set(declarations.map((d) => d.name));
    const exports = (mod.exports ?? []).filter((e) => names.has(e.declaration?.name) && (!e.declaration.module || e.declaration.module === mod.path));
    modules.push({ ...mod, declarations, exports });
  }
  return { ...manifest, modules };
}

const posixPath = (path) => path.split(sep).join('/');
/** Relative specifiers in `import … from`, `export … from`, `import '…'`, `import('…')` (also in types). */
const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g;

/**
 * Deletes from `dir` (the package root) every dist/ .js and .d.ts file outside dist/bundle/ that
 * the exports map's targets, or the given extra paths, do not reach. Returns the deleted paths.
 */
export function pruneUnreachable(dir, exportsMap, extra = []) {
  const targets = Object.values(exportsMap).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  const reached = new Set();
  const todo = [...targets, ...extra].map((path) => posix.normalize(path.replace(/^\.\//, ''))).filter((path) => /\.(js|d\.ts)$/.test(path));
  while (todo.length) {
    const file = todo.pop();
    if (reached.has(file) || !existsSync(join(dir, file))) continue;
    reached.add(file);
    const types = file.endsWith('.d.ts');
    for (const [, specifier] of readFileSync(join(dir, file), 'utf8').matchAll(specifiers)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      todo.push(types ? target.replace(/\.js$/, '.d.ts') : target);
    }
  }
  const removed = readdirSync(join(dir, 'dist'), { recursive: true })
    .map((file) => posixPath(join('dist', String(file))))
    .filter((file) => !file.startsWith('dist/bundle/') && /\.(js|d\.ts)$/.test(file) && !reached.has(file));
  for (const file of removed) {
    rmSync(join(dir, file));
    rmSync(join(dir, `${file}.map`), { force: true });
  }
  return removed;
}
