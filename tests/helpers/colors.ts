/** Colour maths for theming tests: what a person sees is contrast, not a token's name. */

/** Red, green, blue in 0..1 and alpha, from a computed colour (`rgb()`, `rgba()` or `color(srgb …)`). */
export function channels(color: string): [number, number, number, number] {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(color);
  if (srgb) return [Number(srgb[1]), Number(srgb[2]), Number(srgb[3]), srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/.exec(color);
  if (!rgb) throw new Error(`Unexpected computed colour: ${color}`);
  return [Number(rgb[1]) / 255, Number(rgb[2]) / 255, Number(rgb[3]) / 255, rgb[4] === undefined ? 1 : Number(rgb[4])];
}

/** WCAG relative luminance: 0 is black, 1 is white. */
export function luminance(color: string): number {
  const [r, g, b] = channels(color).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour painted behind an element: its own background or the nearest ancestor's that is not
 * transparent, crossing shadow roots (a popover in the top layer paints its own).
 */
export function backdrop(element: Element): string {
  // nodeType, not instanceof: the element may come from an iframe's realm.
  for (let node: Node | null = element; node; ) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const color = node.ownerDocument!.defaultView!.getComputedStyle(node as Element).backgroundColor;
      if (channels(color)[3] > 0.5) return color;
    }
    node = (node as Partial<ShadowRoot>).host ?? node.parentNode;
  }
  return 'rgb(255, 255, 255)';
}

/** Contrast of an element's text against what is painted behind it. */
export function textContrast(element: Element): number {
  const view = element.ownerDocument.defaultView!;
  return contrast(view.getComputedStyle(element).color, backdrop(element));
}
