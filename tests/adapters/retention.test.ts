import { expect } from '@open-wc/testing';
import { InteractionLedger } from '../../src/adapters/interaction-ledger.js';
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
});
