import { expect, fixture, html } from '@open-wc/testing';
import type { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import { requireLoopbackOnly, type SipEnv } from '../helpers/sip-env.js';
import { quiet, waitFor } from '../helpers/wait.js';

// Issue 15, item 4: one agent with the SIP demo open in two tabs has ONE registration. The desk
// decides which tab owns it (Web Locks); demo/sip.ts registers the agent's SipTelephonyAdapter only
// in that tab (`callback-desk-ownership`), and moves the registration when the agent uses the other
// tab instead. Each tab is a same-origin iframe: a document of its own in one browser context,
// sharing Web Locks and BroadcastChannel as two tabs do (tests/elements/callback-desk.tabs.test.ts).
// The page talks to the test run's own Kamailio (tests/sip/plugin.mjs), which is asked directly
// how many registrations the agent has, and which forks a call to every one of them.

type DemoWindow = Window & { sipDemo?: { sip: SipTelephonyAdapter; stop: () => Promise<void> } };

interface Tab {
  frame: HTMLIFrameElement;
  doc: Document;
  sip: SipTelephonyAdapter;
  /** The ids of the calls that reached this tab's SIP user agent, seen by the test. */
  calls: Set<string>;
}

const AGENT = 'agent';
const REGISTERED = 'Registered as sip:agent@127.0.0.1.';
const STANDING_BY = 'Not registered here: the agent desk is open in another tab.';

const random = () => Math.random().toString(36).slice(2, 12);

/**
 * The agent's registrations as Kamailio has them: a REGISTER without Contact is a query, answered
 * with every binding of the address of record (RFC 3261 §10.2.3).
 */
async function registrationsAt(env: SipEnv, user: string): Promise<string[]> {
  const socket = new WebSocket(env.wsServer, 'sip');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot open ${env.wsServer}`)), { once: true });
    });
    const callId = random();
    const aor = `sip:${user}@${env.domain}`;
    const answer = new Promise<string>((resolve) => {
      socket.addEventListener('message', (event) => {
        const text = String(event.data);
        if (/^SIP\/2\.0 [2-6]\d\d/.test(text) && text.includes(`Call-ID: ${callId}`)) resolve(text);
      });
    });
    socket.send(
      [
        `REGISTER sip:${env.domain} SIP/2.0`,
        `Via: SIP/2.0/WS ${random()}.invalid;branch=z9hG4bK${random()}`,
        'Max-Forwards: 70',
        `To: <${aor}>`,
        `From: <${aor}>;tag=${random()}`,
        `Call-ID: ${callId}`,
        'CSeq: 1 REGISTER',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    const response = await answer;
    expect(response, 'the registrar answers the query').to.match(/^SIP\/2\.0 200/);
    const head = response.split('\r\n\r\n', 1)[0]!.split('\r\n');
    return head.filter((line) => /^(contact|m):/i.test(line)).flatMap((line) => line.match(/<sip:[^>]*>/g) ?? []);
  } finally {
    socket.close();
  }
}

function inDesk<T extends Element = Element>(doc: Document, ...path: string[]): T | null {
  let node: Element | null | undefined = doc.querySelector('callback-desk');
  for (const selector of path) node = node?.shadowRoot?.querySelector(selector);
  return (node as T | null | undefined) ?? null;
}

const line = (tab: Tab) => tab.doc.getElementById('agent-status')!.textContent ?? '';
const customerLine = (tab: Tab) => tab.doc.getElementById('customer-status')!.textContent ?? '';
const offer = (tab: Tab) => inDesk<HTMLButtonElement>(tab.doc, 'callback-notification', 'button.accept');
const standbyPanel = (tab: Tab) => inDesk(tab.doc, '[part=standby]');
const takeOverButton = (tab: Tab) => inDesk<HTMLButtonElement>(tab.doc, '[part=standby-take-over]');
const button = (tab: Tab, id: string) => tab.doc.getElementById(id) as HTMLButtonElement;

describe('SIP demo page in two tabs of one agent', function () {
  this.timeout(60_000);
  let env: SipEnv;
  let tabs: Tab[] = [];
  let container: HTMLElement;
  const unsubscribes: Array<() => void> = [];

  before(async () => {
    env = await requireLoopbackOnly();
  });

  beforeEach(async () => {
    container = await fixture(html`<div></div>`);
  });

  afterEach(async () => {
    for (const off of unsubscribes.splice(0)) off();
    await Promise.all(tabs.map((tab) => (tab.frame.contentWindow as DemoWindow | null)?.sipDemo?.stop()));
    for (const tab of tabs) tab.frame.remove();
    tabs = [];
  });

  async function openTab(): Promise<Tab> {
    const frame = document.createElement('iframe');
    frame.src = '/demo/sip.html';
    frame.allow = 'microphone; autoplay';
    frame.title = `SIP demo, tab ${tabs.length + 1}`;
    frame.style.inlineSize = '1400px';
    frame.style.blockSize = '1000px';
    container.append(frame);
    const demo = await waitFor(`tab ${tabs.length + 1} ready`, () => frame.contentDocument?.body?.dataset.ready === 'true' && (frame.contentWindow as DemoWindow).sipDemo, {
      timeout: 15_000,
    });
    const tab: Tab = { frame, doc: frame.contentDocument!, sip: demo.sip, calls: new Set() };
    unsubscribes.push(demo.sip.onCall((call) => tab.calls.add(call.id)));
    tabs.push(tab);
    await waitFor(`tab ${tabs.length}'s customer softphone registered`, () => customerLine(tab).startsWith('idle'), { timeout: 15_000 });
    return tab;
  }

  /**
   * The customer of `from` calls the agent: the offer shows in `owner`'s desk and the customer
   * hears ringing; once the customer hangs up and `owner`'s offer is gone (the CANCEL went to every
   * branch Kamailio forked to), no other tab's user agent saw the call.
   */
  async function callRingsOnlyIn(from: Tab, owner: Tab, other: Tab): Promise<void> {
    const before = { owner: owner.calls.size, other: other.calls.size };
    button(from, 'call').click();
    await waitFor('the offer in the owning tab', () => offer(owner), { timeout: 15_000 });
    await waitFor(`the customer hears ringing (${customerLine(from)})`, () => customerLine(from) === 'ringing', { timeout: 10_000 });
    expect(owner.calls.size - before.owner, 'calls that reached the owning tab').to.equal(1);
    button(from, 'hangup').click();
    await waitFor('the offer leaves the owning tab', () => !offer(owner), { timeout: 10_000 });
    await waitFor(`the customer's call ended (${customerLine(from)})`, () => customerLine(from).startsWith('ended') || customerLine(from).startsWith('idle'));
    await quiet();
    expect(other.calls.size - before.other, 'calls that reached the standing-by tab').to.equal(0);
    expect(offer(other), 'an offer in the standing-by tab').to.equal(null);
  }

  it('one tab registers the agent at Kamailio, the other stands by unregistered; Use this tab instead moves the registration, and the calls follow it', async () => {
    const first = await openTab();
    await waitFor(`the first tab registers (${line(first)})`, () => line(first) === REGISTERED, { timeout: 15_000 });
    const second = await openTab();
    await waitFor(`the second tab stands by (${line(second)})`, () => line(second) === STANDING_BY && standbyPanel(second));

    // One registration, the first tab's: its page, its adapter and the registrar agree.
    expect(first.sip.status()).to.equal('registered');
    expect(second.sip.status()).to.equal('offline');
    expect(line(first)).to.equal(REGISTERED);
    expect(await registrationsAt(env, AGENT), 'the agent’s registrations at Kamailio').to.have.length(1);
    // A call from either tab's customer softphone rings in the first tab only.
    await callRingsOnlyIn(second, first, second);

    takeOverButton(second)!.click();
    await waitFor(`the first tab stands by (${line(first)})`, () => line(first) === STANDING_BY && standbyPanel(first), { timeout: 10_000 });
    await waitFor(`the second tab registers (${line(second)})`, () => line(second) === REGISTERED, { timeout: 15_000 });
    await waitFor(`the first tab's adapter lets go (${first.sip.status()})`, () => first.sip.status() === 'offline', { timeout: 10_000 });
    expect(second.sip.status()).to.equal('registered');
    expect(standbyPanel(second), 'the second tab shows the desk').to.equal(null);
    expect(await registrationsAt(env, AGENT), 'the agent’s registrations at Kamailio after the hand-over').to.have.length(1);
    // The next call reaches the new owner only.
    await callRingsOnlyIn(first, second, first);
  });
});
