import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Softphone } from '../../demo/softphone.js';
import { requireLoopbackOnly, sipControl } from '../helpers/sip-env.js';

type DemoWindow = Window & { sipDemo?: { customer: Softphone; stop: () => Promise<void> } };

/**
 * Loads demo/sip.html as `npm run demo:sip` serves it. The page talks to ws://127.0.0.1:15080,
 * where the test run's own Kamailio (tests/sip/plugin.mjs) listens, so no second Kamailio is needed.
 */
describe('SIP demo page', function () {
  this.timeout(30_000);
  let frame: HTMLIFrameElement | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await (frame?.contentWindow as DemoWindow | null)?.sipDemo?.stop();
    frame = undefined;
  });

  it('the customer calls the agent: the desk offers the call with the name, Accept connects the softphone', async () => {
    frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/demo/sip.html" allow="microphone; autoplay" style="width:1400px;height:1000px" title="SIP demo"></iframe>`,
    );
    const ready = () => frame!.contentDocument?.body?.dataset.ready === 'true';
    await waitUntil(ready, 'demo page ready', { timeout: 10_000 });
    const doc = frame.contentDocument!;
    const text = (id: string) => doc.getElementById(id)!.textContent ?? '';
    const desk = doc.querySelector('callback-desk')!.shadowRoot!;

    await waitUntil(
      () => desk.querySelector('agent-status')?.shadowRoot?.querySelector('[part=phone-status]')?.textContent?.includes('Connected'),
      'the agent is registered',
      { timeout: 10_000 },
    );
    await waitUntil(() => text('customer-status').startsWith('idle'), 'the softphone is registered', { timeout: 10_000 });
    await waitUntil(() => text('supervisor-status') === 'idle', 'the supervisor is registered', { timeout: 10_000 });

    doc.querySelector<HTMLButtonElement>('#call')!.click();
    const notification = desk.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot?.querySelector('button.accept'), 'offer shown', { timeout: 10_000 });
    expect(notification.shadowRoot!.textContent).to.include('Ana Muñoz');
    // The agent's 180 reaches the customer through Kamailio, on its own time beside the offer.
    await waitUntil(() => text('customer-status') === 'ringing', `the softphone hears ringing (${text('customer-status')})`, { timeout: 10_000 });

    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => text('customer-status').startsWith('connected to the agent'), `softphone connected (${text('customer-status')})`, {
      timeout: 10_000,
    });
    expect((doc.getElementById('customer-audio') as HTMLAudioElement).srcObject, 'the customer hears the agent').to.not.equal(null);
  });

  it("the page's status line follows the connection as the desk does: lost, reconnecting, registered again", async () => {
    frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/demo/sip.html" allow="microphone; autoplay" style="width:1400px;height:1000px" title="SIP demo"></iframe>`,
    );
    await waitUntil(() => frame!.contentDocument?.body?.dataset.ready === 'true', 'demo page ready', { timeout: 10_000 });
    const doc = frame.contentDocument!;
    const line = () => doc.getElementById('agent-status')!.textContent ?? '';
    const deskPhone = () =>
      doc.querySelector('callback-desk')!.shadowRoot!.querySelector('agent-status')?.shadowRoot?.querySelector('[part=phone-status]')?.textContent ?? '';

    await waitUntil(() => line() === 'Registered as sip:agent@127.0.0.1.', `registered (${line()})`, { timeout: 15_000 });
    try {
      await sipControl('stop');
      await waitUntil(() => deskPhone().includes('Connection lost, reconnecting'), `the desk says reconnecting (${deskPhone()})`, { timeout: 20_000 });
      await waitUntil(() => line().includes('lost, reconnecting'), `the page's line says so too (${line()})`, { timeout: 5_000 });
      expect(line()).to.not.include('Registered');
    } finally {
      await sipControl('start');
    }
    await waitUntil(() => deskPhone().includes('Connected'), `the desk is connected again (${deskPhone()})`, { timeout: 30_000 });
    await waitUntil(() => line() === 'Registered as sip:agent@127.0.0.1.', `registered again (${line()})`, { timeout: 5_000 });
  });
});
