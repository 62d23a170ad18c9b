// What tools make of custom-elements.json, generated from it: React 19 JSX types, Vue 3
// `GlobalComponents` types, and VS Code's HTML and CSS custom data.
//
// `npm run build` writes them all into dist/, shipped: the VS Code data (`"html.customData":
// ["./node_modules/callback-elements/dist/vscode.html-custom-data.json"]`, and `css.customData`
// likewise), dist/react.d.ts (`import type {} from 'callback-elements/react'`) and dist/vue.d.ts
// (`import type {} from 'callback-elements/vue'`), which import the element and event classes from
// `./index.js` beside them. tests/node/consumer-types.test.mjs installs the packed tarball, checks
// that the shipped React and Vue types are what its manifest generates, and type-checks a consumer
// of every tag against them.
//
// The community generators (custom-element-jsx-integration, custom-element-vuejs-integration) take
// an event's type as its `detail` (`CustomEvent<CallbackAcceptedEvent>`), import each element's
// event types once per element (duplicate identifiers when elements share `callback-error`) and
// import `Event` from the package; here an event's type is the exported event class, imported once.
//
//   node scripts/manifest-integrations.mjs --vscode <dir> [manifest]
//   node scripts/manifest-integrations.mjs --react <file> [manifest] [package name]
//   node scripts/manifest-integrations.mjs --vue <file> [manifest] [package name]
// (the types then import from the package name; the build's import from './index.js')
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every custom element declaration: `{ ...declaration, module }`, sorted by tag. */
export function elementsOf(manifest) {
  return (manifest.modules ?? [])
    .flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, module: mod.path })))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const isPublic = (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#') && !m.static;

/**
 * What a page may set on an element, by name: its settable public fields (camelCase, set as
 * properties) and its attributes (kebab-case), with the field each stands for.
 */
export function settable(element) {
  const fields = (element.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !m.readonly);
  const out = new Map();
  for (const field of fields) out.set(field.name, { field: field.name, description: field.description });
  for (const attribute of element.attributes ?? []) {
    if (!out.has(attribute.name)) out.set(attribute.name, { field: attribute.fieldName, description: attribute.description, attribute: true });
  }
  return out;
}

/** The events an element sends (or re-exposes), by name. */
export const eventsOf = (element) => (element.events ?? []).filter((e) => e.name);

const DOM_TYPES = new Set(['Event', 'CustomEvent', 'InputEvent', 'FocusEvent', 'KeyboardEvent', 'MouseEvent', 'PointerEvent', 'ToggleEvent']);
const identifier = /^[A-Za-z_$][\w$]*$/;

/** The event's type as the package exports it, or its `HTMLElementEventMap` entry. */
function eventType(event, imports) {
  const text = event.type?.text?.trim();
  if (text && identifier.test(text)) {
    if (!DOM_TYPES.has(text)) imports.add(text);
    return text;
  }
  return `EventOf<'${event.name}'>`;
}

const doc = (text, indent) => (text ? `${indent}/** ${String(text).replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '');
const key = (name) => (identifier.test(name) ? name : `'${name}'`);
const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_all, _dash, c) => c.toUpperCase());

function header(manifest, packageName, imports, extra, from = packageName) {
  const names = [...imports].sort();
  return [
    `// Generated from the custom-elements.json of ${packageName} by scripts/manifest-integrations.mjs. Do not edit.`,
    ...extra,
    `import type { ${names.join(', ')} } from '${from}';`,
    '',
    '/** An event with no exported class: its HTMLElementEventMap entry, else a plain Event. */',
    'type EventOf<K extends string> = K extends keyof HTMLElementEventMap ? HTMLElementEventMap[K] : Event;',
    '',
  ];
}

/**
 * React 19: a prop naming a property of the element is set as that property, any other as an
 * attribute, and `on<event-name>` adds a listener for `<event-name>`.
 */
export function reactTypes(manifest, packageName = 'callback-elements', from = packageName) {
  const imports = new Set();
  const body = [];
  for (const element of elementsOf(manifest)) {
    imports.add(element.name);
    const props = [];
    for (const [name, { field, description }] of settable(element)) {
      props.push(`${doc(description, '    ')}    ${key(name)}?: ${field ? `${element.name}['${field}']` : 'string'};`);
    }
    for (const event of eventsOf(element)) props.push(`${doc(event.description, '    ')}    ${key(`on${event.name}`)}?: (event: ${eventType(event, imports)}) => void;`);
    body.push(
      `${doc(element.summary ?? element.description, '  ')}  '${element.tagName}': DetailedHTMLProps<HTMLAttributes<${element.name}>, ${element.name}> & {`,
      ...props,
      '  };',
    );
  }
  return [
    ...header(manifest, packageName, imports, ["import type { DetailedHTMLProps, HTMLAttributes } from 'react';"], from),
    `/** The tags of ${packageName} as React 19 intrinsic elements. */`,
    'export interface CallbackElementsJsx {',
    ...body,
    '}',
    '',
    "declare module 'react' {",
    '  namespace JSX {',
    '    // eslint-disable-next-line @typescript-eslint/no-empty-object-type',
    '    interface IntrinsicElements extends CallbackElementsJsx {}',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Vue 3: a prop naming a property of the element (`dispositionMode`, also written
 * `disposition-mode` in a template) is set as that property, and `onCallbackAccepted` listens
 * for `callback-accepted`.
 */
export function vueTypes(manifest, packageName = 'callback-elements', from = packageName) {
  const imports = new Set();
  const body = [];
  const props = [];
  for (const element of elementsOf(manifest)) {
    imports.add(element.name);
    const lines = [];
    for (const [name, { field, description }] of settable(element)) {
      lines.push(`${doc(description, '  ')}  ${key(name)}?: ${field ? `${element.name}['${field}']` : 'string'};`);
    }
    for (const event of eventsOf(element)) {
      lines.push(`${doc(event.description, '  ')}  on${pascal(event.name)}?: (event: ${eventType(event, imports)}) => void;`);
    }
    props.push(`/** \`<${element.tagName}>\`'s props and listeners. */`, `export type ${element.name}VueProps = {`, ...lines, '};', '');
    body.push(`${doc(element.summary ?? element.description, '    ')}    '${element.tagName}': DefineComponent<${element.name}VueProps>;`);
  }
  return [
    ...header(manifest, packageName, imports, ["import type { DefineComponent } from 'vue';"], from),
    ...props,
    "declare module 'vue' {",
    '  interface GlobalComponents {',
    ...body,
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * VS Code's HTML custom data: every tag (its summary, events and slots), its attributes (with their
 * values when a union of strings); with `apiUrl`, a link to each tag's section there.
 */
export function vsCodeHtmlData(manifest, apiUrl) {
  const values = (type) => {
    const parts = (type ?? '').split('|').map((p) => p.trim()).filter((p) => p !== 'undefined' && p !== 'null');
    return parts.length && parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p)) ? parts.map((p) => ({ name: p.slice(1, -1) })) : undefined;
  };
  const describe = (element) => {
    const events = eventsOf(element).map((e) => `- \`${e.name}\`${e.description ? `: ${e.description}` : ''}`);
    const slots = (element.slots ?? []).map((s) => `- ${s.name ? `\`${s.name}\`` : '(default)'}${s.description ? `: ${s.description}` : ''}`);
    return [element.summary ?? element.description ?? '', events.length ? `\n**Events**\n${events.join('\n')}` : '', slots.length ? `\n**Slots**\n${slots.join('\n')}` : '']
      .filter(Boolean)
      .join('\n');
  };
  return {
    version: 1.1,
    tags: elementsOf(manifest).map((element) => ({
      name: element.tagName,
      description: { kind: 'markdown', value: describe(element) },
      attributes: (element.attributes ?? []).map((a) => {
        const field = (element.members ?? []).find((m) => m.name === a.fieldName);
        const attribute = { name: a.name, description: a.description ?? field?.description ?? '' };
        const options = values(a.type?.text ?? field?.type?.text);
        if (options) attribute.values = options;
        else if ((a.type?.text ?? field?.type?.text) === 'boolean') attribute.valueSet = 'v';
        return attribute;
      }),
      ...(apiUrl ? { references: [{ name: 'API reference', url: `${apiUrl}#${element.tagName}` }] } : {}),
    })),
  };
}

/** VS Code's CSS custom data: every custom property (with its default) and every part, once. */
export function vsCodeCssData(manifest) {
  const properties = new Map();
  const parts = new Map();
  for (const element of elementsOf(manifest)) {
    for (const p of element.cssProperties ?? []) {
      if (properties.has(p.name)) continue;
      properties.set(p.name, { name: p.name, description: `${p.description ?? ''}${p.default ? ` Default: \`${p.default}\`.` : ''}`.trim() });
    }
    for (const part of element.cssParts ?? []) {
      const name = `::part(${part.name})`;
      const entry = parts.get(name) ?? { name, description: '' };
      entry.description = `${entry.description}${entry.description ? '\n' : ''}<${element.tagName}>: ${part.description ?? ''}`;
      parts.set(name, entry);
    }
  }
  return { version: 1.1, properties: [...properties.values()], pseudoElements: [...parts.values()] };
}

/** Writes dist/vscode.html-custom-data.json and dist/vscode.css-custom-data.json (or into `dir`). */
export function writeVsCodeData(manifest, dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vscode.html-custom-data.json'), `${JSON.stringify(vsCodeHtmlData(manifest), null, 2)}\n`);
  writeFileSync(join(dir, 'vscode.css-custom-data.json'), `${JSON.stringify(vsCodeCssData(manifest), null, 2)}\n`);
}

/**
 * Writes dist/react.d.ts and dist/vue.d.ts (or into `dir`, beside the package's index.d.ts): the
 * `callback-elements/react` and `callback-elements/vue` entries of the exports map.
 */
export function writeFrameworkTypes(manifest, dir, packageName = 'callback-elements') {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'react.d.ts'), reactTypes(manifest, packageName, './index.js'));
  writeFileSync(join(dir, 'vue.d.ts'), vueTypes(manifest, packageName, './index.js'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [flag, out, manifestPath = join(dirname(fileURLToPath(import.meta.url)), '../custom-elements.json'), packageName] = process.argv.slice(2);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (flag === '--vscode' && out) writeVsCodeData(manifest, out);
  else if (flag === '--react' && out) writeFileSync(out, reactTypes(manifest, packageName));
  else if (flag === '--vue' && out) writeFileSync(out, vueTypes(manifest, packageName));
  else {
    console.error('usage: manifest-integrations.mjs --vscode <dir> | --react <file> | --vue <file> [manifest] [package name]');
    process.exit(2);
  }
}
