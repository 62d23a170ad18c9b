import type { Clock } from '../../model/clock.js';
import type { Interaction, TargetRef } from '../../model/interaction.js';
import { isClosed, type InteractionEvent } from '../../model/state-machine.js';
import type { CallOptions } from '../callback-adapter.js';
import { applicable, type CallFollower } from '../call-follower.js';
import { AdapterError, type Unsubscribe } from '../errors.js';
import type { InteractionLedger } from '../interaction-ledger.js';
import type { CallInfo, DialRequest, DtmfOptions, RegistrationStatus, TelephonyAdapter, TelephonyCapabilities } from '../telephony-adapter.js';

export interface RecordedPhoneOptions {
  phone: TelephonyAdapter;
  ledger: InteractionLedger;
  calls: CallFollower;
  clock: Clock;
  /** Accept and Reject of an offer whose call rings (the callback adapter's own). */
  accept(id: string, options?: CallOptions): Promise<Interaction>;
  reject(id: string, options?: CallOptions): Promise<Interaction>;
}

/**
 * The agent's phone as the elements should be given it beside a Genesys Cloud callback adapter:
 * every command goes to the phone, and what it did is recorded on the interaction its call carries
 * (a transfer, a conference, the consultation's steps, DTMF digits), which the phone's reports alone
 * cannot tell (a transfer reads as the agent hanging up, digits are not reported at all). The same
 * pattern as PhoneCallbackAdapter's phone methods.
 */
export class RecordedPhone implements TelephonyAdapter {
  readonly #o: RecordedPhoneOptions;

  constructor(options: RecordedPhoneOptions) {
    this.#o = options;
  }

  get telephonyCapabilities(): TelephonyCapabilities {
    return this.#o.phone.telephonyCapabilities;
  }

  status(): RegistrationStatus {
    return this.#o.phone.status();
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#o.phone.onStatus(listener);
  }

  register(options?: CallOptions): Promise<void> {
    return this.#o.phone.register(options);
  }

  unregister(options?: CallOptions): Promise<void> {
    return this.#o.phone.unregister(options);
  }

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#o.phone.onCall(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#o.calls.call(id);
  }

  answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    const id = this.#offered(callId);
    if (id) return this.#o.accept(id, options).then(() => this.#o.phone.getCall(callId)!);
    return this.#o.phone.answer(callId, options);
  }

  decline(callId: string, options?: CallOptions): Promise<void> {
    const id = this.#offered(callId);
    if (id) return this.#o.reject(id, options).then(() => undefined);
    return this.#o.phone.decline(callId, options);
  }

  dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    const id = request.interactionId;
    const dial = () => this.#o.phone.dial(request, options);
    return id ? this.#o.calls.dial(id, request.number, dial) : dial();
  }

  hangUp(callId: string, options?: CallOptions): Promise<void> {
    return this.#act(callId, { type: 'hang-up', by: 'agent' }, () => this.#o.phone.hangUp(callId, options));
  }

  hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'hold' }, () => this.#o.phone.hold(callId, options));
  }

  resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'resume' }, () => this.#o.phone.resume(callId, options));
  }

  sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void> {
    const event: InteractionEvent = { type: 'dtmf', digits: digits.replace(/\s+/g, '').toUpperCase(), masked: !!options?.masked };
    return this.#act(callId, event, () => this.#o.phone.sendDtmf(callId, digits, options));
  }

  blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    return this.#act(callId, { type: 'transfer', target }, () => this.#o.phone.blindTransfer(callId, target, options));
  }

  conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'conference', target }, () => this.#o.phone.conference(callId, target, options));
  }

  async startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const { ledger, calls, phone } = this.#o;
    const id = this.#carried(callId);
    if (!id) return phone.startConsultation(callId, target, options);
    ledger.check(id, { type: 'consult-start', target });
    const pending = phone.startConsultation(callId, target, options);
    // The customer is held and the target rings from here on.
    ledger.apply(id, [{ type: 'consult-start', target }]);
    try {
      const consultation = await calls.acting(callId, () => pending);
      const now = ledger.getInteraction(id);
      if (now?.consultation) {
        ledger.commit({ ...now, consultation: { ...now.consultation, callId: consultation.id } });
        this.#apply(id, [{ type: 'consult-answered' }]);
      }
      return consultation;
    } catch (error) {
      const code = error instanceof AdapterError ? error.code : 'unknown';
      if (ledger.getInteraction(id)?.consultation?.state === 'dialing') {
        if (code === 'aborted') {
          // The phone cancelled the consultation and took the customer back.
          if (phone.getCall(callId)?.state === 'connected') this.#apply(id, [{ type: 'consult-end' }]);
        } else this.#apply(id, [{ type: 'consult-failed', outcome: code === 'target-no-answer' ? 'no-answer' : 'declined' }]);
      }
      throw error;
    }
  }

  completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    return this.#act(callId, { type: 'consult-transfer' }, () => this.#o.phone.completeTransfer(callId, consultationId, options));
  }

  completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'consult-conference' }, () => this.#o.phone.completeConference(callId, consultationId, options));
  }

  endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'consult-end' }, () => this.#o.phone.endConsultation(callId, consultationId, options));
  }

  mute(callId: string, muted: boolean, options?: CallOptions): Promise<CallInfo> {
    const { phone } = this.#o;
    if (!phone.mute) return notSupported('mute');
    return this.#act(callId, { type: 'mute', muted }, () => phone.mute!(callId, muted, options));
  }

  alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const { phone } = this.#o;
    if (!phone.alternate) return notSupported('alternate');
    return this.#act(callId, { type: 'alternate' }, () => phone.alternate!(callId, consultationId, options));
  }

  removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const { phone, ledger } = this.#o;
    if (!phone.removeParticipant) return notSupported('removeParticipant');
    const id = this.#carried(callId);
    const member = (id ? ledger.getInteraction(id)?.participants : undefined)?.find((p) => p.id === target.id) ?? target;
    return this.#act(callId, { type: 'participant-left', target: member }, () => phone.removeParticipant!(callId, target, options));
  }

  leaveConference(callId: string, options?: CallOptions): Promise<void> {
    const { phone } = this.#o;
    if (!phone.leaveConference) return notSupported('leaveConference');
    return this.#act(callId, { type: 'leave-conference' }, () => phone.leaveConference!(callId, options));
  }

  /** The interaction `callId` carries while it is still with the agent. */
  #carried(callId: string): string | undefined {
    const id = this.#o.calls.interactionOf(callId);
    const interaction = id ? this.#o.ledger.getInteraction(id) : undefined;
    return interaction && !isClosed(interaction.state) && interaction.callId === callId ? interaction.id : undefined;
  }

  #offered(callId: string): string | undefined {
    const id = this.#carried(callId);
    return id && this.#o.ledger.getInteraction(id)?.state === 'offered' ? id : undefined;
  }

  #apply(id: string, events: readonly InteractionEvent[]): void {
    const interaction = this.#o.ledger.getInteraction(id);
    const kept = interaction ? applicable(interaction, events, this.#o.clock.now()) : [];
    if (kept.length) this.#o.ledger.apply(id, kept);
  }

  /** Checks the event against the interaction on `callId` (if any), runs the phone, then records it. */
  async #act<T>(callId: string, event: InteractionEvent, run: () => Promise<T>): Promise<T> {
    const id = this.#carried(callId);
    if (!id) return run();
    this.#o.ledger.check(id, event);
    return this.#o.calls.acting(callId, async () => {
      const result = await run();
      // The phone may already have reported the outcome (a hang-up heard first).
      this.#apply(id, [event]);
      return result;
    });
  }
}

function notSupported(what: string): Promise<never> {
  return Promise.reject(new AdapterError('not-supported', `The phone does not support ${what}.`));
}
