import { css } from 'lit';
import { colorToken, otherToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_tab-selected-bg', 'desk-tab-selected-background', 'accent')}
    ${colorToken('--_tab-selected-fg', 'desk-tab-selected-color', 'on-accent')}
    ${otherToken('--_gap', 'desk-gap', ['var(--_cb-space-4)', '16px'])}
    display: grid;
    /* One column that may shrink below its widest word (caller data can be one long word). */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  .tabs {
    display: flex;
    gap: var(--_space-1);
    border-block-end: 1px solid var(--_border);
    overflow-x: auto;
  }
  [role='tab'] {
    border-end-start-radius: 0;
    border-end-end-radius: 0;
    border-block-end: none;
    /* A contact name of any length: the tab shrinks and the name ends in an ellipsis (the window
       below shows it whole; the tab's accessible name is whole). */
    display: inline-flex;
    align-items: baseline;
    gap: 0.3em;
    min-inline-size: min(8rem, 100%);
    max-inline-size: 16rem;
  }
  .tab-name {
    min-inline-size: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .tab-type {
    flex: none;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_tab-selected-bg);
    border-color: var(--_tab-selected-bg);
    color: var(--_tab-selected-fg);
  }
  .tab-type {
    font-size: 0.8em;
    opacity: 0.85;
  }
  .window[hidden] {
    display: none;
  }
  /* Shown only while the window's element is not defined yet (the drop-in bundle loads it apart). */
  .window-loading {
    display: none;
    color: var(--_muted);
  }
  :not(:defined) + .window-loading {
    display: block;
  }
  /* The drop-in bundle defines <agent-status> just after the offers: until then its row keeps a
     button's height, so the offers below do not move when it shows. */
  .status.reserve > :not(:defined) {
    display: block;
    min-block-size: max(var(--_control-size), calc(1lh + var(--_space) * 1.5 + 2px));
  }
  .idle {
    color: var(--_muted);
  }
  .standby {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-3);
  }
  .standby-title {
    font-weight: 600;
    margin-block-start: 0;
  }
  .unsaved-note {
    border: 2px solid var(--_warning);
    padding: var(--_space-2);
  }
  .unsaved-note textarea {
    display: block;
    font: inherit;
    inline-size: 100%;
    margin-block: var(--_space-2);
  }
  @media (forced-colors: active) {
    /* Forced colours drop the background: the selected tab needs a mark of its own. */
    [role='tab'][aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
    .tabs {
      border-color: CanvasText;
    }
  }
`;
