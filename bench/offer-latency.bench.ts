// Not a test: a measurement, run by `npm run bench` (scripts/bench.mjs). Writes
// bench/offer-latency.json and asserts nothing about time.
//
// Offer → notification: from the simulated adapter's offer event to <callback-notification> having
// rendered the offer (Accept button in its shadow root, updateComplete resolved) and the next frame
// painted; and to the polite live region's text being set. Baseline, in the same run and the same
// way: a minimal LitElement that renders the offered contact's name and an Accept button.
import { LitElement, html } from 'lit';
import { state } from 'lit/decorators.js';
import '../src/callback-notification.js';
import type { CallbackNotification } from '../src/callback-notification.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import type { Interaction } from '../src/model/interaction.js';
import { macrotask, nextPaint, stats, writeResult } from './helpers.js';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs')) || 40;
const WARMUP = 5;
const REGION_ID = 'callback-elements-announcer';

class BenchBaselineOffer extends LitElement {
  @state() who = '';
  adapter?: SimulatedContactCenter;
  #stop?: () => void;
  override connectedCallback(): void {
    super.connectedCallback();
    this.#stop = this.adapter?.onOffer((i: Interaction) => (this.who = i.contact.name));
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
  }
  protected override render() {
    return html`<p>${this.who}</p>
      <button class="accept">Accept</button>`;
  }
}
customElements.define('bench-baseline-offer', BenchBaselineOffer);

/** The live region's next non-empty text, as the time it was set. */
function liveRegionSet(): Promise<number> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.getElementById(REGION_ID)?.textContent) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

interface Subject {
  cc: SimulatedContactCenter;
  el: LitElement;
  rendered: () => boolean;
}

function subject(kind: 'notification' | 'baseline'): Subject {
  const cc = new SimulatedContactCenter({ clock: new ManualClock(), latencyMs: 0 });
  const el =
    kind === 'notification'
      ? Object.assign(document.createElement('callback-notification') as CallbackNotification, { adapter: cc })
      : Object.assign(new BenchBaselineOffer(), { adapter: cc });
  return { cc, el, rendered: () => !!el.shadowRoot?.querySelector('button.accept') };
}

async function measure(s: Subject, withLiveRegion: boolean) {
  let offeredAt = 0;
  // Subscribed before the element connects, so it hears the offer first.
  const stop = s.cc.onOffer(() => (offeredAt = performance.now()));
  document.body.append(s.el);
  await s.el.updateComplete;
  const region = withLiveRegion ? liveRegionSet() : undefined;
  const offer = await s.cc.offer('immediate');
  await s.el.updateComplete;
  while (!s.rendered()) await new Promise((r) => setTimeout(r));
  const renderedAt = performance.now();
  const paintedAt = await nextPaint();
  const announcedAt = region ? await region : Number.NaN;
  stop();
  s.cc.revoke(offer.id);
  s.el.remove();
  // The revocation is announced 50 ms later: let that pass before the next offer.
  await new Promise((r) => setTimeout(r, 80));
  await macrotask();
  return { rendered: renderedAt - offeredAt, painted: paintedAt - offeredAt, announced: announcedAt - offeredAt };
}

describe('offer → notification rendered (measurement)', function () {
  this.timeout(300_000);
  it(`median of ${RUNS}, with a bare lit element as baseline`, async () => {
    const notification = subject('notification');
    const baseline = subject('baseline');
    const samples = { painted: [] as number[], rendered: [] as number[], announced: [] as number[], baselinePainted: [] as number[], baselineRendered: [] as number[] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Interleaved, so both see the same machine load.
      const n = await measure(notification, true);
      const b = await measure(baseline, false);
      if (i < WARMUP) continue;
      samples.painted.push(n.painted);
      samples.rendered.push(n.rendered);
      samples.announced.push(n.announced);
      samples.baselinePainted.push(b.painted);
      samples.baselineRendered.push(b.rendered);
    }
    notification.cc.dispose();
    baseline.cc.dispose();
    const result = {
      runs: RUNS,
      offerToNotificationPaintedMs: stats(samples.painted),
      offerToNotificationRenderedMs: stats(samples.rendered),
      offerToLiveRegionTextMs: stats(samples.announced),
      baseline: {
        what: 'a bare LitElement rendering the contact name and an Accept button on the same offer event',
        offerToPaintedMs: stats(samples.baselinePainted),
        offerToRenderedMs: stats(samples.baselineRendered),
      },
    };
    console.log(`offer latency: ${JSON.stringify({ painted: result.offerToNotificationPaintedMs, baseline: result.baseline.offerToPaintedMs })}`);
    await writeResult('offer-latency', result);
  });
});
