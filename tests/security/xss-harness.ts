import type { DirectoryAdapter, DirectoryTarget, ResponseQuery, StandardResponse, TargetQuery } from '../../src/adapters/directory-adapter.js';
import type { CallOptions } from '../../src/adapters/callback-adapter.js';
import type { Contact, DispositionNode } from '../../src/model/interaction.js';
import { XSS_CORPUS, type XssCategory, type XssPayload } from './xss-corpus.js';

/**
 * What xss.test.ts needs besides the corpus: which payloads go where in each round, a directory
 * serving hostile words, traps for code that runs, and a walk over every shadow tree.
 */

/** The payloads the rounds use: the whole corpus, the unbroken 100 KB words (`slowLayout`) included. */
export const ROUND_CORPUS: readonly XssPayload[] = XSS_CORPUS;

export const CATEGORIES: readonly XssCategory[] = [...new Set(ROUND_CORPUS.map((p) => p.category))];

/** One round per category, so each single-valued field meets every category once. */
export const ROUNDS = CATEGORIES.length;

/** List-like fields (case data, notes, codes, targets, responses) take every payload across the rounds. */
export function listPayloads(round: number): XssPayload[] {
  return ROUND_CORPUS.filter((_, i) => i % ROUNDS === round);
}

/** Single-valued field `field` of round `round`: category (round + field), a different payload each time. */
export function scalarPayload(round: number, field: number): XssPayload {
  const category = CATEGORIES[(round + field) % CATEGORIES.length]!;
  const inCategory = ROUND_CORPUS.filter((p) => p.category === category);
  return inCategory[(round + 3 * field) % inCategory.length]!;
}

/** SIP carries UTF-8: a lone surrogate cannot travel, it arrives as U+FFFD. */
export const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, '\uFFFD');

export interface HostileWords {
  targets: DirectoryTarget[];
  responses: StandardResponse[];
  dispositions: DispositionNode[];
}

/**
 * A directory whose people, responses and codes are all hostile text; contacts go to the real
 * directory. Like a backend matching on fields it does not show, it answers every target search
 * with all its targets, so the list can show names that do not contain the query.
 */
export class HostileDirectory implements DirectoryAdapter {
  constructor(
    private readonly real: DirectoryAdapter,
    private readonly words: HostileWords,
  ) {}

  async searchTargets(query: TargetQuery, _options?: CallOptions): Promise<DirectoryTarget[]> {
    const kinds = query.kinds?.length ? new Set(query.kinds) : undefined;
    return this.words.targets.filter((t) => !kinds || kinds.has(t.kind)).slice(0, query.limit ?? 50).map((t) => ({ ...t }));
  }

  getContact(id: string, options?: CallOptions): Promise<Contact> {
    return this.real.getContact(id, options);
  }

  updateContact(contact: Contact & { id: string }, options?: CallOptions): Promise<Contact> {
    return this.real.updateContact(contact, options);
  }

  async searchResponses(_query: ResponseQuery, _options?: CallOptions): Promise<StandardResponse[]> {
    return this.words.responses.map((r) => ({ ...r, keywords: [...r.keywords] }));
  }

  async dispositionCodes(_options?: CallOptions): Promise<DispositionNode[]> {
    return structuredClone(this.words.dispositions);
  }
}

const KINDS: readonly DirectoryTarget['kind'][] = ['agent', 'queue', 'routing-point', 'skill', 'contact'];

/** Hostile targets, responses and codes from the round's list payloads (each also hostile in a second field). */
export function hostileWords(texts: readonly string[], round: number): HostileWords {
  const other = (i: number) => texts[(i + 1) % texts.length]!;
  return {
    // The first one is a ready agent: the one the test conferences in.
    targets: texts.map((name, i) => ({
      kind: KINDS[i % KINDS.length]!,
      id: `hostile-target-${round}-${i}`,
      name,
      address: i === 0 ? '4101' : other(i),
      ...(i % KINDS.length === 0 ? { availability: 'ready' as const } : {}),
    })),
    responses: texts.map((title, i) => ({ id: `hostile-response-${round}-${i}`, title, category: other(i), keywords: [other(i)], body: other(i) })),
    // Folders with hostile names too: the list shows each code's folder path.
    dispositions: texts.map((label, i) => ({
      code: `folder-${round}-${i}`,
      label: other(i),
      children: [{ code: `HOSTILE-${round}-${i}`, label }],
    })),
  };
}

// ---- Traps ----

declare global {
  interface Window {
    __xss?: unknown;
  }
}

export interface Traps {
  dialogs: string[];
  errors: string[];
  /** "ResizeObserver loop completed with undelivered notifications": counted, not a failure (see the report). */
  resizeLoops: number;
  restore(): void;
}

/** Dialogs, the global payloads try to set, and uncaught errors (a crash is a finding too). */
export function installTraps(): Traps {
  const dialogs: string[] = [];
  const errors: string[] = [];
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  window.alert = (m?: unknown) => void dialogs.push(`alert(${String(m)})`);
  window.confirm = (m?: string) => (dialogs.push(`confirm(${String(m)})`), false);
  window.prompt = (m?: string) => (dialogs.push(`prompt(${String(m)})`), null);
  delete window.__xss;
  const traps = { dialogs, errors, resizeLoops: 0 };
  const onError = (e: ErrorEvent) => {
    // Chromium reports a popup that resizes while Floating UI places it as this window error. It
    // runs nothing and breaks nothing a user sees; a capturing listener runs before mocha's onerror.
    if (/ResizeObserver loop/.test(e.message)) {
      traps.resizeLoops++;
      e.stopImmediatePropagation();
      return;
    }
    errors.push(String(e.error?.stack ?? e.message));
  };
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String((e.reason as Error | undefined)?.stack ?? e.reason));
  // Mocha fails the running test from window.onerror: route the resize-loop report around it.
  const mochaOnError = window.onerror;
  window.onerror = (message, ...rest) =>
    typeof message === 'string' && /ResizeObserver loop/.test(message) ? true : mochaOnError?.call(window, message, ...rest);
  window.addEventListener('error', onError, { capture: true });
  window.addEventListener('unhandledrejection', onRejection);
  return Object.assign(traps, {
    restore() {
      Object.assign(window, saved);
      window.onerror = mochaOnError;
      window.removeEventListener('error', onError, { capture: true });
      window.removeEventListener('unhandledrejection', onRejection);
    },
  });
}

// ---- The composed tree (walked with deepElements and deepText, tests/helpers/deep.ts) ----

/** Tags that must never come out of data: elements that fetch, run or style. */
export const FORBIDDEN_TAGS = new Set([
  'script', 'img', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base',
  'video', 'audio', 'source', 'marquee', 'image', 'animate', 'set', 'use', 'foreignobject', 'noscript', 'template', 'xmp',
  'mglyph', 'mtext', 'body', 'html', 'head', 'title', 'a', 'area',
]);

export interface TreeShape {
  tags: Set<string>;
  attributes: Set<string>;
  /** Tag, attribute names and class of each element: the elements' own icons are `svg` too. */
  signatures: Set<string>;
}

const signature = (el: Element) => `${el.localName}|${el.getAttributeNames().sort().join(' ')}|${el.getAttribute('class') ?? ''}`;

export function shapeOf(elements: readonly Element[]): TreeShape {
  const shape: TreeShape = { tags: new Set(), attributes: new Set(), signatures: new Set() };
  for (const el of elements) {
    shape.tags.add(el.localName);
    shape.signatures.add(signature(el));
    for (const attr of el.attributes) shape.attributes.add(attr.name);
  }
  return shape;
}

const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'ping', 'srcset']);

/** A URL attribute a browser would run: `javascript:` after the whitespace and controls it ignores. */
export const runsScript = (name: string, value: string) =>
  URL_ATTRIBUTES.has(name.toLowerCase()) && /^(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020]/g, ''));

/** Problems in the composed tree: forbidden or unknown tags and attributes, handlers, script URLs. */
export function treeProblems(elements: readonly Element[], baseline: TreeShape): string[] {
  const problems: string[] = [];
  for (const el of elements) {
    if (FORBIDDEN_TAGS.has(el.localName) && !baseline.signatures.has(signature(el))) problems.push(`<${el.localName}> in the tree`);
    else if (!baseline.tags.has(el.localName)) problems.push(`<${el.localName}>, not in the benign rendering`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`${attr.name}= on <${el.localName}>`);
      else if (!baseline.attributes.has(attr.name)) problems.push(`${attr.name}= on <${el.localName}>, not in the benign rendering`);
      if (runsScript(attr.name, attr.value)) problems.push(`${attr.name}="${attr.value.slice(0, 40)}" on <${el.localName}>`);
    }
  }
  return problems;
}

/**
 * Grid points of the viewport outside `inside` rectangles where hit-testing lands on `host`
 * (shadow content is retargeted to it): something of the element painted outside its box.
 */
export function paintedOutside(host: Element, inside: readonly DOMRect[], step = 20): string[] {
  const hits: string[] = [];
  const within = (x: number, y: number) => inside.some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
  for (let y = step / 2; y < innerHeight; y += step) {
    for (let x = step / 2; x < innerWidth; x += step) {
      if (within(x, y)) continue;
      if (!document.elementsFromPoint(x, y).includes(host)) continue;
      // The innermost element there, through the shadow roots, names the culprit.
      let root: DocumentOrShadowRoot = document;
      let el: Element | null = null;
      for (let next = root.elementFromPoint(x, y); next && next !== el; next = root.elementFromPoint(x, y)) {
        el = next;
        if (!el.shadowRoot) break;
        root = el.shadowRoot;
      }
      hits.push(`${x},${y}: <${el?.localName}${el?.className ? `.${el.className}` : ''}> in ${(el?.getRootNode() as ShadowRoot).host?.localName}`);
    }
  }
  return hits;
}
