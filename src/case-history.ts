import { CaseHistory } from './elements/case-history/case-history.js';

export * from './elements/case-history/case-history.js';

const tagName = 'case-history';
if (!customElements.get(tagName)) customElements.define(tagName, CaseHistory);

declare global {
  interface HTMLElementTagNameMap {
    'case-history': CaseHistory;
  }
}
