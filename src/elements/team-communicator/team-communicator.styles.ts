import { css } from 'lit';
import { colorToken, otherToken, MAX_SIZE } from '../shared/register-tokens.js';
import { fieldStyles } from '../shared/styles.js';

export const styles = css`
  ${fieldStyles}
  :host {
    ${colorToken('--_ready', 'availability-ready', 'success')}
    ${colorToken('--_not-ready', 'availability-not-ready', 'warning')}
    ${colorToken('--_busy', 'availability-busy', 'danger')}
    ${colorToken('--_offline', 'availability-offline', 'text-muted')}
    ${otherToken('--_list-max-block', 'communicator-list-max-height', ['18rem', undefined, MAX_SIZE])}
    min-inline-size: 16rem;
  }
  .base {
    display: grid;
    gap: var(--_space-1);
  }
  label {
    font-weight: 600;
  }
  input {
    padding-block: calc(var(--_space) * 0.75);
    inline-size: 100%;
  }
  [role='listbox'] {
    max-block-size: var(--_list-max-block);
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding-block: var(--_space-1);
  }
  [role='listbox'][hidden] {
    display: none;
  }
  .group-label {
    padding-inline: var(--_space-2);
    padding-block: var(--_space-1) calc(var(--_space) / 4);
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--_muted);
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
  .option.active {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
    border-inline-start-color: var(--_accent);
  }
  .name {
    min-inline-size: 0;
  }
  .option.unavailable .name {
    color: var(--_muted);
  }
  .meta {
    display: inline-flex;
    gap: var(--_space-2);
    color: var(--_muted);
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  .availability {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    font-weight: 600;
  }
  .dot {
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: currentColor;
  }
  .availability.ready {
    color: var(--_ready);
  }
  .availability.not-ready {
    color: var(--_not-ready);
  }
  .availability.busy {
    color: var(--_busy);
  }
  .availability.offline {
    color: var(--_offline);
  }
  .status {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .status:empty {
    display: none;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    color: var(--_danger);
    font-weight: 600;
  }
  .error[hidden] {
    display: none;
  }
  @media (forced-colors: active) {
    [role='listbox'] {
      border-color: CanvasText;
    }
    .option.active {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
    .dot {
      border: 1px solid CanvasText;
    }
  }
`;
