import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';

/**
 * Issue 9: the demo runs under a strict Content Security Policy with no violation reported.
 * tests/security/csp-demo.html is demo/index.html's page with the policy in a <meta> as the first
 * element of <head>, then tests/security/csp-listener.js, which records every
 * `securitypolicyviolation` event. The test server adds one script of its own to served HTML, an
 * external module from this origin (`/__web-dev-server__web-socket.js`), which the policy allows
 * like the demo's own; it injects no inline script or style.
 */

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

interface Violation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  column: number;
  sample: string;
}

type CspWindow = Window &
  typeof globalThis & {
    __violations: Violation[];
    callbackDemo: { cc: SimulatedContactCenter };
  };

const describeViolations = (list: readonly Violation[]) =>
  list.map((v) => `${v.directive} blocked ${v.blockedURI || '(inline)'} at ${v.sourceFile || '?'}:${v.line}:${v.column} ${v.sample}`).join('\n');

async function openDemo(): Promise<{ frame: HTMLIFrameElement; win: CspWindow; doc: Document }> {
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe src="/tests/security/csp-demo.html" style="width:1200px;height:900px" title="demo under a strict CSP"></iframe>`,
  );
  await waitUntil(() => frame.contentDocument?.querySelector('#scenarios button'), 'the demo ran under the policy', { timeout: 8000 });
  const doc = frame.contentDocument!;
  // The policy in force is the one this test asks for, not a weaker copy.
  const meta = doc.head.firstElementChild!;
  expect(meta.getAttribute('http-equiv')).to.equal('Content-Security-Policy');
  expect(meta.getAttribute('content')).to.equal(POLICY);
  return { frame, win: frame.contentWindow as CspWindow, doc };
}

describe('demo under a strict Content Security Policy', () => {
  it('serves the demo page itself: the body is demo/index.html\'s, with only its two relative URLs made absolute', async () => {
    const body = (page: string) => page.slice(page.indexOf('<body>'), page.indexOf('</body>'));
    const demo = body(await (await fetch('/demo/index.html')).text())
      .replace('href="./crm.html"', 'href="/demo/crm.html"')
      .replace('src="./demo.ts"', 'src="/demo/demo.ts"');
    expect(body(await (await fetch('/tests/security/csp-demo.html')).text())).to.equal(demo);
  });

  it('plays a voice callback through hold, transfer popup, disposition, note and Mark done with no violation', async function () {
    this.timeout(40_000);
    const { win, doc } = await openDemo();
    const events = () => doc.getElementById('events')!.textContent!;

    const immediate = [...doc.querySelectorAll<HTMLButtonElement>('#scenarios button')].find((b) => b.textContent === 'Immediate voice callback');
    expect(immediate !== undefined, 'Immediate voice callback button').to.equal(true);
    immediate!.click();

    const desk = doc.querySelector('callback-desk')!;
    const notification = () => desk.shadowRoot!.querySelector('callback-notification')?.shadowRoot ?? null;
    await waitUntil(() => notification()?.querySelector('button.accept'), 'offer shown', { timeout: 5000 });
    notification()!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => events().includes('callback-accepted'), 'accepted', { timeout: 5000 });

    const part = (tag: string) => desk.shadowRoot!.querySelector('interaction-window')?.shadowRoot?.querySelector(tag)?.shadowRoot ?? null;
    const button = (action: string) => part('call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
    const enabled = (action: string) => waitUntil(() => button(action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 5000 });
    const act = async (action: string) => {
      await enabled(action);
      button(action)!.click();
      await waitUntil(() => events().includes(`callback-action-done ${action}`), `${action} done`, { timeout: 5000 });
    };
    const id = win.callbackDemo.cc.listInteractions().at(-1)!.id;
    const interaction = () => win.callbackDemo.cc.getInteraction(id)!;
    // The demo places the voice callback to the customer, who answers after a few rings.
    await waitUntil(() => interaction().state === 'connected', 'the customer answered', { timeout: 15000 });

    await act('hold');
    expect(interaction().state).to.equal('held');
    await act('resume');
    expect(interaction().state).to.equal('connected');

    // The team communicator opens in the toolbar's popup (Floating UI positions it through CSSOM,
    // which style-src allows) and closes again from its button.
    const panel = () => part('call-actions')?.querySelector<HTMLElement>('#panel') ?? null;
    await enabled('transfer');
    button('transfer')!.click();
    await waitUntil(() => panel()?.matches(':popover-open') && panel()!.querySelector('team-communicator')?.shadowRoot?.querySelector('[role=combobox]'), 'transfer popup open', { timeout: 5000 });
    await waitUntil(() => panel()!.style.left.endsWith('px'), 'the popup was positioned next to its button', { timeout: 5000 });
    expect(win.getComputedStyle(panel()!).position, 'the CSSOM styles applied').to.equal('fixed');
    button('transfer')!.click();
    await waitUntil(() => !panel()?.matches(':popover-open'), 'transfer popup closed', { timeout: 5000 });

    // The disposition tree: open a folder, pick a code.
    const picker = () => part('disposition-picker');
    await waitUntil(() => picker()?.querySelector('[role=treeitem][data-code="folder:resolved"]'), 'disposition tree', { timeout: 5000 });
    picker()!.querySelector<HTMLElement>('[data-code="folder:resolved"]')!.click();
    await waitUntil(() => picker()!.querySelector('[data-code="RES-INFO"]'), 'folder opened', { timeout: 5000 });
    picker()!.querySelector<HTMLElement>('[data-code="RES-INFO"]')!.click();
    await waitUntil(() => interaction().disposition?.code === 'RES-INFO', 'disposition stored', { timeout: 5000 });

    // The note, typed with real key presses.
    const note = 'Card unblocked under a strict CSP';
    const textarea = part('interaction-note')!.querySelector('textarea')!;
    textarea.focus();
    await sendKeys({ type: note });
    expect(textarea.value).to.equal(note);

    await act('end-call');
    await act('mark-done');
    await waitUntil(() => events().includes('callback-done'), 'done', { timeout: 5000 });
    expect(interaction().state).to.equal('done');
    expect(interaction().disposition?.code).to.equal('RES-INFO');
    expect(interaction().history.some((h) => h.kind === 'note' && h.text === note), 'the note was saved with the callback').to.equal(true);
    await waitUntil(() => desk.shadowRoot!.textContent!.includes('No interaction in progress'), 'window closed', { timeout: 5000 });

    // A violation is reported asynchronously: give any last one time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(win.__violations.length, `CSP violations:\n${describeViolations(win.__violations)}`).to.equal(0);
  });

  describe('negative control: the listener sees what this policy blocks', () => {
    it('an inline style attribute is blocked and reported, in the page and inside a shadow root', async () => {
      const { win, doc } = await openDemo();
      const directives = (from: number) => win.__violations.slice(from).map((v) => v.directive);
      let before = win.__violations.length;
      doc.body.setAttribute('style', 'outline: 7px solid rgb(255, 0, 0)');
      await waitUntil(() => win.__violations.length > before, 'no violation recorded for an inline style', { timeout: 3000 });
      expect(directives(before)).to.include('style-src-attr');
      expect(win.getComputedStyle(doc.body).outlineWidth, 'the blocked style did not apply').to.not.equal('7px');

      // The elements render in shadow roots: a violation there reaches the listener too.
      const inner = doc.querySelector('callback-desk')!.shadowRoot!.firstElementChild!;
      before = win.__violations.length;
      inner.setAttribute('style', 'outline: 7px solid rgb(255, 0, 0)');
      await waitUntil(() => win.__violations.length > before, 'no violation recorded inside a shadow root', { timeout: 3000 });
      expect(directives(before)).to.include('style-src-attr');
    });

    it('an inline script is blocked and reported, and does not run', async () => {
      const { win, doc } = await openDemo();
      const recorded = (from: number) => describeViolations(win.__violations.slice(from));
      // Plain text into a script: Trusted Types refuses it first.
      let before = win.__violations.length;
      const script = doc.createElement('script');
      script.append(doc.createTextNode('window.__inlineRan = true;'));
      doc.body.append(script);
      await waitUntil(() => win.__violations.length > before, 'no violation recorded for an untrusted inline script', { timeout: 3000 });
      expect(recorded(before)).to.match(/^require-trusted-types-for /);

      // Trusted text (the page may create policies): script-src 'self' still refuses inline code.
      const types = (win as unknown as { trustedTypes: { createPolicy(name: string, rules: { createScript(s: string): string }): { createScript(s: string): string } } }).trustedTypes;
      const policy = types.createPolicy('csp-test', { createScript: (text) => text });
      before = win.__violations.length;
      const trusted = doc.createElement('script');
      trusted.text = policy.createScript('window.__inlineRan = true;');
      doc.body.append(trusted);
      await waitUntil(() => win.__violations.length > before, 'no violation recorded for a trusted inline script', { timeout: 3000 });
      expect(recorded(before)).to.match(/^script-src-elem blocked inline /);
      expect('__inlineRan' in win, 'an inline script ran').to.equal(false);
    });
  });
});
