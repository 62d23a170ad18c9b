import { expect } from '@open-wc/testing';
import { InvalidTransitionError, transition, type InteractionEvent } from '../../src/model/state-machine.js';
import type { Interaction, TargetRef } from '../../src/model/interaction.js';
import { makeInteraction, T0 } from '../helpers/fixtures.js';

const target: TargetRef = { kind: 'agent', id: 'a-2', name: 'Luis Pérez', address: '2002' };

function run(start: Interaction, ...events: InteractionEvent[]): Interaction {
  return events.reduce((i, e, n) => transition(i, e, T0 + n * 1000), start);
}

describe('interaction state machine', () => {
  describe('offer', () => {
    it('voice: accept connects the call and logs it', () => {
      const i = run(makeInteraction(), { type: 'accept' });
      expect(i.state).to.equal('connected');
      expect(i.connectedAt).to.equal(T0);
      expect(i.history.map((h) => h.kind)).to.deep.equal(['accepted']);
    });
    it('voice placed by the service: ready to call, then dialing, then connected', () => {
      let i = run(makeInteraction(), { type: 'accept', serviceDials: true });
      expect(i.state).to.equal('ready-to-call');
      expect(i.connectedAt).to.equal(undefined);
      i = run(i, { type: 'dial', number: '+442079460123' });
      expect(i.state).to.equal('dialing');
      i = run(i, { type: 'answered' });
      expect(i.state).to.equal('connected');
      expect(i.attempts.map((a) => [a.number, a.result])).to.deep.equal([['+442079460123', 'connected']]);
      expect(i.history.map((h) => h.kind)).to.deep.equal(['accepted', 'dial']);
    });
    it('web callback: accept opens the preview, ready to call', () => {
      expect(run(makeInteraction({ channel: 'web-callback' }), { type: 'accept' }).state).to.equal('ready-to-call');
    });
    it('reject, expire and revoke close the offer', () => {
      expect(run(makeInteraction(), { type: 'reject' }).state).to.equal('rejected');
      expect(run(makeInteraction(), { type: 'expire' }).state).to.equal('expired');
      expect(run(makeInteraction(), { type: 'revoke' }).state).to.equal('revoked');
    });
    it('a closed offer cannot be accepted', () => {
      const expired = run(makeInteraction(), { type: 'expire' });
      expect(() => transition(expired, { type: 'accept' }, T0)).to.throw(InvalidTransitionError, /accept/);
    });
    it('does not change the input', () => {
      const start = makeInteraction();
      run(start, { type: 'accept' });
      expect(start.state).to.equal('offered');
      expect(start.history).to.have.length(0);
    });
  });

  describe('web callback call cycle', () => {
    const web = () => run(makeInteraction({ channel: 'web-callback' }), { type: 'accept' });

    it('ready to call → dialing → connected ⇄ held → ready to call after hang-up → done', () => {
      let i = run(web(), { type: 'dial', number: '+34912345678' });
      expect(i.state).to.equal('dialing');
      i = run(i, { type: 'answered' });
      expect(i.state).to.equal('connected');
      expect(i.attempts.map((a) => a.result)).to.deep.equal(['connected']);
      i = run(i, { type: 'hold' });
      expect(i.state).to.equal('held');
      i = run(i, { type: 'resume' }, { type: 'hang-up', by: 'contact' });
      expect(i.state).to.equal('ready-to-call');
      i = run(i, { type: 'done' });
      expect(i.state).to.equal('done');
      expect(i.history.map((h) => h.kind)).to.deep.equal(['accepted', 'dial', 'hold', 'resume', 'hang-up', 'done']);
    });

    it('a failed attempt is recorded with its result and the number dialed', () => {
      const i = run(web(), { type: 'dial', number: '+34600000000' }, { type: 'dial-failed', result: 'no-answer' });
      expect(i.state).to.equal('ready-to-call');
      expect(i.attempts).to.have.length(1);
      expect(i.attempts[0]).to.include({ number: '+34600000000', result: 'no-answer' });
    });

    it('cancelling while dialing records a cancelled attempt', () => {
      const i = run(web(), { type: 'dial', number: '+34600000000' }, { type: 'hang-up', by: 'agent' });
      expect(i.state).to.equal('ready-to-call');
      expect(i.attempts[0]!.result).to.equal('cancelled');
    });

    it('cannot dial twice or mark done during a call', () => {
      const dialing = run(web(), { type: 'dial', number: '1' });
      expect(() => transition(dialing, { type: 'dial', number: '1' }, T0)).to.throw(InvalidTransitionError);
      const connected = run(dialing, { type: 'answered' });
      expect(() => transition(connected, { type: 'done' }, T0)).to.throw(InvalidTransitionError);
    });
  });

  describe('voice call actions', () => {
    const connected = () => run(makeInteraction(), { type: 'accept' });

    it('hang-up ends a voice call; done closes it', () => {
      const i = run(connected(), { type: 'hang-up', by: 'agent' }, { type: 'done' });
      expect(i.state).to.equal('done');
    });

    it('DTMF is logged only while connected, masked when asked', () => {
      const i = run(connected(), { type: 'dtmf', digits: '••••', masked: true });
      expect(i.history.at(-1)).to.include({ kind: 'dtmf', digits: '••••', masked: true });
      const held = run(i, { type: 'hold' });
      expect(() => transition(held, { type: 'dtmf', digits: '1', masked: false }, T0)).to.throw(InvalidTransitionError);
    });

    it('instant transfer ends our part of the call', () => {
      const i = run(connected(), { type: 'transfer', target });
      expect(i.state).to.equal('ended');
      expect(i.history.at(-1)).to.deep.include({ kind: 'transfer', target });
    });

    it('instant conference keeps the call connected', () => {
      expect(run(connected(), { type: 'conference', target }).state).to.equal('connected');
    });

    it('a conference member is listed until they leave; leaving is logged', () => {
      const other: TargetRef = { kind: 'queue', id: 'q-1', name: 'Billing' };
      let i = run(connected(), { type: 'conference', target }, { type: 'conference', target: other });
      expect(i.participants!.map((p) => p.id)).to.deep.equal(['a-2', 'q-1']);
      i = run(i, { type: 'participant-left', target });
      expect(i.participants!.map((p) => p.id)).to.deep.equal(['q-1']);
      expect(i.history.at(-1)).to.deep.include({ kind: 'participant-left', target });
      expect(() => transition(i, { type: 'participant-left', target }, T0)).to.throw(InvalidTransitionError);
      expect(run(i, { type: 'hang-up', by: 'contact' }).participants).to.deep.equal([]);
    });

    it('remote hold is a flag, not the agent hold', () => {
      const i = run(connected(), { type: 'remote-hold', held: true });
      expect(i.state).to.equal('connected');
      expect(i.remoteHold).to.equal(true);
    });
  });

  describe('consultation', () => {
    const consulting = () => run(makeInteraction(), { type: 'accept' }, { type: 'consult-start', target });

    it('holds the customer while consulting', () => {
      const i = consulting();
      expect(i.state).to.equal('held');
      expect(i.consultation).to.deep.equal({ target, state: 'dialing' });
      expect(i.history.map((h) => h.kind)).to.deep.equal(['accepted', 'hold', 'consultation-started']);
    });

    it('cannot resume the customer while a consultation is active; ending it returns to them', () => {
      const i = run(consulting(), { type: 'consult-answered' });
      expect(() => transition(i, { type: 'resume' }, T0)).to.throw(InvalidTransitionError);
      const back = run(i, { type: 'consult-end' });
      expect(back.state).to.equal('connected');
      expect(back.consultation).to.equal(undefined);
    });

    it('a declined consultation leaves the customer on hold', () => {
      const i = run(consulting(), { type: 'consult-failed', outcome: 'declined' });
      expect(i.state).to.equal('held');
      expect(i.consultation).to.equal(undefined);
      expect(i.history.at(-1)).to.deep.include({ kind: 'consultation-ended', outcome: 'declined' });
    });

    it('transfer to the consulted party ends our call; conference keeps it', () => {
      const answered = run(consulting(), { type: 'consult-answered' });
      expect(run(answered, { type: 'consult-transfer' }).state).to.equal('ended');
      const conf = run(answered, { type: 'consult-conference' });
      expect(conf.state).to.equal('connected');
      expect(conf.history.at(-1)).to.deep.include({ kind: 'conference', target });
    });

    it('cannot complete a transfer before the consulted party answers', () => {
      expect(() => transition(consulting(), { type: 'consult-transfer' }, T0)).to.throw(InvalidTransitionError);
    });
  });

  describe('wrap-up', () => {
    it('reschedule sets the new desired time and logs the reason', () => {
      const i = run(makeInteraction(), { type: 'accept' }, { type: 'reschedule', time: T0 + 86_400_000, reason: 'busy' });
      expect(i.desiredTime).to.equal(T0 + 86_400_000);
      expect(i.history.at(-1)).to.include({ kind: 'rescheduled', reason: 'busy' });
      expect(i.state, 'a voice callback stays with the agent').to.equal('connected');
    });

    it('a web callback scheduled for another time is closed, like one marked done, with the reschedule as its last entry', () => {
      const web = makeInteraction({ channel: 'web-callback' });
      const i = run(web, { type: 'accept' }, { type: 'reschedule', time: T0 + 86_400_000, reason: 'no-answer' });
      expect(i.state).to.equal('done');
      expect(i.desiredTime).to.equal(T0 + 86_400_000);
      expect(i.history.map((h) => h.kind)).to.deep.equal(['accepted', 'rescheduled']);
      expect(() => transition(i, { type: 'done' }, T0 + 5_000)).to.throw(InvalidTransitionError);
      expect(() => transition(i, { type: 'reschedule', time: T0 + 2 * 86_400_000 }, T0 + 5_000)).to.throw(InvalidTransitionError);
      // Not during a call: the call must end first, as for Done.
      const connected = run(web, { type: 'accept' }, { type: 'dial', number: '+442079460123' }, { type: 'answered' });
      expect(() => transition(connected, { type: 'reschedule', time: T0 + 86_400_000 }, T0 + 5_000)).to.throw(InvalidTransitionError);
    });

    it('notes join the history; the draft is cleared', () => {
      let i = run(makeInteraction(), { type: 'accept' }, { type: 'note-draft', text: 'wants a refund' });
      expect(i.note).to.equal('wants a refund');
      i = run(i, { type: 'note', text: 'wants a refund' });
      expect(i.note).to.equal('');
      expect(i.history.at(-1)).to.include({ kind: 'note', text: 'wants a refund' });
    });

    it('disposition is recorded; not possible on an offer', () => {
      const d = { code: 'SALE', label: 'Sale' };
      const i = run(makeInteraction(), { type: 'accept' }, { type: 'disposition', disposition: d });
      expect(i.disposition).to.deep.equal(d);
      expect(() => transition(makeInteraction(), { type: 'disposition', disposition: d }, T0)).to.throw(InvalidTransitionError);
    });
  });
});

describe('interaction state machine: mute, alternate, per-party conference control', () => {
  const connected = () => run(makeInteraction(), { type: 'accept' });
  const other: TargetRef = { kind: 'queue', id: 'q-1', name: 'Billing', address: '3001' };

  it('mute is a flag of the call, kept through hold, cleared when the call ends', () => {
    const muted = run(connected(), { type: 'mute', muted: true });
    expect(muted).to.include({ state: 'connected', muted: true });
    expect(muted.history.map((h) => h.kind), 'not case history').to.deep.equal(['accepted']);
    expect(() => transition(muted, { type: 'mute', muted: true }, T0)).to.throw(InvalidTransitionError);
    expect(run(muted, { type: 'hold' }, { type: 'resume' }).muted).to.equal(true);
    expect(run(muted, { type: 'mute', muted: false }).muted).to.equal(false);
    expect(run(muted, { type: 'hang-up', by: 'contact' }).muted).to.equal(undefined);
    expect(() => transition(run(muted, { type: 'hang-up', by: 'agent' }), { type: 'mute', muted: false }, T0)).to.throw(InvalidTransitionError);
  });

  it('alternate swaps the held party during an answered consultation; the customer call logs hold and resume', () => {
    const answered = run(connected(), { type: 'consult-start', target, callId: 'c-2' }, { type: 'consult-answered' });
    expect(() => transition(run(connected(), { type: 'consult-start', target }), { type: 'alternate' }, T0), 'not before the answer').to.throw(InvalidTransitionError);
    const toCustomer = run(answered, { type: 'alternate' });
    expect(toCustomer.state).to.equal('connected');
    expect(toCustomer.consultation).to.deep.equal({ target, state: 'connected', callId: 'c-2', held: true });
    expect(toCustomer.history.at(-1)).to.include({ kind: 'resume' });
    expect(() => transition(toCustomer, { type: 'hold' }, T0), 'no plain hold while consulting').to.throw(InvalidTransitionError);
    const back = run(toCustomer, { type: 'alternate' });
    expect(back.state).to.equal('held');
    expect(back.consultation).to.deep.equal({ target, state: 'connected', callId: 'c-2' });
    expect(back.history.at(-1)).to.include({ kind: 'hold' });
    // Ending the consultation with the customer already on the line logs no second resume.
    const ended = run(toCustomer, { type: 'consult-end' });
    expect(ended.state).to.equal('connected');
    expect(ended.history.slice(-2).map((h) => h.kind)).to.deep.equal(['resume', 'consultation-ended']);
    expect(run(toCustomer, { type: 'consult-conference' })).to.include({ state: 'connected' });
    expect(run(toCustomer, { type: 'consult-transfer' })).to.include({ state: 'ended' });
  });

  it('leaving a conference ends the agent\'s call and logs it; not without a conference', () => {
    expect(() => transition(connected(), { type: 'leave-conference' }, T0)).to.throw(InvalidTransitionError);
    const left = run(connected(), { type: 'conference', target: other }, { type: 'mute', muted: true }, { type: 'leave-conference' });
    expect(left).to.include({ state: 'ended', muted: undefined });
    expect(left.participants).to.deep.equal([]);
    expect(left.history.at(-1)).to.include({ kind: 'left-conference' });
    expect(run(left, { type: 'done' }).state).to.equal('done');
  });
});
