import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import type { CallInfo, TelephonyAdapter } from '../../src/adapters/telephony-adapter.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

/**
 * A call the phone refused as it arrived (its audio cannot be connected from the browser: the far
 * end needs a WebRTC gateway) reaches the agent as a notice with the reason, never as an offer.
 * The phone here is a stand-in that only publishes calls; the real one is tested over Kamailio in
 * tests/adapters/sipjs-incoming-checks.test.ts.
 */
function phoneThatPublishes() {
  const listeners = new Set<(call: CallInfo) => void>();
  const declined: string[] = [];
  const telephony = {
    telephonyCapabilities: { dial: true, hold: true, dtmf: true, blindTransfer: false, conference: false, consultation: false },
    onCall: (listener: (call: CallInfo) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getCall: () => undefined,
    decline: async (id: string) => {
      declined.push(id);
    },
  } as unknown as TelephonyAdapter;
  const publish = (call: CallInfo) => listeners.forEach((l) => l(call));
  return { telephony, publish, declined };
}

const refusedCall = (id: string, name: string): CallInfo => ({
  id,
  direction: 'inbound',
  state: 'ended',
  endedBy: 'local',
  refused: 'incompatible-media',
  remote: '+12025550199',
  data: { _CB_SERVICE_ID: `cb-${id}`, firstname: name },
});

async function mount(lang = 'en') {
  const clock = new ManualClock();
  const { telephony, publish, declined } = phoneThatPublishes();
  const phone = new PhoneCallbackAdapter({ telephony, clock });
  const fired: string[] = [];
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <callback-notification .adapter=${phone} .clock=${clock}></callback-notification>
  </div>`);
  const el = wrapper.querySelector<CallbackNotification>('callback-notification')!;
  for (const name of ['callback-ring', 'callback-revoked', 'callback-expired']) el.addEventListener(name, () => fired.push(name));
  await el.updateComplete;
  return { el, phone, publish, declined, fired };
}

const paragraph = (el: CallbackNotification) => el.shadowRoot!.querySelector('.notice p')?.textContent?.trim();

describe('<callback-notification>: a call the browser cannot take', () => {
  it('shows a notice with the reason, announces it, never rings or offers Accept; keyboard reaches Dismiss; axe clean', async () => {
    const { el, phone, publish, declined, fired } = await mount();
    publish(refusedCall('sip-1', 'Ana <b>Ruiz</b>'));
    expect(phone.getInteraction('cb-sip-1')).to.deep.include({ state: 'revoked', revokedReason: 'incompatible-media', callId: 'sip-1' });
    // The words for a reason are fetched the first time one is needed.
    const expected = "This call's audio cannot be connected from the browser: the caller's phone system needs a WebRTC gateway. The call was refused.";
    await waitUntil(() => paragraph(el) === expected, `the notice says why: ${paragraph(el)}`);
    expect(el.shadowRoot!.querySelector('.who')!.textContent).to.equal('Ana <b>Ruiz</b>');
    expect(el.shadowRoot!.querySelector('b'), 'caller data is text').to.equal(null);
    expect(el.shadowRoot!.querySelector('button.accept')).to.equal(null);
    await waitUntil(
      () => announcement() === 'The call from Ana <b>Ruiz</b> could not be taken: its audio cannot be connected from the browser (it needs a WebRTC gateway).',
      `announced: ${announcement()}`,
    );
    expect(fired).to.deep.equal(['callback-revoked']);
    expect(declined, 'the phone already refused it').to.deep.equal([]);
    await expect(el).to.be.accessible();
    const dismiss = el.shadowRoot!.querySelector<HTMLButtonElement>('button.dismiss')!;
    dismiss.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.notice')).to.equal(null);
  });

  it('a withdrawal without a reason still reads "The callback was withdrawn."', async () => {
    const { el, publish } = await mount();
    publish({ id: 'sip-2', direction: 'inbound', state: 'ringing', remote: '+12025550198', data: { _CB_SERVICE_ID: 'cb-2', firstname: 'Eva' } });
    publish({ id: 'sip-2', direction: 'inbound', state: 'ended', endedBy: 'remote', remote: '+12025550198' });
    await waitUntil(() => paragraph(el), 'the notice shows');
    expect(paragraph(el)).to.equal('The callback was withdrawn.');
    expect(announcement()).to.equal('Callback from Eva was withdrawn.');
  });

  it('in Spanish', async () => {
    const { el, publish } = await mount('es');
    await el.updateComplete;
    publish(refusedCall('sip-3', 'Ana'));
    const expected =
      'El audio de esta llamada no se puede conectar desde el navegador: el sistema telefónico de quien llama necesita una pasarela WebRTC. Se rechazó la llamada.';
    await waitUntil(() => paragraph(el) === expected, `the notice in Spanish: ${paragraph(el)}`);
    await waitUntil(
      () => announcement() === 'No se pudo atender la llamada de Ana: su audio no se puede conectar desde el navegador (necesita una pasarela WebRTC).',
      `announced in Spanish: ${announcement()}`,
    );
  });

  it('while the agent is not ready on voice, nothing is shown (it would not have been offered either)', async () => {
    const { el, phone, publish } = await mount();
    await phone.setReadyState('voice', 'not-ready');
    publish(refusedCall('sip-4', 'Ana'));
    await aTimeout(0);
    await el.updateComplete;
    expect(phone.getInteraction('cb-sip-4')).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('.notice')).to.equal(null);
  });
});
