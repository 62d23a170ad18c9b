import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { rovingIndex } from './roving-index.js';

export { rovingIndex };

/** Which arrow keys move: Left/Right, Up/Down, all four along one line, or rows of a grid. */
export type RovingOrientation = 'horizontal' | 'vertical' | 'both' | 'grid';

export interface RovingFocusOptions {
  orientation: RovingOrientation;
  /** Past an end, go round to the other end (toolbars, tabs, menus); otherwise stop there (lists, grids, trees). */
  wrap?: boolean;
  /** The items in order, as rendered now; disabled ones are skipped. */
  items: () => HTMLElement[];
  /** A grid's items per row, as rendered now. */
  columns?: () => number;
  /**
   * Keep one item in the tab order (tabindex 0, the others -1): the last one focused, else the
   * first. Without it the template decides (a tab list's selected tab, a menu's none).
   */
  tabStop?: boolean;
  /** What an item stands for, so a re-rendered button that now stands for something else counts as gone. */
  key?: (item: HTMLElement) => unknown;
  /** Where focus goes when the focused item goes away; else the item now in its place. */
  fallback?: () => HTMLElement | null | undefined;
}

/**
 * Roving focus for a composite widget (APG toolbar, tabs, menu, grid, tree): the arrows move focus
 * among its items, mirrored left to right when the host's computed direction is right to left; Home
 * and End jump to the ends. It listens for `keydown` on the host, so the host only creates it; a key
the widget handled inside (`preventDefault()`) is left alone. With
 * `tabStop`, the controller keeps the tab order to one item and, when the focused item goes away
 * in an update, puts focus on `fallback` or the item now in its place, never on `<body>`.
 */
export class RovingFocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: RovingFocusOptions;
  /** What the tab stop stands for, and where it was. */
  #active: unknown;
  #index = 0;
  /** What the focused item stood for before an update; `this` when no item had focus. */
  #focused: unknown = this;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RovingFocusOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    host.addEventListener('keydown', (e) => this.#onKeydown(e));
    // The host's own listener, gone with it: a click or Tab onto an item makes it the tab stop.
    if (options.tabStop) host.addEventListener('focusin', (e) => this.#make(e.composedPath()[0] as HTMLElement));
  }

  #items(): HTMLElement[] {
    return this.#options.items().filter((item) => !item.matches(':disabled'));
  }

  #key(item: HTMLElement): unknown {
    return this.#options.key ? this.#options.key(item) : item;
  }

  /** Makes `item`, when it is one, the tab stop: tabindex 0 on it, -1 on the others. */
  #make(item: HTMLElement, items = this.#items()): void {
    const index = items.indexOf(item);
    if (index < 0) return;
    this.#active = this.#key(item);
    this.#index = index;
    for (const each of this.#options.items()) each.tabIndex = each === item ? 0 : -1;
  }

  /**
   * An arrow, Home or End pressed on an item, or on `fallback` (the arrows enter from an end), and
   * not handled inside (`defaultPrevented`) moves focus.
   */
  #onKeydown(event: KeyboardEvent): void {
    const items = this.#items();
    const { key } = event;
    const { orientation, columns, wrap, fallback } = this.#options;
    const target = event.composedPath()[0] as HTMLElement;
    const current = items.indexOf(target);
    const next =
      event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || (current < 0 && target !== fallback?.())
        ? undefined
        : rovingIndex(
            key,
            current,
            items.length,
            orientation === 'vertical' ? 0 : /^Arrow[LR]/.test(key) && getComputedStyle(this.#host).direction === 'rtl' ? -1 : 1,
            orientation === 'grid' ? columns!() : orientation === 'horizontal' ? 0 : 1,
            wrap,
          );
    const item = items[next ?? -1];
    if (!item) return;
    event.preventDefault();
    if (this.#options.tabStop) this.#make(item, items);
    item.focus();
  }

  hostUpdate(): void {
    const focused = this.#host.shadowRoot?.activeElement as HTMLElement | null;
    this.#focused = focused && this.#options.items().includes(focused) ? this.#key(focused) : this;
  }

  hostUpdated(): void {
    if (!this.#options.tabStop) return;
    const items = this.#items();
    const index = items.findIndex((item) => this.#key(item) === this.#active);
    // The tab stop went away: the item now in its place.
    this.#make(items[index < 0 ? Math.min(this.#index, items.length - 1) : index]!, items);
    const was = this.#focused;
    const now = this.#host.shadowRoot?.activeElement as HTMLElement | null;
    const nowKey = now && items.includes(now) ? this.#key(now) : this;
    const page = document.activeElement;
    // The focused item went away, or its element now stands for something else: unless focus moved
    // on elsewhere, it goes to a documented place, never to <body>.
    if (was === this || nowKey === was || (now ? nowKey === this : page && page !== document.body)) return;
    (items.find((item) => this.#key(item) === was) ?? this.#options.fallback?.() ?? items[this.#index])?.focus();
  }
}
