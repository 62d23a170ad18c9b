import { css } from 'lit';
import { colorToken, otherToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_panel-bg', 'call-actions-panel-background', 'surface-raised')}
    ${otherToken('--_gap', 'call-actions-gap', ['calc(var(--_cb-space) * 0.75)', '6px'])}
  }
  [role='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  /* Focus comes to the toolbar itself when the focused button went away. */
  [role='toolbar']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Disabled buttons (aria-disabled too) look disabled by the shared styles (styles.ts). */
  button.end-call {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  button.call,
  button.mark-done {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button[aria-busy='true'] {
    cursor: progress;
  }
  .reason,
  .error {
    margin-block: var(--_space-2) 0;
  }
  .reason {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  [hidden] {
    display: none !important;
  }
  .panel {
    background: var(--_panel-bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
    box-shadow: var(--_shadow);
    min-inline-size: 18rem;
    overflow: auto;
  }
  @media (forced-colors: active) {
    [role='toolbar']:focus-visible {
      outline-color: Highlight;
    }
    button.end-call,
    button.call,
    button.mark-done {
      border: 1px solid ButtonText;
    }
    .panel {
      border-color: CanvasText;
    }
  }
`;
