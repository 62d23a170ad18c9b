import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Which arrow keys move: Left/Right, Up/Down, all four along one line, or rows of a grid. */
export type RovingOrientation = 'horizontal' | 'vertical' | 'both' | 'grid';

export interface RovingMove {
  orientation: RovingOrientation;
  /** Past an end, go round to the other end (toolbars, tabs, menus); otherwise stop there (lists, grids, trees). */
  wrap?: boolean;
  /** Right to left: Left and Right trade places. */
  rtl?: boolean;
  /** A grid's items per row. */
  columns?: number;
}

/**
 * Where `key` moves the active one of `count` items from `current` (-1: none, so an arrow enters
 * from the end it points away from); undefined when the key is no move. Home and End go to the first and
 * last. The arithmetic of {@link RovingFocusController}, also for a list that moves
 * `aria-activedescendant` instead of focus.
 */
export function rovingIndex(key: string, current: number, count: number, { orientation, wrap, rtl, columns = 1 }: RovingMove): number | undefined {
  if (!count) return undefined;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const across = orientation === 'vertical' ? 0 : rtl ? -1 : 1;
  const down = orientation === 'grid' ? columns : orientation === 'horizontal' ? 0 : 1;
  const step = key === 'ArrowRight' ? across : key === 'ArrowLeft' ? -across : key === 'ArrowDown' ? down : key === 'ArrowUp' ? -down : 0;
  if (!step) return undefined;
  if (current < 0) return step > 0 ? 0 : count - 1;
  const next = current + step;
  return wrap ? (((next % count) + count) % count) : Math.min(count - 1, Math.max(0, next));
}

export interface RovingFocusOptions extends Omit<RovingMove, 'rtl' | 'columns'> {
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
  /** An arrow, Home or End moved focus to `item` (a tab list selects it). */
  onMove?: (item: HTMLElement) => void;
}

/**
 * Roving focus for a composite widget (APG toolbar, tabs, menu, grid, tree): the arrows move focus
 * among its items, mirrored left to right when the host's computed direction is right to left; Home
 * and End jump to the ends. The host calls `handleKey` from its items' container's `keydown`. With
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
    // The host's own listener, gone with it: a click or Tab onto an item makes it the tab stop.
    if (options.tabStop) host.addEventListener('focusin', (e) => this.#make(e.composedPath()[0] as HTMLElement));
  }

  get rtl(): boolean {
    return getComputedStyle(this.#host).direction === 'rtl';
  }

  #items(): HTMLElement[] {
    return this.#options.items().filter((item) => !item.matches(':disabled'));
  }

  #key(item: HTMLElement): unknown {
    return this.#options.key ? this.#options.key(item) : item;
  }

  /** Makes `item`, when it is one, the tab stop. */
  #make(item: HTMLElement): void {
    const items = this.#items();
    const index = items.indexOf(item);
    if (index < 0) return;
    this.#active = this.#key(item);
    this.#index = index;
    this.#sync(items);
  }

  #sync(items: HTMLElement[]): void {
    for (const item of this.#options.items()) item.tabIndex = item === items[this.#index] ? 0 : -1;
  }

  /** Focuses `item` (the tab stop with `tabStop`). */
  focus(item: HTMLElement | undefined): void {
    if (!item) return;
    this.#make(item);
    item.focus();
  }

  /** Moves focus for an arrow, Home or End pressed on an item (or on the container: the arrows enter it); true when it did. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const items = this.#items();
    const { columns, ...options } = this.#options;
    const key = event.key;
    const next = rovingIndex(key, items.indexOf(event.target as HTMLElement), items.length, {
      ...options,
      rtl: key.startsWith('ArrowL') || key.startsWith('ArrowR') ? this.rtl : false,
      columns: columns?.(),
    });
    const item = next === undefined ? undefined : items[next];
    if (!item) return false;
    event.preventDefault();
    this.focus(item);
    this.#options.onMove?.(item);
    return true;
  }

  hostUpdate(): void {
    if (!this.#options.tabStop) return;
    const focused = this.#host.shadowRoot?.activeElement as HTMLElement | null;
    this.#focused = focused && this.#options.items().includes(focused) ? this.#key(focused) : this;
  }

  hostUpdated(): void {
    if (!this.#options.tabStop) return;
    const items = this.#items();
    const index = items.findIndex((item) => this.#key(item) === this.#active);
    this.#index = index < 0 ? Math.max(0, Math.min(this.#index, items.length - 1)) : index;
    if (index < 0 && items[this.#index]) this.#active = this.#key(items[this.#index]!);
    this.#sync(items);
    const was = this.#focused;
    this.#focused = this;
    if (was === this) return;
    const now = this.#host.shadowRoot?.activeElement as HTMLElement | null;
    const nowKey = now && items.includes(now) ? this.#key(now) : this;
    if (nowKey === was) return;
    // The focused item went away, or its element now stands for something else: unless focus moved
    // on elsewhere, it goes to a documented place.
    const page = document.activeElement;
    if (now ? nowKey === this : page && page !== document.body) return;
    const same = items.find((item) => this.#key(item) === was);
    (same ?? this.#options.fallback?.() ?? items[this.#index])?.focus();
  }
}
