import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    gap: var(--_space);
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: calc(var(--_space) * 2);
    align-items: start;
  }
  .details,
  .wrap-up {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
`;
