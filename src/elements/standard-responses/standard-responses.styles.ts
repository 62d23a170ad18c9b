import { css } from 'lit';
import { otherToken, MAX_SIZE } from '../shared/register-tokens.js';
import { fieldStyles } from '../shared/styles.js';

export const styles = css`
  ${fieldStyles}
  :host {
    ${otherToken('--_list-max-block', 'responses-list-max-height', ['14rem', undefined, MAX_SIZE])}
    ${otherToken('--_body-max-block', 'responses-body-max-height', ['16rem', undefined, MAX_SIZE])}
  }
  .base {
    display: grid;
    gap: var(--_space-2);
  }
  .title {
    font-weight: 600;
    font-size: 1.05em;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 3);
    flex: 1 1 10rem;
  }
  .field.search {
    flex: 3 1 14rem;
  }
  label {
    font-weight: 600;
  }
  input,
  select {
    inline-size: 100%;
  }
  .listbox {
    list-style: none;
    margin: 0;
    padding-block: var(--_space-1);
    padding-inline: 0;
    max-block-size: var(--_list-max-block);
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .option {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space-2);
    padding-block: var(--_space-1);
    padding-inline: var(--_space-2);
    cursor: pointer;
    border-inline-start: 3px solid transparent;
  }
  .option.shown .option-title {
    font-weight: 600;
  }
  .option.active {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
    border-inline-start-color: var(--_accent);
  }
  .option-title {
    min-inline-size: 0;
  }
  .option-category,
  .shown-category,
  .status,
  .placeholder {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .status,
  .shown-category,
  .placeholder,
  .copy-status,
  .copy-error {
    margin: 0;
  }
  .status:empty,
  .copy-status:empty {
    display: none;
  }
  .error,
  .copy-error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .pane {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
    display: grid;
    gap: var(--_space-1);
  }
  .shown-title {
    font-weight: 600;
    min-inline-size: 0;
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    min-inline-size: 0;
    max-block-size: var(--_body-max-block);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .insert {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .copy-status {
    color: var(--_success);
  }
  [hidden] {
    display: none !important;
  }
  @media (forced-colors: active) {
    .listbox,
    .pane,
    .insert {
      border-color: CanvasText;
    }
    .option.active {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
    .option.active .option-category {
      color: HighlightText;
    }
    .error,
    .copy-error,
    .copy-status {
      color: CanvasText;
    }
  }
`;
