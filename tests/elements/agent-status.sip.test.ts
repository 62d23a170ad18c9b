import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/agent-status.js';
import type { AgentStatus } from '../../src/agent-status.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import { requireLoopbackOnly, sipControl } from '../helpers/sip-env.js';
import '../helpers/lit-warnings.js';

const REGION = 'callback-elements-announcer';

describe('<agent-status> on the sip.js adapter when the SIP server goes away (real Kamailio)', function () {
  this.timeout(30_000);
  let sip: SipTelephonyAdapter | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await sipControl('start').catch(() => undefined);
    await sip?.dispose();
  });

  it('shows and announces the lost connection, the reconnection and the wrong password', async () => {
    const env = await requireLoopbackOnly();
    sip = new SipTelephonyAdapter({
      servers: [env.wsServer],
      aor: `sip:status-${Date.now().toString(36)}@${env.domain}`,
      reconnect: { initialDelayMs: 200, maxDelayMs: 1_000 },
    });
    const phone = new PhoneCallbackAdapter({ telephony: sip });
    const el = await fixture<AgentStatus>(html`<agent-status .adapter=${phone} .telephony=${phone}></agent-status>`);
    const shown = () => el.shadowRoot!.querySelector('[part=phone-status]')?.textContent?.trim();
    const announced = () => document.getElementById(REGION)?.textContent ?? '';
    await sip.register();
    await waitUntil(() => shown() === 'Connected', `registered (shows "${shown()}")`);

    await sipControl('stop');
    await waitUntil(() => shown() === 'Connection lost, reconnecting…', `drop shown (shows "${shown()}")`, { timeout: 5_000 });
    await waitUntil(() => announced().includes('Phone connection lost'), 'drop announced');
    await sipControl('start');
    await waitUntil(() => shown() === 'Connected', `back (shows "${shown()}")`, { timeout: 10_000 });
    await waitUntil(() => announced().includes('Phone connected again'), 'return announced');
    await expect(el).to.be.accessible();
    phone.dispose();
    await sip.dispose();

    sip = new SipTelephonyAdapter({
      servers: [env.wsServer],
      aor: `sip:auth-status@${env.domain}`,
      authorizationUsername: 'auth-status',
      password: 'wrong',
    });
    el.telephony = sip;
    await sip.register().catch(() => undefined);
    await waitUntil(() => shown() === 'Registration failed', `wrong password shown (shows "${shown()}")`);
  });
});
