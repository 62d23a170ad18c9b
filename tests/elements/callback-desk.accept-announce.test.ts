import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

/**
 * The live region says what happened last: once a web callback is accepted it no longer reads
 * "New callback: …", it says the callback was accepted and is ready to call.
 */
describe('<callback-desk> announces an accepted web callback', () => {
  for (const lang of ['en', 'es'] as const) {
    it(`in ${lang}: "accepted, ready to call" replaces the offer's announcement`, async () => {
      const clock = new ManualClock();
      const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
      const desk = await fixture<CallbackDesk>(html`<div lang=${lang}>
        <callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
      </div>`).then((wrapper) => wrapper.querySelector('callback-desk')!);
      await desk.updateComplete;
      const offer = await cc.offer('web-callback');
      const notification = desk.shadowRoot!.querySelector('callback-notification')!;
      await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'offer shown');
      await waitUntil(() => announcement() !== '', 'offer announced');
      const offered = announcement();
      notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
      await waitUntil(() => cc.getInteraction(offer.id)?.state === 'ready-to-call', 'accepted');
      await aTimeout(0);
      await desk.updateComplete;
      expect(announcement()).to.not.equal(offered);
      expect(announcement()).to.include(offer.contact.name);
      expect(announcement()).to.equal(
        lang === 'en'
          ? `Callback from ${offer.contact.name} accepted. Ready to call.`
          : `Devolución de llamada de ${offer.contact.name} aceptada. Lista para llamar.`,
      );
    });
  }
});
