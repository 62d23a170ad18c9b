import { unsafeCSS, type CSSResult } from 'lit';

/*
 * Typed tokens. A page may set any --cb-* token to a value of the wrong type (`12px` for a colour,
 * `red` for a space). Read as is, such a value makes every declaration using it invalid at
 * computed-value time: the buttons lost their border, background and padding. So the elements
 * read each typed token through private properties registered with its type (CSS.registerProperty,
 * `inherits: false`), declared on :host: a value of the wrong type makes them fall back to their
 * initial value, the built-in default, and the element keeps its look.
 *
 * The public tokens themselves are not registered: a registered colour resolves `light-dark()`
 * where it is set (a page's :root, which is light) and has an initial value that would hide the
 * fallback chains (per-element token, global token, built-in light and dark values); and rem
 * defaults cannot be initial values. Colours are read twice, for the light and the dark scheme,
 * and `light-dark()` picks one at the point of use, as before.
 *
 * Not typed here: --cb-font-family and --cb-shadow (no registrable syntax), --cb-font-size (a
 * registered length in `em` used by font-size on the same element is a dependency cycle) and
 * --cb-note-rows-min-height (its `lh` would be resolved on the host, not in the field).
 */

/** The global colours' built-in light and dark values (docs/theming.md), by token (`--cb-color-<key>`). */
const GLOBAL_COLORS = {
  text: ['#1b1f24', '#e6e9ed'],
  'text-muted': ['#545c66', '#a9b2bd'],
  surface: ['#ffffff', '#17191d'],
  'surface-raised': ['#ffffff', '#23272d'],
  border: ['#868e98', '#6b737d'],
  accent: ['#0b5cad', '#7cb4f0'],
  'on-accent': ['#ffffff', '#0b1a2b'],
  danger: ['#b3261e', '#ffb4ab'],
  warning: ['#8a5a00', '#f0c05a'],
  success: ['#1e6b34', '#7fd492'],
} as const satisfies Record<string, readonly [light: string, dark: string]>;

type GlobalColor = keyof typeof GLOBAL_COLORS;

/**
 * Any other colour token's default: the global colour it follows, or a mix of two of them. It is
 * given where a sheet reads the token (colorToken), so an element's tokens are registered with the
 * sheet that uses them, and load with it.
 */
type ColorDefault = GlobalColor | readonly [GlobalColor, number, GlobalColor];

/** The syntax of a maximum size that a page may lift (`none`). */
export const MAX_SIZE = '<length-percentage> | none';

/**
 * The global tokens of other types: the default as the elements write it (it may use rem or another
 * token), what a wrong value falls back to (the default at a 16px root: an initial value may not
 * use rem), and the syntax when it is not a length.
 */
const OTHER_TOKENS: Record<string, OtherDefault> = {
  space: ['0.5rem'],
  'space-1': ['calc(var(--_cb-space) / 2)', '4px'],
  'space-2': ['var(--_cb-space)', '8px'],
  'space-3': ['calc(var(--_cb-space) * 1.5)', '12px'],
  'space-4': ['calc(var(--_cb-space) * 2)', '16px'],
  radius: ['6px', '6px', '<length-percentage>+'],
  'control-size': ['2.25rem', undefined, '<length-percentage> | auto'],
  'line-height': ['1.4', '1.4', 'normal | <number> | <length-percentage>'],
  'color-scheme': ['light dark', 'light dark', 'normal | <custom-ident>+'],
};

/**
 * A token of another type: its default as the elements write it, the initial value a wrong value
 * falls back to (omitted for a default in rem: the same at a 16px root) and its syntax when it is
 * not `<length-percentage>`.
 */
export type OtherDefault = readonly [value: string, initial?: string, syntax?: string];


/**
 * A colour token's default for one scheme: as a fallback (`var()` of the global colour's private
 * property, so a page's valid global value flows in), or as a constant (the initial value). A
 * global colour (no `own`) has its built-in value.
 */
function colorDefault(token: string, own: ColorDefault | undefined, scheme: 0 | 1, constant: boolean): string {
  const global = (key: GlobalColor) => (constant ? GLOBAL_COLORS[key][scheme] : `var(--_cb-color-${key}-${scheme ? 'd' : 'l'})`);
  if (!own) return GLOBAL_COLORS[token.slice(6) as GlobalColor][scheme];
  return typeof own === 'string' ? global(own) : `color-mix(in srgb, ${global(own[0])} ${own[1]}%, ${global(own[2])})`;
}

/** The registrations of the sheets created so far, until registerTokens() runs; then none. */
let pending: PropertyDefinition[] | undefined = [];

/** Registers one typed private property now, or with registerTokens() when that has not run yet. */
function define(definition: PropertyDefinition): void {
  if (pending) {
    pending.push(definition);
    return;
  }
  const css = globalThis.CSS as (typeof CSS & { registerProperty?: (definition: PropertyDefinition) => void }) | undefined;
  try {
    css?.registerProperty?.(definition);
  } catch {
    // Already registered (another copy of the library, or the page): the first definition stays.
  }
}

/**
 * Registers the typed private properties of the sheets created so far, once per document (a
 * realm's `CSS` is its document's), and those of any sheet created later as it is created (an
 * element fetched after the first is defined). Harmless when CSS.registerProperty is missing (the
 * tokens then work as before, unchecked), when a second copy of the library already registered
 * them, or when a page took one of the names.
 */
export function registerTokens(): void {
  const definitions = pending ?? [];
  pending = undefined;
  for (const definition of definitions) define(definition);
}

/**
 * Declarations for :host: `name` gets the colour token's value, or its default when the page set
 * none or a value that is not a colour, for the light and the dark scheme. `own` is an element's
 * token's default (the global colour it follows, or a mix of two); a global token has none.
 */
export function colorToken(name: `--_${string}`, token: string, own?: ColorDefault): CSSResult {
  const [l, d] = ([0, 1] as const).map((scheme) => {
    const property = `--_cb-${token}-${scheme ? 'd' : 'l'}`;
    define({ name: property, syntax: '<color>', inherits: false, initialValue: colorDefault(token, own, scheme, true) });
    return `${property}: var(--cb-${token}, ${colorDefault(token, own, scheme, false)});`;
  });
  return unsafeCSS(`${l} ${d} ${name}: light-dark(var(--_cb-${token}-l), var(--_cb-${token}-d));`);
}

/**
 * Declarations for :host: `name` gets the token's value, or its default when the page set none or
 * one of another type. `own` is an element's token's default; a global token has its own here.
 */
export function otherToken(name: `--_${string}`, token: string, own: OtherDefault = OTHER_TOKENS[token]!): CSSResult {
  const [value, initial = `${parseFloat(value) * 16}px`, syntax = '<length-percentage>'] = own;
  define({ name: `--_cb-${token}`, syntax, inherits: false, initialValue: initial });
  return unsafeCSS(`--_cb-${token}: var(--cb-${token}, ${value}); ${name}: var(--_cb-${token});`);
}
