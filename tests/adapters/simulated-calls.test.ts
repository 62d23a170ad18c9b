import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import type { Interaction } from '../../src/model/interaction.js';
import { lastFor, recordEmitted } from '../helpers/events.js';
import { rejectionOf } from '../helpers/wait.js';
import { simulated } from './simulated-harness.js';

const ana = { kind: 'agent' as const, id: 'agent-ana-ruiz', name: 'Ana Ruiz' };

/** Telephony commands on a callback's call change the interaction through the model. */
describe('SimulatedContactCenter calls and interactions', () => {
  let sim: ReturnType<typeof simulated>;
  let changes: { values: Interaction[] };
  let calls: { values: CallInfo[] };
  beforeEach(() => {
    sim = simulated();
    changes = recordEmitted<Interaction>((l) => sim.cc.onInteraction(l));
    calls = recordEmitted<CallInfo>((l) => sim.cc.onCall(l));
  });
  afterEach(() => sim.cc.dispose());

  describe('calls carry the interaction', () => {
    const connectedVoice = async () => {
      const offered = await sim.cc.offer('immediate');
      return sim.cc.accept(offered.id);
    };

    it('hold, resume and DTMF show in the history; masked digits are hidden there only', async () => {
      const interaction = await connectedVoice();
      const callId = interaction.callId!;
      await sim.cc.sendDtmf(callId, '1');
      await sim.cc.sendDtmf(callId, '4111', { masked: true });
      await sim.cc.hold(callId);
      expect(sim.cc.getInteraction(interaction.id)?.state).to.equal('held');
      await sim.cc.resume(callId);
      const history = sim.cc.getInteraction(interaction.id)!.history.map(({ at: _at, ...rest }) => rest);
      expect(history).to.deep.equal([
        { kind: 'accepted' },
        { kind: 'dtmf', digits: '1', masked: false },
        { kind: 'dtmf', digits: '••••', masked: true },
        { kind: 'hold' },
        { kind: 'resume' },
      ]);
      expect(sim.cc.farEnd(callId).digits).to.equal('14111');
    });

    it('blind transfer ends the interaction with a transfer entry', async () => {
      const interaction = await connectedVoice();
      await sim.cc.blindTransfer(interaction.callId!, { kind: 'queue', id: 'queue-billing', name: 'Billing' });
      const after = sim.cc.getInteraction(interaction.id)!;
      expect(after.state).to.equal('ended');
      expect(after.history.at(-1)).to.deep.include({ kind: 'transfer' });
      expect(sim.cc.farEnd(interaction.callId!).transferredTo).to.equal('6001');
    });

    it('a consultation moves the interaction through held, consultation and transfer', async () => {
      const interaction = await connectedVoice();
      const pending = sim.cc.startConsultation(interaction.callId!, ana);
      await sim.advance(0);
      const held = sim.cc.getInteraction(interaction.id)!;
      expect(held.state).to.equal('held');
      expect(held.consultation).to.deep.include({ target: { ...ana, address: '4101' }, state: 'dialing' });
      // The consultation names its own call, so the agent can end or complete it.
      expect(sim.cc.getCall(held.consultation!.callId!)?.state).to.equal('dialing');
      await sim.advance(3_000);
      const consultation = await pending;
      expect(sim.cc.getInteraction(interaction.id)?.consultation?.state).to.equal('connected');
      await rejectionOf(sim.cc.hangUp(interaction.callId!), 'invalid-state');
      await sim.cc.completeTransfer(interaction.callId!, consultation.id);
      const after = sim.cc.getInteraction(interaction.id)!;
      expect(after.state).to.equal('ended');
      expect(after.history.map((e) => e.kind).slice(-3)).to.deep.equal(['consultation-started', 'consultation-ended', 'transfer']);
    });

    it('a target who never answers fails the consultation after the ring timeout', async () => {
      const interaction = await connectedVoice();
      const devika = { kind: 'agent' as const, id: 'agent-devika-rao', name: 'Devika Rao' };
      const pending = rejectionOf(sim.cc.startConsultation(interaction.callId!, devika), 'target-no-answer');
      await sim.advance(19_999);
      expect(sim.cc.getInteraction(interaction.id)?.consultation?.state).to.equal('dialing');
      await sim.advance(1);
      await pending;
      expect(sim.cc.getInteraction(interaction.id)?.history.at(-1)).to.deep.include({ kind: 'consultation-ended', outcome: 'no-answer' });
    });

    it('a target hanging up the consultation gives the customer back', async () => {
      const interaction = await connectedVoice();
      const pending = sim.cc.startConsultation(interaction.callId!, ana);
      await sim.advance(3_000);
      const consultation = await pending;
      sim.cc.hangUpRemotely(consultation.id);
      expect(sim.cc.getInteraction(interaction.id)).to.include({ state: 'connected', consultation: undefined });
      expect(sim.cc.getCall(interaction.callId!)?.state).to.equal('connected');
    });

    it('the customer hanging up during a consultation ends both calls', async () => {
      const interaction = await connectedVoice();
      const pending = rejectionOf(sim.cc.startConsultation(interaction.callId!, ana), 'aborted');
      await sim.advance(0);
      sim.cc.hangUpRemotely(interaction.callId!);
      await pending;
      expect(sim.cc.getInteraction(interaction.id)?.state).to.equal('ended');
      expect(calls.values.filter((c) => c.state === 'ended').map((c) => c.endedBy)).to.have.members(['local', 'remote']);
    });

    it('remote hold is shown on the call and the interaction', async () => {
      const interaction = await connectedVoice();
      sim.cc.setRemoteHold(interaction.callId!, true);
      expect(sim.cc.getCall(interaction.callId!)?.remoteHold).to.equal(true);
      expect(sim.cc.getInteraction(interaction.id)?.remoteHold).to.equal(true);
    });

    it('an edited contact shows on the open interaction', async () => {
      const interaction = await connectedVoice();
      const contact = await sim.cc.getContact(interaction.contact.id!);
      await sim.cc.updateContact({ ...contact, id: contact.id!, email: 'margaret@example.org' });
      expect(lastFor(changes.values, interaction.id)?.contact.email).to.equal('margaret@example.org');
      const error = await rejectionOf(
        sim.cc.updateContact({ ...contact, id: contact.id!, timeZone: 'Europe/Atlantis' }),
        'invalid-input',
      );
      expect(error.detail.field).to.equal('timeZone');
      expect((await sim.cc.getContact(contact.id!)).timeZone).to.equal('Europe/London');
    });
  });
});
