import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../helpers/lit-warnings.js';
import { expectAccessibleIn } from '../helpers/axe-frame.js';

/**
 * Loads demo/crm.html as `npm start` serves it and plays it as an agent would: the harness sends
 * an offer, the agent accepts it in the desk, and the CRM around the desk reacts.
 */
async function openCrm() {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/crm.html" style="width:1400px;height:900px" title="crm"></iframe>`);
  await waitUntil(() => frame.contentDocument?.querySelector('#harness-offers button'), 'harness loaded', { timeout: 8000 });
  const doc = frame.contentDocument!;
  const win = frame.contentWindow! as Window & typeof globalThis;
  const desk = doc.querySelector('callback-desk')!;
  const record = doc.getElementById('record')!;
  const send = (label: string) => {
    const button = [...doc.querySelectorAll<HTMLButtonElement>('#harness-offers button')].find((b) => b.textContent === label);
    expect(button, `harness button "${label}"`).to.not.equal(undefined);
    button!.click();
  };
  const accept = async () => {
    const notification = () => desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification().shadowRoot?.querySelector('button.accept'), 'offer shown in the desk', { timeout: 5000 });
    notification().shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
  };
  const heading = () => record.querySelector('h1')?.textContent ?? '';
  return { frame, doc, win, desk, record, send, accept, heading };
}

type Crm = Awaited<ReturnType<typeof openCrm>>;


/**
 * chai-a11y-axe's `accessible()` cannot check a node of another document, so axe runs inside the
 * CRM's own frame, on the page region the CRM owns (the desk's own tests check the desk).
 */
async function expectAccessible(crm: Crm, selector: string) {
  await expectAccessibleIn(crm.doc.querySelector(selector)!);
}

const voiceWindow = (crm: Crm) => crm.desk.shadowRoot!.querySelector('[part=window]:not([hidden]) > interaction-window')?.shadowRoot ?? null;
const inWindow = (crm: Crm, tag: string) => voiceWindow(crm)?.querySelector(tag)?.shadowRoot ?? null;

async function act(crm: Crm, action: string) {
  const button = () => inWindow(crm, 'call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
  await waitUntil(() => button()?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 5000 });
  button()!.click();
}

describe('demo: the desk in Acme CRM', function () {
  // Each step waits for the simulated contact center's 300 ms latency, and axe covers the whole page.
  this.timeout(30_000);
  it('screen-pops the known customer on accept and logs disposition and note on done', async () => {
    const crm = await openCrm();
    const activities = () => [...crm.record.querySelectorAll('.activity-list > li')];
    crm.send('Voice, immediate: Margaret Chen');
    await crm.accept();

    await waitUntil(() => crm.record.querySelector('.record-card.screen-pop'), 'screen pop', { timeout: 5000 });
    expect(crm.heading()).to.equal('Margaret Chen');
    expect(crm.record.querySelector('.record-card')!.getAttribute('data-customer-id')).to.equal('ACME-10231');
    expect(crm.record.querySelector('.screen-pop-flag')!.textContent).to.include('Screen pop').and.include('Card declined abroad');
    expect(crm.doc.querySelector('.customer[aria-current=true]')?.textContent).to.include('Margaret Chen');
    expect(crm.record.textContent).to.include('+44 20 7946 0123').and.include('Gold').and.include('CS-7781');
    await expectAccessible(crm, 'body');
    const before = activities().length;

    await act(crm, 'end-call');
    const picker = () => inWindow(crm, 'disposition-picker');
    await waitUntil(() => picker()?.querySelector('[data-code="folder:resolved"]'), 'disposition tree', { timeout: 5000 });
    picker()!.querySelector<HTMLElement>('[data-code="folder:resolved"]')!.click();
    await waitUntil(() => picker()!.querySelector('[data-code="RES-INFO"]'), 'folder opened', { timeout: 5000 });
    picker()!.querySelector<HTMLElement>('[data-code="RES-INFO"]')!.click();
    await waitUntil(() => picker()!.querySelector('[data-code="RES-INFO"][aria-selected=true]'), 'disposition chosen', { timeout: 5000 });

    const note = 'Block lifted; customer confirmed she is in Japan.';
    inWindow(crm, 'interaction-note')!.querySelector('textarea')!.focus();
    await sendKeys({ type: note });
    expect(inWindow(crm, 'interaction-note')!.querySelector('textarea')!.value).to.equal(note);
    await act(crm, 'mark-done');

    await waitUntil(() => activities().length === before + 1, 'activity logged', { timeout: 5000 });
    const entry = activities()[0]!;
    expect(entry.getAttribute('data-kind')).to.equal('call');
    expect(entry.querySelector('.activity-disposition')!.textContent).to.equal('Disposition: Information given (RES-INFO)');
    expect(entry.querySelector('.activity-detail')!.textContent).to.equal(note);
    expect(entry.querySelector('.activity-title')!.textContent).to.include('Voice callback (immediate)');
    const logged = Date.parse(entry.querySelector('time')!.getAttribute('datetime')!);
    expect(Math.abs(Date.now() - logged)).to.be.below(60_000);
    // The call is over: the record is no longer flagged as on a callback.
    expect(!!crm.record.querySelector('.screen-pop')).to.equal(false);
    expect(crm.doc.getElementById('toasts')!.textContent).to.include('Call logged for Margaret Chen');
  });

  it('an unknown number opens the new-caller view, which creates a record', async () => {
    const crm = await openCrm();
    crm.send('Voice, immediate: unknown number');
    await crm.accept();
    await waitUntil(() => crm.heading().startsWith('New caller'), 'new caller view', { timeout: 5000 });
    expect(crm.heading()).to.equal('New caller: +442079460777');
    expect(crm.record.querySelector('.given-name')!.textContent).to.equal('Dana Whitfield');
    expect(!!crm.record.querySelector('.screen-pop')).to.equal(true);
    expect(crm.doc.querySelector('.customer[aria-current=true]')).to.equal(null);
    await expectAccessible(crm, 'body');

    [...crm.record.querySelectorAll('button')].find((b) => b.textContent === 'Create customer record')!.click();
    expect(crm.heading()).to.equal('Dana Whitfield');
    expect(crm.doc.querySelector('.customer[aria-current=true]')?.textContent).to.include('Dana Whitfield').and.include('+442079460777');
  });

  it('hostile contact data stays text in the CRM and nothing runs', async () => {
    const crm = await openCrm();
    let alerted = 0;
    crm.win.alert = () => void alerted++;
    crm.send('Web callback: hostile form data');
    await crm.accept();
    await waitUntil(() => crm.heading().startsWith('New caller'), 'new caller view', { timeout: 5000 });
    const name = `<img src=x onerror=alert(1)> O'Brien & "Sons"`;
    expect(crm.record.querySelector('.given-name')!.textContent).to.equal(name);
    expect(crm.record.querySelector('.screen-pop-flag')!.textContent).to.include('<img src=x onerror=alert(1)>');
    [...crm.record.querySelectorAll('button')].find((b) => b.textContent === 'Create customer record')!.click();
    expect(crm.heading()).to.equal(name);
    expect(crm.doc.querySelector('.customer[aria-current=true] .customer-name')!.textContent).to.equal(name);
    // Give a broken image's onerror, had one been created, time to fire.
    await aTimeout(300);
    expect(crm.doc.querySelectorAll('img, script:not([src])').length).to.equal(0);
    expect(alerted).to.equal(0);
  });

  it('a failed accept shows the desk’s message as a CRM toast and opens nothing', async () => {
    const crm = await openCrm();
    const errors: string[] = [];
    crm.desk.addEventListener('callback-error', (e) => errors.push(e.detail.message));
    crm.send('Make the next accept fail');
    crm.send('Voice, scheduled: Amelia Johnson');
    await crm.accept();
    const toasts = crm.doc.getElementById('toasts')!;
    await waitUntil(() => toasts.textContent!.trim(), 'toast', { timeout: 5000 });
    expect(errors).to.have.length(1);
    expect(toasts.querySelector('.toast')!.textContent).to.equal(errors[0]);
    expect(crm.heading()).to.equal('Customers');
  });
});
