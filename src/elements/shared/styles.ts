import { css } from 'lit';

/** Host defaults shared by all elements: design tokens with fallbacks, and a hostile page's resets undone. */
export const hostStyles = css`
  :host {
    --_fg: var(--cb-color-text, CanvasText);
    --_bg: var(--cb-color-surface, Canvas);
    --_muted: var(--cb-color-text-muted, color-mix(in srgb, CanvasText 68%, Canvas));
    --_border: var(--cb-color-border, color-mix(in srgb, CanvasText 25%, Canvas));
    --_accent: var(--cb-color-accent, #0b5cad);
    --_on-accent: var(--cb-color-on-accent, #fff);
    --_danger: var(--cb-color-danger, #b3261e);
    --_success: var(--cb-color-success, #1e6b34);
    --_radius: var(--cb-radius, 6px);
    --_space: var(--cb-space, 0.5rem);
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    font-family: var(--cb-font-family, system-ui, sans-serif);
    font-size: var(--cb-font-size, 0.875rem);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: calc(var(--_space) * 1.5);
    background: var(--_bg);
    color: var(--_fg);
    min-block-size: 2.25rem;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
