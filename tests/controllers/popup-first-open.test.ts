import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { PopupController } from '../../src/controllers/popup-controller.js';
import '../helpers/lit-warnings.js';
import { sleep, waitFor } from '../helpers/wait.js';

/**
 * Floating UI (about 7 KB gzip) is not fetched before the first popup opens (issue 22: the chunks a
 * page fetches at load). Alone in its file: the page must not have opened a popup before.
 */
class FirstPopupHost extends LitElement {
  popup = new PopupController(this, {
    anchor: () => this.shadowRoot?.querySelector('#anchor'),
    popup: () => this.shadowRoot?.querySelector('#menu'),
  });
  protected override render() {
    return html`<button id="anchor">Open</button>
      <div id="menu" ?hidden=${!this.popup.isOpen} style="height:120px;width:100px;border:1px solid"><button id="item">Item</button></div>`;
  }
}
customElements.define('first-popup-host', FirstPopupHost);

const fetchedPlacement = () => performance.getEntriesByType('resource').some((e) => e.name.includes('popup-placement'));

describe('the first popup of a page', () => {
  it('fetches the placement code only when it opens, opens at once, is placed by the rules once the code arrives, and is left alone once closed', async () => {
    // The anchor at the bottom of the view: the rules flip the popup above it.
    const wrapper = await fixture<HTMLDivElement>(html`<div style="position:fixed;left:20px;bottom:4px"><first-popup-host></first-popup-host></div>`);
    const el = wrapper.querySelector<FirstPopupHost>('first-popup-host')!;
    const menu = el.shadowRoot!.querySelector<HTMLElement>('#menu')!;
    const anchor = el.shadowRoot!.querySelector<HTMLElement>('#anchor')!;
    await el.updateComplete;
    await sleep(100);
    expect(fetchedPlacement(), 'fetched before any popup opened').to.equal(false);

    // What keeps a popup placed listens to the window's resizes: none may be left once it closes.
    const resizeListeners = new Set<unknown>();
    const add = window.addEventListener.bind(window);
    const remove = window.removeEventListener.bind(window);
    window.addEventListener = ((type: string, listener: unknown, options?: unknown) => {
      if (type === 'resize') resizeListeners.add(listener);
      add(type, listener as EventListener, options as AddEventListenerOptions);
    }) as typeof window.addEventListener;
    window.removeEventListener = ((type: string, listener: unknown, options?: unknown) => {
      if (type === 'resize') resizeListeners.delete(listener);
      remove(type, listener as EventListener, options as EventListenerOptions);
    }) as typeof window.removeEventListener;
    after(() => Object.assign(window, { addEventListener: add, removeEventListener: remove }));

    // Opened, closed and opened again while the code is on its way: only the last opening is placed.
    await el.popup.open();
    expect(menu.matches(':popover-open'), 'open at once').to.equal(true);
    el.popup.close();
    await el.popup.open();
    expect(menu.matches(':popover-open')).to.equal(true);
    // Already above, in the view, while the code is on its way: it used to open below the anchor,
    // out of the view, until the code arrived (0.7 s in Firefox).
    const above = () => menu.getBoundingClientRect().bottom <= anchor.getBoundingClientRect().top + 1 && menu.getBoundingClientRect().top >= 0;
    expect(above(), `above its anchor at once: ${JSON.stringify(menu.getBoundingClientRect())}`).to.equal(true);
    await waitFor('the popup placed by the rules and followed', () => fetchedPlacement() && resizeListeners.size > 0);
    expect(menu.style.maxHeight).to.not.equal('');
    expect(above(), 'above its anchor once placed by the rules').to.equal(true);

    el.popup.close();
    expect(resizeListeners.size, 'still following the closed popup').to.equal(0);
    menu.style.top = 'auto';
    // A layout change that a placement still following the popup would answer (it follows resizes).
    wrapper.style.bottom = '60px';
    window.dispatchEvent(new Event('resize'));
    await sleep(150);
    expect(menu.style.top, 'placed again after it closed').to.equal('auto');
  });
});
