// `npm run docs`: writes the documentation site to site/ (plain HTML and a little CSS, no framework).
//
// Sources: custom-elements.json (one page per element: description, live example, attributes,
// properties, methods, events, slots, CSS parts, CSS custom properties with defaults, custom
// states, and its accessibility notes from docs/a11y/<tag>.md), docs/theming.md (with a live token
// editor), docs/a11y/README.md, docs/adapters.md, docs/write-an-adapter.md, and the README's Language
// section. The live examples
// run the built drop-in bundle (dist/bundle/, copied to site/bundle/) on the simulated contact
// center; `npm run build` runs first when dist/ is missing or older than src/.
//
// Every text from the manifest is escaped; the Markdown is rendered by marked with raw HTML escaped
// too, so nothing becomes markup that this script did not write. Links between the documents are
// rewritten to the site's pages; links to files the site does not have keep only their text. The
// build fails when a page links to a page or an anchor that does not exist.
//
// Serve site/ with any static file server (module scripts do not run from file://), e.g.
// `npx wds --root-dir site --open`, or `npm start` and open /site/index.html.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { Marked } from 'marked';
import { root } from './entries.mjs';

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const out = join(root, 'site');
const assets = join(root, 'scripts', 'docs-site');

/** Newest modification time of the files under a folder (0 when it is missing). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

const bundleEntry = join(root, 'dist', 'bundle', 'callback-elements.bundle.js');
if (!existsSync(bundleEntry) || statSync(bundleEntry).mtimeMs < newest(join(root, 'src'))) {
  console.log('docs: dist/ is missing or older than src/, running npm run build first');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// ---------------------------------------------------------------------------------------------
// Escaping and small text helpers

const escape = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Manifest text: escaped, then `code` spans (their content is already escaped). */
const inline = (text) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** Manifest descriptions: paragraphs at blank lines, each as `inline`. */
const paragraphs = (text) =>
  String(text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${inline(p.replace(/\s*\n\s*/g, ' '))}</p>`)
    .join('\n');

const slug = (text) =>
  String(text)
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');

// ---------------------------------------------------------------------------------------------
// Inputs

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const elements = manifest.modules
  .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })))
  .filter(({ declaration }) => declaration.customElement && declaration.tagName)
  .sort((a, b) => a.declaration.tagName.localeCompare(b.declaration.tagName));
const tags = new Set(elements.map(({ declaration }) => declaration.tagName));

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's `## title` section, its heading included, up to the next `## `. */
function readmeSection(title) {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line === `## ${title}`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  let end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  if (end < 0) end = lines.length;
  return lines.slice(start, end).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Pages and links

/** Site pages, by path relative to site/. */
const PAGES = {
  index: 'index.html',
  theming: 'theming.html',
  accessibility: 'accessibility.html',
  adapters: 'adapters.html',
  writeAdapter: 'write-an-adapter.html',
  localization: 'localization.html',
  tabs: 'tabs.html',
};
const elementPage = (tag) => `elements/${tag}.html`;

/** Which site page shows a README section (by its heading's anchor). */
const README_SECTIONS = {
  elements: `${PAGES.index}#elements`,
  adapters: PAGES.adapters,
  theming: PAGES.theming,
  language: PAGES.localization,
  accessibility: PAGES.accessibility,
};

/**
 * Where a Markdown link of `source` (a path in the repository) goes on the site, relative to the
 * site's root, or null when the site has no such page (the link keeps its text only).
 */
function siteTarget(href, source, localIds) {
  if (/^(https?:|mailto:)/i.test(href)) return { external: href };
  const [path, fragment = ''] = href.split('#');
  const file = path ? posix.normalize(posix.join(posix.dirname(source), path)) : source;
  const hash = fragment ? `#${fragment}` : '';
  if (file === 'docs/api.md') return { page: tags.has(fragment) ? elementPage(fragment) : `${PAGES.index}#elements` };
  if (file === 'docs/theming.md') return { page: `${PAGES.theming}${hash}` };
  if (file === 'docs/a11y/README.md') return { page: `${PAGES.accessibility}${hash}` };
  if (file === 'docs/adapters.md') return { page: `${PAGES.adapters}${hash}` };
  if (file === 'docs/write-an-adapter.md') return { page: `${PAGES.writeAdapter}${hash}` };
  if (file === 'docs/tabs.md') return { page: `${PAGES.tabs}${hash}` };
  const a11y = /^docs\/a11y\/([a-z-]+)\.md$/.exec(file);
  if (a11y && tags.has(a11y[1])) return { page: `${elementPage(a11y[1])}#accessibility` };
  if (file === 'README.md') {
    if (!fragment) return { page: PAGES.index };
    if (path === '' && localIds.has(fragment)) return { local: hash };
    return README_SECTIONS[fragment] ? { page: README_SECTIONS[fragment] } : null;
  }
  if (path === '' && localIds.has(fragment)) return { local: hash };
  return null;
}

/**
 * Renders Markdown from `source`: headings shifted by `shift` levels and given ids (unique within
 * `ids`), raw HTML escaped (comments dropped), links rewritten with siteTarget, relative to `base`.
 */
function markdown(text, { source, base, shift = 0, ids }) {
  const unique = (text) => {
    const wanted = slug(text) || 'section';
    let id = wanted;
    for (let n = 2; ids.has(id); n += 1) id = `${wanted}-${n}`;
    ids.add(id);
    return id;
  };
  const marked = new Marked({ gfm: true });
  // The anchors this text's own headings get, for its `#fragment` links.
  const localIds = new Set();
  marked.walkTokens(marked.lexer(text), (token) => {
    if (token.type === 'heading') localIds.add(slug(marked.parseInline(token.text)));
  });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const body = this.parser.parseInline(tokens);
        const level = Math.min(6, depth + shift);
        return `<h${level} id="${escape(unique(body))}">${body}</h${level}>\n`;
      },
      html({ text }) {
        return /^\s*<!--[\s\S]*-->\s*$/.test(text) ? '' : escape(text);
      },
      link({ href, tokens }) {
        const body = this.parser.parseInline(tokens);
        const target = siteTarget(href, source, localIds);
        if (!target) return body;
        if (target.external) return `<a href="${escape(target.external)}">${body}</a>`;
        if (target.local) return `<a href="${escape(target.local)}">${body}</a>`;
        return `<a href="${escape(base + target.page)}">${body}</a>`;
      },
      image({ text }) {
        return escape(text);
      },
    },
  });
  return marked.parse(text);
}

// ---------------------------------------------------------------------------------------------
// Live examples: markup the page shows and runs; scripts/docs-site/examples.js wires them to a
// SimulatedContactCenter from the built bundle. `kind` says what the simulated center does first:
// idle (nothing), offer (an offer waits), voice / web (a voice or web callback, accepted), desk
// (the desk's own simulator).

const EXAMPLES = {
  'agent-status': { kind: 'idle', markup: '<agent-status></agent-status>', note: 'Choose Ready or Not ready: the simulated contact center answers after its latency.' },
  'call-actions': { kind: 'voice', markup: '<call-actions></call-actions>', note: 'An accepted voice callback: hold, transfer, send DTMF, end the call, then mark it done.' },
  'call-status': { kind: 'voice', markup: '<call-status></call-status>\n<call-actions></call-actions>', note: 'The status of an accepted voice callback, with the call actions to change it.' },
  'callback-desk': {
    kind: 'desk',
    markup: '<callback-desk simulated></callback-desk>',
    note: 'The whole desk on its own simulated contact center: open “Simulated contact center” under it and send an offer.',
  },
  'callback-info': { kind: 'voice', markup: '<callback-info></callback-info>', note: 'The callback information of an accepted voice callback.' },
  'callback-notification': { kind: 'offer', markup: '<callback-notification></callback-notification>', note: 'An offer waiting for the agent: accept or reject it, or let it go back to routing.' },
  'callback-preview': { kind: 'web', markup: '<callback-preview></callback-preview>', note: 'An accepted web callback: call the customer, schedule a callback or mark it done.' },
  'callback-provider': {
    kind: 'idle',
    markup: '<agent-status></agent-status>\n<standard-responses></standard-responses>',
    note: 'The provider has no UI: the elements inside it get their adapters from it, here the simulated contact center.',
  },
  'callback-scheduler': { kind: 'voice', markup: '<callback-scheduler></callback-scheduler>', note: 'Reschedule an accepted voice callback into one of the free slots the simulated service offers.' },
  'case-history': { kind: 'voice', markup: '<case-history></case-history>\n<interaction-note></interaction-note>', note: 'The history of an accepted voice callback; save a note to see it added.' },
  'contact-directory': { kind: 'voice', markup: '<contact-directory></contact-directory>', note: 'The contact of an accepted voice callback: edit and save it.' },
  'disposition-picker': { kind: 'voice', markup: '<disposition-picker mode="tree"></disposition-picker>', note: 'The disposition codes of the simulated contact center, as a tree with search.' },
  'dtmf-keypad': { kind: 'voice', markup: '<dtmf-keypad></dtmf-keypad>', note: 'Send digits into the connected call of an accepted voice callback (masked on screen).' },
  'interaction-note': { kind: 'voice', markup: '<interaction-note></interaction-note>', note: 'The note of an accepted voice callback; its draft survives a reload.' },
  'interaction-window': { kind: 'voice', markup: '<interaction-window></interaction-window>', note: 'Everything for an accepted voice callback in one window.' },
  'standard-responses': { kind: 'idle', markup: '<standard-responses></standard-responses>', note: 'Search the simulated contact center’s standard responses by keyword or category.' },
  'team-communicator': { kind: 'idle', markup: '<team-communicator></team-communicator>', note: 'Search agents, queues, routing points, skills and contacts of the simulated contact center.' },
  'unsent-work': {
    kind: 'idle',
    markup: '<unsent-work></unsent-work>',
    note: 'Shows nothing until an earlier page of this site left work unsent (a note, a disposition or a Mark done that failed): then it lists it here.',
  },
};

const SCENARIO = { idle: null, offer: 'immediate', voice: 'immediate', web: 'web-callback', desk: null };

/** The JavaScript an integrator writes for an example of `kind` (shown under it). */
function exampleScript(kind) {
  if (kind === 'desk') return "import 'callback-elements/bundle';\n// `simulated`: the desk runs its own simulated contact center, nothing else to set.";
  const lines = [
    "import 'callback-elements/bundle';",
    "import { SimulatedContactCenter } from 'callback-elements/bundle/adapters/simulated.js';",
    '',
    'const cc = new SimulatedContactCenter();',
    "const provider = document.querySelector('callback-provider');",
    'provider.callbackAdapter = cc;',
    'provider.telephonyAdapter = cc;',
    'provider.directoryAdapter = cc;',
  ];
  if (kind === 'offer') lines.push('', `const offer = await cc.offer('${SCENARIO[kind]}');`, "provider.querySelector('callback-notification').interactionId = offer.id;");
  if (kind === 'voice' || kind === 'web') {
    lines.push('', `const offer = await cc.offer('${SCENARIO[kind]}');`, 'const interaction = await cc.accept(offer.id);');
    lines.push("for (const el of provider.children) el.interactionId = interaction.id;");
  }
  return lines.join('\n');
}

/** An example's stage and its source; `label` names it for assistive technology. */
function exampleBlock({ kind, markup, note }, { id, label, extra = '' }) {
  const source = kind === 'desk' ? markup : `<callback-provider>\n${markup.replace(/^/gm, '  ')}\n</callback-provider>`;
  const again =
    kind === 'idle' || kind === 'desk' ? '' : `<button type="button" class="example-again" data-example-again="${escape(id)}">${kind === 'offer' ? 'Send another offer' : 'Start a new callback'}</button>`;
  return `<div class="example" role="region" aria-label="${escape(label)}">
  <p class="example-note">${escape(note)}</p>
  ${extra}
  <div class="example-stage" id="${escape(id)}" data-example="${escape(kind)}"${SCENARIO[kind] ? ` data-scenario="${escape(SCENARIO[kind])}"` : ''}>
${source}
  </div>
  ${again}
  <details class="example-source">
    <summary>Source</summary>
    <pre><code class="language-html">${escape(source)}</code></pre>
    <pre><code class="language-js">${escape(exampleScript(kind))}</code></pre>
  </details>
</div>`;
}

// ---------------------------------------------------------------------------------------------
// Page frame

const GUIDES = [
  ['theming', 'Theming'],
  ['accessibility', 'Accessibility'],
  ['adapters', 'Adapters'],
  ['writeAdapter', 'Write an adapter'],
  ['localization', 'Localization'],
  ['tabs', 'Several tabs'],
];

function page({ path, title, body, examples = false }) {
  const base = path.includes('/') ? '../' : '';
  const link = (target, text) => {
    const current = target === path ? ' aria-current="page"' : '';
    return `<li><a href="${escape(base + target)}"${current}>${text}</a></li>`;
  };
  const nav = `<nav aria-label="Site">
  <ul>
    ${link(PAGES.index, 'Overview')}
  </ul>
  <h2 id="nav-elements">Elements</h2>
  <ul aria-labelledby="nav-elements">
    ${[...tags].map((tag) => link(elementPage(tag), `<code>&lt;${escape(tag)}&gt;</code>`)).join('\n    ')}
  </ul>
  <h2 id="nav-guides">Guides</h2>
  <ul aria-labelledby="nav-guides">
    ${GUIDES.map(([key, text]) => link(PAGES[key], escape(text))).join('\n    ')}
  </ul>
</nav>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)} · callback-elements</title>
  <link rel="stylesheet" href="${base}assets/site.css">
${examples ? `  <script type="module" src="${base}assets/examples.js"></script>\n` : ''}</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header class="site-header"><a href="${escape(base + PAGES.index)}">callback-elements</a> <span>documentation</span></header>
  <div class="layout">
    ${nav}
    <main id="main" tabindex="-1">
${body}
    </main>
  </div>
  <footer class="site-footer">Built by <code>npm run docs</code> from custom-elements.json, docs/ and README.md.</footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Element pages

const isGlobalToken = (property) => /^Global token:/.test(property.description ?? '');

function table(caption, headers, rows) {
  if (!rows.length) return '';
  return `<table>
  <caption>${escape(caption)}</caption>
  <thead><tr>${headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead>
  <tbody>
${rows.map((cells) => `    <tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`).join('\n')}
  </tbody>
</table>`;
}

const code = (text) => (text === undefined || text === null || text === '' ? '' : `<code>${escape(text)}</code>`);

function section(id, title, content, empty) {
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${escape(title)}</h2>
${content || `<p>${escape(empty)}</p>`}
</section>`;
}

function elementBody({ module, declaration: d }) {
  const tag = d.tagName;
  const publicMembers = (d.members ?? []).filter((m) => !m.privacy && !m.static && !m.name.startsWith('#'));
  const fields = publicMembers.filter((m) => m.kind === 'field');
  const methods = publicMembers.filter((m) => m.kind === 'method');
  const ownTokens = (d.cssProperties ?? []).filter((p) => !isGlobalToken(p));
  const globalTokens = (d.cssProperties ?? []).filter(isGlobalToken);
  const a11yFile = join(root, 'docs', 'a11y', `${tag}.md`);
  const ids = new Set(['main', 'nav-elements', 'nav-guides', 'example', 'attributes', 'properties', 'methods', 'events', 'slots', 'parts', 'tokens', 'states', 'accessibility']);
  const a11y = existsSync(a11yFile)
    ? markdown(readFileSync(a11yFile, 'utf8').replace(/^# .*\n/, ''), { source: `docs/a11y/${tag}.md`, base: '../', shift: 1, ids })
    : '';
  const example = EXAMPLES[tag] ?? { kind: 'idle', markup: `<${tag}></${tag}>`, note: `<${tag}> on the simulated contact center.` };
  const entry = module.path.replace(/^dist\/elements\/[^/]+\//, '');

  const body = `<h1><code>&lt;${escape(tag)}&gt;</code></h1>
<p class="summary">${inline(d.summary ?? '')}</p>
${paragraphs(d.description)}
<p>Class <code>${escape(d.name)}</code>; from npm: <code>import 'callback-elements/${escape(entry)}';</code>, or the drop-in bundle.</p>
<ul class="toc" aria-label="On this page">
  <li><a href="#example">Live example</a></li><li><a href="#attributes">Attributes</a></li><li><a href="#properties">Properties</a></li>
  <li><a href="#methods">Methods</a></li><li><a href="#events">Events</a></li><li><a href="#slots">Slots</a></li><li><a href="#parts">CSS parts</a></li>
  <li><a href="#tokens">CSS custom properties</a></li><li><a href="#states">Custom states</a></li><li><a href="#accessibility">Accessibility</a></li>
</ul>
${section('example', 'Live example', exampleBlock(example, { id: `example-${tag}`, label: `Live example of ${tag}` }))}
${section(
  'attributes',
  'Attributes',
  table(
    `Attributes of ${tag}`,
    ['attribute', 'property', 'type', 'default', 'description'],
    (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), inline(a.description)]),
  ),
  'None.',
)}
${section(
  'properties',
  'Properties',
  table(
    `Properties of ${tag}`,
    ['property', 'attribute', 'type', 'default', 'description'],
    fields.map((f) => [code(f.name), code(f.attribute), code(f.type?.text), code(f.default), `${f.readonly ? '<em>read only.</em> ' : ''}${inline(f.description)}`]),
  ),
  'None.',
)}
${section(
  'methods',
  'Methods',
  table(
    `Methods of ${tag}`,
    ['method', 'parameters', 'returns', 'description'],
    methods.map((m) => [
      code(`${m.name}()`),
      (m.parameters ?? []).map((p) => code(`${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`)).join(', '),
      code(m.return?.type?.text),
      inline(m.description),
    ]),
  ),
  'None.',
)}
${section(
  'events',
  'Events',
  table(`Events of ${tag}`, ['event', 'type', 'description'], (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), inline(e.description)])),
  'None.',
)}
${section(
  'slots',
  'Slots',
  table(`Slots of ${tag}`, ['slot', 'description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', inline(s.description)])),
  'None.',
)}
${section('parts', 'CSS parts', table(`CSS parts of ${tag}`, ['part', 'description'], (d.cssParts ?? []).map((p) => [code(p.name), inline(p.description)])), 'None.')}
${section(
  'tokens',
  'CSS custom properties',
  `${table(`Tokens of ${tag}`, ['property', 'default', 'description'], ownTokens.map((p) => [code(p.name), code(p.default), inline(p.description)])) || '<p>No tokens of its own.</p>'}
${
  globalTokens.length
    ? `<details>
  <summary>The ${globalTokens.length} global tokens it follows</summary>
  ${table(`Global tokens ${tag} follows`, ['property', 'default', 'description'], globalTokens.map((p) => [code(p.name), code(p.default), inline(p.description.replace(/^Global token:\s*/, ''))]))}
  <p>Try them in the <a href="../${PAGES.theming}">token editor</a>.</p>
</details>`
    : ''
}`,
  'None.',
)}
${section('states', 'Custom states', table(`Custom states of ${tag}`, ['state', 'description'], (d.cssStates ?? []).map((s) => [code(`:state(${s.name})`), inline(s.description)])), 'None.')}
${section('accessibility', 'Accessibility', a11y, 'No notes yet.')}`;
  return body;
}

// ---------------------------------------------------------------------------------------------
// Guides

/** The global tokens, once each, from the manifest (every element lists them), in the order of the longest list. */
const globalTokens = [
  ...new Map(
    elements
      .map(({ declaration }) => (declaration.cssProperties ?? []).filter(isGlobalToken))
      .sort((a, b) => b.length - a.length)
      .flat()
      .map((p) => [p.name, p]),
  ).values(),
];

function tokenEditor() {
  const fields = globalTokens.map((token) => {
    const id = `token-${token.name.replace(/^--/, '')}`;
    const hex = /#[0-9a-f]{6}\b/i.exec(token.default ?? '')?.[0];
    const input = hex
      ? `<input type="color" id="${escape(id)}" data-token="${escape(token.name)}" value="${escape(hex.toLowerCase())}">`
      : `<input type="text" id="${escape(id)}" data-token="${escape(token.name)}" value="${escape(token.default ?? '')}" spellcheck="false">`;
    return `<div class="token-field">
  <label for="${escape(id)}"><code>${escape(token.name)}</code> <span>${inline(token.description.replace(/^Global token:\s*/, ''))}</span></label>
  ${input}
</div>`;
  });
  const example = {
    kind: 'voice',
    markup: '<agent-status></agent-status>\n<call-status></call-status>\n<call-actions></call-actions>',
    note: 'Change a token: the elements below follow at once. Nothing is set until you change a field; a colour set here is used in light and dark.',
  };
  return `<section aria-labelledby="token-editor">
<h2 id="token-editor">Live token editor</h2>
<form class="token-editor" data-token-target="example-theming">
  <fieldset>
    <legend>Colour scheme</legend>
    <label><input type="radio" name="scheme" value="" checked> Follow the system</label>
    <label><input type="radio" name="scheme" value="light"> Light (<code>data-cb-theme="light"</code>)</label>
    <label><input type="radio" name="scheme" value="dark"> Dark (<code>data-cb-theme="dark"</code>)</label>
  </fieldset>
  <fieldset class="token-fields">
    <legend>Global tokens</legend>
    ${fields.join('\n    ')}
  </fieldset>
  <button type="reset">Reset every token</button>
</form>
${exampleBlock(example, { id: 'example-theming', label: 'Themed example', extra: '<p>The CSS for what you changed:</p>\n  <pre class="token-css"><code data-token-css>/* nothing changed yet */</code></pre>' })}
</section>`;
}

function localizationExample() {
  const example = {
    kind: 'voice',
    markup: '<call-status></call-status>\n<call-actions></call-actions>\n<callback-info></callback-info>',
    note: 'The same elements in the language chosen here: the example’s lang attribute changes, and they re-render.',
  };
  return `<section aria-labelledby="live-language">
<h2 id="live-language">Live: change the language</h2>
<p><label for="example-language">Language of the example</label>
<select id="example-language" data-lang-target="example-localization">
  <option value="en">English (en)</option>
  <option value="es">Español (es)</option>
  <option value="es-MX">Español de México (es-MX)</option>
</select></p>
${exampleBlock(example, { id: 'example-localization', label: 'Example in the chosen language' })}
</section>`;
}

function guidePage(key, title, markdownText, source, extra = '') {
  const ids = new Set(['main', 'nav-elements', 'nav-guides', 'token-editor', 'live-language']);
  // The Markdown's own `# Title` (or the README's `## Title`) becomes the page's h1.
  const text = markdownText.replace(/^#{1,2} .*\n/, '');
  const shift = source === 'README.md' ? -1 : 0;
  return page({
    path: PAGES[key],
    title,
    examples: Boolean(extra),
    body: `<h1>${escape(title)}</h1>\n${extra}\n${markdown(text, { source, base: '', shift, ids })}`,
  });
}

function indexPage() {
  const rows = elements.map(({ declaration: d }) => [`<a href="${escape(elementPage(d.tagName))}"><code>&lt;${escape(d.tagName)}&gt;</code></a>`, inline(d.summary ?? '')]);
  const body = `<h1>callback-elements</h1>
<p>Framework-agnostic custom elements (lit 3) that let a contact-center agent handle callback interactions inside any web page, on pluggable telephony and callback adapters. Every element page below has a live example running the drop-in bundle on the simulated contact center.</p>
<pre><code class="language-html">${escape('<script type="module" src="callback-elements/dist/bundle/callback-elements.bundle.js"></script>\n<callback-desk simulated></callback-desk>')}</code></pre>
<section aria-labelledby="elements">
<h2 id="elements">Elements</h2>
${table('Every element', ['element', 'what it is'], rows)}
</section>
<section aria-labelledby="guides">
<h2 id="guides">Guides</h2>
<ul>
  <li><a href="${PAGES.theming}">Theming</a>: tokens in three tiers, parts, dark mode, forced colours, with a live token editor.</li>
  <li><a href="${PAGES.accessibility}">Accessibility</a>: how it is checked, and each element's notes.</li>
  <li><a href="${PAGES.adapters}">Adapters</a>: the contracts, the simulated contact center, GMS, Genesys Engage and Cloud, SIP, writing one.</li>
  <li><a href="${PAGES.writeAdapter}">Write an adapter</a>: a callback adapter and its phone from the public types, proved with the contract suites of <code>callback-elements/testing</code>.</li>
  <li><a href="${PAGES.localization}">Localization</a>: language resolution, Spanish, formats, with a live language switch.</li>
  <li><a href="${PAGES.tabs}">Several tabs</a>: one desk per agent across the tabs of a browser, and how it moves between them.</li>
</ul>
</section>`;
  return page({ path: PAGES.index, title: 'Overview', body });
}

// ---------------------------------------------------------------------------------------------
// Write, then check the links

const files = new Map();
files.set(PAGES.index, indexPage());
for (const element of elements) {
  const tag = element.declaration.tagName;
  files.set(elementPage(tag), page({ path: elementPage(tag), title: `<${tag}>`, body: elementBody(element), examples: true }));
}
files.set(PAGES.theming, guidePage('theming', 'Theming', readFileSync(join(root, 'docs', 'theming.md'), 'utf8'), 'docs/theming.md', tokenEditor()));
files.set(PAGES.accessibility, guidePage('accessibility', 'Accessibility', readFileSync(join(root, 'docs', 'a11y', 'README.md'), 'utf8'), 'docs/a11y/README.md'));
files.set(PAGES.adapters, guidePage('adapters', 'Adapters', readFileSync(join(root, 'docs', 'adapters.md'), 'utf8'), 'docs/adapters.md'));
files.set(PAGES.writeAdapter, guidePage('writeAdapter', 'Write an adapter', readFileSync(join(root, 'docs', 'write-an-adapter.md'), 'utf8'), 'docs/write-an-adapter.md'));
files.set(PAGES.tabs, guidePage('tabs', 'Several tabs', readFileSync(join(root, 'docs', 'tabs.md'), 'utf8'), 'docs/tabs.md'));
files.set(PAGES.localization, guidePage('localization', 'Localization', readmeSection('Language'), 'README.md', localizationExample()));

const problems = [];
const idsOf = (html) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
for (const [path, html] of files) {
  for (const [, href] of html.matchAll(/\shref="([^"]+)"/g)) {
    if (/^(https?:|mailto:)/.test(href) || href.startsWith('assets/') || href.startsWith('../assets/')) continue;
    const [target, fragment] = href.replace(/&amp;/g, '&').split('#');
    const file = target ? posix.normalize(posix.join(posix.dirname(path), target)) : path;
    if (!files.has(file)) problems.push(`${path}: link to ${href}, which is not a page`);
    else if (fragment && !idsOf(files.get(file)).has(fragment)) problems.push(`${path}: link to ${href}, which has no #${fragment}`);
  }
}
if (problems.length) {
  console.error(`docs: broken links\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

await rm(out, { recursive: true, force: true });
for (const [path, html] of files) {
  await mkdir(dirname(join(out, path)), { recursive: true });
  await writeFile(join(out, path), html);
}
await mkdir(join(out, 'assets'), { recursive: true });
for (const asset of ['site.css', 'examples.js']) await cp(join(assets, asset), join(out, 'assets', asset));
await cp(join(root, 'dist', 'bundle'), join(out, 'bundle'), { recursive: true, filter: (source) => !source.endsWith('.map') });
console.log(`docs → site/: ${files.size} pages (${elements.length} elements) (${seconds()})`);
