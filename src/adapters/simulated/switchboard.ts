import type { TargetRef } from '../../model/interaction.js';
import { validateDtmf, validatePhoneNumber } from '../../model/validation.js';
import { AdapterError } from '../errors.js';
import type { CallInfo, DialRequest } from '../telephony-adapter.js';
import { dialAttempt, type ContactBehaviour } from './behaviour.js';
import type { CallContext } from './call-context.js';
import type { SimulatedCall } from './calls.js';

export interface RingInOptions {
  interactionId?: string;
  data?: Readonly<Record<string, string>>;
  behaviour?: ContactBehaviour;
  /** Store without publishing yet: the caller publishes once the interaction exists. */
  quiet?: boolean;
}

const MASK = '•';

/**
 * Basic call control: ringing, dialing and its outcome, hold, DTMF, hang-up, blind transfer and
 * instant conference. Each command checks the call, then the interaction it carries, and only then
 * changes both.
 */
export class Switchboard {
  readonly #ctx: CallContext;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
  }

  /** A call from the far end: a voice callback being routed, or any caller. */
  ringIn(remote: string, options: RingInOptions = {}): SimulatedCall {
    return this.#ctx.calls.add({
      info: {
        id: this.#ctx.nextId('call'),
        direction: 'inbound',
        state: 'ringing',
        remote,
        ...(options.interactionId ? { interactionId: options.interactionId } : {}),
        ...(options.data ? { data: options.data } : {}),
      },
      behaviour: options.behaviour ?? this.#ctx.behaviourFor(undefined, remote),
      digits: '',
      joined: [],
    }, options.quiet);
  }

  /** Picks up a ringing inbound call. */
  answer(callId: string): CallInfo {
    const call = this.#ringingInbound(callId, 'answer');
    this.#ctx.calls.update(call, { state: 'connected' });
    this.#ctx.connected(call);
    return call.info;
  }

  /**
   * The callback service places an accepted voice callback (the ringing call that brought it) to
   * the contact: after `afterMs` it dials them, and their script decides the rest, as for a call
   * the agent dials.
   */
  placeCallback(callId: string, afterMs: number): void {
    const call = this.#ringingInbound(callId, 'place');
    this.#ctx.calls.update(call, { state: 'dialing' });
    this.#ctx.calls.schedule(
      call,
      () => {
        this.#ctx.remoteEvent(call, [{ type: 'dial', number: call.info.remote }]);
        this.#ring(call, 0);
      },
      afterMs,
    );
  }

  decline(callId: string): void {
    this.#ctx.calls.end(this.#ringingInbound(callId, 'decline'), 'local');
  }

  async dial(request: DialRequest): Promise<CallInfo> {
    const { interactions } = this.#ctx;
    const checkInteraction = () => {
      // An interaction the center does not hold is another callback adapter's (GMS, the phone
      // adapter's) over this phone: the call only carries its id, and that adapter follows it.
      const interaction = request.interactionId ? interactions.get(request.interactionId) : undefined;
      if (!interaction) return undefined;
      interactions.assertAllowed(interaction, 'call');
      return interaction;
    };
    checkInteraction();
    const checked = await validatePhoneNumber(request.number);
    if (!checked.ok) {
      throw new AdapterError('invalid-input', checked.message, { detail: { field: 'number', validation: checked.code } });
    }
    const number = checked.value.e164;
    // The number check waited for the phone library: the interaction may have moved on meanwhile.
    const interaction = checkInteraction();
    const callId = this.#ctx.nextId('call');
    const next = interaction && interactions.next(interaction, [{ type: 'dial', number }], { callId });
    const call = this.#ctx.calls.add({
      info: {
        id: callId,
        direction: 'outbound',
        state: 'dialing',
        remote: number,
        ...(request.interactionId ? { interactionId: request.interactionId } : {}),
      },
      behaviour: this.#ctx.behaviourFor(request.interactionId, number),
      digits: '',
      joined: [],
    });
    if (next) interactions.commit(next);
    const attempt = interaction ? interaction.attempts.filter((a) => a.result !== 'cancelled').length : 0;
    this.#ring(call, attempt);
    return call.info;
  }

  hangUp(callId: string): void {
    const { calls } = this.#ctx;
    const call = calls.requireIn(callId, ['ringing', 'dialing', 'connected', 'held'], 'hang up');
    if (call.consultationOf) {
      this.#ctx.returnFromConsultation(calls.require(call.consultationOf), 'local');
      return;
    }
    if (call.info.state === 'ringing') {
      this.decline(callId);
      return;
    }
    this.#refuseDuringConsultation(call, 'hang up');
    const commit = this.#ctx.prepare(call, 'end-call', [{ type: 'hang-up', by: 'agent' }]);
    calls.end(call, 'local', call.info.state === 'dialing' ? { dialResult: 'cancelled' } : {});
    commit();
  }

  hold(callId: string): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['connected'], 'hold');
    const commit = this.#ctx.prepare(call, 'hold', [{ type: 'hold' }]);
    this.#ctx.calls.update(call, { state: 'held' });
    commit();
    return call.info;
  }

  resume(callId: string): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['held'], 'resume');
    this.#refuseDuringConsultation(call, 'resume');
    const commit = this.#ctx.prepare(call, 'resume', [{ type: 'resume' }]);
    this.#ctx.calls.update(call, { state: 'connected' });
    commit();
    return call.info;
  }

  /** Sends the digits; the case history gets them, or one `•` per digit when `masked`. */
  sendDtmf(callId: string, raw: string, masked: boolean): void {
    const checked = validateDtmf(raw);
    if (!checked.ok) {
      throw new AdapterError('invalid-input', checked.message, { detail: { field: 'digits', validation: checked.code } });
    }
    const digits = checked.value;
    const call = this.#ctx.calls.requireIn(callId, ['connected'], 'send DTMF on');
    const recorded = masked ? MASK.repeat(digits.length) : digits;
    const commit = this.#ctx.prepare(call, 'dtmf', [{ type: 'dtmf', digits: recorded, masked }]);
    call.digits += digits;
    commit();
  }

  blindTransfer(callId: string, target: TargetRef): void {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], 'transfer');
    this.#refuseDuringConsultation(call, 'transfer');
    const resolved = this.#ctx.resolveTarget(target, call.info.interactionId);
    const commit = this.#ctx.prepare(call, 'transfer', [{ type: 'transfer', target: resolved.target }]);
    call.transferredTo = resolved.address;
    this.#ctx.calls.end(call, 'local');
    commit();
  }

  conference(callId: string, target: TargetRef): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], 'conference on');
    this.#refuseDuringConsultation(call, 'conference on');
    const resolved = this.#ctx.resolveTarget(target, call.info.interactionId);
    const commit = this.#ctx.prepare(call, 'conference', [{ type: 'conference', target: resolved.target }]);
    call.joined.push(resolved.address);
    this.#ctx.calls.update(call, { state: 'connected', participants: [...call.joined] });
    commit();
    return call.info;
  }

  /** Mutes or unmutes the agent on the call; the same value again changes nothing. */
  mute(callId: string, muted: boolean): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], muted ? 'mute' : 'unmute');
    if (!!call.info.muted === muted) return call.info;
    const commit = this.#ctx.prepare(call, muted ? 'mute' : 'unmute', [{ type: 'mute', muted }]);
    this.#ctx.calls.update(call, { muted });
    commit();
    return call.info;
  }

  /** The agent drops one party from the conference; the contact and the others stay. */
  removeParticipant(callId: string, target: TargetRef): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], 'remove a party from');
    this.#refuseDuringConsultation(call, 'remove a party');
    const address = target.address ?? this.#ctx.directory.findTarget(target.id)?.address ?? target.id;
    if (!call.joined.includes(address)) throw new AdapterError('not-found', `${target.name} is not in the conference on call ${callId}.`);
    const interaction = call.info.interactionId ? this.#ctx.interactions.get(call.info.interactionId) : undefined;
    const member = interaction?.participants?.find((p) => p.id === target.id || (p.address ?? p.id) === address) ?? target;
    const commit = this.#ctx.prepare(call, 'remove-participant', [{ type: 'participant-left', target: member }]);
    call.joined = call.joined.filter((a) => a !== address);
    this.#ctx.calls.update(call, { participants: [...call.joined] });
    commit();
    return call.info;
  }

  /** The agent leaves the conference: the call ends for them; the contact and the others talk on. */
  leaveConference(callId: string): void {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], 'leave the conference on');
    this.#refuseDuringConsultation(call, 'leave the conference');
    if (call.joined.length === 0) {
      throw new AdapterError('invalid-state', `Call ${callId} is not a conference.`, { detail: { state: call.info.state } });
    }
    const commit = this.#ctx.prepare(call, 'leave-conference', [{ type: 'leave-conference' }]);
    call.leftToOthers = true;
    this.#ctx.calls.end(call, 'local');
    commit();
  }

  /** The far end hangs up (or, while it rings, gives up). */
  remoteHangUp(callId: string): void {
    const { calls } = this.#ctx;
    const call = calls.requireIn(callId, ['ringing', 'connected', 'held'], 'hang up');
    if (call.info.state === 'ringing') {
      calls.end(call, 'remote');
    } else if (call.consultationOf) {
      const original = calls.get(call.consultationOf);
      if (original?.consultation?.callId === call.info.id) this.#ctx.returnFromConsultation(original, 'remote');
      else calls.end(call, 'remote');
    } else {
      this.#ctx.contactHangsUp(call);
    }
  }

  /** Someone conferenced into the call hangs up; the agent and the contact stay. */
  participantLeaves(callId: string, targetId: string): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], 'leave the conference on');
    const interaction = call.info.interactionId ? this.#ctx.interactions.get(call.info.interactionId) : undefined;
    const target = interaction?.participants?.find((p) => p.id === targetId);
    if (!target) throw new AdapterError('not-found', `${targetId} is not in the conference on call ${callId}.`);
    call.joined = call.joined.filter((address) => address !== target.address);
    this.#ctx.calls.update(call, { participants: [...call.joined] });
    this.#ctx.remoteEvent(call, [{ type: 'participant-left', target }]);
    return call.info;
  }

  /** The far end puts the agent on hold, or takes them off it. */
  remoteHold(callId: string, held: boolean): CallInfo {
    const call = this.#ctx.calls.requireIn(callId, ['connected', 'held'], 'hold');
    this.#ctx.calls.update(call, { remoteHold: held });
    this.#ctx.remoteEvent(call, [{ type: 'remote-hold', held }]);
    return call.info;
  }

  /** Plays the contact's script for this attempt: they answer, or the attempt fails. */
  #ring(call: SimulatedCall, attempt: number): void {
    const { outcome, afterMs } = dialAttempt(call.behaviour, attempt);
    this.#ctx.calls.schedule(
      call,
      () => {
        if (outcome === 'answer') {
          this.#ctx.calls.update(call, { state: 'connected' });
          this.#ctx.remoteEvent(call, [{ type: 'answered' }]);
          this.#ctx.connected(call);
        } else {
          this.#ctx.calls.end(call, 'remote', { dialResult: outcome });
          this.#ctx.remoteEvent(call, [{ type: 'dial-failed', result: outcome }]);
        }
      },
      afterMs,
    );
  }

  #ringingInbound(callId: string, operation: string): SimulatedCall {
    const call = this.#ctx.calls.requireIn(callId, ['ringing'], operation);
    if (call.info.direction !== 'inbound') {
      throw new AdapterError('invalid-state', `Cannot ${operation} an outbound call.`, { detail: { state: call.info.state } });
    }
    return call;
  }

  #refuseDuringConsultation(call: SimulatedCall, operation: string): void {
    if (call.consultation) {
      throw new AdapterError('invalid-state', `Cannot ${operation} while a consultation is in progress.`, {
        detail: { state: call.info.state, reason: 'consultation-active' },
      });
    }
  }
}
