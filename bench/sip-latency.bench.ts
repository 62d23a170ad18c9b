// Not a test: a measurement, run by `npm run bench:sip` (scripts/bench-sip.sh) in a loopback-only
// network namespace with the tests' Kamailio. It writes bench/sip-latency.json and asserts nothing
// about time.
//
// What it measures, 20 times after 3 warm-ups: from the customer's INVITE being written to its
// WebSocket (its sip.js transport's send()) to <callback-notification> having
// rendered the offer (its Accept button in the shadow DOM, updateComplete resolved) and the next
// frame painted; with the split at the adapter's `onCall` (the SIP part: WebSocket, Kamailio,
// sip.js parsing) and at the offer event.
import { writeFile } from '@web/test-runner-commands';
import '../src/callback-notification.js';
import type { CallbackNotification } from '../src/callback-notification.js';
import { PhoneCallbackAdapter } from '../src/adapters/phone/index.js';
import { SipTelephonyAdapter } from '../src/adapters/sipjs/index.js';
import { requireLoopbackOnly } from '../tests/helpers/sip-env.js';
import { SipPeer } from '../tests/helpers/sip-peer.js';

const RUNS = Number(new URLSearchParams(location.search).get("runs")) || 20;
const WARMUP = 3;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

describe('SIP offer latency (measurement)', function () {
  this.timeout(120_000);
  it(`INVITE sent → notification rendered, median of ${RUNS}`, async () => {
    const env = await requireLoopbackOnly();
    const customer = await SipPeer.start({ user: '+12025550131' });
    const agent = `bench-${Date.now().toString(36)}`;
    const sip = new SipTelephonyAdapter({ servers: [env.wsServer], aor: `sip:${agent}@${env.domain}` });
    const phone = new PhoneCallbackAdapter({ telephony: sip });
    await sip.register();
    const notification = document.createElement('callback-notification') as CallbackNotification;
    notification.adapter = phone;
    document.body.append(notification);
    // The moment the INVITE leaves: the customer's transport writes it to its WebSocket (before
    // that, sip.js spends its time on getUserMedia, the SDP offer and ICE gathering).
    let inviteWrittenAt = 0;
    const transport = customer.ua.transport as unknown as { send(message: string): Promise<void> };
    const send = transport.send.bind(transport);
    transport.send = (message: string) => {
      if (message.startsWith('INVITE ')) inviteWrittenAt = performance.now();
      return send(message);
    };
    const samples: { sip: number; offer: number; rendered: number; offerCreation: number }[] = [];
    try {
      for (let i = 0; i < WARMUP + RUNS; i++) {
        let ringingAt = 0;
        let offeredAt = 0;
        const stopCall = sip.onCall((c) => {
          if (c.state === 'ringing' && !ringingAt) ringingAt = performance.now();
        });
        const rendered = new Promise<number>((resolve) => {
          const stop = phone.onOffer(async () => {
            offeredAt = performance.now();
            stop();
            await notification.updateComplete;
            while (!notification.shadowRoot?.querySelector('button.accept')) await new Promise((r) => setTimeout(r));
            resolve(await frame());
          });
        });
        const call = await customer.call(agent, { headers: [`X-Genesys-_CB_SERVICE_ID: bench-${i}`, 'X-Genesys-firstname: Ana'] });
        const at = await rendered;
        stopCall();
        if (i >= WARMUP) {
          samples.push({
            sip: ringingAt - inviteWrittenAt,
            offer: offeredAt - inviteWrittenAt,
            rendered: at - inviteWrittenAt,
            offerCreation: inviteWrittenAt - call.sentAt!,
          });
        }
        await call.hangUp();
        await call.ended;
        for (let t = 0; t < 200 && notification.shadowRoot?.querySelector('button.accept'); t++) await frame();
      }
    } finally {
      notification.remove();
      phone.dispose();
      await sip.dispose();
      await customer.stop();
    }
    const result = {
      runs: RUNS,
      medianMs: {
        inviteToAdapterCall: round(median(samples.map((s) => s.sip))),
        inviteToOffer: round(median(samples.map((s) => s.offer))),
        inviteToNotificationPainted: round(median(samples.map((s) => s.rendered))),
        callerSdpOfferBeforeInvite: round(median(samples.map((s) => s.offerCreation))),
      },
      minMs: round(Math.min(...samples.map((s) => s.rendered))),
      maxMs: round(Math.max(...samples.map((s) => s.rendered))),
      samplesMs: samples.map((s) => round(s.rendered)),
      measuredAt: new Date().toISOString(),
    };
    console.log(`SIP latency: ${JSON.stringify(result.medianMs)}`);
    await writeFile({ path: 'sip-latency.json', content: `${JSON.stringify(result, null, 2)}\n` });
  });
});
