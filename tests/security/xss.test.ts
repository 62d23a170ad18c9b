import { aTimeout, expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import { callbackDataFromInvite } from '../../src/adapters/sipjs/invite-data.js';
import type { Interaction } from '../../src/model/interaction.js';
import '../helpers/lit-warnings.js';
import { XSS_CORPUS } from './xss-corpus.js';
import {
  HostileDirectory,
  hostileWords,
  installTraps,
  listPayloads,
  paintedOutside,
  ROUNDS,
  scalarPayload,
  shapeOf,
  treeProblems,
  wellFormed,
  type TreeShape,
  type Traps,
} from './xss-harness.js';
import { deepElements, deepText } from '../helpers/deep.js';
import { inWindow, openWindowRoot } from '../helpers/desk.js';

/**
 * Every caller- or form-controlled field, fed the XSS corpus through the path it takes in real
 * use: a voice callback whose data came in SIP INVITE headers (mapped by `callbackDataFromInvite`
 * and the phone adapter), and a web callback from the simulated contact center. Each round is
 * one interaction with every view open; list fields (case data, notes, codes, targets,
 * responses) take all payloads across the rounds, single fields one category per round.
 */

const BENIGN = ['Alice Example', 'Plain words', 'Order 1234', 'Call after lunch', 'Billing', 'Resolved', 'Ana Ruiz', 'Thanks'];

interface Round {
  /** What the round sends, by field, and what the agent must then read. */
  expected: Array<{ field: string; where: () => Node | null | undefined; text: string }>;
  /** Every payload of the round, to look for outside the desk. */
  sent: string[];
}

// ---- Driving the desk ----

const deskRoot = (desk: CallbackDesk) => desk.shadowRoot!;
const notification = (desk: CallbackDesk) => deskRoot(desk).querySelector('callback-notification')?.shadowRoot ?? null;

async function acceptOffer(desk: CallbackDesk, round: Round, id: string): Promise<void> {
  await waitUntil(() => notification(desk)?.querySelector('button.accept'), 'offer shown');
  checkShown(round, 'notification');
  notification(desk)!.querySelector<HTMLButtonElement>('button.accept')!.click();
  await waitUntil(() => deskRoot(desk).querySelector(`#window-${CSS.escape(id)}:not([hidden])`) && inWindow(desk, 'call-actions'), 'window open');
}

/** Types each note as the agent would (the field's value, then Save) and waits for the history. */
async function saveNotes(desk: CallbackDesk, notes: readonly string[], history: () => readonly unknown[]): Promise<void> {
  for (const text of notes) {
    const note = inWindow(desk, 'interaction-note')!;
    const before = history().length;
    const field = note.querySelector('textarea')!;
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await aTimeout(0);
    note.querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await waitUntil(() => history().length > before, 'note saved');
  }
}

// ---- Assertions ----

function checkShown(round: Round, only?: string): void {
  for (const { field, where, text } of round.expected) {
    if (only ? !field.startsWith(`${only}:`) : field.startsWith('notification:')) continue;
    const root = where();
    expect(!!root, `${field}: its view is rendered`).to.equal(true);
    const shown = deepText(root!);
    if (!shown.includes(text)) {
      expect.fail(`${field}: the text ${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? '…' : ''} (${text.length} chars) is not shown as text`);
    }
  }
}

async function checkNothingRanOrEscaped(desk: CallbackDesk, round: Round, traps: Traps, baseline: TreeShape, lightDom: readonly Node[]) {
  // Time for an onerror or onload to fire, had an element been created.
  await aTimeout(150);
  expect(window.__xss, 'window.__xss (set by a payload that ran)').to.equal(undefined);
  expect(traps.dialogs, 'dialogs opened').to.deep.equal([]);
  expect(traps.errors, 'uncaught errors').to.deep.equal([]);

  const problems = treeProblems(deepElements(deskRoot(desk)), baseline);
  expect(problems.slice(0, 10), 'elements or attributes made from data').to.deep.equal([]);

  // The page outside the fixture is as it was, but for the one polite live region the library owns.
  const added = [...document.body.childNodes].filter((n) => !lightDom.includes(n) && !(n as Element).contains?.(desk));
  const foreign = added.filter((n) => (n as Element).id !== 'callback-elements-announcer');
  expect(foreign.map((n) => n.nodeName), 'nodes added to the page').to.deep.equal([]);
  const announcer = document.getElementById('callback-elements-announcer');
  expect(announcer?.children.length ?? 0, 'the live region holds text only').to.equal(0);
  expect(desk.children.length, 'nothing in the desk light DOM').to.equal(0);
  const outside = deepText(document.body).replace(deepText(desk), '').replace(announcer?.textContent ?? '', '');
  const leaked = round.sent.filter((t) => t.length > 3 && outside.includes(t));
  expect(leaked.map((t) => t.slice(0, 40)), 'payload text outside the desk').to.deep.equal([]);

  // Nothing paints outside the desk's box, or the popup it opened.
  const popups = deepElements(deskRoot(desk)).filter((el) => el.matches(':popover-open'));
  const hits = paintedOutside(desk, [desk.getBoundingClientRect(), ...popups.map((p) => p.getBoundingClientRect())]);
  const box = desk.getBoundingClientRect();
  if (hits.length) {
    // The innermost elements wider than the desk: where the long text did not wrap.
    const wide = deepElements(deskRoot(desk)).filter((el) => el.getBoundingClientRect().width > box.width + 1 && ![...(el.shadowRoot ?? el).children].some((c) => c.getBoundingClientRect().width > box.width + 1));
    hits.push(...wide.slice(0, 4).map((el) => `too wide: <${el.localName}${el.className ? `.${el.className}` : ''}> in ${(el.getRootNode() as ShadowRoot).host?.localName}`));
  }
  expect([...hits.slice(0, 2), ...hits.filter((h) => h.startsWith('too wide'))], `points outside the desk (${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)}) where it paints`).to.deep.equal([]);
}

// ---- Voice callbacks whose data came in SIP headers ----

const HEADER_PREFIX = 'X-Genesys-';
const JSON_HEADER = 'X-Callback-Data';

/** A raw INVITE as a SIP phone receives it: values percent-encoded, case data in one JSON header. */
function invite(headers: Record<string, string>, caseData: Record<string, string>): string {
  const lines = [
    'INVITE sip:agent@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bK776asdhds',
    'From: <sip:gms@127.0.0.1>;tag=1928301774',
    'To: <sip:agent@127.0.0.1>',
    'Call-ID: a84b4c76e66710',
    ...Object.entries(headers).map(([k, v]) => `${HEADER_PREFIX}${k}: ${encodeURIComponent(wellFormed(v))}`),
    `${JSON_HEADER}: ${encodeURIComponent(JSON.stringify(caseData))}`,
    'Content-Length: 0',
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

async function voiceRound(round: number | 'benign') {
  const list = round === 'benign' ? BENIGN : listPayloads(round).map((p) => p.text);
  const scalar = (field: number) => (round === 'benign' ? BENIGN[field]! : scalarPayload(round, field).text);
  const [name, number, instructions] = [scalar(0), scalar(1), scalar(2)];
  const caseData = Object.fromEntries(list.map((key, i) => [key, list[(i + 1) % list.length]!]));
  const id = `xss-voice-${round}`;

  const data = callbackDataFromInvite(invite({ _CB_SERVICE_ID: id, firstname: name, GMS_Customer_Number: number, instructions }, caseData), {
    valueEncoding: 'uri',
    jsonHeader: JSON_HEADER,
  });
  // The mapping itself loses nothing but what SIP cannot carry.
  expect(data.firstname).to.equal(wellFormed(name));
  expect(data.GMS_Customer_Number).to.equal(wellFormed(number));
  expect(data.instructions).to.equal(wellFormed(instructions));
  for (const [k, v] of Object.entries(caseData)) expect(data[k], `case field ${k.slice(0, 30)}`).to.equal(v);

  const cc = new SimulatedContactCenter({ latencyMs: 0 });
  const phone = new PhoneCallbackAdapter({ telephony: cc });
  const words = hostileWords(list, round === 'benign' ? -1 : round);
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    disposition-mode="list"
    .callbackAdapter=${phone}
    .telephonyAdapter=${phone}
    .directoryAdapter=${new HostileDirectory(cc, words)}
  ></callback-desk>`);
  const current = () => phone.getInteraction(id)!;
  const history = () => current().history;
  const info = () => inWindow(desk, 'callback-info');
  const shownName = wellFormed(name).trim();
  const r: Round = {
    sent: [name, number, instructions, ...list],
    expected: [
      { field: 'notification: name', where: () => notification(desk), text: shownName },
      { field: 'notification: number', where: () => notification(desk), text: wellFormed(number) },
      { field: 'notification: instructions', where: () => notification(desk), text: wellFormed(instructions) },
      { field: 'name (call status)', where: () => inWindow(desk, 'call-status'), text: shownName },
      { field: 'number', where: info, text: wellFormed(number) },
      { field: 'instructions', where: info, text: wellFormed(instructions) },
      ...list.flatMap((key, i) => [
        { field: `case key ${i}`, where: info, text: key },
        { field: `case value ${i}`, where: info, text: list[(i + 1) % list.length]! },
      ]),
      ...words.dispositions.flatMap((folder, i) => [
        { field: `disposition label ${i}`, where: () => inWindow(desk, 'disposition-picker'), text: folder.children![0]!.label },
        { field: `disposition folder ${i}`, where: () => inWindow(desk, 'disposition-picker'), text: folder.label },
      ]),
      ...list.map((text, i) => ({ field: `note ${i} (history)`, where: () => inWindow(desk, 'case-history'), text })),
      { field: 'chosen disposition (history)', where: () => inWindow(desk, 'case-history'), text: list[0]! },
      { field: 'conference target (history)', where: () => inWindow(desk, 'case-history'), text: list[0]! },
      { field: 'conference member (call status)', where: () => inWindow(desk, 'call-status'), text: list[0]! },
    ],
  };

  cc.ringIn('+442079460123', data);
  await acceptOffer(desk, r, id);

  // Disposition: the first hostile code.
  const picker = inWindow(desk, 'disposition-picker')!;
  await waitUntil(() => picker.querySelector('input[type=radio]'), 'disposition codes');
  picker.querySelector<HTMLInputElement>('input[type=radio]')!.click();
  await waitUntil(() => current().disposition?.code === words.dispositions[0]!.children![0]!.code, 'disposition stored');

  await saveNotes(desk, list, history);

  // Conference: the team communicator lists the hostile targets; the agent picks the first.
  const actions = inWindow(desk, 'call-actions')!;
  await waitUntil(() => actions.querySelector('[data-action="conference"]')?.getAttribute('aria-disabled') === 'false', 'conference enabled');
  actions.querySelector<HTMLButtonElement>('[data-action="conference"]')!.click();
  await waitUntil(() => actions.querySelector('team-communicator')?.shadowRoot?.querySelector('input'), 'team communicator');
  const communicator = actions.querySelector('team-communicator')!.shadowRoot!;
  const input = communicator.querySelector('input')!;
  input.value = 'a';
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await waitUntil(() => communicator.querySelectorAll('[role=option]').length === words.targets.length, 'every target listed');
  for (const [i, target] of words.targets.entries()) {
    expect(deepText(communicator).includes(target.name), `target name ${i} listed as text`).to.equal(true);
  }
  communicator.querySelector<HTMLElement>('[role=option]')!.click();
  await waitUntil(() => history().some((h) => h.kind === 'conference'), 'conferenced');
  await waitUntil(() => inWindow(desk, 'case-history')?.querySelectorAll('li').length === history().length, 'history shown');
  return { desk, round: r, cc, phone };
}

// ---- Web callbacks from the simulated contact center ----

async function webRound(round: number | 'benign') {
  const list = round === 'benign' ? BENIGN : listPayloads(round).map((p) => p.text);
  const scalar = (field: number) => (round === 'benign' ? BENIGN[field]! : scalarPayload(round, field).text);
  const [name, number, subject, email, sms, chat, instructions] = [0, 1, 2, 3, 4, 5, 6].map(scalar) as string[];
  const id = `xss-web-${round}`;
  const cc = new SimulatedContactCenter({ latencyMs: 0 });
  const words = hostileWords(list, round === 'benign' ? -1 : round);
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    disposition-mode="list"
    .callbackAdapter=${cc}
    .telephonyAdapter=${cc}
    .directoryAdapter=${new HostileDirectory(cc, words)}
  ></callback-desk>`);
  const history = () => cc.getInteraction(id)!.history;
  const preview = () => openWindowRoot(desk);
  const contact = () => inWindow(desk, 'contact-directory');
  const responses = () => inWindow(desk, 'standard-responses');
  const r: Round = {
    sent: [name!, number!, subject!, email!, sms!, chat!, instructions!, ...list],
    expected: [
      { field: 'notification: name', where: () => notification(desk), text: name! },
      { field: 'notification: number', where: () => notification(desk), text: number! },
      { field: 'notification: instructions', where: () => notification(desk), text: instructions! },
      { field: 'name (call status)', where: () => inWindow(desk, 'call-status'), text: name! },
      { field: 'number (case information)', where: preview, text: number! },
      { field: 'subject', where: () => inWindow(desk, 'callback-info'), text: subject! },
      { field: 'contact name', where: contact, text: name! },
      { field: 'contact number', where: contact, text: number! },
      { field: 'contact e-mail', where: contact, text: email! },
      { field: 'contact SMS', where: contact, text: sms! },
      { field: 'contact chat', where: contact, text: chat! },
      ...list.flatMap((text, i) => [
        { field: `case label ${i}`, where: preview, text },
        { field: `case value ${i}`, where: preview, text: list[(i + 2) % list.length]! },
        { field: `response title ${i}`, where: responses, text },
        { field: `response category ${i}`, where: responses, text: list[(i + 1) % list.length]! },
        { field: `disposition label ${i}`, where: () => inWindow(desk, 'disposition-picker'), text },
        { field: `note ${i} (history)`, where: () => inWindow(desk, 'case-history'), text },
      ]),
      { field: 'response body (reading pane)', where: responses, text: list[1 % list.length]! },
    ],
  };

  const offer: Interaction = await cc.offer('web-callback', {
    id,
    contact: { name: name!, phone: number!, email: email!, sms: sms!, chat: chat! },
    subject: subject!,
    instructions: instructions!,
    caseData: list.map((label, i) => ({ key: `field-${i}`, label, value: list[(i + 2) % list.length]! })),
  });
  expect(offer.id).to.equal(id);
  await acceptOffer(desk, r, id);

  await waitUntil(() => responses()?.querySelectorAll('[role=option]').length === list.length, 'responses listed');
  responses()!.querySelector<HTMLElement>('[role=option]')!.click();
  await waitUntil(() => responses()!.querySelector('[part=body]'), 'response shown');
  await waitUntil(() => inWindow(desk, 'disposition-picker')?.querySelectorAll('input[type=radio]').length === list.length, 'codes listed');

  await saveNotes(desk, list, history);
  await waitUntil(() => inWindow(desk, 'case-history')?.querySelectorAll('li').length === history().length, 'history shown');
  return { desk, round: r, cc };
}

// ---- The runs ----

for (const [suite, play] of [
  ['voice callback, data from SIP INVITE headers', voiceRound],
  ['web callback from the simulated contact center', webRound],
] as const) {
  describe(`untrusted data: ${suite}`, function () {
    this.timeout(30_000);
    let baseline: TreeShape;
    let traps: Traps;
    let lightDom: Node[];

    before(async () => {
      // The benign rendering the hostile ones are compared with (tags, attributes, own icons).
      const { desk } = await play('benign');
      baseline = shapeOf(deepElements(deskRoot(desk)));
      fixtureCleanup();
      localStorage.clear();
      traps = installTraps();
    });
    after(() => traps.restore());
    beforeEach(() => {
      lightDom = [...document.body.childNodes];
    });
    afterEach(() => localStorage.clear());

    it('benign data passes the same checks (they can pass)', async () => {
      const { desk, round } = await play('benign');
      checkShown(round);
      await checkNothingRanOrEscaped(desk, round, traps, baseline, lightDom);
    });

    for (let n = 0; n < ROUNDS; n++) {
      it(`round ${n + 1} of ${ROUNDS}: nothing runs, nothing escapes, the text shows as text`, async () => {
        const { desk, round } = await play(n);
        checkShown(round);
        await checkNothingRanOrEscaped(desk, round, traps, baseline, lightDom);
      });
    }
  });
}

describe('untrusted data: the corpus', () => {
  it('has at least 100 payloads in every category the issue names', () => {
    expect(XSS_CORPUS.length).to.be.at.least(100);
    const categories = new Set(XSS_CORPUS.map((p) => p.category));
    for (const c of ['script-tag', 'event-handler', 'javascript-url', 'svg-mathml', 'template-injection', 'long-string', 'rtl-override', 'null-byte'] as const) {
      expect(categories.has(c), c).to.equal(true);
    }
    expect(XSS_CORPUS.some((p) => p.text.length >= 100 * 1024)).to.equal(true);
  });
});
