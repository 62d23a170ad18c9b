import { css } from 'lit';
import { colorToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_connected', 'call-status-connected', 'success')}
    ${colorToken('--_held', 'call-status-held', 'warning')}
    ${colorToken('--_menu-bg', 'call-status-menu-background', 'surface-raised')}
  }
  .base {
    display: grid;
    /* A column that may shrink below its longest word: a caller's name can be one 100 KB word. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-1);
  }
  .party {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  /* A name or number of any length: three lines, then it scrolls (a .scroll-region), keeping the
     call's state and the actions below in view. */
  .name {
    font-weight: 600;
    font-size: 1.1em;
    min-inline-size: 0;
    max-block-size: 3lh;
  }
  .number {
    color: var(--_muted);
    min-inline-size: 0;
    max-block-size: 3lh;
    font-variant-numeric: tabular-nums;
  }
  .menu-button {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-block-size: 2rem;
    padding-block: var(--_space-1);
    padding-inline: var(--_space-2);
  }
  .chevron {
    inline-size: 1em;
    block-size: 1em;
  }
  .reason {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2);
  }
  .state {
    font-weight: 600;
  }
  .state.connected {
    color: var(--_connected);
  }
  .state.held,
  .state.remote-hold {
    color: var(--_held);
  }
  .duration {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .muted {
    font-weight: 600;
    color: var(--_held);
  }
  .after-call-work {
    font-variant-numeric: tabular-nums;
  }
  .participant-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .call-lost {
    margin: 0;
    padding-inline-start: var(--_space-2);
    border-inline-start: 3px solid currentColor;
    font-weight: 600;
  }
  .consultation {
    margin: 0;
    padding-inline-start: var(--_space-2);
    border-inline-start: 3px solid var(--_accent);
  }
  .menu {
    min-inline-size: 12rem;
    padding: var(--_space-1);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_menu-bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
    overflow: auto;
  }
  .menu[hidden] {
    display: none;
  }
  .item {
    display: grid;
    inline-size: 100%;
    text-align: start;
    border-color: transparent;
    gap: 0.1em;
  }
  .item:focus-visible,
  .item:hover {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
  }
  .address {
    color: var(--_muted);
    font-size: 0.9em;
    min-inline-size: 0;
  }
  @media (forced-colors: active) {
    .menu {
      border-color: CanvasText;
    }
    .item:focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
