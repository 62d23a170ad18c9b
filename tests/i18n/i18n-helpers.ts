/** What the Spanish tests read: the XLIFF's messages and every string an agent can see or hear. */

export interface Message {
  id: string;
  source: string;
  target: string;
  /** Matches the whole message, any placeholder standing for any text. */
  sourcePattern: RegExp;
  targetPattern: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function pattern(node: Element): RegExp {
  const parts = [...node.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? escape(n.textContent!) : '.+?'));
  return new RegExp(`^${parts.join('')}$`, 's');
}

/** The trans-units of the committed Spanish XLIFF (served by the test runner from the repo root). */
export async function loadMessages(): Promise<Message[]> {
  const xml = await (await fetch('/xliff/es.xlf')).text();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return [...doc.getElementsByTagName('trans-unit')].map((unit) => {
    const source = unit.getElementsByTagName('source')[0]!;
    const target = unit.getElementsByTagName('target')[0]!;
    return {
      id: unit.getAttribute('id')!,
      source: source.textContent!,
      target: target.textContent!,
      sourcePattern: pattern(source),
      targetPattern: pattern(target),
    };
  });
}

const LABELS = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt'];

/**
 * Every text node and every labelling attribute under `root`, across (open) shadow roots,
 * trimmed and with white space collapsed. Hidden parts count too: an error paragraph or a closed
 * popup still holds text a screen reader or the next state shows.
 */
export function strings(root: Node): string[] {
  const found: string[] = [];
  const add = (text: string | null) => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    if (t) found.push(t);
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      add(node.textContent);
      return;
    }
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      for (const name of LABELS) add(node.getAttribute(name));
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}

/** The messages whose text (in `side`) appears as a whole string in `found`. */
export function shown(messages: readonly Message[], found: readonly string[], side: 'source' | 'target'): Message[] {
  return messages.filter((m) => {
    const p = side === 'source' ? m.sourcePattern : m.targetPattern;
    return found.some((text) => p.test(text));
  });
}

/** Every string inside `value` (records, lists, nested), white space collapsed. */
export function leaves(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value.replace(/\s+/g, ' ').trim());
  else if (Array.isArray(value)) for (const v of value) leaves(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, into);
  return into;
}
