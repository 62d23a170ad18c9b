import { autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';

export { autoUpdate };

const OPPOSITE = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' } as const;

/** `bottom-start` → `top-start`: the same alignment on the other side of the anchor. */
function getOppositePlacement(placement: Placement): Placement {
  const [side, align] = placement.split('-') as [keyof typeof OPPOSITE, string | undefined];
  return (align ? `${OPPOSITE[side]}-${align}` : OPPOSITE[side]) as Placement;
}

export interface PlaceOptions {
  placement: Placement;
  /** Distance from the anchor, px. */
  offset: number;
  /** What the popup stays inside besides the viewport, with `padding` px kept from its edges. */
  boundary: Element | undefined;
  padding: number;
  /** False once the popup closed: a placement still computing then changes nothing. */
  live: () => boolean;
}

/**
 * Floating UI's part of `PopupController`, in a chunk of its own that the first popup opened
 * fetches: below or above the anchor (offset, flip), sliding along the anchor's side only (shift:
 * it never covers the control that opened it), sized to the room on that side (size: what does not
 * fit scrolls inside), all within the boundary and the viewport. Resolves with the room it had on
 * the chosen side (px).
 */
export async function place(anchor: Element, popup: HTMLElement, options: PlaceOptions): Promise<number> {
  const { placement, boundary } = options;
  const within = { padding: options.padding, ...(boundary ? { boundary } : {}) };
  let room = Infinity;
  const { x, y } = await computePosition(anchor, popup, {
    strategy: 'fixed',
    placement,
    middleware: [
      offset(options.offset),
      // The other side when this one is short; with neither long enough, the one with more room.
      flip({ ...within, fallbackPlacements: [getOppositePlacement(placement)], fallbackStrategy: 'bestFit', crossAxis: false }),
      // Along the anchor's side only: sliding across it would cover the control that opened it.
      shift({ ...within, crossAxis: false }),
      size({
        ...within,
        apply({ availableHeight, availableWidth }) {
          room = availableHeight;
          if (!options.live()) return;
          // Never past the boundary (the agent status, the offers): what does not fit scrolls.
          Object.assign(popup.style, {
            maxHeight: `${Math.max(0, Math.floor(availableHeight))}px`,
            maxWidth: `${Math.max(0, Math.floor(availableWidth))}px`,
          });
        },
      }),
    ],
  });
  if (options.live()) Object.assign(popup.style, { left: `${x}px`, top: `${y}px` });
  return room;
}
