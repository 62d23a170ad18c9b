import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { RovingFocusController, rovingIndex, type RovingFocusOptions } from '../../src/controllers/roving-focus-controller.js';
import '../helpers/lit-warnings.js';

/** A row of buttons with roving focus, as a toolbar or tab list renders one. */
class RovingHost extends LitElement {
  @property({ attribute: false }) names: string[] = ['a', 'b', 'c', 'd'];
  @property({ attribute: false }) disabled: string[] = [];
  static options: Partial<RovingFocusOptions> = {};
  readonly roving = new RovingFocusController(this, {
    items: () => [...(this.shadowRoot?.querySelectorAll<HTMLElement>('button') ?? [])],
    orientation: 'horizontal',
    tabStop: true,
    key: (button) => button.dataset.name,
    ...(this.constructor as typeof RovingHost).options,
  });
  protected override render() {
    return html`<div id="row" tabindex="-1">
      ${this.names.map((name) => html`<button data-name=${name} ?disabled=${this.disabled.includes(name)}>${name}</button>`)}
    </div>`;
  }
}
customElements.define('roving-host', RovingHost);

class WrappingHost extends RovingHost {
  static override options: Partial<RovingFocusOptions> = { wrap: true, fallback: () => null };
}
customElements.define('roving-wrapping-host', WrappingHost);

class ToolbarHost extends RovingHost {
  static override options: Partial<RovingFocusOptions> = { fallback: () => document.querySelector<HTMLElement>('roving-toolbar-host')!.shadowRoot!.querySelector<HTMLElement>('#row') };
}
customElements.define('roving-toolbar-host', ToolbarHost);

const button = (el: RovingHost, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-name="${name}"]`)!;
const focusedName = (el: RovingHost) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.name ?? el.shadowRoot!.activeElement?.id;
const tabStops = (el: RovingHost) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('button')].filter((b) => b.tabIndex === 0).map((b) => b.dataset.name);

async function press(el: RovingHost, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('RovingFocusController', () => {
  it('keeps one item in the tab order, the last one focused', async () => {
    const el = await fixture<RovingHost>(html`<roving-host></roving-host>`);
    expect(tabStops(el)).to.deep.equal(['a']);
    button(el, 'c').focus();
    expect(tabStops(el)).to.deep.equal(['c']);
  });

  it('moves with the arrows and jumps with Home and End, stopping at the ends without wrap', async () => {
    const el = await fixture<RovingHost>(html`<roving-host></roving-host>`);
    button(el, 'a').focus();
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('b');
    expect(tabStops(el)).to.deep.equal(['b']);
    await press(el, 'End');
    expect(focusedName(el)).to.equal('d');
    await press(el, 'ArrowRight');
    expect(focusedName(el), 'no wrap: stays at the end').to.equal('d');
    await press(el, 'Home');
    expect(focusedName(el)).to.equal('a');
    await press(el, 'ArrowLeft');
    expect(focusedName(el)).to.equal('a');
    await press(el, 'ArrowDown');
    expect(focusedName(el), 'horizontal: Up and Down are not moves').to.equal('a');
  });

  it('goes round with wrap', async () => {
    const el = await fixture<RovingHost>(html`<roving-wrapping-host></roving-wrapping-host>`);
    button(el, 'd').focus();
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('a');
    await press(el, 'ArrowLeft');
    expect(focusedName(el)).to.equal('d');
  });

  it('mirrors Left and Right when the computed direction is right to left', async () => {
    const wrapper = await fixture(html`<div dir="rtl"><roving-host></roving-host></div>`);
    const el = wrapper.querySelector<RovingHost>('roving-host')!;
    button(el, 'b').focus();
    await press(el, 'ArrowLeft');
    expect(focusedName(el), 'Left goes forward right to left').to.equal('c');
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('a');
    await press(el, 'End');
    expect(focusedName(el), 'End stays the last item').to.equal('d');
  });

  it('skips disabled items', async () => {
    const el = await fixture<RovingHost>(html`<roving-host .disabled=${['b', 'c']}></roving-host>`);
    button(el, 'a').focus();
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('d');
    await press(el, 'ArrowLeft');
    expect(focusedName(el)).to.equal('a');
  });

  it('leaves a key the widget handled inside alone', async () => {
    const el = await fixture<RovingHost>(html`<roving-host></roving-host>`);
    button(el, 'a').focus();
    el.shadowRoot!.querySelector('#row')!.addEventListener('keydown', (e) => e.preventDefault(), { once: true });
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('a');
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('b');
  });

  it('does not take arrows pressed elsewhere in the host (a field)', async () => {
    const el = await fixture<RovingHost>(html`<roving-host></roving-host>`);
    const field = document.createElement('input');
    el.shadowRoot!.append(field);
    field.focus();
    await press(el, 'ArrowRight');
    expect(el.shadowRoot!.activeElement).to.equal(field);
  });

  it('leaves Alt, Ctrl and Meta arrows to the browser', async () => {
    const el = await fixture<RovingHost>(html`<roving-host></roving-host>`);
    button(el, 'a').focus();
    await sendKeys({ down: 'Control' });
    await press(el, 'ArrowRight');
    await sendKeys({ up: 'Control' });
    expect(focusedName(el)).to.equal('a');
  });

  it('puts focus on the item now in its place when the focused item goes away', async () => {
    const el = await fixture<RovingHost>(html`<roving-host></roving-host>`);
    button(el, 'd').focus();
    el.names = ['a', 'b', 'c'];
    await el.updateComplete;
    expect(focusedName(el), 'the last item went: the new last one').to.equal('c');
    expect(tabStops(el)).to.deep.equal(['c']);
    expect(document.activeElement).to.equal(el);
  });

  it('treats a reused element that now stands for another item as gone, and follows an item that moved', async () => {
    const el = await fixture<RovingHost>(html`<roving-toolbar-host></roving-toolbar-host>`);
    button(el, 'b').focus();
    el.names = ['a', 'x', 'c'];
    await el.updateComplete;
    expect(focusedName(el), 'the button for b now stands for x: focus goes to the fallback').to.equal('row');

    button(el, 'c').focus();
    el.names = ['c', 'a'];
    await el.updateComplete;
    expect(focusedName(el), 'c moved to the front: focus follows it').to.equal('c');
    expect(tabStops(el)).to.deep.equal(['c']);
  });

  it('enters from an end when an arrow is pressed on the container', async () => {
    const el = await fixture<RovingHost>(html`<roving-toolbar-host></roving-toolbar-host>`);
    el.shadowRoot!.querySelector<HTMLElement>('#row')!.focus();
    await press(el, 'ArrowLeft');
    expect(focusedName(el)).to.equal('d');
    el.shadowRoot!.querySelector<HTMLElement>('#row')!.focus();
    await press(el, 'ArrowRight');
    expect(focusedName(el)).to.equal('a');
  });

  it('does not take focus back when it moved on elsewhere', async () => {
    const wrapper = await fixture(html`<div><roving-host></roving-host><input /></div>`);
    const el = wrapper.querySelector<RovingHost>('roving-host')!;
    button(el, 'd').focus();
    wrapper.querySelector('input')!.focus();
    el.names = ['a'];
    await el.updateComplete;
    expect(document.activeElement).to.equal(wrapper.querySelector('input'));
  });
});

describe('rovingIndex', () => {
  it('moves along a grid by rows, clamped at the ends', () => {
    expect(rovingIndex('ArrowDown', 1, 12, 1, 3)).to.equal(4);
    expect(rovingIndex('ArrowDown', 10, 12, 1, 3)).to.equal(11);
    expect(rovingIndex('ArrowUp', 1, 12, 1, 3)).to.equal(0);
    expect(rovingIndex('ArrowRight', 2, 12, 1, 3)).to.equal(3);
    expect(rovingIndex('ArrowRight', 2, 12, -1, 3), 'right to left').to.equal(1);
  });

  it('enters a list from an end and has nowhere to go when empty', () => {
    expect(rovingIndex('ArrowDown', -1, 5, 0, 1)).to.equal(0);
    expect(rovingIndex('ArrowUp', -1, 5, 0, 1)).to.equal(4);
    expect(rovingIndex('ArrowRight', 0, 5, 0, 1)).to.equal(undefined);
    expect(rovingIndex('a', 0, 5, 0, 1)).to.equal(undefined);
    expect(rovingIndex('constructor', 0, 5, 0, 1)).to.equal(undefined);
    expect(rovingIndex('ArrowDown', -1, 0, 0, 1)).to.equal(undefined);
    expect(rovingIndex('ArrowUp', 0, 5, 0, 1, true), 'wrap').to.equal(4);
  });
});
