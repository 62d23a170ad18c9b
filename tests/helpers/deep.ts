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

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
