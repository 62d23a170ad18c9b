import { css } from 'lit';
import { colorToken, otherToken } from './register-tokens.js';

/**
 * Host defaults shared by all elements: the global design tokens (docs/theming.md) resolved into
 * private `--_x` variables with light and dark fallbacks, and a hostile page's text styles undone.
 * A token set to a value of the wrong type reads as its default (see register-tokens.ts).
 */
export const hostStyles = css`
  :host {
    /* A page sets --cb-color-scheme (light, dark) on any ancestor; nested elements inherit it. */
    ${otherToken('--_color-scheme', 'color-scheme')}
    color-scheme: var(--_color-scheme);
    ${colorToken('--_fg', 'color-text')}
    ${colorToken('--_muted', 'color-text-muted')}
    ${colorToken('--_bg', 'color-surface')}
    ${colorToken('--_bg-raised', 'color-surface-raised')}
    ${colorToken('--_border', 'color-border')}
    ${colorToken('--_accent', 'color-accent')}
    ${colorToken('--_on-accent', 'color-on-accent')}
    ${colorToken('--_danger', 'color-danger')}
    ${colorToken('--_warning', 'color-warning')}
    ${colorToken('--_success', 'color-success')}
    ${colorToken('--_focus', 'color-focus-ring', 'accent')}
    --_shadow: var(--cb-shadow, 0 4px 16px light-dark(rgb(0 0 0 / 0.18), rgb(0 0 0 / 0.6)));
    ${otherToken('--_radius', 'radius')}
    /* --cb-space is the base step; the scale derives from it unless a step is set on its own. */
    ${otherToken('--_space', 'space')}
    ${otherToken('--_space-1', 'space-1')}
    ${otherToken('--_space-2', 'space-2')}
    ${otherToken('--_space-3', 'space-3')}
    ${otherToken('--_space-4', 'space-4')}
    ${otherToken('--_control-size', 'control-size')}
    ${otherToken('--_line-height', 'line-height')}
    display: block;
    box-sizing: border-box;
    /*
     * The page's own rules reach a top-level host element (a "* { font-size: 22px }" reset), and
     * they win over :host unless important. Text is themed through the tokens instead, so a CSS
     * reset cannot break the layout inside.
     */
    color: var(--_fg) !important;
    /*
     * A top-level element paints its own surface: in dark mode on a light page (or on a page
     * whose reset paints every element yellow) its light text would otherwise be unreadable.
     * Elements nested in another element's shadow root stay transparent (see below).
     */
    background-color: var(--_host-bg, var(--_bg)) !important;
    font-family: var(--cb-font-family, system-ui, sans-serif) !important;
    font-size: var(--cb-font-size, 0.875rem) !important;
    line-height: var(--_line-height) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-feature-settings: normal !important;
    /* Kerning off: Chromium re-shapes a whole word with kerning at each line-break attempt, so a
       caller's unbroken 100 KB word froze the tab for 10-40 s (DejaVu Sans, Linux); without it,
       30-70 ms. At the elements' text sizes the difference in spacing is hardly visible. */
    font-kerning: none !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    white-space: normal !important;
    word-break: normal !important;
    /* Caller data (a name, a case value, instructions) can be one word of thousands of characters:
       it breaks anywhere rather than widen the element and the page. "anywhere", unlike
       "break-word", also lets a grid or flex track shrink below the word (min-content). */
    overflow-wrap: anywhere !important;
    hyphens: manual !important;
    cursor: auto;
  }
  :host([hidden]) {
    display: none;
  }
  /* data-cb-theme="dark|light" on the nearest ancestor (set as a state by CallbackElement). */
  :host(:state(theme-dark)) {
    --cb-color-scheme: dark;
  }
  :host(:state(theme-light)) {
    --cb-color-scheme: light;
  }
  /* Not inherited from the host: a page's "* { box-sizing: content-box }" reaches the host. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* Matches the hosts of nested elements too: they show their container's surface, a popup's included. */
  * {
    --_host-bg: transparent;
  }
  button {
    font: inherit;
    letter-spacing: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: var(--_space-3);
    background: var(--_bg);
    color: var(--_fg);
    min-block-size: var(--_control-size);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* A box of clamped caller data that scrolls (see ScrollRegionController): focusable while its
     content overflows, so a keyboard can scroll it. */
  .scroll-region {
    overflow-y: auto;
  }
  .scroll-region:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* The browser's popover style sets its own colours (Canvas, CanvasText); ours are the tokens. */
  [popover] {
    color: var(--_fg);
    background: var(--_bg-raised);
  }
  @media (forced-colors: active) {
    /* :host raises these above each element's own button rules (button.mark-done, its disabled
       opacity), which come later in the cascade and would otherwise win. */
    :host button {
      border-color: ButtonText;
    }
    /* Opacity alone is not seen in forced colours; GrayText is the system's disabled colour. */
    :host button:disabled,
    :host button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
    button:focus-visible,
    .scroll-region:focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;

/**
 * Text fields and selects, for the elements that have them (included in their own styles): one
 * look for every search box and form field. `:where()` keeps these below any rule of the element's
 * own, which may add to them (a full-width field) or change them.
 */
export const fieldStyles = css`
  :where(input:not([type='radio'], [type='checkbox']), select) {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding-block: var(--_space-1);
    padding-inline: var(--_space-2);
    min-block-size: var(--_control-size);
  }
  :where(input, select):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
`;
