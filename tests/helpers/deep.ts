// Finding things through open shadow roots, as a person sees one page.

/** The first element matching `selector` in `root` or in any shadow root below it, depth first. */
export function deepQuery(root: ParentNode, selector: string): Element | null {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deepQuery(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** The focused element of `doc` (this page's by default, or a frame's), through shadow roots. */
export function deepActive(doc: Document | null | undefined = document): Element | null {
  let active = doc?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element under `root`, through every open shadow root, in document order. */
export function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

/**
 * All the text a user could see under `root`, shadow trees included (style and script text
 * excluded). By node type, not `instanceof`, so it reads a framed page's nodes too (another realm).
 */
export function deepText(root: Node): string {
  let text = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += (node as Text).data;
      return;
    }
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : null;
    if (el && (el.localName === 'style' || el.localName === 'script')) return;
    if (el?.shadowRoot) visit(el.shadowRoot);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return text;
}
