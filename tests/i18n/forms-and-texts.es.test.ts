import { expect, waitUntil } from '@open-wc/testing';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { mount, root, text } from '../helpers/callback-preview.js';
import '../helpers/lit-warnings.js';

/** The texts of issue 16's "Forms and texts" in Spanish: an offered duplicate does not ring, reasons are sentences apart. */
describe('Spanish: duplicates and reasons', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('an offered duplicate reads "Esperando a un agente", never "Sonando"; the reasons of disabled actions are separate sentences', async () => {
    document.documentElement.lang = 'es';
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const same = { name: 'Priya Natarajan', phone: '+14165550123' };
    const first = await cc.offer('web-callback', { contact: { ...same }, behaviour: { ringMs: 60_000 } });
    await cc.offer('web-callback', { contact: { ...same } });
    await cc.accept(first.id);
    const el = await mount(cc, clock, first.id);
    const duplicate = () => root(el).querySelector<HTMLButtonElement>('[part=duplicate-button]');
    await waitUntil(() => duplicate() && text(duplicate()).startsWith('Abrir'), `duplicate in Spanish: ${text(duplicate())}`, { timeout: 3000 });
    expect(text(duplicate())).to.equal('Abrir la devolución de llamada de Priya Natarajan (Programada, Esperando a un agente)');
    expect(text(duplicate())).to.not.include('Sonando');

    await cc.dial({ number: first.contact.phone, interactionId: first.id });
    const actions = () => root(el).querySelector('call-actions')!.shadowRoot!;
    await waitUntil(() => actions().querySelectorAll('[id^=why-]').length > 1, 'several actions disabled while dialing');
    const reasons = [...actions().querySelectorAll('[id^=why-]')].map((r) => r.textContent!.trim());
    const hidden = actions().querySelector('[id^=why-]')!.parentElement!.textContent!.replace(/\s+/g, ' ').trim();
    expect(hidden).to.equal(reasons.join(' '));
    expect(hidden, 'no two sentences run together').to.not.match(/\.\S/);
    await expect(el).to.be.accessible();
  });
});
