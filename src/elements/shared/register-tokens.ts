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

/** Every other colour token's default: the global colour it follows, or a mix of two of them. */
const COLOR_TOKENS = {
  'color-focus-ring': 'accent',
  'agent-status-ready-color': 'success',
  'agent-status-not-ready-color': 'danger',
  'availability-ready': 'success',
  'availability-not-ready': 'warning',
  'availability-busy': 'danger',
  'availability-offline': 'text-muted',
  'call-actions-panel-background': 'surface-raised',
  'call-status-connected': 'success',
  'call-status-held': 'warning',
  'call-status-menu-background': 'surface-raised',
  'callback-info-background': 'surface',
  'callback-info-header-color': 'accent',
  'callback-info-header-text-color': 'on-accent',
  'contact-background': 'surface',
  'desk-tab-selected-background': 'accent',
  'desk-tab-selected-color': 'on-accent',
  'disposition-selected': ['accent', 14, 'surface'],
  'dtmf-key-background': 'surface',
  'history-marker': 'border',
  'notification-accent': 'accent',
  'notification-background': 'surface-raised',
  'notification-urgent': 'danger',
  'notification-accept-color': 'success',
  'notification-reject-color': 'danger',
  'preview-warning-background': ['warning', 14, 'surface'],
  'preview-warning-border': 'warning',
  'preview-case-header-color': 'accent',
  'preview-case-header-text-color': 'on-accent',
  'scheduler-background': 'surface',
  'scheduler-full': 'text-muted',
  'scheduler-selected-color': 'accent',
  'scheduler-warning-color': 'warning',
} as const satisfies Record<string, GlobalColor | readonly [GlobalColor, number, GlobalColor]>;

type ColorToken = `color-${GlobalColor}` | keyof typeof COLOR_TOKENS;

const LENGTH = '<length-percentage>';
const MAX_SIZE = '<length-percentage> | none';

/**
 * The tokens of other types: the default as the elements write it (it may use rem, vh or another
 * token), what a wrong value falls back to (the default at a 16px root: an initial value may not
 * use rem), and the syntax when it is not a length.
 */
const OTHER_TOKENS = {
  space: ['0.5rem', '8px'],
  'space-1': ['calc(var(--_cb-space) / 2)', '4px'],
  'space-2': ['var(--_cb-space)', '8px'],
  'space-3': ['calc(var(--_cb-space) * 1.5)', '12px'],
  'space-4': ['calc(var(--_cb-space) * 2)', '16px'],
  radius: ['6px', '6px', '<length-percentage>+'],
  'control-size': ['2.25rem', '36px', '<length-percentage> | auto'],
  'line-height': ['1.4', '1.4', 'normal | <number> | <length-percentage>'],
  'color-scheme': ['light dark', 'light dark', 'normal | <custom-ident>+'],
  'call-actions-gap': ['calc(var(--_cb-space) * 0.75)', '6px'],
  'desk-gap': ['var(--_cb-space-4)', '16px'],
  'preview-gap': ['var(--_cb-space-3)', '12px'],
  'dtmf-key-size': ['3rem', '48px'],
  'interaction-window-column-size': ['16rem', '256px'],
  'notification-info-max-block-size': ['20rem', '320px'],
  'callback-info-max-block-size': ['24rem', '384px', MAX_SIZE],
  'communicator-list-max-height': ['18rem', '288px', MAX_SIZE],
  'disposition-max-block-size': ['18rem', '288px', MAX_SIZE],
  'history-max-block-size': ['24rem', '384px', MAX_SIZE],
  'preview-case-max-block-size': ['24rem', '384px', MAX_SIZE],
  'responses-body-max-height': ['16rem', '256px', MAX_SIZE],
  'responses-list-max-height': ['14rem', '224px', MAX_SIZE],
} as const satisfies Record<string, readonly [value: string, initial: string, syntax?: string]>;

type OtherToken = keyof typeof OTHER_TOKENS;

/**
 * A colour token's default for one scheme: as a fallback (`var()` of the global colour's private
 * property, so a page's valid global value flows in), or as a constant (the initial value).
 */
function colorDefault(token: ColorToken, scheme: 0 | 1, constant: boolean): string {
  const global = (key: GlobalColor) => (constant ? GLOBAL_COLORS[key][scheme] : `var(--_cb-color-${key}-${scheme ? 'd' : 'l'})`);
  const own = (COLOR_TOKENS as Record<string, GlobalColor | readonly [GlobalColor, number, GlobalColor]>)[token];
  if (!own) return GLOBAL_COLORS[token.slice(6) as GlobalColor][scheme];
  return typeof own === 'string' ? global(own) : `color-mix(in srgb, ${global(own[0])} ${own[1]}%, ${global(own[2])})`;
}

/** Every registration: two per colour (light, dark), one per other token. */
function definitions(): PropertyDefinition[] {
  const colors = [...Object.keys(GLOBAL_COLORS).map((key) => `color-${key}`), ...Object.keys(COLOR_TOKENS)] as ColorToken[];
  return [
    ...colors.flatMap((token) =>
      ([0, 1] as const).map((scheme) => ({
        name: `--_cb-${token}-${scheme ? 'd' : 'l'}`,
        syntax: '<color>',
        inherits: false,
        initialValue: colorDefault(token, scheme, true),
      })),
    ),
    ...(Object.keys(OTHER_TOKENS) as OtherToken[]).map((token) => {
      const other: readonly [string, string, string?] = OTHER_TOKENS[token];
      return { name: `--_cb-${token}`, syntax: other[2] ?? LENGTH, inherits: false, initialValue: other[1] };
    }),
  ];
}

let registered = false;

/**
 * Registers the typed private properties once per document (a realm's `CSS` is its document's).
 * Harmless when CSS.registerProperty is missing (the tokens then work as before, unchecked), when
 * a second copy of the library already registered them, or when a page took one of the names.
 */
export function registerTokens(): void {
  if (registered) return;
  registered = true;
  const css = globalThis.CSS as (typeof CSS & { registerProperty?: (definition: PropertyDefinition) => void }) | undefined;
  if (typeof css?.registerProperty !== 'function') return;
  for (const definition of definitions()) {
    try {
      css.registerProperty(definition);
    } catch {
      // Already registered (another copy of the library, or the page): the first definition stays.
    }
  }
}

/**
 * Declarations for :host: `name` gets the colour token's value, or its default when the page set
 * none or a value that is not a colour, for the light and the dark scheme.
 */
export function colorToken(name: `--_${string}`, token: ColorToken): CSSResult {
  const l = `--_cb-${token}-l`;
  const d = `--_cb-${token}-d`;
  return unsafeCSS(
    `${l}: var(--cb-${token}, ${colorDefault(token, 0, false)}); ${d}: var(--cb-${token}, ${colorDefault(token, 1, false)}); ` +
      `${name}: light-dark(var(${l}), var(${d}));`,
  );
}

/** Declarations for :host: `name` gets the token's value, or its default when the page set none or one of another type. */
export function otherToken(name: `--_${string}`, token: OtherToken): CSSResult {
  return unsafeCSS(`--_cb-${token}: var(--cb-${token}, ${OTHER_TOKENS[token][0]}); ${name}: var(--_cb-${token});`);
}
