import { expect } from '@open-wc/testing';
import {
  actionAvailability,
  allowedActions,
  INTERACTION_ACTIONS,
  type ActionAvailability,
  type InteractionAction,
} from '../../src/model/actions.js';
import { INTERACTION_STATES, type Interaction, type InteractionState } from '../../src/model/interaction.js';
import { offerRejectable } from '../../src/model/policy.js';
import { inState } from '../helpers/fixtures.js';

/**
 * The specification, written out by hand: for each state, the actions a toolbar shows enabled and
 * those it shows disabled (with why). Everything not listed is hidden.
 */
type Row = { enabled: InteractionAction[]; disabled?: Partial<Record<InteractionAction, string>> };
const WRAP_UP: InteractionAction[] = ['set-disposition', 'note', 'participant-menu'];
const SPEC: Record<InteractionState, Row> = {
  offered: { enabled: ['accept', 'reject'] },
  rejected: { enabled: [] },
  expired: { enabled: [] },
  revoked: { enabled: [] },
  done: { enabled: [] },
  'ready-to-call': { enabled: ['call', 'reschedule', 'mark-done', ...WRAP_UP] },
  dialing: {
    enabled: ['end-call', ...WRAP_UP],
    disabled: {
      hold: 'wrong-state',
      mute: 'wrong-state',
      transfer: 'wrong-state',
      conference: 'wrong-state',
      dtmf: 'wrong-state',
      consult: 'wrong-state',
      reschedule: 'wrong-state',
      'mark-done': 'call-active',
    },
  },
  connected: {
    enabled: ['end-call', 'hold', 'mute', 'transfer', 'conference', 'dtmf', 'consult', 'reschedule', ...WRAP_UP],
    disabled: { 'mark-done': 'call-active' },
  },
  held: {
    enabled: ['end-call', 'resume', 'mute', 'transfer', 'conference', 'consult', 'reschedule', ...WRAP_UP],
    disabled: { dtmf: 'wrong-state', 'mark-done': 'call-active' },
  },
  ended: { enabled: ['reschedule', 'mark-done', ...WRAP_UP] },
};

/** Where a web callback differs: Schedule callback closes it, like Done, so not during a call. */
const WEB: Partial<Record<InteractionState, Row>> = {
  connected: {
    enabled: SPEC.connected.enabled.filter((a) => a !== 'reschedule'),
    disabled: { ...SPEC.connected.disabled, reschedule: 'call-active' },
  },
  held: {
    enabled: SPEC.held.enabled.filter((a) => a !== 'reschedule'),
    disabled: { ...SPEC.held.disabled, reschedule: 'call-active' },
  },
};

function expectRow(interaction: Interaction, row: Row, label: string) {
  for (const action of INTERACTION_ACTIONS) {
    const got = actionAvailability(interaction, action);
    const wantDisabled = row.disabled?.[action];
    const want = row.enabled.includes(action) ? 'enabled' : wantDisabled ? 'disabled' : 'hidden';
    expect(got.status, `${label} × ${action}`).to.equal(want);
    if (wantDisabled) expect((got as Extract<ActionAvailability, { status: 'disabled' }>).reason, `${label} × ${action}`).to.equal(wantDisabled);
  }
}

describe('allowed actions: every state × action', () => {
  for (const state of INTERACTION_STATES) {
    it(`web callback, ${state}`, () => {
      expectRow(inState(state, { channel: 'web-callback' }), { ...SPEC[state], ...WEB[state] }, `web/${state}`);
    });
    it(`voice, ${state}`, () => {
      // Voice never offers "Call": the callback service dials.
      const row = { ...SPEC[state], enabled: SPEC[state].enabled.filter((a) => a !== 'call') };
      expectRow(inState(state), row, `voice/${state}`);
    });
  }

  const target = { kind: 'agent' as const, id: 'a', name: 'A' };
  it('held with a consultation still ringing', () => {
    expectRow(inState('held', { consultation: { target, state: 'dialing' } }), {
      enabled: ['consult-end', 'mute', 'reschedule', ...WRAP_UP],
      disabled: {
        'end-call': 'consultation-active',
        resume: 'consultation-active',
        transfer: 'consultation-active',
        conference: 'consultation-active',
        consult: 'consultation-active',
        'consult-transfer': 'consultation-not-connected',
        'consult-conference': 'consultation-not-connected',
        alternate: 'consultation-not-connected',
        dtmf: 'wrong-state',
        'mark-done': 'call-active',
      },
    }, 'consultation dialing');
  });

  it('held with the consulted party on the line', () => {
    const all = allowedActions(inState('held', { consultation: { target, state: 'connected' } }));
    expect(all['consult-transfer'].status).to.equal('enabled');
    expect(all['consult-conference'].status).to.equal('enabled');
    expect(all['consult-end'].status).to.equal('enabled');
    expect(all.alternate.status).to.equal('enabled');
  });

  it('after Alternate: talking with the customer, the consulted party on hold', () => {
    expectRow(inState('connected', { consultation: { target, state: 'connected', held: true } }), {
      enabled: ['alternate', 'consult-transfer', 'consult-conference', 'consult-end', 'mute', 'dtmf', 'reschedule', ...WRAP_UP],
      disabled: {
        'end-call': 'consultation-active',
        hold: 'consultation-active',
        transfer: 'consultation-active',
        conference: 'consultation-active',
        consult: 'consultation-active',
        'mark-done': 'call-active',
      },
    }, 'alternated');
  });

  it('muted: Unmute instead of Mute, while the call lasts', () => {
    expect(actionAvailability(inState('connected', { muted: true }), 'mute').status).to.equal('hidden');
    expect(actionAvailability(inState('connected', { muted: true }), 'unmute').status).to.equal('enabled');
    expect(actionAvailability(inState('held', { muted: true }), 'unmute').status).to.equal('enabled');
    expect(actionAvailability(inState('connected'), 'unmute').status).to.equal('hidden');
  });

  it('in a conference: remove a party and leave the conference, not while consulting', () => {
    const participants = [{ kind: 'agent' as const, id: 'b', name: 'B', address: '200' }];
    const conference = inState('connected', { participants });
    expect(actionAvailability(conference, 'remove-participant').status).to.equal('enabled');
    expect(actionAvailability(conference, 'leave-conference').status).to.equal('enabled');
    expect(actionAvailability(inState('connected'), 'remove-participant').status).to.equal('hidden');
    expect(actionAvailability(inState('connected'), 'leave-conference').status).to.equal('hidden');
    const consulting = inState('held', { participants, consultation: { target, state: 'connected' } });
    expect(actionAvailability(consulting, 'remove-participant')).to.deep.equal({ status: 'disabled', reason: 'consultation-active' });
    expect(actionAvailability(conference, 'leave-conference', { capabilities: { leaveConference: false } })).to.deep.equal({ status: 'hidden', reason: 'not-supported' });
    expect(actionAvailability(conference, 'remove-participant', { policy: { canConference: false } })).to.deep.equal({ status: 'hidden', reason: 'not-permitted' });
  });
});

describe('allowed actions: policy and capabilities', () => {
  it('reject hidden without the privilege or when the offer forbids it', () => {
    expect(actionAvailability(inState('offered'), 'reject', { policy: { canReject: false } })).to.deep.equal({ status: 'hidden', reason: 'not-permitted' });
    const offer = { offeredAt: 0, expiresAt: 1, canReject: false };
    expect(actionAvailability(inState('offered', { offer }), 'reject').status).to.equal('hidden');
    expect(actionAvailability(inState('offered', { offer }), 'accept').status).to.equal('enabled');
  });

  it("the notification's Reject (offerRejectable, without the action table) is enabled exactly when actionAvailability says so", () => {
    const offers = [{ offeredAt: 0, expiresAt: 1, canReject: true }, { offeredAt: 0, expiresAt: 1, canReject: false }];
    const policies = [undefined, {}, { canReject: true }, { canReject: false }, { canReject: undefined }, { canReschedule: false }];
    let enabled = 0;
    for (const state of INTERACTION_STATES) {
      for (const offer of offers) {
        for (const policy of policies) {
          const interaction = inState(state, { offer });
          const expected = actionAvailability(interaction, 'reject', policy && { policy }).status === 'enabled';
          if (expected) enabled++;
          expect(offerRejectable(interaction, policy), `${state}, offer canReject ${offer.canReject}, policy ${JSON.stringify(policy)}`).to.equal(expected);
        }
      }
    }
    expect(enabled, 'some cases allow Reject').to.equal(4);
  });

  it('mark done waits for a disposition when it is mandatory', () => {
    const policy = { dispositionMandatory: true };
    expect(actionAvailability(inState('ended'), 'mark-done', { policy })).to.deep.equal({ status: 'disabled', reason: 'disposition-required' });
    const disposed = inState('ended', { disposition: { code: 'SALE', label: 'Sale' } });
    expect(actionAvailability(disposed, 'mark-done', { policy }).status).to.equal('enabled');
  });

  it("a disposition the agent chose but the service does not have yet satisfies a mandatory one (it goes with Mark done)", () => {
    const policy = { dispositionMandatory: true };
    const chosenDisposition = { code: 'SALE', label: 'Sale' };
    expect(actionAvailability(inState('ended'), 'mark-done', { policy, chosenDisposition }).status).to.equal('enabled');
    expect(actionAvailability(inState('connected'), 'mark-done', { policy, chosenDisposition })).to.deep.equal({ status: 'disabled', reason: 'call-active' });
  });

  it('schedule callback before any call only when policy permits', () => {
    const web = inState('ready-to-call', { channel: 'web-callback' });
    expect(actionAvailability(web, 'reschedule', { policy: { canRescheduleBeforeCall: false } })).to.deep.equal({ status: 'disabled', reason: 'no-call-yet' });
    const tried = { ...web, attempts: [{ at: 0, number: '1', result: 'no-answer' as const }] };
    expect(actionAvailability(tried, 'reschedule', { policy: { canRescheduleBeforeCall: false } }).status).to.equal('enabled');
  });

  const gated: [InteractionAction, string, string][] = [
    ['hold', 'hold', ''],
    ['mute', 'mute', ''],
    ['dtmf', 'dtmf', 'canDtmf'],
    ['transfer', 'blindTransfer', 'canTransfer'],
    ['conference', 'conference', 'canConference'],
    ['consult', 'consultation', 'canConsult'],
    ['reschedule', 'reschedule', 'canReschedule'],
  ];
  for (const [action, capability, privilege] of gated) {
    it(`${action}: hidden when the adapter cannot (${capability})${privilege ? ` or the agent may not (${privilege})` : ''}`, () => {
      const connected = inState('connected');
      expect(actionAvailability(connected, action).status).to.equal('enabled');
      expect(actionAvailability(connected, action, { capabilities: { [capability]: false } })).to.deep.equal({ status: 'hidden', reason: 'not-supported' });
      if (privilege) {
        expect(actionAvailability(connected, action, { policy: { [privilege]: false } })).to.deep.equal({ status: 'hidden', reason: 'not-permitted' });
      }
    });
  }

  it('call hidden when the telephony adapter cannot dial', () => {
    const web = inState('ready-to-call', { channel: 'web-callback' });
    expect(actionAvailability(web, 'call', { capabilities: { dial: false } }).status).to.equal('hidden');
  });

  it('participant menu disabled when the contact has no other channel', () => {
    const contact = { name: 'X', phone: '+34912345678' };
    expect(actionAvailability(inState('connected', { contact }), 'participant-menu')).to.deep.equal({ status: 'disabled', reason: 'no-other-channel' });
  });

  it('disposition hidden without the privilege', () => {
    expect(actionAvailability(inState('ended'), 'set-disposition', { policy: { canSetDisposition: false } }).status).to.equal('hidden');
  });
});
