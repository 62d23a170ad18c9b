import { css } from 'lit';
import { colorToken, otherToken, MAX_SIZE } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_warning-bg', 'preview-warning-background', ['warning', 14, 'surface'])}
    ${colorToken('--_warning-border', 'preview-warning-border', 'warning')}
    ${colorToken('--_case-header-bg', 'preview-case-header-color', 'accent')}
    ${colorToken('--_case-header-fg', 'preview-case-header-text-color', 'on-accent')}
    ${otherToken('--_gap', 'preview-gap', ['var(--_cb-space-3)', '12px'])}
    ${otherToken('--_case-max-block', 'preview-case-max-block-size', ['24rem', undefined, MAX_SIZE])}
    display: grid;
    /* One column that may shrink below its widest word (caller data can be one long word). */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    container-type: inline-size;
  }
  .duplicates.shown {
    background: var(--_warning-bg);
    border: 1px solid var(--_warning-border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding-block: var(--_space-2);
    padding-inline: var(--_space-3);
  }
  .duplicates p {
    margin: 0;
    font-weight: 600;
  }
  .duplicates ul {
    list-style: none;
    margin: var(--_space-1) 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  .shortcuts {
    margin-block: var(--_space-2) 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  kbd {
    font-family: ui-monospace, monospace;
    font-size: 0.95em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding-inline: 0.3em;
    color: var(--_fg);
  }
  .case {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    /* A scroll region (the shared .scroll-region): the form data scrolls under the header. */
    max-block-size: var(--_case-max-block);
  }
  .case-header {
    position: sticky;
    inset-block-start: 0;
    background: var(--_case-header-bg);
    color: var(--_case-header-fg);
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: var(--_space-3);
    font-weight: 600;
  }
  .case dl,
  .case .empty {
    margin: 0;
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-1);
  }
  .case .row {
    display: grid;
    /* At most 40% for the label; the value column may shrink below its longest word. */
    grid-template-columns: fit-content(40%) minmax(0, 1fr);
    gap: var(--_space-2);
  }
  .case dt,
  .case .empty {
    color: var(--_muted);
    min-inline-size: 0;
  }
  .case dt {
    min-inline-size: min(7rem, 100%);
  }
  .case dd {
    margin: 0;
    min-inline-size: 0;
    white-space: pre-line;
    /* A right-to-left override in form data must not flip the rest of the line. */
    unicode-bidi: isolate;
  }
  @container (inline-size <= 20rem) {
    .case .row {
      grid-template-columns: 1fr;
      gap: 0;
    }
  }
  @media (forced-colors: active) {
    .duplicates.shown,
    .case {
      border-color: CanvasText;
    }
    .case-header {
      background: Canvas;
      color: CanvasText;
      border-block-end: 1px solid CanvasText;
    }
  }
`;
