// A host page that sets the --cb-* tokens to values of the wrong type (issue 15, part 8): the
// elements keep their default look (the typed tokens are read through registered properties, see
// src/elements/shared/register-tokens.ts); valid values still apply, in light and dark.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { css } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import { engine, itExcept } from '../helpers/engine.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { channels } from '../helpers/colors.js';
import '../helpers/lit-warnings.js';

/** Tokens without a registrable type (see register-tokens.ts): still read as they are. */
const UNTYPED = new Set(['--cb-font-family', '--cb-font-size', '--cb-shadow', '--cb-note-rows-min-height']);

/** Every token the documentation names: each element's (the manifest) and the global ones (docs/theming.md). */
async function documentedTokens(): Promise<string[]> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as {
    modules: { declarations?: { cssProperties?: { name: string }[] }[] }[];
  };
  const names = new Set(manifest.modules.flatMap((m) => (m.declarations ?? []).flatMap((d) => (d.cssProperties ?? []).map((p) => p.name))));
  // "--cb-color-*" names a family, not a token.
  for (const name of (await (await fetch('/docs/theming.md')).text()).match(/--cb-[a-z0-9-]+/g) ?? []) if (!name.endsWith('-')) names.add(name);
  // The table writes the spacing scale as "--cb-space-1 … --cb-space-4".
  for (const step of [1, 2, 3, 4]) names.add(`--cb-space-${step}`);
  return [...names].sort();
}

async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const desk = await fixture<CallbackDesk>(html`<callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>`);
  await cc.offer('immediate');
  await aTimeout(0);
  const notification = desk.shadowRoot!.querySelector('callback-notification')!.shadowRoot!;
  await waitUntil(() => notification.querySelector('button.reject'), 'offer shown');
  // A clamped box that overflows takes focus from the frame after the render (ScrollRegionController).
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
  const $ = (selector: string) => notification.querySelector<HTMLElement>(selector)!;
  return { desk, $, accept: $('button.accept'), reject: $('button.reject') };
}

/** What makes a button look like one, and the colours a token would change. */
function look(element: HTMLElement) {
  const s = getComputedStyle(element);
  return {
    background: s.backgroundColor,
    color: s.color,
    border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
    borderInline: `${s.borderInlineStartWidth} ${s.borderInlineStartStyle}`,
    radius: s.borderTopLeftRadius,
    padding: `${s.paddingBlockStart} ${s.paddingInlineStart}`,
    minBlockSize: s.minBlockSize,
  };
}

/** The offer's look: its buttons, box, badge, countdown and information box. */
function offerLook(s: Awaited<ReturnType<typeof setup>>) {
  return {
    accept: look(s.accept),
    reject: look(s.reject),
    box: look(s.$('.box')),
    type: look(s.$('.type')),
    who: look(s.$('.who')),
    details: { ...look(s.$('.details')), maxBlockSize: getComputedStyle(s.$('.details')).maxBlockSize },
    actionsGap: getComputedStyle(s.$('.actions')).columnGap,
    deskGap: getComputedStyle(s.desk).rowGap,
  };
}

function expectAButton(button: HTMLElement, what: string) {
  const s = getComputedStyle(button);
  expect(parseFloat(s.borderTopWidth), `${what}: border`).to.be.at.least(1);
  expect(s.borderTopStyle, `${what}: border style`).to.equal('solid');
  expect(channels(s.backgroundColor)[3], `${what}: background`).to.be.greaterThan(0.5);
  for (const side of ['paddingBlockStart', 'paddingInlineStart'] as const) {
    expect(parseFloat(s[side]), `${what}: ${side}`).to.be.greaterThan(0);
  }
  expect(parseFloat(s.minBlockSize), `${what}: height`).to.be.greaterThan(0);
}

function setTokens(tokens: readonly string[], value: (token: string) => string) {
  for (const token of tokens) document.documentElement.style.setProperty(token, value(token));
}

function clearTokens(tokens: readonly string[]) {
  for (const token of tokens) document.documentElement.style.removeProperty(token);
}

describe('tokens set to values of the wrong type', () => {
  let tokens: string[] = [];

  before(async () => {
    tokens = await documentedTokens();
  });

  afterEach(async () => {
    clearTokens(tokens);
    if (engine === 'chromium') await emulateMedia({ colorScheme: 'light' });
  });

  it('the documentation names the tokens, and every typed one is read through a registered property', async () => {
    expect(tokens.length).to.be.at.least(50);
    await setup();
    // A registered property ignores a value of another type: `12 foo` is no colour, length or keyword.
    const probe = document.createElement('div');
    document.body.append(probe);
    try {
      const unchecked = tokens.filter((token) => {
        if (UNTYPED.has(token)) return false;
        const name = token.replace(/^--cb-/, '--_cb-');
        return [name, `${name}-l`].every((registered) => {
          probe.style.setProperty(registered, '12 foo');
          const kept = getComputedStyle(probe).getPropertyValue(registered).trim() === '12 foo';
          probe.style.removeProperty(registered);
          return kept;
        });
      });
      expect(unchecked, 'documented tokens read as they are').to.deep.equal([]);
    } finally {
      probe.remove();
    }
  });

  for (const garbage of ['foo', '12px', 'red', 'url(x.png)', '1 2 3', 'none']) {
    it(`every token set to "${garbage}": Accept and Reject keep their border, background, padding and height`, async () => {
      setTokens(tokens, () => garbage);
      const s = await setup();
      expectAButton(s.accept, 'Accept');
      expectAButton(s.reject, 'Reject');
      await expect(s.desk).to.be.accessible();
    });
  }

  // The system colour scheme is emulated through Chromium's DevTools protocol (emulateMedia):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to set it.
  itExcept(['firefox', 'webkit'])('values of no token\'s type leave the look exactly as it is by default, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      clearTokens(tokens);
      const baseline = offerLook(await setup());
      // Invalid as a colour, a length, a number and a colour scheme alike.
      setTokens(tokens, () => '12 foo');
      expect(offerLook(await setup()), `${scheme}: "12 foo"`).to.deep.equal(baseline);
      // Each typed token given a value of another type: lengths a colour, colours a length.
      setTokens(tokens, (token) => (/color|background|accent|marker|border|selected|urgent|availability|full|connected|held/.test(token) ? '12px' : 'red'));
      const mixed = offerLook(await setup());
      expect(mixed.accept, `${scheme}: Accept`).to.deep.equal(baseline.accept);
      expect(mixed.reject, `${scheme}: Reject`).to.deep.equal(baseline.reject);
      expect(mixed.box, `${scheme}: the offer's box`).to.deep.equal(baseline.box);
      expect(mixed.type, `${scheme}: the type badge`).to.deep.equal(baseline.type);
    }
  });

  // The system colour scheme is emulated through Chromium's DevTools protocol (emulateMedia):
  // Firefox's WebDriver BiDi and WebKitGTK's WebDriver have no way to set it.
  itExcept(['firefox', 'webkit'])('valid values still apply: a global colour and its per-element override, light-dark() pairs, spaces', async () => {
    setTokens(['--cb-color-success'], () => 'rgb(0, 90, 0)');
    setTokens(['--cb-color-accent'], () => 'light-dark(rgb(120, 0, 90), rgb(240, 180, 220))');
    setTokens(['--cb-notification-reject-color'], () => 'rgb(150, 0, 0)');
    setTokens(['--cb-space'], () => '10px');
    setTokens(['--cb-radius'], () => '3px');
    setTokens(['--cb-notification-info-max-block-size'], () => '5rem');
    let s = await setup();
    expect(getComputedStyle(s.accept).backgroundColor, 'Accept: the global success colour').to.equal('rgb(0, 90, 0)');
    expect(getComputedStyle(s.reject).color, 'Reject: its own token').to.equal('rgb(150, 0, 0)');
    expect(getComputedStyle(s.$('.type')).backgroundColor, 'light half of light-dark()').to.equal('rgb(120, 0, 90)');
    expect(getComputedStyle(s.$('.box')).paddingInlineStart, '--cb-space × 1.5').to.equal('15px');
    expect(getComputedStyle(s.accept).paddingBlockStart, '--cb-space × 0.75').to.equal('7.5px');
    expect(getComputedStyle(s.accept).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(s.$('.details')).maxBlockSize).to.equal(`${5 * parseFloat(getComputedStyle(document.documentElement).fontSize)}px`);

    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(s.$('.type')).backgroundColor, 'dark half of light-dark()').to.equal('rgb(240, 180, 220)');
    expect(getComputedStyle(s.accept).backgroundColor).to.equal('rgb(0, 90, 0)');

    // A per-element token wins over the global one; an invalid one falls back to the built-in default.
    setTokens(['--cb-notification-accept-color'], () => 'rgb(0, 0, 160)');
    expect(getComputedStyle(s.accept).backgroundColor).to.equal('rgb(0, 0, 160)');
    await emulateMedia({ colorScheme: 'light' });
    clearTokens(tokens);
    const builtIn = getComputedStyle(s.accept).backgroundColor;
    setTokens(['--cb-notification-accept-color'], () => '12px');
    s = await setup();
    expect(getComputedStyle(s.accept).backgroundColor).to.equal(builtIn);
  });

  it('a second copy of the library registers nothing twice and throws nothing', async () => {
    // Another instance of the module, as a page that loaded the library twice has.
    const copy = (await import(`../../src/elements/shared/register-tokens.ts?copy=${Date.now()}`)) as typeof import('../../src/elements/shared/register-tokens.js');
    expect(() => copy.registerTokens()).to.not.throw();
    expect(() => copy.registerTokens()).to.not.throw();
    const s = await setup();
    expectAButton(s.accept, 'Accept');
  });

  it("an element fetched after the first is defined has its tokens typed too (the drop-in bundle's chunk fetched at load)", async () => {
    // A fresh module: its first elements are defined (registerTokens) before this sheet is created.
    const copy = (await import(`../../src/elements/shared/register-tokens.ts?late=${Date.now()}`)) as typeof import('../../src/elements/shared/register-tokens.js');
    copy.registerTokens();
    const id = `late-${Date.now()}`;
    const sheet = css`
      :host {
        ${copy.colorToken('--_late-color', `${id}-color`, 'accent')}
        ${copy.otherToken('--_late-size', `${id}-size`, ['3rem'])}
        display: block;
        color: var(--_late-color);
        inline-size: var(--_late-size);
      }
    `;
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet.styleSheet!];
    try {
      host.style.setProperty(`--cb-${id}-color`, '12px');
      host.style.setProperty(`--cb-${id}-size`, 'red');
      // The defaults: the accent's built-in light value (this host has no page value for it), 3rem.
      expect(getComputedStyle(host).color).to.equal('rgb(11, 92, 173)');
      expect(getComputedStyle(host).inlineSize).to.equal('48px');
      host.style.setProperty(`--cb-${id}-color`, 'rgb(1, 2, 3)');
      host.style.setProperty(`--cb-${id}-size`, '20px');
      expect(getComputedStyle(host).color).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(host).inlineSize).to.equal('20px');
    } finally {
      host.remove();
    }
  });
});
