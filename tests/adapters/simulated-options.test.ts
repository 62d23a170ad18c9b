import { expect } from '@open-wc/testing';
import type { DispositionNode } from '../../src/model/interaction.js';
import { simulated } from './simulated-harness.js';

const labels = (nodes: readonly DispositionNode[]): string[] => nodes.flatMap((n) => [n.label, ...labels(n.children ?? [])]);

describe('SimulatedContactCenter: voice callbacks placed by the service (voiceCallbackDialing)', () => {
  it('off by default: an accepted voice callback is connected at once', async () => {
    const sim = simulated();
    const offered = await sim.cc.offer('immediate');
    expect((await sim.cc.accept(offered.id)).state).to.equal('connected');
    sim.cc.dispose();
  });

  it('on: ready to call while the service places the call, dialing while it rings, then connected', async () => {
    const sim = simulated({ voiceCallbackDialing: true });
    const offered = await sim.cc.offer('immediate');
    const accepted = await sim.cc.accept(offered.id);
    expect(accepted.state).to.equal('ready-to-call');
    expect(sim.cc.getCall(offered.callId!)?.state).to.equal('dialing');

    await sim.advance(1_499);
    expect(sim.cc.getInteraction(offered.id)?.state).to.equal('ready-to-call');
    await sim.advance(1);
    const dialing = sim.cc.getInteraction(offered.id)!;
    expect(dialing.state).to.equal('dialing');
    expect(dialing.history.at(-1)).to.deep.include({ kind: 'dial', number: offered.contact.phone });
    expect(sim.cc.farEnd(offered.callId!).connected).to.equal(false);

    // The contact's phone rings for the scenario's ring time (4 s).
    await sim.advance(3_999);
    expect(sim.cc.getInteraction(offered.id)?.state).to.equal('dialing');
    await sim.advance(1);
    const connected = sim.cc.getInteraction(offered.id)!;
    expect(connected.state).to.equal('connected');
    expect(connected.attempts.map((a) => a.result)).to.deep.equal(['connected']);
    expect(sim.cc.getCall(offered.callId!)?.state).to.equal('connected');
    expect(sim.cc.farEnd(offered.callId!).connected).to.equal(true);
    sim.cc.dispose();
  });

  it('placeCallMs sets how long the service takes; the agent may end the call while it rings', async () => {
    const sim = simulated({ voiceCallbackDialing: { placeCallMs: 200 } });
    const offered = await sim.cc.offer('immediate');
    await sim.cc.accept(offered.id);
    await sim.advance(200);
    expect(sim.cc.getInteraction(offered.id)?.state).to.equal('dialing');
    await sim.cc.hangUp(offered.callId!);
    const ended = sim.cc.getInteraction(offered.id)!;
    expect(ended.state).to.equal('ended');
    expect(ended.attempts.map((a) => a.result)).to.deep.equal(['cancelled']);
    expect(sim.cc.getCall(offered.callId!)).to.include({ state: 'ended', dialResult: 'cancelled' });
    sim.cc.dispose();
  });

  it('Mark done before the service placed the call: the call is not placed, and no timer is left', async () => {
    const sim = simulated({ voiceCallbackDialing: true });
    const offered = await sim.cc.offer('immediate');
    await sim.cc.accept(offered.id);
    expect((await sim.cc.markDone(offered.id)).state).to.equal('done');
    expect(sim.cc.getCall(offered.callId!)?.state).to.equal('ended');
    await sim.advance(10_000);
    expect(sim.cc.getInteraction(offered.id)?.state).to.equal('done');
    expect(sim.clock.pendingTimers).to.equal(0);
    sim.cc.dispose();
  });
});

describe('SimulatedContactCenter: the language of its data (locale)', () => {
  it('English by default', async () => {
    const sim = simulated();
    expect(sim.cc.locale).to.equal('en');
    expect(labels(await sim.cc.dispositionCodes())).to.include('Information given');
    sim.cc.dispose();
  });

  it('es: dispositions, standard responses and their categories, queue names, case-data labels and instructions in Spanish', async () => {
    const sim = simulated({ locale: 'es-ES' });
    expect(sim.cc.locale).to.equal('es');
    const dispositions = labels(await sim.cc.dispositionCodes());
    expect(dispositions).to.include.members(['Resuelto', 'Información facilitada', 'Sin respuesta', 'Otro']);
    expect(dispositions).to.not.include('Information given');

    const responses = await sim.cc.searchResponses({});
    expect([...new Set(responses.map((r) => r.category))]).to.deep.equal(['Saludos', 'Seguridad', 'Facturación', 'Citas', 'Cierre']);
    expect(responses.find((r) => r.id === 'resp-payment-keypad')).to.include({ title: 'Pago con tarjeta por teclado' });
    expect((await sim.cc.searchResponses({ text: 'teclado' })).map((r) => r.id)).to.deep.equal(['resp-payment-keypad']);
    expect((await sim.cc.searchResponses({ category: 'facturación' })).length).to.equal(2);

    const queues = await sim.cc.searchTargets({ text: '', kinds: ['queue'] });
    expect(queues.map((q) => q.name)).to.deep.equal(['Facturación', 'Soporte técnico', 'Retención', 'Soporte en español']);
    // People keep their names.
    expect((await sim.cc.searchTargets({ text: 'Ana', kinds: ['agent'] }))[0]?.name).to.equal('Ana Ruiz');

    const offered = await sim.cc.offer('immediate');
    expect(offered.caseData.map((f) => f.label)).to.deep.equal(['Nombre', 'Apellidos', 'Cuenta', 'Recorrido en el IVR', 'Espera al ofrecerla']);
    expect(offered.caseData.find((f) => f.key === 'firstname')?.value).to.equal('Margaret');
    expect(offered.instructions).to.equal('El cliente está de viaje: confirme el país antes de levantar el bloqueo.');
    // A Spanish disposition is known by its code, and the interaction gets the Spanish label.
    await sim.cc.accept(offered.id);
    const set = await sim.cc.setDisposition(offered.id, { code: 'RES-INFO', label: 'x' });
    expect(set.disposition).to.deep.equal({ code: 'RES-INFO', label: 'Información facilitada' });
    sim.cc.dispose();
  });

  it('every case-data label of every scenario is Spanish, except the hostile scenario\'s markup', async () => {
    const { SCENARIO_NAMES } = await import('../../src/adapters/simulated/index.js');
    const en = simulated();
    const es = simulated({ locale: 'es' });
    for (const name of SCENARIO_NAMES) {
      const english = await en.cc.offer(name);
      const spanish = await es.cc.offer(name);
      spanish.caseData.forEach((f, i) => {
        if (f.key === '<b>key</b>') return;
        expect(f.label, `${name} ${f.key}`).to.not.equal(english.caseData[i]!.label);
      });
    }
    en.cc.dispose();
    es.cc.dispose();
  });

  it('setting locale changes the directory and later offers; an offered interaction keeps its words', async () => {
    const sim = simulated();
    const before = await sim.cc.offer('web-callback');
    sim.cc.locale = 'es';
    expect((await sim.cc.searchTargets({ text: 'Fact', kinds: ['queue'] })).map((q) => q.name)).to.deep.equal(['Facturación']);
    const after = await sim.cc.offer('web-callback');
    expect(after.caseData.map((f) => f.label)).to.deep.equal(['Asunto', 'Tipo de cuenta', 'Mensaje']);
    expect(sim.cc.getInteraction(before.id)!.caseData.map((f) => f.label)).to.deep.equal(['Subject', 'Account type', 'Message']);
    sim.cc.locale = 'fr';
    expect(sim.cc.locale).to.equal('en');
    expect((await sim.cc.searchTargets({ text: 'Bill', kinds: ['queue'] })).map((q) => q.name)).to.deep.equal(['Billing']);
    sim.cc.dispose();
  });
});
