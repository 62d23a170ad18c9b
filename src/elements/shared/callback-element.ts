import { LitElement } from 'lit';
import { hostStyles } from './styles.js';

/**
 * The small base every element shares: host styles, language resolution and custom states.
 * Behaviour that is not about identity lives in controllers, not here.
 */
export class CallbackElement extends LitElement {
  static override styles = [hostStyles];

  #internals: ElementInternals | undefined;

  /**
   * The language to format dates, times and numbers in: the element's own `lang`, else the
   * nearest ancestor's (crossing shadow roots), else the document's, else the browser's.
   */
  protected get locale(): string {
    for (let node: Node | null = this as Node; node; ) {
      if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return document.documentElement.lang || navigator.language || 'en';
  }

  /** Sets or clears a custom state, for `:host(:state(name))` styling. */
  protected setState(name: string, on: boolean): void {
    this.#internals ??= this.attachInternals();
    const states = this.#internals.states;
    if (!states) return;
    if (on) states.add(name);
    else states.delete(name);
  }

  /** True when the element currently has the custom state (for tests and hosts). */
  hasState(name: string): boolean {
    return this.#internals?.states?.has(name) ?? false;
  }
}
