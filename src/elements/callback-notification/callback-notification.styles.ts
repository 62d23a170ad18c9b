import { css } from 'lit';
import { colorToken, otherToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    ${colorToken('--_accent-h', 'notification-accent', 'accent')}
    ${colorToken('--_urgent', 'notification-urgent', 'danger')}
    ${colorToken('--_accept', 'notification-accept-color', 'success')}
    ${colorToken('--_reject', 'notification-reject-color', 'danger')}
    ${colorToken('--_box-bg', 'notification-background', 'surface-raised')}
    ${otherToken('--_info-max-block', 'notification-info-max-block-size', ['20rem'])}
    max-inline-size: 28rem;
  }
  .box {
    background: var(--_box-bg);
    border: 1px solid var(--_border);
    border-block-start: 4px solid var(--_accent-h);
    border-radius: var(--_radius);
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
    box-shadow: var(--_shadow);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .type {
    background: var(--_accent-h);
    color: var(--_on-accent);
    border-radius: 999px;
    padding-inline: var(--_space-2);
    font-size: 0.8em;
    font-weight: 600;
  }
  .title {
    flex: 1 1 auto;
    display: grid;
    margin: 0;
    min-inline-size: 0;
  }
  .kind {
    font-size: 0.8em;
    color: var(--_muted);
  }
  .who {
    font-weight: 600;
    font-size: 1.1em;
    min-inline-size: 0;
    /* A name of any length: three lines, then it scrolls (keeping the countdown and buttons in view). */
    max-block-size: 3lh;
  }
  .countdown {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .icon {
    inline-size: 1em;
    block-size: 1em;
  }
  :host(:state(urgent)) .countdown {
    color: var(--_urgent);
    font-weight: 600;
  }
  .details {
    /* Never more than half the viewport: Accept and Reject stay in view whatever the token says. */
    max-block-size: min(var(--_info-max-block), 50vh);
  }
  .info {
    margin: 0;
    display: grid;
    gap: var(--_space-1);
  }
  .row {
    display: grid;
    /* At most 40% for the label; the value column may shrink below its longest word. */
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
  .secondary {
    color: var(--_muted);
  }
  .attempts {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .error[hidden] {
    display: none;
  }
  .actions {
    display: flex;
    gap: var(--_space-2);
    justify-content: end;
  }
  /* aria-disabled, not disabled: a focused button keeps focus while the service answers (it looks
     disabled by the shared styles, styles.ts). */
  .accept {
    background: var(--_accept);
    border-color: var(--_accept);
    color: var(--_on-accent);
  }
  .reject {
    background: var(--_bg);
    color: var(--_reject);
    border-color: currentColor;
  }
  .no-reject {
    align-self: center;
    color: var(--_muted);
    font-size: 0.9em;
  }
  @media (forced-colors: active) {
    .box {
      border: 1px solid CanvasText;
    }
    .type {
      border: 1px solid CanvasText;
    }
    .accept,
    .reject {
      border: 1px solid ButtonText;
    }
  }
`;
