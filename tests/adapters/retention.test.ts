import { expect } from '@open-wc/testing';
import { InteractionLedger } from '../../src/adapters/interaction-ledger.js';
import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';

const MINUTE = 60_000;

/**
 * A shift of hundreds of callbacks: adapters forget a closed interaction a grace period (15 minutes
 * by default) after it closed, not before, and an id offered again (GMS offers a declined callback
 * again with the same id) is judged by its latest close.
 */
describe('adapters forget closed interactions after a grace period', () => {
  async function sample(clock: ManualClock): Promise<Interaction> {
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    cc.dispose();
    return { ...offer, id: 'X' };
  }

  it('the simulated center: known for 15 minutes after it closed, then forgotten', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    clock.advance(20 * MINUTE);
    expect(cc.getInteraction(offer.id)?.state, 'an open one is kept however long').to.equal('ready-to-call');
    await cc.markDone(offer.id);
    clock.advance(14 * MINUTE);
    await cc.offer('web-callback');
    expect(cc.getInteraction(offer.id)?.state, 'within the grace period').to.equal('done');
    clock.advance(2 * MINUTE);
    await cc.offer('web-callback');
    expect(cc.getInteraction(offer.id), 'after it').to.equal(undefined);
    cc.dispose();
  });

  it('InteractionLedger (GMS, phone): an id offered again is forgotten 15 minutes after its latest close', async () => {
    const clock = new ManualClock();
    const forgotten: string[] = [];
    const ledger = new InteractionLedger({ clock, readyState: 'ready', onForget: (i) => forgotten.push(i.id) });
    const interaction = await sample(clock);
    const offerAgain = (id = 'X') => ledger.offer({ ...interaction, id, offer: { ...interaction.offer, expiresAt: clock.now() + 60 * MINUTE } }, clock.now());
    let other = 0;
    // Any activity of the ledger sweeps: here, another offer.
    const activity = () => offerAgain(`other-${++other}`);

    offerAgain();
    ledger.apply('X', [{ type: 'reject' }]);
    clock.advance(10 * MINUTE);
    offerAgain();
    clock.advance(4 * MINUTE);
    ledger.apply('X', [{ type: 'reject' }]);
    clock.advance(MINUTE + 1_000);
    activity();
    expect(ledger.getInteraction('X')?.state, '1 minute after its second close').to.equal('rejected');
    expect(forgotten).to.deep.equal([]);
    clock.advance(14 * MINUTE);
    activity();
    expect(ledger.getInteraction('X'), '15 minutes after its second close').to.equal(undefined);
    expect(forgotten).to.deep.equal(['X']);
    ledger.stopOfferTimers();
  });

  it('the phone adapter: a callback that came as a call, and that call, are forgotten 15 minutes after Mark done', async () => {
    const clock = new ManualClock();
    const phone = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const adapter = new PhoneCallbackAdapter({ telephony: phone, clock });
    try {
      let n = 0;
      // A caller ringing in: activity on the phone and the adapter, which sweeps what is due.
      const ringIn = () => phone.ringIn('+442079460555', { _CB_SERVICE_ID: `cb-retention-${++n}` });
      const call = ringIn();
      const id = adapter.listInteractions().find((i) => i.callId === call.id)!.id;
      await adapter.accept(id);
      await phone.hangUp(call.id);
      await adapter.markDone(id);

      clock.advance(14 * MINUTE);
      ringIn();
      expect(adapter.getInteraction(id)?.state, 'within the grace period').to.equal('done');
      expect(adapter.getCall(call.id)?.state, 'its call, within the grace period').to.equal('ended');

      clock.advance(2 * MINUTE);
      ringIn();
      expect(adapter.getInteraction(id), 'after it').to.equal(undefined);
      // The phone forgot the ended call too; the adapter's own last copy of it must go with the interaction.
      expect(phone.getCall(call.id), 'the phone').to.equal(undefined);
      expect(adapter.getCall(call.id), 'its call, after it').to.equal(undefined);
    } finally {
      adapter.dispose();
      phone.dispose();
    }
  });
});
