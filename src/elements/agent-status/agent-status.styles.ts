import { css } from 'lit';
import { colorToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_ready', 'agent-status-ready-color', 'success')}
    ${colorToken('--_not-ready', 'agent-status-not-ready-color', 'danger')}
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_space-4);
  }
  .channel,
  .phone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .name {
    font-weight: 600;
  }
  .state,
  .phone-status {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  .state::before,
  .phone-status::before {
    content: '';
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: currentColor;
  }
  .ready,
  .registered {
    color: var(--_ready);
  }
  .not-ready,
  .offline,
  .failed {
    color: var(--_not-ready);
  }
  .connecting,
  .reconnecting {
    color: var(--_warning);
  }
  .reason {
    color: var(--_fg);
  }
  .dnd {
    font-weight: 600;
    color: var(--_not-ready);
  }
  .dnd-control {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .dnd-toggle[aria-pressed='true'] {
    font-weight: 600;
    box-shadow: inset 0 0 0 2px var(--_not-ready);
  }
  .after-call-work {
    font-weight: 600;
    color: var(--_warning);
    font-variant-numeric: tabular-nums;
  }
  .picker {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  select {
    font: inherit;
    min-block-size: var(--_control-size);
    padding-inline: var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  select[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  select:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .hint,
  .error {
    flex-basis: 100%;
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    .state::before,
    .phone-status::before {
      background: CanvasText;
    }
    select[aria-invalid='true'] {
      border: 2px solid CanvasText;
    }
    .dnd-toggle[aria-pressed='true'] {
      border: 3px double CanvasText;
    }
  }
`;
