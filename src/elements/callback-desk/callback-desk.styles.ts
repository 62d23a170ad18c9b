import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--cb-desk-gap, calc(var(--_space) * 2));
  }
  .tabs {
    display: flex;
    gap: calc(var(--_space) / 2);
    border-block-end: 1px solid var(--_border);
    overflow-x: auto;
  }
  [role='tab'] {
    border-end-start-radius: 0;
    border-end-end-radius: 0;
    border-block-end: none;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .tab-type {
    font-size: 0.8em;
    opacity: 0.85;
  }
  .simulator {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .simulator[open] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .simulator summary {
    cursor: pointer;
    flex-basis: 100%;
  }
  .window[hidden] {
    display: none;
  }
  .idle {
    color: var(--_muted);
  }
`;
