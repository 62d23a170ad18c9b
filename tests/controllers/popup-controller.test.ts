import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { sendKeys } from '../helpers/keys.js';
import { LitElement, css } from 'lit';
import { openPopupCount, PopupController } from '../../src/controllers/popup-controller.js';
import '../helpers/lit-warnings.js';

class PopupHost extends LitElement {
  static override styles = css`
    .menu {
      border: 1px solid;
      padding: 4px;
    }
  `;
  closes: string[] = [];
  popup = new PopupController(this, {
    anchor: () => this.shadowRoot?.querySelector('#anchor'),
    popup: () => this.shadowRoot?.querySelector('#menu'),
    onClose: (reason) => this.closes.push(reason),
  });
  protected override render() {
    return html`<button id="anchor" @click=${() => this.popup.toggle()}>Open</button>
      <div id="menu" class="menu" ?hidden=${!this.popup.isOpen}><button id="item">Item</button></div>`;
  }
}
customElements.define('popup-host', PopupHost);

const menu = (el: PopupHost) => el.shadowRoot!.querySelector<HTMLElement>('#menu')!;

describe('PopupController', () => {
  it('is not clipped by an overflow:hidden, low z-index container', async () => {
    const wrapper = await fixture(html`<div style="overflow:hidden;height:30px;width:80px;position:relative;z-index:1">
      <popup-host></popup-host>
    </div>
    <div style="position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:transparent"></div>`);
    const el = wrapper.querySelector('popup-host') as PopupHost;
    await el.updateComplete;
    await el.popup.open();
    await new Promise((r) => setTimeout(r, 50));
    expect(menu(el).matches(':popover-open')).to.equal(true);
    const rect = menu(el).getBoundingClientRect();
    const anchor = el.shadowRoot!.querySelector('#anchor')!.getBoundingClientRect();
    expect(rect.top).to.be.greaterThan(anchor.bottom - 1);
    expect(rect.height).to.be.greaterThan(10);
    // The item is the topmost thing at its centre: nothing clips or covers it (the fixed overlay has no pointer events).
    const item = el.shadowRoot!.querySelector('#item')!.getBoundingClientRect();
    const hit = el.shadowRoot!.elementFromPoint(item.x + item.width / 2, item.y + item.height / 2);
    expect(hit?.id).to.equal('item');
    el.popup.close();
  });

  it('Escape closes only the topmost popup and returns focus to its anchor', async () => {
    const a = await fixture<PopupHost>(html`<popup-host></popup-host>`);
    const b = await fixture<PopupHost>(html`<popup-host></popup-host>`);
    await a.popup.open();
    await b.popup.open();
    b.shadowRoot!.querySelector<HTMLButtonElement>('#item')!.focus();
    await sendKeys({ press: 'Escape' });
    expect(b.popup.isOpen).to.equal(false);
    expect(a.popup.isOpen).to.equal(true);
    expect(b.shadowRoot!.activeElement?.id).to.equal('anchor');
    await sendKeys({ press: 'Escape' });
    expect(a.popup.isOpen).to.equal(false);
    expect(openPopupCount()).to.equal(0);
  });

  it('closes on an outside click, not on a click inside', async () => {
    const el = await fixture<PopupHost>(html`<popup-host></popup-host>`);
    await el.popup.open();
    const item = el.shadowRoot!.querySelector('#item')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(item.x + 5), Math.round(item.y + 5)] });
    expect(el.popup.isOpen).to.equal(true);
    await sendMouse({ type: 'click', position: [700, 500] });
    expect(el.popup.isOpen).to.equal(false);
    expect(el.closes).to.deep.equal(['outside']);
  });

  it('closes when Tab takes focus out of it, leaving focus where Tab put it; Shift+Tab back to its anchor keeps it open', async () => {
    const wrapper = await fixture(html`<div><popup-host></popup-host><button id="after">After</button></div>`);
    const el = wrapper.querySelector('popup-host') as PopupHost;
    await el.updateComplete;
    await el.popup.open();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#item')!.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement?.id, 'Shift+Tab from the item').to.equal('anchor');
    expect(el.popup.isOpen, 'open with focus on its anchor').to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('item');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id, 'focus went on past the popup').to.equal('after');
    expect(el.popup.isOpen, 'open after focus left').to.equal(false);
    expect(menu(el).matches(':popover-open')).to.equal(false);
    expect(el.closes).to.deep.equal(['focus-left']);
    expect(openPopupCount()).to.equal(0);
  });

  it('closes when its host is removed and leaves no listener behind', async () => {
    const el = await fixture<PopupHost>(html`<popup-host></popup-host>`);
    for (let i = 0; i < 20; i++) {
      await el.popup.open();
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await el.updateComplete;
    }
    expect(openPopupCount()).to.equal(0);
    expect(el.closes.every((r) => r === 'disconnect')).to.equal(true);
  });

  it('opened on an element no longer in the page: stays closed, with no error', async () => {
    const el = await fixture<PopupHost>(html`<popup-host></popup-host>`);
    const errors: unknown[] = [];
    const record = (e: PromiseRejectionEvent | ErrorEvent) => errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('unhandledrejection', record);
    window.addEventListener('error', record);
    try {
      el.remove();
      await el.popup.open();
      expect(el.popup.isOpen).to.equal(false);
      expect(menu(el).matches(':popover-open')).to.equal(false);
      expect(openPopupCount()).to.equal(0);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', record);
      window.removeEventListener('error', record);
    }
  });
});
