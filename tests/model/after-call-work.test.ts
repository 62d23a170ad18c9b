import { expect } from '@open-wc/testing';
import { afterCallWorkDeadline, afterCallWorkSince } from '../../src/model/after-call-work.js';
import { transition, type InteractionEvent } from '../../src/model/state-machine.js';
import type { Interaction } from '../../src/model/interaction.js';
import { makeInteraction, T0 } from '../helpers/fixtures.js';

/** Each event one second after the previous one, from T0. */
function run(start: Interaction, ...events: InteractionEvent[]): Interaction {
  return events.reduce((i, e, n) => transition(i, e, T0 + n * 1000), start);
}

describe('after-call work', () => {
  it('voice: from the hang-up until Mark done', () => {
    const connected = run(makeInteraction(), { type: 'accept' });
    expect(afterCallWorkSince(connected)).to.equal(undefined);
    const ended = run(connected, { type: 'dtmf', digits: '1', masked: false }, { type: 'hang-up', by: 'contact' });
    expect(afterCallWorkSince(ended)).to.equal(T0 + 1000);
    expect(afterCallWorkSince(run(ended, { type: 'note', text: 'called back' }))).to.equal(T0 + 1000);
    expect(afterCallWorkSince(run(ended, { type: 'done' }))).to.equal(undefined);
  });

  it('voice: after a transfer or leaving a conference too', () => {
    const target = { kind: 'agent' as const, id: 'a', name: 'A', address: '2' };
    expect(afterCallWorkSince(run(makeInteraction(), { type: 'accept' }, { type: 'transfer', target }))).to.equal(T0 + 1000);
    const left = run(makeInteraction(), { type: 'accept' }, { type: 'conference', target }, { type: 'leave-conference' });
    expect(afterCallWorkSince(left)).to.equal(T0 + 2000);
  });

  it('web callback: after a call, until the agent dials again; never before the first call', () => {
    const web = makeInteraction({ channel: 'web-callback' });
    const ready = run(web, { type: 'accept' });
    expect(afterCallWorkSince(ready)).to.equal(undefined);
    const after = run(ready, { type: 'dial', number: '+34912345678' }, { type: 'answered' }, { type: 'hang-up', by: 'agent' });
    expect(after.state).to.equal('ready-to-call');
    expect(afterCallWorkSince(after)).to.equal(T0 + 2000);
    const redial = run(after, { type: 'dial', number: '+34912345678' }, { type: 'dial-failed', result: 'busy' });
    expect(afterCallWorkSince(redial), 'dialled again, not reached').to.equal(undefined);
  });

  it('the deadline is the start plus the policy limit; none without a limit', () => {
    const ended = run(makeInteraction(), { type: 'accept' }, { type: 'hang-up', by: 'agent' });
    expect(afterCallWorkDeadline(ended, { afterCallWorkLimitMs: 60_000 })).to.equal(T0 + 61_000);
    expect(afterCallWorkDeadline(ended, {})).to.equal(undefined);
    expect(afterCallWorkDeadline(ended, { afterCallWorkLimitMs: 0 })).to.equal(undefined);
    expect(afterCallWorkDeadline(run(makeInteraction(), { type: 'accept' }), { afterCallWorkLimitMs: 60_000 })).to.equal(undefined);
  });
});
