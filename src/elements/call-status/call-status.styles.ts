import { css } from 'lit';

export const styles = css`
  :host {
    --_connected: var(--cb-call-status-connected, var(--_success));
    --_held: var(--cb-call-status-held, #8a5a00);
  }
  .base {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .party {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .name {
    font-weight: 600;
    font-size: 1.1em;
    overflow-wrap: anywhere;
  }
  .number {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .menu-button {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-block-size: 2rem;
    padding-block: calc(var(--_space) / 2);
    padding-inline: var(--_space);
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
    gap: var(--_space);
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
  .call-lost {
    margin: 0;
    padding-inline-start: var(--_space);
    border-inline-start: 3px solid currentColor;
    font-weight: 600;
  }
  .consultation {
    margin: 0;
    padding-inline-start: var(--_space);
    border-inline-start: 3px solid var(--_accent);
  }
  .menu {
    min-inline-size: 12rem;
    padding: calc(var(--_space) / 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 4px 16px color-mix(in srgb, CanvasText 18%, transparent);
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
    overflow-wrap: anywhere;
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
