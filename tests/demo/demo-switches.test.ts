import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';
import { expectAccessibleIn } from '../helpers/axe-frame.js';

/**
 * The demo page's desk settings (mandatory disposition, rescheduling on a new number, DTMF
 * masking, the page language) and its voice callbacks placed to the customer after Accept, played
 * in demo/index.html as `npm start` serves it.
 */

type DemoWindow = Window & typeof globalThis;

async function openDemo(query = '') {
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe src=${`/demo/index.html${query}`} style="width:1400px;height:1000px" title="demo"></iframe>`,
  );
  await waitUntil(() => (frame.contentWindow as DemoWindow | null)?.callbackDemo && frame.contentDocument?.querySelector('#scenarios button'), 'demo loaded', {
    timeout: 8000,
  });
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as DemoWindow;
  const demo = win.callbackDemo;
  // The page answers after 300 ms like a remote service; these tests need not wait for it.
  demo.cc.latencyMs = 0;
  const desk = demo.desk;
  const control = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  /** Toggles a switch as a keyboard user does: focus, Space. */
  const toggle = async (id: string) => {
    const input = control<HTMLInputElement>(id);
    const before = input.checked;
    input.focus();
    await sendKeys({ press: 'Space' });
    expect(input.checked, `${id} toggled by Space`).to.equal(!before);
  };
  const accept = async () => {
    const button = () => desk.shadowRoot!.querySelector('callback-notification')?.shadowRoot?.querySelector<HTMLButtonElement>('button.accept');
    await waitUntil(() => button(), 'offer shown', { timeout: 5000 });
    button()!.click();
  };
  const preview = () => desk.shadowRoot!.querySelector('callback-preview')?.shadowRoot ?? null;
  const voiceWindow = () => desk.shadowRoot!.querySelector('interaction-window')?.shadowRoot ?? null;
  const inPreview = (tag: string) => preview()?.querySelector(tag)?.shadowRoot ?? null;
  const actions = () => inPreview('call-actions');
  const action = (name: string) => actions()?.querySelector<HTMLButtonElement>(`[data-action="${name}"]`) ?? null;
  const callState = (root: () => ShadowRoot | null) =>
    root()?.querySelector('call-status')?.shadowRoot?.querySelector('[part=state]')?.textContent?.trim();
  /** A web callback whose customer answers after half a second, accepted: the preview, ready to call. */
  const acceptWebCallback = async () => {
    await demo.cc.offer('web-callback', { behaviour: { ringMs: 500 } });
    await accept();
    await waitUntil(() => action('mark-done'), 'preview shown', { timeout: 5000 });
  };
  const call = async () => {
    await waitUntil(() => action('call')?.getAttribute('aria-disabled') === 'false', 'Call enabled', { timeout: 5000 });
    action('call')!.click();
    await waitUntil(() => action('hold')?.getAttribute('aria-disabled') === 'false', 'connected', { timeout: 5000 });
  };
  /** axe inside the demo's frame (chai-a11y-axe cannot check a node of another document). */
  const expectAccessible = (node: Element) => expectAccessibleIn(node);
  return { frame, doc, win, demo, desk, control, toggle, accept, preview, voiceWindow, inPreview, actions, action, callState, acceptWebCallback, call, expectAccessible };
}

describe('demo page: desk settings', function () {
  this.timeout(30_000);

  it('are labelled switches and a language select, usable by keyboard, and axe finds nothing', async () => {
    const demo = await openDemo();
    const settings = demo.doc.querySelector('fieldset.settings')!;
    expect(settings.querySelector('legend')!.textContent).to.equal('Desk settings');
    const named = (id: string) => demo.control<HTMLInputElement>(id).labels![0]!.textContent!.replace(/\s+/g, ' ').trim();
    expect(named('disposition-mandatory')).to.equal('Disposition required before Mark done');
    expect(named('reschedule-new-number')).to.equal('Reschedule on a new number');
    expect(named('dtmf-show-digits')).to.equal('Show DTMF digits in the case history');
    expect(named('page-language')).to.match(/^Page language/);
    for (const id of ['disposition-mandatory', 'reschedule-new-number', 'dtmf-show-digits']) {
      expect(demo.control(id).getAttribute('role'), id).to.equal('switch');
      await demo.toggle(id);
      await demo.toggle(id);
    }
    const language = demo.control<HTMLSelectElement>('page-language');
    language.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => demo.doc.documentElement.lang === 'es', 'Spanish chosen by keyboard');
    expect(language.value).to.equal('es');
    await demo.expectAccessible(settings);
    await demo.expectAccessible(demo.doc.querySelector('main')!);
  });

  it('Disposition required: Mark done is disabled with the reason until a disposition is chosen', async () => {
    const demo = await openDemo();
    await demo.acceptWebCallback();
    const done = () => demo.action('mark-done')!;
    const reason = () => demo.actions()!.querySelector('[part=reason]')!;
    await waitUntil(() => done().getAttribute('aria-disabled') === 'false', 'Done enabled without the switch');

    await demo.toggle('disposition-mandatory');
    await waitUntil(() => done().getAttribute('aria-disabled') === 'true', 'Done disabled by the switch');
    expect(reason().textContent!.trim()).to.equal('Choose a disposition before marking done.');
    expect((reason() as HTMLElement).hidden).to.equal(false);
    done().click();
    expect(demo.demo.cc.getInteraction(demo.demo.cc.listInteractions()[0]!.id)!.state).to.equal('ready-to-call');

    const other = () => demo.inPreview('disposition-picker')?.querySelector<HTMLElement>('[role=treeitem][data-code="OTHER"]');
    await waitUntil(() => other(), 'disposition codes shown', { timeout: 5000 });
    other()!.click();
    await waitUntil(() => done().getAttribute('aria-disabled') === 'false', 'Done enabled once a disposition is chosen', { timeout: 5000 });
  });

  it('Reschedule on a new number: the reschedule form offers another number only with the switch on', async () => {
    const demo = await openDemo();
    await demo.acceptWebCallback();
    const openForm = async () => {
      await waitUntil(() => demo.action('reschedule')?.getAttribute('aria-disabled') === 'false', 'Schedule enabled', { timeout: 5000 });
      demo.action('reschedule')!.click();
      await waitUntil(() => demo.actions()!.querySelector('callback-scheduler')?.shadowRoot?.querySelector('#date'), 'form open', { timeout: 5000 });
      return demo.actions()!.querySelector('callback-scheduler')!.shadowRoot!;
    };
    let form = await openForm();
    expect(form.querySelector('#number')).to.equal(null);
    demo.actions()!.querySelector('callback-scheduler')!.dispatchEvent(new Event('cancel'));
    await waitUntil(() => !demo.actions()!.querySelector('callback-scheduler'), 'form closed', { timeout: 5000 });

    await demo.toggle('reschedule-new-number');
    form = await openForm();
    await waitUntil(() => form.querySelector('#number'), 'new number field', { timeout: 5000 });
    expect(form.querySelector('label[for=number]')!.textContent!.trim()).to.equal('New number (optional)');
  });

  it('DTMF digits: masked in the case history by default, shown as typed with the Show DTMF digits switch on', async () => {
    const demo = await openDemo();
    await demo.acceptWebCallback();
    await demo.call();
    const send = async (digits: string) => {
      if (!demo.actions()!.querySelector('dtmf-keypad')) demo.action('dtmf')!.click();
      await waitUntil(() => demo.actions()!.querySelector('dtmf-keypad')?.shadowRoot?.querySelector('[data-key="1"]'), 'keypad open', { timeout: 5000 });
      const keypad = demo.actions()!.querySelector('dtmf-keypad')!.shadowRoot!;
      for (const key of digits) keypad.querySelector<HTMLButtonElement>(`[data-key="${key}"]`)!.click();
    };
    const history = () => demo.inPreview('case-history')?.textContent?.replace(/\s+/g, ' ') ?? '';
    const entries = () => [...(demo.inPreview('case-history')?.querySelectorAll('li') ?? [])].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

    expect(demo.control<HTMLInputElement>('dtmf-show-digits').checked, 'off by default').to.equal(false);
    await send('4567');
    await waitUntil(() => entries().some((e) => e.includes('Sent DTMF ••••')), `masked digits: ${history()}`, { timeout: 5000 });
    expect(entries().join(' ')).to.not.include('4567');

    await demo.toggle('dtmf-show-digits');
    expect(demo.desk.dtmfShowDigits).to.equal(true);
    await send('123');
    await waitUntil(() => entries().some((e) => e.includes('Sent DTMF 123')), `digits in clear: ${history()}`, { timeout: 5000 });
  });

  it('Page language Español: the desk in Spanish, and the simulator\'s dispositions, responses, case data and queues too', async () => {
    const demo = await openDemo();
    const language = demo.control<HTMLSelectElement>('page-language');
    language.value = 'es';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    expect(demo.doc.documentElement.lang).to.equal('es');
    await waitUntil(() => demo.desk.shadowRoot!.textContent!.includes('No hay ninguna interacción en curso'), 'desk in Spanish', { timeout: 5000 });

    await demo.acceptWebCallback();
    const caseLabels = () => [...(demo.preview()?.querySelectorAll('.case dt') ?? [])].map((dt) => dt.textContent!.trim());
    await waitUntil(() => caseLabels().length, 'case information', { timeout: 5000 });
    expect(caseLabels()).to.include.members(['Asunto', 'Tipo de cuenta', 'Mensaje']);
    expect(demo.preview()!.querySelector('.case')!.textContent).to.include('Empresa');

    const dispositions = () =>
      [...(demo.inPreview('disposition-picker')?.querySelectorAll('[role=treeitem] > .row') ?? [])].map((row) => row.textContent!.replace(/[▾▸✓\s]+/g, ' ').trim());
    await waitUntil(() => dispositions().length, 'dispositions', { timeout: 5000 });
    expect(dispositions()).to.deep.equal(['Resuelto', 'Requiere seguimiento', 'No localizado', 'Otro']);

    const categories = () =>
      [...(demo.inPreview('standard-responses')?.querySelectorAll<HTMLOptionElement>('[part=category] option') ?? [])].map((o) => o.textContent!.trim());
    await waitUntil(() => categories().length > 1, 'response categories', { timeout: 5000 });
    expect(categories()[0]).to.equal('Todas las categorías');
    expect(categories().slice(1)).to.have.members(['Saludos', 'Seguridad', 'Facturación', 'Citas', 'Cierre']);

    // Queue names: in the team communicator of an instant transfer.
    await demo.call();
    demo.action('transfer')!.click();
    const communicator = () => demo.actions()!.querySelector('team-communicator')?.shadowRoot ?? null;
    await waitUntil(() => communicator()?.querySelector('#input'), 'team communicator', { timeout: 5000 });
    const input = communicator()!.querySelector<HTMLInputElement>('#input')!;
    input.value = 'Fact';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => communicator()!.querySelector('[part=listbox]')?.textContent?.includes('Facturación'), 'queue found by its Spanish name', { timeout: 5000 });
    await demo.expectAccessible(demo.doc.body);
  });
});

describe('demo page: a voice callback is placed to the customer after Accept', function () {
  this.timeout(30_000);

  it('Ready to call, then Dialing while the customer\'s phone rings for a few seconds, then Connected', async () => {
    const demo = await openDemo('?manual-clock');
    const clock = demo.demo.clock as ManualClock;
    expect(clock, 'the demo on a manual clock').to.not.equal(undefined);
    const step = async (ms: number) => {
      clock.advance(ms);
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    [...demo.doc.querySelectorAll<HTMLButtonElement>('#scenarios button')].find((b) => b.textContent === 'Immediate voice callback')!.click();
    await demo.accept();
    const state = () => demo.callState(demo.voiceWindow);
    await waitUntil(() => state() === 'Ready to call', `ready to call (${state()})`, { timeout: 5000 });
    await step(1_500);
    await waitUntil(() => state() === 'Dialing', `dialing (${state()})`, { timeout: 5000 });
    await step(3_000);
    // Three seconds on, the customer's phone is still ringing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state()).to.equal('Dialing');
    await step(1_000);
    await waitUntil(() => state() === 'Connected', `connected (${state()})`, { timeout: 5000 });
    const history = demo.voiceWindow()!.querySelector('case-history')!.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(history).to.include('Callback accepted').and.include('Called');
  });
});
