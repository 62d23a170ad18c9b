import type { TargetRef } from '../../model/interaction.js';
import { AdapterError } from '../errors.js';
import type { CallInfo } from '../telephony-adapter.js';
import { DEFAULT_CONTACT_BEHAVIOUR, targetResponseDelay } from './behaviour.js';
import type { CallContext } from './call-context.js';
import type { SimulatedCall } from './calls.js';

/**
 * Two-step transfer and conference: the customer is held while the agent calls a target, who
 * answers, declines or does not answer; then the agent transfers, conferences, or returns.
 */
export class Consultations {
  readonly #ctx: CallContext;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
  }

  /** Resolves with the consultation call once the target answers; rejects if they do not. */
  start(callId: string, target: TargetRef, signal?: AbortSignal): Promise<CallInfo> {
    const { calls } = this.#ctx;
    const call = calls.requireIn(callId, ['connected', 'held'], 'consult on');
    if (call.consultation || call.consultationOf) {
      throw new AdapterError('invalid-state', 'A consultation is already in progress on this call.', {
        detail: { state: call.info.state, reason: 'consultation-active' },
      });
    }
    const resolved = this.#ctx.resolveTarget(target, call.info.interactionId);
    const consultationId = this.#ctx.nextId('call');
    const commit = this.#ctx.prepare(call, 'consult', [{ type: 'consult-start', target: resolved.target, callId: consultationId }]);
    if (call.info.state === 'connected') calls.update(call, { state: 'held' });
    const consultation = calls.add({
      info: { id: consultationId, direction: 'outbound', state: 'dialing', remote: resolved.address },
      behaviour: DEFAULT_CONTACT_BEHAVIOUR,
      digits: '',
      joined: [],
      consultationOf: call.info.id,
    });
    call.consultation = { callId: consultation.info.id, target: resolved.target };
    commit();

    return new Promise<CallInfo>((resolve, reject) => {
      const onAbort = () => {
        // The agent gave up waiting: the ringing consultation is cancelled and the customer comes back.
        consultation.failPendingAnswer = undefined;
        if (call.consultation?.callId === consultation.info.id) this.#ctx.returnFromConsultation(call, 'local');
        reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      consultation.failPendingAnswer = (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const { response } = resolved.behaviour;
      calls.schedule(
        consultation,
        () => {
          signal?.removeEventListener('abort', onAbort);
          consultation.failPendingAnswer = undefined;
          if (response === 'answer') {
            calls.update(consultation, { state: 'connected' });
            this.#ctx.remoteEvent(call, [{ type: 'consult-answered' }]);
            resolve(consultation.info);
            return;
          }
          const outcome = response === 'decline' ? 'declined' : 'no-answer';
          call.consultation = undefined;
          calls.end(consultation, 'remote', { dialResult: response === 'decline' ? 'busy' : 'no-answer' });
          this.#ctx.remoteEvent(call, [{ type: 'consult-failed', outcome }]);
          reject(
            response === 'decline'
              ? new AdapterError('target-declined', `${resolved.target.name} declined the consultation.`)
              : new AdapterError('target-no-answer', `${resolved.target.name} did not answer.`),
          );
        },
        targetResponseDelay(resolved.behaviour),
      );
    });
  }

  /** The customer goes to the target; the agent leaves both calls. */
  completeTransfer(callId: string, consultationId: string): void {
    const { call, consultation } = this.#answered(callId, consultationId, 'transfer');
    const target = call.consultation!.target;
    const commit = this.#ctx.prepare(call, 'consult-transfer', [{ type: 'consult-transfer' }]);
    call.consultation = undefined;
    call.transferredTo = target.address ?? consultation.info.remote;
    this.#ctx.calls.end(consultation, 'local');
    this.#ctx.calls.end(call, 'local');
    commit();
  }

  /** The target joins the customer's call; the consultation call merges into it. */
  completeConference(callId: string, consultationId: string): CallInfo {
    const { call, consultation } = this.#answered(callId, consultationId, 'conference');
    const target = call.consultation!.target;
    const commit = this.#ctx.prepare(call, 'consult-conference', [{ type: 'consult-conference' }]);
    call.consultation = undefined;
    call.joined.push(target.address ?? consultation.info.remote);
    this.#ctx.calls.end(consultation, 'local');
    this.#ctx.calls.update(call, { state: 'connected', participants: [...call.joined] });
    commit();
    return call.info;
  }

  /**
   * Alternate: the party talking with the agent is held and the held one resumed (the customer, or
   * the consulted party). Resolves with the customer's call.
   */
  alternate(callId: string, consultationId: string): CallInfo {
    const { call, consultation } = this.#answered(callId, consultationId, 'alternate');
    const commit = this.#ctx.prepare(call, 'alternate', [{ type: 'alternate' }]);
    const toCustomer = call.info.state === 'held';
    this.#ctx.calls.update(toCustomer ? consultation : call, { state: 'held' });
    this.#ctx.calls.update(toCustomer ? call : consultation, { state: 'connected' });
    commit();
    return call.info;
  }

  /** Ends the consultation (ringing or answered) and resumes the customer. */
  end(callId: string, consultationId: string): CallInfo {
    const { call } = this.#pair(callId, consultationId);
    this.#ctx.returnFromConsultation(call, 'local');
    return call.info;
  }

  #pair(callId: string, consultationId: string): { call: SimulatedCall; consultation: SimulatedCall } {
    const call = this.#ctx.calls.require(callId);
    const consultation = this.#ctx.calls.require(consultationId);
    if (call.consultation?.callId !== consultationId) {
      throw new AdapterError('invalid-state', `Call ${consultationId} is not a consultation in progress on call ${callId}.`, {
        detail: { state: call.info.state },
      });
    }
    return { call, consultation };
  }

  #answered(callId: string, consultationId: string, operation: string) {
    const pair = this.#pair(callId, consultationId);
    // Answered: talking with the agent, or on hold after Alternate.
    if (pair.consultation.info.state !== 'connected' && pair.consultation.info.state !== 'held') {
      throw new AdapterError('invalid-state', `Cannot ${operation} before the target answers.`, {
        detail: { state: pair.consultation.info.state, reason: 'consultation-not-connected' },
      });
    }
    return pair;
  }
}
