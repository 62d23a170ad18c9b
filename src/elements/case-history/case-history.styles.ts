import { css } from 'lit';
import { colorToken, otherToken, MAX_SIZE } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_marker', 'history-marker', 'border')}
    ${otherToken('--_max-block', 'history-max-block-size', ['24rem', undefined, MAX_SIZE])}
  }
  .box {
    display: grid;
    gap: var(--_space-2);
  }
  .heading {
    font-weight: 600;
    font-size: 1em;
    margin: 0;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 0.75);
    max-block-size: var(--_max-block);
  }
  .entry {
    position: relative;
    display: grid;
    grid-template-columns: minmax(4.5rem, max-content) minmax(0, 1fr);
    gap: var(--_space-2);
    padding-inline-start: var(--_space-4);
  }
  /* The timeline: a line with a dot per entry, on the start side. */
  .entry::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(var(--_space) * 0.5);
    inset-block: 0 calc(var(--_space) * -0.75);
    border-inline-start: 2px solid var(--_marker);
  }
  .entry:last-child::before {
    inset-block-end: 0;
  }
  .entry::after {
    content: '';
    position: absolute;
    inset-inline-start: calc(var(--_space) * 0.5 - 3px);
    inset-block-start: 0.45em;
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--_marker);
  }
  .entry[data-kind='note']::after,
  .entry[data-kind='disposition']::after {
    background: var(--_accent);
  }
  .time {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .description {
    min-inline-size: 0;
  }
  .note {
    white-space: pre-wrap;
  }
  .digits {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .entry::before {
      border-color: CanvasText;
    }
    .entry::after {
      background: CanvasText;
    }
  }
`;
