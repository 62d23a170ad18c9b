/**
 * One MutationObserver per document for the attributes elements inherit from their ancestors
 * (`lang`, `data-cb-theme`), instead of one per element: a desk holds dozens of elements.
 *
 * A MutationObserver on the document does not see inside shadow roots (and an observer cannot be
 * attached to someone else's closed shadow root), so a change of `lang` or `data-cb-theme` on an
 * element inside another component's shadow root is picked up the next time our element connects.
 * Changes anywhere in the light DOM, `<html>` included, reach every element, nested ones too.
 */

export const AMBIENT_ATTRIBUTES = ['lang', 'data-cb-theme'] as const;

export interface AmbientListener {
  ambientChanged(): void;
}

const watchers = new WeakMap<Document, { observer: MutationObserver; listeners: Set<AmbientListener> }>();

/** Calls `listener.ambientChanged()` after any change of an ambient attribute in `doc`. */
export function watchAmbient(doc: Document, listener: AmbientListener): void {
  let watcher = watchers.get(doc);
  if (!watcher) {
    const listeners = new Set<AmbientListener>();
    const observer = new MutationObserver(() => {
      for (const l of [...listeners]) l.ambientChanged();
    });
    watcher = { observer, listeners };
    watchers.set(doc, watcher);
  }
  if (!watcher.listeners.size) {
    watcher.observer.observe(doc, { subtree: true, attributes: true, attributeFilter: [...AMBIENT_ATTRIBUTES] });
  }
  watcher.listeners.add(listener);
}

/** Stops calling `listener`; the observer stops when no element listens. */
export function unwatchAmbient(doc: Document, listener: AmbientListener): void {
  const watcher = watchers.get(doc);
  if (!watcher?.listeners.delete(listener) || watcher.listeners.size) return;
  watcher.observer.disconnect();
}

/**
 * The value of `name` on `from` or its nearest ancestor that has it, crossing shadow roots
 * (a shadow root's parent is its host).
 */
export function nearestAttribute(from: Element, name: string): string | null {
  for (let node: Node | null = from; node; ) {
    if (node instanceof Element) {
      const value = node.getAttribute(name);
      if (value) return value;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}
