// `npm run analyze` → custom-elements.json at the repository root (committed; tests/node/manifest.test.mjs
// fails when it is stale). The API comes from each element class's JSDoc (`@summary @slot @fires
// @csspart @cssprop @cssstate`) and lit decorators; tag names come from the
// `customElements.define(tag, Class)` calls in the `src/<tag>.ts` registration entries, so `tag`
// there must be a string literal or a `const` initialised with one.

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
  exclude: [],
  outdir: '.',
  litelement: true,
  // package.json's `customElements` is kept by hand: the analyzer would otherwise point it at the
  // temporary directory the manifest test regenerates into.
  packagejson: false,
  plugins: [resolveConstTagNames(), dropUndocumentedEventDuplicates(), sortModules()],
};
