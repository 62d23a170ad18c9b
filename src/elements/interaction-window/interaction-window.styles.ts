import { css } from 'lit';
import { otherToken } from '../shared/register-tokens.js';

export const styles = css`
  :host {
    display: grid;
    /* One column that may shrink below its widest word (caller data can be one long word). */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-2);
    ${otherToken('--_column-size', 'interaction-window-column-size', ['16rem'])}
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--_column-size)), 1fr));
    gap: var(--_space-4);
    align-items: start;
  }
  .details,
  .wrap-up {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-3);
  }
`;
