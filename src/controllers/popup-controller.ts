import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Placement } from '@floating-ui/dom';

type Placing = typeof import('./popup-placement.js');
let placing: Promise<Placing | undefined> | undefined;
let placingLoaded: Placing | undefined;

/**
 * Floating UI and the placement rules, fetched when the first popup opens (about 7 KB gzip that a
 * page showing offers does not need). A chunk that cannot be fetched is asked for again next time.
 */
function placingModule(): Promise<Placing | undefined> {
  placing ??= import('./popup-placement.js').then(
    (module) => (placingLoaded = module),
    () => (placing = undefined),
  );
  return placing;
}

export interface PopupConfig {
  /** The element the popup is placed against (a button, a name). */
  anchor: () => Element | null | undefined;
  /** The popup itself: an element in the host's shadow root. It gets `popover="manual"`. */
  popup: () => HTMLElement | null | undefined;
  placement?: Placement;
  /** Distance from the anchor, px. */
  offset?: number;
  /**
   * What the popup stays inside, besides the viewport. Default: the interaction window or desk the
   * anchor is in ({@link popupBoundary}), so a popup never spreads over the agent status or the
   * offers; none for an element alone on a page.
   */
  boundary?: () => Element | null | undefined;
  /** Called after the popup closed, with why. */
  onClose?: (reason: PopupCloseReason) => void;
}

export type PopupCloseReason = 'escape' | 'outside' | 'focus-left' | 'programmatic' | 'disconnect';

/** Open popups, topmost last: Escape closes only the topmost. */
const stack: PopupController[] = [];

/** Containers a popup keeps inside: the interaction's window (below the agent status and the offers), else the desk. */
const BOUNDARIES = ['interaction-window', 'callback-preview', 'callback-desk'];

/** Below this many px of room on either side, the anchor is first scrolled to the middle of the view. */
const MIN_ROOM = 160;

/** Space kept between a popup and the edges of its boundary, px. */
const PADDING = 8;

/** The nearest container of `node` a popup keeps inside, crossing shadow roots; undefined when there is none. */
export function popupBoundary(node: Node | null | undefined): Element | undefined {
  for (const selector of BOUNDARIES) {
    for (let n: Node | null | undefined = node; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
      if (n instanceof Element && n.matches(selector)) return n;
    }
  }
  return undefined;
}

/**
 * Where a popup opened before Floating UI arrived stands until it does (for good when its chunk
 * cannot be fetched): the rules of `popup-placement.ts` without their fine points, within the
 * boundary and the view. On the placement's side (below, or above for `top…`), or on the other one
 * when it does not fit there and the other has more room; sized to that room; with less than
 * {@link MIN_ROOM} there, the anchor is first scrolled to the middle of the view. It used to stand
 * just below the anchor always: an anchor at the bottom of the view put it below the view, with the
 * focus in it, for the time the chunk took (0.7 s in Firefox from the test server).
 */
function placeRoughly(anchor: Element, popup: HTMLElement, { placement, offset, boundary, padding }: { placement: Placement; offset: number; boundary: Element | undefined; padding: number }): void {
  Object.assign(popup.style, { left: '0px', top: '0px', maxHeight: '', maxWidth: '' });
  const { width, height } = popup.getBoundingClientRect();
  const measure = () => {
    const a = anchor.getBoundingClientRect();
    const b = boundary?.getBoundingClientRect();
    const view = {
      top: Math.max(0, b?.top ?? 0) + padding,
      bottom: Math.min(innerHeight, b?.bottom ?? Infinity) - padding,
      left: Math.max(0, b?.left ?? 0) + padding,
      right: Math.min(innerWidth, b?.right ?? Infinity) - padding,
    };
    const below = view.bottom - a.bottom - offset;
    const above = a.top - offset - view.top;
    const preferBelow = !placement.startsWith('top');
    const preferred = preferBelow ? below : above;
    const other = preferBelow ? above : below;
    const onPreferred = preferred >= height || preferred >= other;
    return { a, view, isBelow: onPreferred === preferBelow, room: Math.max(0, Math.floor(onPreferred ? preferred : other)) };
  };
  let at = measure();
  if (at.room < MIN_ROOM) {
    anchor.scrollIntoView({ block: 'center', inline: 'nearest' });
    at = measure();
  }
  const { a, view, isBelow, room } = at;
  const align = placement.endsWith('-end') ? a.right - width : placement.endsWith('-start') ? a.left : (a.left + a.right - width) / 2;
  Object.assign(popup.style, {
    left: `${Math.max(view.left, Math.min(align, view.right - width))}px`,
    top: `${isBelow ? a.bottom + offset : a.top - offset - Math.min(height, room)}px`,
    maxHeight: `${room}px`,
    maxWidth: `${Math.max(0, Math.floor(view.right - view.left))}px`,
  });
}

function onKeydown(event: KeyboardEvent): void {
  // Bubble phase: a widget inside the popup that uses Escape itself (closing a list, clearing a
  // field) calls preventDefault() and keeps the popup open; an IME composition keeps it too.
  if (event.key !== 'Escape' || !stack.length || event.defaultPrevented || event.isComposing) return;
  event.preventDefault();
  stack.at(-1)!.close('escape');
}

function onPointerdown(event: PointerEvent): void {
  const top = stack.at(-1);
  if (top && !top.contains(event.composedPath())) top.close('outside');
}

/**
 * Focus that lands outside the topmost popup and its anchor (Tab past its last field, a shortcut
 * that focuses something else) closes it, and the next one down unless the focus is in that one: a
 * popup left open behind the focus would cover the page with nothing to say it is there. Focus
 * moving inside it, into a popup opened from it, or back to its anchor keeps it open.
 */
function onFocusin(event: FocusEvent): void {
  const path = event.composedPath();
  while (stack.length && !stack.at(-1)!.contains(path)) stack.at(-1)!.close('focus-left');
}

function listen(on: boolean): void {
  const method = on ? 'addEventListener' : 'removeEventListener';
  document[method]('keydown', onKeydown as EventListener);
  document[method]('pointerdown', onPointerdown as EventListener, true);
  document[method]('focusin', onFocusin as EventListener, true);
}

/**
 * The one popup primitive: Floating UI (`popup-placement.ts`, fetched when the first popup opens)
 * places it below or above its anchor (offset, flip), slides it along the anchor's side only (shift:
 * it never covers the control that opened it), and sizes it to the room on that side (size: what
 * does not fit scrolls inside), all within its boundary (the interaction window or desk it is in,
 * and the viewport). With too little room on both sides, the
 * anchor is first scrolled to the middle of the view. The Popover API puts it in the top layer so a host page's `overflow: hidden` or z-index cannot clip
 * it, `autoUpdate` runs only while open. Escape closes the topmost popup, a click outside closes
 * it, focus leaving it closes it, and focus returns to the anchor when it was inside the popup.
 */
export class PopupController implements ReactiveController {
  #config: PopupConfig;
  #cleanup: (() => void) | undefined;
  #open = false;
  /** Counts openings, so placement that arrives late applies only to the opening it was for. */
  #opening = 0;
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, config: PopupConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** True when the event path touches the popup or its anchor. */
  contains(path: readonly EventTarget[]): boolean {
    const popup = this.#config.popup();
    const anchor = this.#config.anchor();
    return path.some((t) => t === popup || t === anchor);
  }

  async open(): Promise<void> {
    if (this.#open) return;
    this.#open = true;
    const opening = ++this.#opening;
    this.#host.requestUpdate();
    const placing = placingModule();
    await (this.#host as ReactiveControllerHost & { updateComplete?: Promise<unknown> }).updateComplete;
    const popup = this.#config.popup();
    const anchor = this.#config.anchor();
    if (!popup || !anchor || !this.#open) return;
    // Opened on an element no longer in the page (a click handled after its window closed): a
    // disconnected popover cannot be shown, and there is nothing to show it in.
    if (!popup.isConnected || !anchor.isConnected) {
      this.#open = false;
      this.#host.requestUpdate();
      return;
    }
    popup.setAttribute('popover', 'manual');
    if (!popup.matches(':popover-open')) popup.showPopover();
    Object.assign(popup.style, { position: 'fixed', margin: '0', inset: 'auto' });
    if (!stack.length) listen(true);
    stack.push(this);
    if (placingLoaded) {
      // Placed before open() resolves, so nothing flashes at the wrong place.
      await this.#follow(placingLoaded, anchor, popup, opening);
      return;
    }
    // The first popup of the page: open at once, placed roughly by the same rules, and properly as
    // soon as Floating UI has arrived (if it never does, offline, it stays where this put it).
    placeRoughly(anchor, popup, this.#placeOptions(anchor));
    void placing.then((module) => {
      if (!module || !this.#open || opening !== this.#opening) return;
      // Measured from the top left corner at its own size, as Floating UI expects: a popup without a
      // set width is as wide as the room right of where it stands, so measured at the anchor it would
      // change size once placed (and a resize observer would report a loop); the rough placement's
      // maximum size would make it seem to fit where it does not. Placed again before the next paint.
      Object.assign(popup.style, { left: '0px', top: '0px', maxHeight: '', maxWidth: '' });
      void this.#follow(module, anchor, popup, opening);
    });
  }

  /** Places the popup, scrolling the anchor to the middle of the view first when it has too little room, and keeps it placed while open. */
  async #follow(module: Placing, anchor: Element, popup: HTMLElement, opening: number): Promise<void> {
    // Only for the opening that asked: closed (and maybe opened again) since, it is not this one's.
    const current = () => this.#open && opening === this.#opening;
    const place = () => module.place(anchor, popup, { ...this.#placeOptions(anchor), live: current });
    if (!current()) return;
    const room = await place();
    if (!current()) return;
    if (room < MIN_ROOM) {
      anchor.scrollIntoView({ block: 'center', inline: 'nearest' });
      await place();
      if (!current()) return;
    }
    this.#cleanup = module.autoUpdate(anchor, popup, () => void place());
  }

  close(reason: PopupCloseReason = 'programmatic'): void {
    if (!this.#open) return;
    this.#open = false;
    this.#cleanup?.();
    this.#cleanup = undefined;
    const index = stack.indexOf(this);
    if (index >= 0) stack.splice(index, 1);
    if (!stack.length) listen(false);
    const popup = this.#config.popup();
    const focusWasInside = !!popup && (popup.matches(':focus-within') || popup.contains(document.activeElement));
    if (popup?.matches(':popover-open')) popup.hidePopover();
    if (focusWasInside || reason === 'escape') (this.#config.anchor() as HTMLElement | null)?.focus?.();
    this.#host.requestUpdate();
    this.#config.onClose?.(reason);
  }

  toggle(): Promise<void> | void {
    return this.#open ? this.close() : this.open();
  }

  hostDisconnected(): void {
    this.close('disconnect');
  }

  #placeOptions(anchor: Element) {
    return {
      placement: this.#config.placement ?? 'bottom-start',
      offset: this.#config.offset ?? 6,
      boundary: (this.#config.boundary ? this.#config.boundary() : popupBoundary(anchor)) ?? undefined,
      padding: PADDING,
    };
  }
}

/** Number of popups open on the page (for leak tests). */
export function openPopupCount(): number {
  return stack.length;
}
