import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { engine, itExcept } from '../helpers/engine.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { backdrop, luminance, textContrast } from '../helpers/colors.js';
import '../helpers/lit-warnings.js';

/** A desk on the simulated contact center inside a wrapper the test styles like a host page would. */
async function setup(wrapperStyle = '', dir: 'ltr' | 'rtl' = 'ltr') {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${dir} style=${wrapperStyle}>
    <callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
  </div>`);
  const desk = wrapper.querySelector<CallbackDesk>('callback-desk')!;
  await desk.updateComplete;
  return { clock, cc, desk, wrapper };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const notification = (s: Setup) => s.desk.shadowRoot!.querySelector('callback-notification')!.shadowRoot!;
const inNotification = (s: Setup, selector: string) => notification(s).querySelector<HTMLElement>(selector)!;
const callActions = (s: Setup) =>
  s.desk.shadowRoot!.querySelector('interaction-window')?.shadowRoot?.querySelector('call-actions')?.shadowRoot ?? null;

async function offer(s: Setup) {
  await s.cc.offer('immediate');
  await aTimeout(0);
  await waitUntil(() => notification(s).querySelector('button.accept'), 'offer shown');
}

/** Accepts the offer and opens the Transfer popup, as an agent would. */
async function openTransferPopup(s: Setup) {
  inNotification(s, 'button.accept').click();
  await waitUntil(() => callActions(s)?.querySelector('[data-action="transfer"][aria-disabled="false"]'), 'call connected');
  callActions(s)!.querySelector<HTMLButtonElement>('[data-action="transfer"]')!.click();
  const popup = callActions(s)!.querySelector<HTMLElement>('#panel')!;
  await waitUntil(() => popup.matches(':popover-open'), 'transfer popup open');
  return popup;
}

const isDark = (element: Element) => luminance(backdrop(element)) < 0.05;
const isLight = (element: Element) => luminance(backdrop(element)) > 0.8;

describe('theming', () => {
  afterEach(async () => {
    if (engine !== 'chromium') return;
    await emulateMedia({ colorScheme: 'light' });
    await executeServerCommand('emulate-forced-colors', { active: false });
  });

  // The system colour scheme is emulated through Chromium's DevTools protocol (emulateMedia):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to set it.
  itExcept(['firefox', 'webkit'])('follows a dark system preference: dark surfaces, readable text and buttons, popups included', async () => {
    const s = await setup();
    await offer(s);
    const box = inNotification(s, '.box');
    expect(isLight(box), 'light by default').to.equal(true);

    await emulateMedia({ colorScheme: 'dark' });
    expect(isDark(box), 'the notification is dark').to.equal(true);
    for (const selector of ['.who', '.countdown', '.kind', 'button.accept', 'button.reject', '.type']) {
      expect(textContrast(inNotification(s, selector)), `${selector} contrast`).to.be.at.least(4.5);
    }
    // axe's colour-contrast rule over everything the desk shows.
    await expect(s.desk).to.be.accessible();
    const popup = await openTransferPopup(s);
    expect(isDark(popup), 'the transfer popup is dark').to.equal(true);
    const label = popup.querySelector('team-communicator')!.shadowRoot!.querySelector('label')!;
    expect(textContrast(label), 'popup text contrast').to.be.at.least(4.5);
    await expect(s.desk).to.be.accessible();

    await emulateMedia({ colorScheme: 'light' });
    expect(isLight(popup), 'back to light').to.equal(true);
    expect(textContrast(label)).to.be.at.least(4.5);
  });

  // The system colour scheme is emulated through Chromium's DevTools protocol (emulateMedia):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to set it.
  itExcept(['firefox', 'webkit'])('takes a forced light or dark scheme from --cb-color-scheme on any ancestor, nested elements too', async () => {
    const s = await setup('--cb-color-scheme: light');
    await offer(s);
    await emulateMedia({ colorScheme: 'dark' });
    expect(isLight(inNotification(s, '.box')), 'light although the system is dark').to.equal(true);

    s.wrapper.style.setProperty('--cb-color-scheme', 'dark');
    await emulateMedia({ colorScheme: 'light' });
    expect(isDark(inNotification(s, '.box')), 'dark although the system is light').to.equal(true);
    const popup = await openTransferPopup(s);
    // The popup lives three shadow roots down (desk, window, call actions): the choice reaches it.
    expect(isDark(popup)).to.equal(true);
  });

  // The system colour scheme is emulated through Chromium's DevTools protocol (emulateMedia):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to set it.
  itExcept(['firefox', 'webkit'])('takes data-cb-theme on an ancestor over the system preference, and follows when it changes', async () => {
    const s = await setup();
    s.wrapper.dataset.cbTheme = 'light';
    await offer(s);
    await emulateMedia({ colorScheme: 'dark' });
    await waitUntil(() => isLight(inNotification(s, '.box')), 'light although the system is dark');
    const popup = await openTransferPopup(s);
    expect(isLight(popup), 'the popup, three shadow roots down, too').to.equal(true);

    s.wrapper.dataset.cbTheme = 'dark';
    await emulateMedia({ colorScheme: 'light' });
    // The offer is gone once accepted: the window behind the popup and the popup are what is seen.
    const status = s.desk.shadowRoot!.querySelector('interaction-window')!.shadowRoot!.querySelector('call-status')!;
    await waitUntil(() => isDark(status) && isDark(popup), 'dark although the system is light');
    await expect(s.desk).to.be.accessible();
  });

  it('global tokens reach every element; a per-element token wins over the global one', async () => {
    const s = await setup('--cb-color-accent: rgb(120, 0, 90); --cb-color-success: rgb(0, 90, 0); --cb-space: 10px; --cb-font-size: 18px');
    await offer(s);
    const accept = inNotification(s, 'button.accept');
    expect(getComputedStyle(inNotification(s, '.type')).backgroundColor).to.equal('rgb(120, 0, 90)');
    expect(getComputedStyle(accept).backgroundColor).to.equal('rgb(0, 90, 0)');
    expect(getComputedStyle(inNotification(s, '.box')).paddingInlineStart).to.equal('15px');
    expect(getComputedStyle(accept).fontSize).to.equal('18px');

    s.wrapper.style.setProperty('--cb-notification-accept-color', 'rgb(0, 0, 160)');
    expect(getComputedStyle(accept).backgroundColor).to.equal('rgb(0, 0, 160)');
  });

  it("re-exports the offer's buttons from the desk, so a page can reach them with ::part", async () => {
    const style = document.createElement('style');
    style.textContent = `callback-desk::part(notification-accept-button) { outline: 3px dashed rgb(200, 0, 0); }`;
    document.head.append(style);
    try {
      const s = await setup();
      await offer(s);
      expect(getComputedStyle(inNotification(s, 'button.accept')).outlineColor).to.equal('rgb(200, 0, 0)');
      expect(getComputedStyle(inNotification(s, 'button.reject')).outlineStyle).to.equal('none');
    } finally {
      style.remove();
    }
  });

  it("ignores a page's text styles on the element itself; the font-size token still applies", async () => {
    const style = document.createElement('style');
    style.textContent = `callback-desk, callback-desk * { font-size: 40px; line-height: 5; letter-spacing: 1em;
      text-transform: uppercase; font-style: italic; color: magenta; white-space: nowrap; box-sizing: content-box }`;
    document.head.append(style);
    try {
      const s = await setup();
      await offer(s);
      const accept = inNotification(s, 'button.accept');
      const computed = getComputedStyle(accept);
      const rootSize = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(computed.fontSize).to.equal(`${0.875 * rootSize}px`);
      expect(parseFloat(computed.lineHeight) / parseFloat(computed.fontSize)).to.be.closeTo(1.4, 0.01);
      expect(computed.textTransform).to.equal('none');
      expect(computed.letterSpacing).to.equal('normal');
      expect(computed.fontStyle).to.equal('normal');
      expect(textContrast(inNotification(s, '.who'))).to.be.at.least(4.5);
      // The desk's own text (its idle line, the tabs) too, though the page's rule matches the desk.
      expect(getComputedStyle(s.desk).color).to.not.equal('rgb(255, 0, 255)');
      expect(getComputedStyle(s.desk).fontSize).to.equal(`${0.875 * rootSize}px`);
    } finally {
      style.remove();
    }
  });

  it('mirrors in a right-to-left page: Accept and Reject swap sides and sit at the inline end', async () => {
    const ltr = await setup();
    await offer(ltr);
    const ltrAccept = inNotification(ltr, 'button.accept').getBoundingClientRect();
    const ltrReject = inNotification(ltr, 'button.reject').getBoundingClientRect();
    const ltrBox = inNotification(ltr, '.box').getBoundingClientRect();
    expect(ltrAccept.left).to.be.below(ltrReject.left);
    expect(ltrBox.right - ltrReject.right, 'at the right edge').to.be.below(ltrAccept.left - ltrBox.left);

    const rtl = await setup('', 'rtl');
    await offer(rtl);
    const rtlAccept = inNotification(rtl, 'button.accept').getBoundingClientRect();
    const rtlReject = inNotification(rtl, 'button.reject').getBoundingClientRect();
    const rtlBox = inNotification(rtl, '.box').getBoundingClientRect();
    expect(rtlAccept.left, 'Accept right of Reject').to.be.above(rtlReject.left);
    expect(rtlReject.left - rtlBox.left, 'at the left edge').to.be.below(rtlBox.right - rtlAccept.right);
  });

  it('shows an action that cannot be used now as disabled: dimmed, with the not-allowed cursor', async () => {
    const s = await setup();
    await offer(s);
    // The offer's buttons take aria-disabled (not disabled) while the service answers, to keep focus.
    const accept = inNotification(s, 'button.accept');
    expect(getComputedStyle(accept).opacity).to.equal('1');
    accept.setAttribute('aria-disabled', 'true');
    expect(getComputedStyle(accept).opacity).to.equal('0.55');
    expect(getComputedStyle(accept).cursor).to.equal('not-allowed');
    accept.setAttribute('aria-disabled', 'false');
    accept.click();
    await waitUntil(() => callActions(s)?.querySelector('[data-action="hold"][aria-disabled="false"]'), 'call connected');
    const buttons = [...callActions(s)!.querySelectorAll<HTMLButtonElement>('button[data-action]')];
    const disabled = buttons.find((b) => b.getAttribute('aria-disabled') === 'true' && b.getAttribute('aria-busy') !== 'true');
    const enabled = buttons.find((b) => b.getAttribute('aria-disabled') === 'false');
    expect(Boolean(disabled && enabled), 'the toolbar has enabled and disabled actions').to.equal(true);
    expect(getComputedStyle(disabled!).opacity, disabled!.dataset.action).to.equal('0.55');
    expect(getComputedStyle(disabled!).cursor, disabled!.dataset.action).to.equal('not-allowed');
    expect(getComputedStyle(enabled!).opacity, enabled!.dataset.action).to.equal('1');
    expect(getComputedStyle(enabled!).cursor, enabled!.dataset.action).to.equal('pointer');
  });

  // Forced colours are emulated through Chromium's DevTools protocol (tests/setup/forced-colors-plugin.mjs):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to turn them on.
  itExcept(['firefox', 'webkit'])('keeps every button outlined and disabled ones distinct in forced colors (Windows high contrast)', async () => {
    const s = await setup();
    await offer(s);
    inNotification(s, 'button.accept').click();
    await waitUntil(() => callActions(s)?.querySelector('[data-action="hold"][aria-disabled="false"]'), 'call connected');
    await executeServerCommand('emulate-forced-colors', { active: true });
    expect(matchMedia('(forced-colors: active)').matches, 'the emulation is on').to.equal(true);
    const buttons = [...callActions(s)!.querySelectorAll<HTMLButtonElement>('button[data-action]')];
    expect(buttons.length).to.be.greaterThan(3);
    for (const button of buttons) {
      const style = getComputedStyle(button);
      // Backgrounds are flattened to the system's: a button is only seen through its border.
      expect(style.borderTopStyle, button.dataset.action).to.equal('solid');
      expect(parseFloat(style.borderTopWidth), button.dataset.action).to.be.at.least(1);
    }
    const disabled = buttons.find((b) => b.getAttribute('aria-disabled') === 'true');
    const enabled = buttons.find((b) => b.getAttribute('aria-disabled') === 'false');
    expect(Boolean(disabled && enabled), 'the toolbar has enabled and disabled actions').to.equal(true);
    // Opacity is ignored in forced colors: disabled actions must differ in colour (GrayText).
    expect(getComputedStyle(disabled!).color).to.not.equal(getComputedStyle(enabled!).color);
    expect(getComputedStyle(disabled!).opacity).to.equal('1');
  });
});
