import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { DirectoryAdapter, DirectoryTarget } from '../../src/adapters/directory-adapter.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { SipPeer, type PeerSession } from '../helpers/sip-peer.js';
import '../helpers/lit-warnings.js';

const REGION = 'callback-elements-announcer';
const CUSTOMER = '+12025550121';
const SUPERVISOR = '+12025550122';

/** The team: one supervisor, reachable on the tests' Kamailio. */
const team: DirectoryTarget[] = [{ kind: 'agent', id: 'sup', name: 'Sam Supervisor', address: SUPERVISOR, availability: 'ready' }];
const directory: DirectoryAdapter = {
  searchTargets: async ({ text }) => team.filter((t) => t.name.toLowerCase().includes(text.toLowerCase())),
  getContact: async () => ({ name: '', phone: '' }),
  updateContact: async (contact) => contact,
  searchResponses: async () => [],
  dispositionCodes: async () => [],
};

describe('<callback-desk> on the sip.js adapter and a real Kamailio', function () {
  this.timeout(40_000);
  let peers: SipPeer[] = [];
  let sip: SipTelephonyAdapter | undefined;
  let phone: PhoneCallbackAdapter | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    phone?.dispose();
    await sip?.dispose();
    await SipPeer.stopAll(peers);
    peers = [];
  });

  it('a customer calls with callback data; the agent accepts, holds, sends DTMF and transfers, all by clicks and keys', async () => {
    const env = await requireLoopbackOnly();
    const customer = await SipPeer.start({ user: CUSTOMER, tone: 440 });
    const supervisor = await SipPeer.start({ user: SUPERVISOR, tone: 1000 });
    peers = [customer, supervisor];
    const agent = `desk-${Date.now().toString(36)}`;
    sip = new SipTelephonyAdapter({
      servers: [env.wsServer],
      aor: `sip:${agent}@${env.domain}`,
      dtmfMethod: 'info',
      callbackData: { valueEncoding: 'uri' },
    });
    phone = new PhoneCallbackAdapter({ telephony: sip });
    const desk = await fixture<CallbackDesk>(html`<callback-desk
      disposition-mode="list"
      .callbackAdapter=${phone}
      .telephonyAdapter=${phone}
      .directoryAdapter=${directory}
    ></callback-desk>`);
    await sip.register();
    const root = desk.shadowRoot!;
    await waitUntil(
      () => root.querySelector('agent-status')?.shadowRoot?.querySelector('[part=phone-status]')?.textContent?.includes('Connected'),
      'phone registration shown',
    );

    // The customer's phone calls the agent; the callback data rides on X-Genesys-* headers.
    const call: PeerSession = await customer.call(agent, {
      headers: [
        'X-Genesys-_CB_SERVICE_ID: cb-4711',
        `X-Genesys-GMS_Customer_Number: ${CUSTOMER}`,
        'X-Genesys-firstname: Ana',
        'X-Genesys-lastname: Mu%C3%B1oz',
        'X-Genesys-instructions: %3Cimg src=x onerror=alert(1)%3E about order 1234',
        'X-Genesys-Order: A-1234',
      ],
    });
    const notification = root.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot?.querySelector('button.accept'), 'offer shown');
    const offerText = notification.shadowRoot!.textContent ?? '';
    expect(offerText).to.include('Ana Muñoz');
    expect(notification.shadowRoot!.querySelector('img'), 'caller data is text, never HTML').to.equal(null);
    await waitUntil(() => document.getElementById(REGION)?.textContent?.includes('Ana Muñoz'), 'the offer is announced');

    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await call.established;
    expect(await call.receivesMedia(), 'the customer hears the agent').to.equal(true);

    const win = () => root.querySelector('[part=window]:not([hidden]) > interaction-window')?.shadowRoot ?? null;
    const part = (tag: string) => win()?.querySelector(tag)?.shadowRoot ?? null;
    const button = (action: string) => part('call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
    const act = async (action: string) => {
      await waitUntil(() => button(action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 5000 });
      button(action)!.click();
    };
    await waitUntil(() => part('callback-info')?.textContent?.includes('A-1234'), 'case data shown', { timeout: 5000 });
    expect(part('callback-info')!.textContent).to.include('about order 1234');

    await act('hold');
    await waitUntil(() => call.isHeldByRemote(), 'the customer is on hold', { timeout: 5000 });
    await act('resume');
    await waitUntil(() => !call.isHeldByRemote(), 'the customer is back', { timeout: 5000 });

    await act('dtmf');
    const keypad = part('call-actions')!.querySelector('#panel dtmf-keypad')!;
    await waitUntil(() => keypad.shadowRoot?.querySelector('#digits'), 'keypad');
    keypad.shadowRoot!.querySelector<HTMLInputElement>('#digits')!.focus();
    await sendKeys({ type: '12#' });
    await waitUntil(() => call.digits === '12#', `digits arrive (got "${call.digits}")`, { timeout: 5000 });
    // Masked by default: the customer's phone got the digits, the case history one • each.
    await waitUntil(() => part('case-history')?.textContent?.includes('3 hidden digits'), 'DTMF in the case history', { timeout: 5000 });
    expect(part('case-history')!.textContent).to.not.include('12#');
    await sendKeys({ press: 'Escape' });

    await act('transfer');
    const communicator = part('call-actions')!.querySelector('#panel team-communicator')!;
    await waitUntil(() => communicator.shadowRoot?.querySelector('input'), 'communicator');
    communicator.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: 'Sam' });
    await waitUntil(() => communicator.shadowRoot!.querySelector('[role=option]'), 'search results', { timeout: 5000 });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });

    // The customer's phone follows the REFER to the supervisor; the agent's leg ends after it.
    await waitUntil(() => call.referredSession?.state === 'Established', 'customer talks to the supervisor', { timeout: 10_000 });
    expect(call.transferredTo).to.equal(SUPERVISOR);
    await waitUntil(() => phone!.getInteraction('cb-4711')?.state === 'ended', 'interaction ended', { timeout: 5000 });
    const leg = supervisor.sessions.find((s) => s.state === 'Established');
    expect(leg, 'the supervisor has the call').to.not.equal(undefined);
    expect(await leg!.hearsTone(440), 'the supervisor hears the customer').to.equal(true);
  });
});
