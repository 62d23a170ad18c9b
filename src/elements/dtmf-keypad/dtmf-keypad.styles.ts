import { css } from 'lit';
import { colorToken, otherToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${otherToken('--_key-size', 'dtmf-key-size', ['3rem'])}
    ${colorToken('--_key-bg', 'dtmf-key-background', 'surface')}
    max-inline-size: 18rem;
  }
  .box {
    display: grid;
    gap: var(--_space-2);
  }
  .title {
    font-weight: 600;
  }
  .label {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .field {
    font: inherit;
    font-size: 1.25em;
    letter-spacing: 0.15em;
    font-variant-numeric: tabular-nums;
    padding-block: calc(var(--_space) * 0.5);
    padding-inline: var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    min-inline-size: 0;
  }
  .field:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .field:disabled {
    opacity: 0.55;
  }
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, minmax(var(--_key-size), 1fr));
    gap: calc(var(--_space) * 0.75);
  }
  .keypad.extended {
    grid-template-columns: repeat(4, minmax(var(--_key-size), 1fr));
  }
  .key {
    display: grid;
    place-items: center;
    align-content: center;
    min-block-size: var(--_key-size);
    padding: 0;
    background: var(--_key-bg);
    font-variant-numeric: tabular-nums;
  }
  .key:active:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 15%, var(--_key-bg));
  }
  .symbol {
    font-size: 1.3em;
    line-height: 1.1;
  }
  .letters {
    font-size: 0.65em;
    letter-spacing: 0.08em;
    color: var(--_muted);
    min-block-size: 1em;
  }
  .hint,
  .reason,
  .sent,
  .error {
    margin: 0;
  }
  .hint {
    color: var(--_danger);
  }
  .reason,
  .sent-label,
  .none {
    color: var(--_muted);
  }
  .digits {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
    overflow-wrap: break-word;
    min-inline-size: 0;
  }
  .digits + .digits {
    margin-inline-start: 0.4em;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    .key,
    .field {
      border: 1px solid ButtonText;
    }
    .hint,
    .error {
      color: CanvasText;
    }
  }
`;
