import { css } from 'lit';
import { colorToken } from '../shared/register-tokens.js';
import { fieldStyles } from '../shared/styles.js';

export const styles = css`
  ${fieldStyles}
  :host {
    ${colorToken('--_full', 'scheduler-full', 'text-muted')}
    ${colorToken('--_chosen', 'scheduler-selected-color', 'accent')}
    ${colorToken('--_hours-warning', 'scheduler-warning-color', 'warning')}
    ${colorToken('--_box-bg', 'scheduler-background', 'surface')}
    max-inline-size: 32rem;
  }
  .box {
    background: var(--_box-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
  }
  .title {
    font-weight: 600;
    font-size: 1.05em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
    display: grid;
    gap: var(--_space-2);
  }
  fieldset.slots,
  fieldset.who {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
  }
  legend {
    font-weight: 600;
    padding-inline: var(--_space-1);
  }
  .when {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  label {
    cursor: pointer;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .zone,
  .who label {
    display: flex;
    align-items: center;
    gap: var(--_space-1);
  }
  .preview {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .slot-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_space-1);
  }
  .slot {
    display: flex;
    align-items: center;
    gap: var(--_space-1);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-1);
    font-variant-numeric: tabular-nums;
  }
  .slot:has(input:checked) {
    border-color: var(--_chosen);
    box-shadow: inset 0 0 0 1px var(--_chosen);
  }
  .slot.full {
    color: var(--_full);
    cursor: not-allowed;
    text-decoration: line-through;
  }
  .slot-text {
    display: grid;
  }
  .slot-outside {
    font-size: 0.85em;
    color: var(--_hours-warning);
    font-weight: 600;
  }
  .warning {
    margin: 0;
    padding: var(--_space-1) var(--_space-2);
    border-inline-start: 4px solid var(--_hours-warning);
    background: color-mix(in srgb, var(--_hours-warning) 10%, var(--_bg));
  }
  .capacity {
    margin-inline-start: auto;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .slots-note,
  .hint {
    margin: 0;
    color: var(--_muted);
  }
  .blocked {
    margin: 0;
    padding: var(--_space-2);
    border-inline-start: 4px solid var(--_muted);
    background: color-mix(in srgb, var(--_fg) 6%, var(--_bg));
  }
  .error,
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .error[hidden],
  .field-error[hidden] {
    display: none;
  }
  .alternatives {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1);
  }
  .status {
    margin: 0;
    color: var(--_success);
    font-weight: 600;
  }
  .actions {
    display: flex;
    gap: var(--_space-2);
    justify-content: end;
  }
  .submit {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  @media (forced-colors: active) {
    .box,
    .slot {
      border: 1px solid CanvasText;
    }
    .slot:has(input:checked) {
      outline: 2px solid Highlight;
    }
    .slot.full {
      color: GrayText;
    }
    .warning {
      border-inline-start: 4px solid CanvasText;
    }
    .submit {
      border: 1px solid ButtonText;
    }
  }
`;
