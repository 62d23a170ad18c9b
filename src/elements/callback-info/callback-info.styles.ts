import { css } from 'lit';
import { colorToken, otherToken, MAX_SIZE } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_header-bg', 'callback-info-header-color', 'accent')}
    ${colorToken('--_header-fg', 'callback-info-header-text-color', 'on-accent')}
    ${colorToken('--_box-bg', 'callback-info-background', 'surface')}
    ${otherToken('--_max-block', 'callback-info-max-block-size', ['24rem', undefined, MAX_SIZE])}
    /* Label and value stack when the view is narrow (a side panel). */
    container-type: inline-size;
  }
  .box {
    background: var(--_box-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    /* A scroll region (the shared .scroll-region): long caller data scrolls under the header. */
    max-block-size: var(--_max-block);
  }
  .header {
    position: sticky;
    inset-block-start: 0;
    background: var(--_header-bg);
    color: var(--_header-fg);
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: var(--_space-3);
  }
  .title {
    margin: 0;
    font-weight: 600;
    font-size: 1em;
  }
  .list,
  .empty {
    margin: 0;
    padding: var(--_space-3);
  }
  .list {
    display: grid;
    gap: var(--_space-1);
  }
  .row {
    display: grid;
    /* At most 40% for the label, and a value column that may shrink below its longest word: caller
       data can hold one 100 KB word, which must wrap, not widen the page. */
    grid-template-columns: fit-content(40%) minmax(0, 1fr);
    gap: var(--_space-2);
  }
  dt {
    color: var(--_muted);
    min-inline-size: min(7rem, 100%);
  }
  dd {
    margin: 0;
    min-inline-size: 0;
    white-space: pre-line;
    /* A right-to-left override in caller data must not flip the rest of the line. */
    unicode-bidi: isolate;
  }
  .secondary,
  .empty {
    color: var(--_muted);
  }
  .attempts {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  @container (inline-size <= 20rem) {
    .row {
      grid-template-columns: 1fr;
      gap: 0;
    }
  }
  @media (forced-colors: active) {
    .box {
      border-color: CanvasText;
    }
    .header {
      background: Canvas;
      color: CanvasText;
      border-block-end: 1px solid CanvasText;
    }
  }
`;
