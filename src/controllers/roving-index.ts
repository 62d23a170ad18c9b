/**
 * Where `key` moves the active one of `count` items from `current` (-1: none, so an arrow enters
 * from the end it points away from); undefined when the key is no move. `across` is how far
 * ArrowRight moves (1; -1 right to left; 0 when Left and Right are not moves), `down` how far
 * ArrowDown does (1 in a list, a grid's columns, 0 in a row). Home and End go to the first and the
 * last; with `wrap` a line goes round from one end to the other (toolbars, tabs, menus), without it
 * the move stops at the end (lists, grids, trees). The arithmetic of `RovingFocusController`, apart
 * so the eager chunk (the desk's tabs) does not carry the controller, and for the lists that move
 * `aria-activedescendant` instead of focus.
 */
export function rovingIndex(key: string, current: number, count: number, across: number, down: number, wrap?: boolean): number | undefined {
  const step = ({ ArrowRight: across, ArrowLeft: -across, ArrowDown: down, ArrowUp: -down } as Record<string, number>)[key];
  const next =
    key === 'Home' ? 0
    : key === 'End' ? count - 1
    : !step ? NaN
    : current < 0 ? (step > 0 ? 0 : count - 1)
    : wrap ? (current + step + count) % count
    : Math.min(count - 1, Math.max(0, current + step));
  return count && next >= 0 ? next : undefined;
}
