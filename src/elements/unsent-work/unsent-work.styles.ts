import { css } from 'lit';

export const styles = css`
  .box {
    display: grid;
    gap: var(--_space-2);
    border: 2px solid var(--_warning);
    border-radius: var(--_radius);
    padding: var(--_space-2);
  }
  .heading {
    font-size: 1.1em;
    font-weight: 600;
    margin: 0;
  }
  .intro,
  .meta,
  .why {
    color: var(--_muted);
    margin: 0;
  }
  .entry {
    display: grid;
    gap: var(--_space-1);
    border-block-start: 1px solid var(--_border);
    padding-block-start: var(--_space-2);
  }
  .who {
    font-size: 1em;
    font-weight: 600;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .entry p {
    margin: 0;
  }
  .label {
    font-weight: 600;
  }
  .note {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
    inline-size: 100%;
    resize: vertical;
  }
  .note:focus-visible,
  .heading:focus-visible,
  .who:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .error {
    color: var(--_danger);
  }
  [hidden] {
    display: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .discard-confirm {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  @media (forced-colors: active) {
    .box {
      border-color: CanvasText;
    }
  }
`;
