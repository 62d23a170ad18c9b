// sendKeys that means the same in Chromium, Firefox and WebKitGTK. Tests import it instead of
// @web/test-runner-commands' own and write keys the way Chromium's launcher takes them
// ({ press: 'Space' }, { down: 'Shift' } + { press: 'Tab' } + { up: 'Shift' }, { type: 'abc' }).
// What each launcher does differently:
// - Firefox (puppeteer over WebDriver BiDi) has no key named 'Space': it takes ' '. Tab past the
//   page's last control (or Shift+Tab before its first) goes to the browser's toolbar, and the page,
//   though Tab comes back into it, is never focused again (document.hasFocus() stays false, Enter
//   activates nothing, in every later test file too): Tab is kept inside the page.
// - WebKitGTK (WebDriver classic through webdriverio) takes only `press` and `type`; a chord is one
//   `press` of WebDriver key codes (Shift+Tab is '\uE008\uE004'); its `type` presses every
//   character at once, so a repeated character is lost: type one character at a time. Its
//   WebDriver may also answer before the page has handled the key: each press waits until the
//   key's keyup has reached the page (or a same-origin frame that has focus), 1 s at most.
import { sendKeys as launcherSendKeys } from '@web/test-runner-commands';
import { engine } from './engine.js';

export type SendKeysPayload = Parameters<typeof launcherSendKeys>[0];

/** WebDriver key codes (the WebDriver spec's "keyboard actions" table) for the names tests use. */
const WEBDRIVER_KEYS: Record<string, string> = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};

function webDriverKey(key: string): string {
  const code = WEBDRIVER_KEYS[key];
  if (code !== undefined) return code;
  // KeyC, Digit5: the character on a US layout.
  const match = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(key);
  if (match) return (match[1] ?? match[2]).toLowerCase();
  if ([...key].length === 1) return key;
  throw new Error(`keys.ts: no WebDriver key code for "${key}": add it to WEBDRIVER_KEYS`);
}

/** Windows a key may land in: this one and the same-origin frames focus is inside. */
function keyWindows(): Window[] {
  const windows: Window[] = [window];
  let active: Element | null = document.activeElement;
  while (active instanceof HTMLIFrameElement) {
    // null, not an exception, for a frame of another origin.
    const inner = active.contentDocument;
    if (!inner?.defaultView) break;
    windows.push(inner.defaultView);
    active = inner.activeElement;
  }
  return windows;
}

/** WebKit: one launcher press, then wait until the page has seen the key's keyup. */
async function webKitPress(keys: string): Promise<void> {
  const windows = keyWindows();
  let seen!: () => void;
  const keyUp = new Promise<void>((resolve) => (seen = resolve));
  const onKeyUp = (): void => seen();
  for (const target of windows) target.addEventListener('keyup', onKeyUp, { capture: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await launcherSendKeys({ press: keys });
    await Promise.race([keyUp, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
  } finally {
    clearTimeout(timer);
    for (const target of windows) target.removeEventListener('keyup', onKeyUp, { capture: true });
  }
}

/** Modifiers held down in WebKit (its launcher has no down/up: they go with the next press). */
const held: string[] = [];

async function webKitSendKeys(payload: SendKeysPayload): Promise<void> {
  if ('down' in payload) {
    held.push(webDriverKey(payload.down));
    return;
  }
  if ('up' in payload) {
    const index = held.lastIndexOf(webDriverKey(payload.up));
    if (index >= 0) held.splice(index, 1);
    return;
  }
  if ('press' in payload) {
    await webKitPress(held.join('') + webDriverKey(payload.press));
    return;
  }
  if ('type' in payload) {
    for (const character of payload.type) await webKitPress(held.join('') + character);
    return;
  }
  await launcherSendKeys(payload);
}

function firefoxKey(key: string): string {
  return key === 'Space' ? ' ' : key;
}

/** Where the next Tab in Firefox starts from after one went past an end; gone after that Tab. */
let firefoxRestart: HTMLElement | undefined;

/**
 * Firefox: Tab, kept inside the page. Past the last control (first, backwards) focus goes to a
 * stand-in there instead of the browser's toolbar, and then to nothing (the body), the next Tab
 * starting from the other end: where Chromium's Tab goes.
 */
async function firefoxTab(backwards: boolean): Promise<void> {
  const edge = document.createElement('span');
  edge.tabIndex = 0;
  if (backwards) document.body.prepend(edge);
  else document.body.append(edge);
  const restart = firefoxRestart;
  firefoxRestart = undefined;
  await launcherSendKeys({ press: 'Tab' });
  restart?.remove();
  if (document.activeElement === edge) {
    firefoxRestart = document.createElement('span');
    firefoxRestart.tabIndex = -1;
    if (backwards) document.body.append(firefoxRestart);
    else document.body.prepend(firefoxRestart);
    firefoxRestart.focus();
    firefoxRestart.blur();
  }
  edge.remove();
}

let firefoxShift = false;

/** @web/test-runner-commands' sendKeys, the same keys in every engine. */
export async function sendKeys(payload: SendKeysPayload): Promise<void> {
  switch (engine) {
    case 'chromium':
      await launcherSendKeys(payload);
      return;
    case 'firefox':
      if ('press' in payload) {
        if (payload.press === 'Tab') await firefoxTab(firefoxShift);
        else await launcherSendKeys({ press: firefoxKey(payload.press) });
      } else if ('down' in payload) {
        await launcherSendKeys({ down: firefoxKey(payload.down) });
        if (payload.down === 'Shift') firefoxShift = true;
      } else if ('up' in payload) {
        await launcherSendKeys({ up: firefoxKey(payload.up) });
        if (payload.up === 'Shift') firefoxShift = false;
      } else {
        await launcherSendKeys(payload);
      }
      return;
    case 'webkit':
      await webKitSendKeys(payload);
      return;
  }
}
