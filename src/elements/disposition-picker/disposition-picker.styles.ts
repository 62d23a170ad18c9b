import { css } from 'lit';
import { colorToken, otherToken, MAX_SIZE } from '../shared/register-tokens.js';
import { fieldStyles } from '../shared/styles.js';

export const styles = css`
  ${fieldStyles}
  :host {
    ${colorToken('--_selected', 'disposition-selected', ['accent', 14, 'surface'])}
    ${otherToken('--_max-block', 'disposition-max-block-size', ['18rem', undefined, MAX_SIZE])}
    max-inline-size: 28rem;
  }
  .box {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
    min-inline-size: 0;
  }
  .label {
    font-weight: 600;
    padding-inline: var(--_space-1);
    display: flex;
    gap: var(--_space-2);
    align-items: baseline;
  }
  .required {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_danger);
  }
  .current,
  .missing,
  .note {
    margin: 0;
  }
  .current,
  .note {
    color: var(--_muted);
  }
  .missing {
    color: var(--_danger);
  }
  .list,
  .tree {
    max-block-size: var(--_max-block);
    overflow: auto;
  }
  .list {
    display: grid;
    gap: var(--_space-1);
  }
  .option {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1);
    cursor: pointer;
    border-radius: var(--_radius);
    padding: var(--_space-1);
  }
  .option:has(input:checked) {
    background: var(--_selected);
  }
  .path {
    flex-basis: 100%;
    padding-inline-start: 1.6em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .search {
    display: grid;
    gap: var(--_space-1);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul[role='group'] {
    padding-inline-start: 1.25rem;
  }
  li[role='treeitem'] {
    cursor: pointer;
    outline: none;
  }
  .row {
    display: flex;
    align-items: center;
    gap: var(--_space-1);
    padding-block: var(--_space-1);
    padding-inline: var(--_space-1);
    border-radius: var(--_radius);
  }
  .folder {
    font-weight: 600;
  }
  .twisty,
  .check {
    inline-size: 1em;
    text-align: center;
  }
  li[aria-selected='true'] > .row {
    background: var(--_selected);
  }
  li[role='treeitem']:focus-visible > .row {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  :host([dir='rtl']) .twisty,
  :host(:dir(rtl)) .twisty {
    transform: scaleX(-1);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error[hidden] {
    display: none;
  }
  .error p {
    margin: 0;
  }
  .retry,
  .save {
    justify-self: start;
  }
  @media (forced-colors: active) {
    .box {
      border: 1px solid CanvasText;
    }
    .option:has(input:checked),
    li[aria-selected='true'] > .row {
      outline: 2px solid Highlight;
    }
    li[role='treeitem']:focus-visible > .row {
      outline-color: Highlight;
    }
  }
`;
