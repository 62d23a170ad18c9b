import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Caller data of any length is clamped (`max-block-size` with `overflow: auto`) so it cannot push
 * the rest of an element away; this makes those clamped boxes readable by keyboard. Each element
 * matching `selector` in the host's shadow root is in the tab order (`tabindex="0"`, arrow keys
 * scroll it) while its content overflows it, and out of it when everything fits, so a short offer
 * has no extra tab stop. Checked in the frame after a render (not in it: measuring would force the
 * layout of a 100 KB word then and there, and hold the render up) and whenever a box's size changes.
 *
 * The box's name is the template's job (`role="region"` with a label, or a named list); this only
 * decides whether it is focusable.
 */
export class ScrollRegionController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #selector: string;
  #observer: ResizeObserver | undefined;
  readonly #observed = new Set<Element>();
  #frame: number | undefined;

  constructor(host: ReactiveElement, selector = '.scroll-region') {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      for (const entry of entries) this.#check(entry.target);
    });
  }

  hostUpdated(): void {
    const observer = this.#observer;
    if (!observer) return;
    const regions = new Set(this.#host.renderRoot.querySelectorAll(this.#selector));
    for (const region of this.#observed) {
      if (regions.has(region)) continue;
      observer.unobserve(region);
      this.#observed.delete(region);
    }
    for (const region of regions) {
      if (this.#observed.has(region)) continue;
      observer.observe(region);
      this.#observed.add(region);
    }
    // New content in a box already at its largest does not resize it: look again next frame.
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = undefined;
      for (const region of this.#observed) this.#check(region);
    });
  }

  hostDisconnected(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed.clear();
  }

  #check(region: Element): void {
    const overflows = region.scrollHeight > region.clientHeight + 1 || region.scrollWidth > region.clientWidth + 1;
    if (overflows) region.setAttribute('tabindex', '0');
    // A box that fits again leaves the tab order, unless it has focus (focus is not pulled away).
    else if (!region.matches(':focus')) region.removeAttribute('tabindex');
  }
}
