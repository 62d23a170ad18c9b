import { css } from 'lit';
import { colorToken } from '../shared/register-tokens.js';
import { fieldStyles } from '../shared/styles.js';

export const styles = css`
  ${fieldStyles}
  :host {
    ${colorToken('--_box-bg', 'contact-background', 'surface')}
  }
  .box {
    background: var(--_box-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .title {
    font-weight: 600;
    font-size: 1.05em;
  }
  .title:focus {
    outline: none;
  }
  .title:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .list {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr);
    gap: var(--_space-1) var(--_space-3);
    margin: 0;
  }
  .row {
    display: contents;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    min-inline-size: 0;
    white-space: pre-wrap;
  }
  .unset,
  .local-time,
  .hint {
    color: var(--_muted);
  }
  .local-time {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .form {
    display: grid;
    gap: var(--_space-2);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 3);
  }
  label {
    font-weight: 600;
    cursor: pointer;
  }
  input {
    inline-size: 100%;
  }
  input[readonly] {
    opacity: 0.7;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .hint,
  .field-error,
  .status {
    margin: 0;
    font-size: 0.9em;
  }
  .field-error,
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: end;
    gap: var(--_space-2);
  }
  .save {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .save[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .status:empty {
    display: none;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    .box,
    input,
    .save {
      border: 1px solid ButtonText;
    }
    input[aria-invalid='true'] {
      border: 2px solid Mark;
    }
    .field-error,
    .error,
    .unset,
    .local-time,
    .hint {
      color: CanvasText;
    }
  }
`;
