import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_space-2);
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--cb-interaction-window-column-size, 16rem)), 1fr));
    gap: var(--_space-4);
    align-items: start;
  }
  .details,
  .wrap-up {
    display: grid;
    gap: var(--_space-3);
  }
`;
