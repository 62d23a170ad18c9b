import { css } from 'lit';

export const styles = css`
  .box {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .label {
    font-weight: 600;
  }
  .field {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
    min-block-size: var(--cb-note-rows-min-height, 5lh);
    resize: vertical;
    inline-size: 100%;
  }
  .field:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .field[readonly] {
    opacity: 0.7;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .counter {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    margin-inline-end: auto;
  }
  .save {
    margin-inline-start: auto;
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .save[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .status,
  .error {
    margin: 0;
  }
  .status {
    color: var(--_success);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    .field,
    .save {
      border: 1px solid ButtonText;
    }
    .status,
    .error {
      color: CanvasText;
    }
  }
`;
