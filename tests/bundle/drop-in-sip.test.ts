// The drop-in bundle's SIP adapter (dist/bundle/adapters/sipjs.bundle.js) as a static page uses it,
// on the tests' Kamailio: the sip.js chunk it fetches beside it holds only the parts of sip.js the
// adapter uses (src/adapters/sipjs/sip-parts.ts), and with them the agent registers, calls a real
// sip.js phone that answers, hears it and hangs up, and receives a call. Run `npm run build` first
// when running this file alone; like every real-SIP test it runs in a loopback-only namespace.
import { expect } from '@open-wc/testing';
import type { CallInfo, TelephonyAdapter } from '../../src/adapters/telephony-adapter.js';
import type { SipTelephonyOptions } from '../../src/adapters/sipjs/index.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { SipPeer } from '../helpers/sip-peer.js';
import { waitFor } from '../helpers/wait.js';

const entry = '/dist/bundle/adapters/sipjs.bundle.js';
type SipEntry = { SipTelephonyAdapter: new (options: SipTelephonyOptions) => TelephonyAdapter };

describe('drop-in bundle: the SIP adapter with its sip.js chunk', function () {
  this.timeout(30_000);
  let customer: SipPeer | undefined;
  let adapter: TelephonyAdapter | undefined;

  afterEach(async () => {
    await adapter?.unregister().catch(() => undefined);
    await SipPeer.stopAll([customer]);
    adapter = customer = undefined;
  });

  it('registers, places a call the far end answers with audio both ways, hangs up, and takes an incoming call', async () => {
    const env = await requireLoopbackOnly();
    const head = await fetch(entry, { method: 'HEAD' });
    if (!head.ok) throw new Error(`${entry} is not built: run \`npm run build\` first`);
    const fetched = () => performance.getEntriesByType('resource').map((r) => r.name).filter((name) => /\/dist\/bundle\/chunks\/sip-js-[^/]+\.js$/.test(name));
    const { SipTelephonyAdapter } = (await import(/* @vite-ignore */ entry)) as SipEntry;
    expect(fetched(), 'sip.js is fetched before the adapter connects').to.deep.equal([]);

    customer = await SipPeer.start({ user: '+12025550121', tone: 440 });
    const agentUser = `agent-bundle-${Date.now().toString(36)}`;
    adapter = new SipTelephonyAdapter({ servers: [env.wsServer], aor: `sip:${agentUser}@${env.domain}`, requestTimeoutMs: 5_000 });
    await adapter.register();
    expect(adapter.status()).to.equal('registered');
    expect(fetched().length, 'the sip.js chunk beside the bundle').to.equal(1);

    const outbound = await adapter.dial({ number: customer.user });
    await waitFor(`the call is connected (${adapter.getCall(outbound.id)?.state})`, () => adapter!.getCall(outbound.id)?.state === 'connected', { timeout: 10_000 });
    const far = customer.sessions.at(-1)!;
    await far.established;
    expect(await far.receivesMedia(), 'the far end receives the agent\'s audio').to.equal(true);
    await adapter.hangUp(outbound.id);
    await waitFor('the far end sees the call end', () => far.state === 'Terminated', { timeout: 5_000 });

    const ringing = new Promise<CallInfo>((resolve) => {
      const stop = adapter!.onCall((call) => {
        if (call.direction === 'inbound' && call.state === 'ringing') {
          stop();
          resolve(call);
        }
      });
    });
    const inbound = await customer.call(agentUser);
    const call = await ringing;
    await adapter.answer(call.id);
    await inbound.established;
    expect(await inbound.receivesMedia(), 'the caller receives the agent\'s audio').to.equal(true);
    await adapter.hangUp(call.id);
  });
});
