// <call-actions> in the drop-in bundle: its popups' elements (team communicator, DTMF keypad,
// reschedule form) are not defined at load; the first popup that needs one fetches and defines it,
// then opens with focus in it as it does when the element is already there (issue 22).
// This file defines <call-actions> from its class alone, as the bundle's registration chunk does.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { CallActions } from '../../src/elements/call-actions/call-actions.js';
import { panelModules } from '../../src/elements/call-actions/call-actions.panel-elements.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

if (!customElements.get('call-actions')) customElements.define('call-actions', CallActions);

async function connected() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock}></call-actions>`);
  await el.updateComplete;
  const button = (action: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  const panel = () => el.shadowRoot!.querySelector<HTMLElement>('#panel')!;
  return { el, button, panel };
}

describe('<call-actions> popups whose element is fetched when first needed', () => {
  it('Transfer, before <team-communicator> is defined: the popup opens once it is, with focus in its search', async () => {
    expect(customElements.get('team-communicator'), 'not defined before the first popup').to.equal(undefined);
    const s = await connected();
    s.button('transfer').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => customElements.get('team-communicator') !== undefined, 'team-communicator was never defined');
    await waitUntil(() => !s.panel().hidden, 'the transfer popup never opened');
    await settled(s.el);
    const communicator = s.panel().querySelector('team-communicator');
    expect(communicator, 'the popup shows the team communicator').to.not.equal(null);
    expect(communicator!.shadowRoot, 'upgraded').to.not.equal(null);
    await waitUntil(() => communicator!.contains(deepActive()) || communicator!.shadowRoot!.contains(deepActive()), `focus in the communicator, was on ${deepActive()?.localName}`);
    expect(s.button('transfer').getAttribute('aria-expanded')).to.equal('true');
  });

  it('DTMF pressed, then Transfer before the keypad arrives: only the transfer popup opens', async () => {
    expect(customElements.get('dtmf-keypad'), 'not defined yet').to.equal(undefined);
    const s = await connected();
    s.button('dtmf').click();
    s.button('transfer').click();
    await waitUntil(() => customElements.get('dtmf-keypad') !== undefined, 'dtmf-keypad was never defined');
    await settled(s.el);
    await waitUntil(() => !s.panel().hidden, 'the transfer popup never opened');
    await settled(s.el);
    expect(s.panel().querySelector('team-communicator'), 'transfer popup').to.not.equal(null);
    expect(s.panel().querySelector('dtmf-keypad'), 'the keypad asked for first does not replace it').to.equal(null);
    // The keypad now opens at once, as every popup does once its element is defined.
    s.button('dtmf').click();
    await settled(s.el);
    expect(s.panel().querySelector('dtmf-keypad'), 'keypad').to.not.equal(null);
  });

  it('Reschedule when the reschedule form cannot be fetched: the error is shown and announced, focus stays on the button, and the next press tries again', async () => {
    expect(customElements.get('callback-scheduler'), 'not defined yet').to.equal(undefined);
    const fetchScheduler = panelModules['callback-scheduler'];
    let fail = true;
    panelModules['callback-scheduler'] = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : fetchScheduler());
    try {
      const s = await connected();
      const errors: string[] = [];
      s.el.addEventListener('callback-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
      s.button('reschedule').focus();
      await sendKeys({ press: 'Enter' });
      const error = () => s.el.shadowRoot!.querySelector<HTMLElement>('[part=error]')!;
      await waitUntil(() => !error().hidden, 'no error shown');
      expect(error().textContent).to.equal('This panel could not be loaded. Check the connection, then try again.');
      expect(error().getAttribute('role')).to.equal('alert');
      expect(errors).to.deep.equal(['network']);
      expect(s.panel().hidden, 'no empty popup').to.equal(true);
      expect(deepActive(), 'focus stays on Reschedule').to.equal(s.button('reschedule'));
      fail = false;
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !s.panel().hidden, 'the reschedule popup did not open on the next press');
      expect(s.panel().querySelector('callback-scheduler')).to.not.equal(null);
    } finally {
      panelModules['callback-scheduler'] = fetchScheduler;
    }
  });
});
