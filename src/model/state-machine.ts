import type {
  ConsultationOutcome,
  DialResult,
  DispositionRef,
  HangUpBy,
  HistoryEntry,
  Interaction,
  InteractionState,
  RescheduleReason,
  RevokedReason,
  TargetRef,
} from './interaction.js';
import { assertNever, isAccepted, isInCall } from './states.js';

// The state predicates live in states.ts, so that what only asks "is it closed?" (every element,
// the drop-in bundle's eager part) does not load the transitions, which only the adapters run.
export { assertNever, canFollow, isAccepted, isClosed, isInCall } from './states.js';

/**
 * What happened to an interaction, as the backend or the agent's action reports it. The adapters
 * feed these through {@link transition}; nothing else changes an interaction's state.
 */
export type InteractionEvent =
  /**
   * `serviceDials`: the callback service places an accepted voice callback to the contact (as GMS
   * does when the agent is called first): the interaction waits ready to call, then the service's
   * `dial` and `answered` (or `dial-failed`) follow. Without it an accepted voice callback is
   * connected at once, the customer already on the line.
   */
  | { type: 'accept'; serviceDials?: boolean }
  | { type: 'reject' }
  | { type: 'expire' }
  /** The service or the phone withdrew the offer; `reason` when it says why (kept as `revokedReason`). */
  | { type: 'revoke'; reason?: RevokedReason }
  | { type: 'dial'; number: string }
  | { type: 'answered' }
  | { type: 'dial-failed'; result: Exclude<DialResult, 'connected'> }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'remote-hold'; held: boolean }
  | { type: 'hang-up'; by: HangUpBy; reason?: string }
  | { type: 'dtmf'; digits: string; masked: boolean }
  | { type: 'transfer'; target: TargetRef }
  | { type: 'conference'; target: TargetRef }
  | { type: 'participant-left'; target: TargetRef }
  /** The agent left the conference to the others: the call goes on without them. */
  | { type: 'leave-conference' }
  /** The agent's microphone was muted or unmuted on the call. */
  | { type: 'mute'; muted: boolean }
  /** During an answered consultation: the party held and the party talking with the agent swap. */
  | { type: 'alternate' }
  | { type: 'consult-start'; target: TargetRef; callId?: string }
  | { type: 'consult-answered' }
  | { type: 'consult-failed'; outcome: Extract<ConsultationOutcome, 'declined' | 'no-answer'> }
  | { type: 'consult-end' }
  | { type: 'consult-transfer' }
  | { type: 'consult-conference' }
  | { type: 'reschedule'; time: number; number?: string; reason?: RescheduleReason }
  | { type: 'disposition'; disposition: DispositionRef }
  | { type: 'note-draft'; text: string }
  | { type: 'note'; text: string }
  | { type: 'done' };

export type InteractionEventType = InteractionEvent['type'];

/** Thrown when an event does not apply to the interaction's current state. */
export class InvalidTransitionError extends Error {
  readonly from: InteractionState;
  readonly event: InteractionEventType;
  constructor(from: InteractionState, event: InteractionEventType) {
    super(`"${event}" is not possible while the interaction is ${from}`);
    this.name = 'InvalidTransitionError';
    this.from = from;
    this.event = event;
  }
}

/**
 * The events Mark done applies, in order: the disposition and the last note sent with the request
 * (a blank note is no note), then `done`. Every adapter closes an interaction through these.
 */
export function markDoneEvents(request: { disposition?: DispositionRef | undefined; note?: string | undefined }): InteractionEvent[] {
  const note = request.note?.trim() ? request.note : undefined;
  return [
    ...(request.disposition ? [{ type: 'disposition' as const, disposition: request.disposition }] : []),
    ...(note ? [{ type: 'note' as const, text: note }] : []),
    { type: 'done' },
  ];
}

/**
 * Applies an event and returns the new interaction (the input is not changed). Throws
 * {@link InvalidTransitionError} when the event does not apply in the current state.
 */
export function transition(interaction: Interaction, event: InteractionEvent, at: number): Interaction {
  const { state } = interaction;
  const fail = (): never => {
    throw new InvalidTransitionError(state, event.type);
  };
  const log = (entry: HistoryEntry): readonly HistoryEntry[] => [...interaction.history, entry];
  const next = (changes: Partial<Interaction>): Interaction => ({ ...interaction, ...changes });

  switch (event.type) {
    case 'accept':
      if (state !== 'offered') fail();
      return interaction.channel === 'voice' && !event.serviceDials
        ? next({ state: 'connected', connectedAt: at, history: log({ at, kind: 'accepted' }) })
        : next({ state: 'ready-to-call', history: log({ at, kind: 'accepted' }) });
    case 'reject':
      if (state !== 'offered') fail();
      return next({ state: 'rejected' });
    case 'expire':
      if (state !== 'offered') fail();
      return next({ state: 'expired' });
    case 'revoke':
      if (state !== 'offered') fail();
      return next({ state: 'revoked', ...(event.reason ? { revokedReason: event.reason } : {}) });
    case 'dial':
      if (state !== 'ready-to-call') fail();
      return next({ state: 'dialing', history: log({ at, kind: 'dial', number: event.number }) });
    case 'answered': {
      if (state !== 'dialing') fail();
      const number = lastDialedNumber(interaction);
      return next({
        state: 'connected',
        connectedAt: at,
        attempts: [...interaction.attempts, { at, number, result: 'connected' }],
      });
    }
    case 'dial-failed': {
      if (state !== 'dialing') fail();
      const number = lastDialedNumber(interaction);
      return next({
        state: 'ready-to-call',
        attempts: [...interaction.attempts, { at, number, result: event.result }],
      });
    }
    case 'hold':
      // During a consultation the customer and the consulted party swap through `alternate`.
      if (state !== 'connected' || interaction.consultation) fail();
      return next({ state: 'held', history: log({ at, kind: 'hold' }) });
    case 'resume':
      if (state !== 'held' || interaction.consultation) fail();
      return next({ state: 'connected', history: log({ at, kind: 'resume' }) });
    case 'remote-hold':
      if (!isInCall(state)) fail();
      return next({ remoteHold: event.held });
    case 'hang-up': {
      if (!isInCall(state) && state !== 'dialing') fail();
      const afterCall: InteractionState = interaction.channel === 'web-callback' ? 'ready-to-call' : 'ended';
      const cancelledDial = state === 'dialing';
      return next({
        state: afterCall,
        consultation: undefined,
        participants: [],
        remoteHold: false,
        muted: undefined,
        connectedAt: undefined,
        attempts: cancelledDial
          ? [...interaction.attempts, { at, number: lastDialedNumber(interaction), result: 'cancelled' }]
          : interaction.attempts,
        history: log({ at, kind: 'hang-up', by: event.by, ...(event.reason ? { reason: event.reason } : {}) }),
      });
    }
    case 'dtmf':
      if (state !== 'connected') fail();
      // Masked digits never reach the history in clear, whichever adapter reports them.
      return next({ history: log({ at, kind: 'dtmf', digits: event.masked ? '•'.repeat([...event.digits].length) : event.digits, masked: event.masked }) });
    case 'transfer':
      if (!isInCall(state) || interaction.consultation) fail();
      return next({
        state: 'ended',
        connectedAt: undefined,
        remoteHold: false,
        muted: undefined,
        history: log({ at, kind: 'transfer', target: event.target }),
      });
    case 'conference':
      if (!isInCall(state) || interaction.consultation) fail();
      return next({
        state: 'connected',
        participants: [...(interaction.participants ?? []), event.target],
        history: log({ at, kind: 'conference', target: event.target }),
      });
    case 'participant-left': {
      const remaining = (interaction.participants ?? []).filter((p) => p.id !== event.target.id);
      if (!isInCall(state) || remaining.length === (interaction.participants ?? []).length) fail();
      return next({ participants: remaining, history: log({ at, kind: 'participant-left', target: event.target }) });
    }
    case 'leave-conference':
      if (!isInCall(state) || interaction.consultation || !interaction.participants?.length) fail();
      return next({
        state: 'ended',
        participants: [],
        connectedAt: undefined,
        remoteHold: false,
        muted: undefined,
        history: log({ at, kind: 'left-conference' }),
      });
    case 'mute':
      if (!isInCall(state) || !!interaction.muted === event.muted) fail();
      return next({ muted: event.muted });
    case 'alternate': {
      const consultation = interaction.consultation;
      if (consultation?.state !== 'connected' || !isInCall(state)) fail();
      // Back to the customer: the consulted party waits on hold; and the other way round.
      const toCustomer = state === 'held';
      const { target, callId } = consultation!;
      return next({
        state: toCustomer ? 'connected' : 'held',
        consultation: { target, state: 'connected', ...(callId ? { callId } : {}), ...(toCustomer ? { held: true } : {}) },
        history: log({ at, kind: toCustomer ? 'resume' : 'hold' }),
      });
    }
    case 'consult-start':
      if (!isInCall(state) || interaction.consultation) fail();
      return next({
        state: 'held',
        consultation: { target: event.target, state: 'dialing', ...(event.callId ? { callId: event.callId } : {}) },
        history: [
          ...interaction.history,
          ...(state === 'connected' ? [{ at, kind: 'hold' } as const] : []),
          { at, kind: 'consultation-started', target: event.target },
        ],
      });
    case 'consult-answered':
      if (interaction.consultation?.state !== 'dialing') fail();
      return next({ consultation: { ...interaction.consultation!, state: 'connected' } });
    case 'consult-failed':
      if (interaction.consultation?.state !== 'dialing') fail();
      return endConsultation(interaction, event.outcome, 'held', at);
    case 'consult-end':
      if (!interaction.consultation) fail();
      return endConsultation(interaction, 'returned', 'connected', at);
    case 'consult-transfer':
      if (interaction.consultation?.state !== 'connected') fail();
      return { ...endConsultation(interaction, 'transferred', 'ended', at), connectedAt: undefined, remoteHold: false, muted: undefined };
    case 'consult-conference':
      if (interaction.consultation?.state !== 'connected') fail();
      return endConsultation(interaction, 'conferenced', 'connected', at);
    case 'reschedule': {
      if (!isAccepted(state) || state === 'dialing') fail();
      // A web callback scheduled for another time leaves the agent as one marked done does (the
      // eServices preview closes): only between calls, and its last history entry says how it closed.
      const closes = interaction.channel === 'web-callback';
      if (closes && isInCall(state)) fail();
      return next({
        ...(closes ? { state: 'done' as const } : {}),
        desiredTime: event.time,
        history: log({
          at,
          kind: 'rescheduled',
          time: event.time,
          ...(event.number ? { number: event.number } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        }),
      });
    }
    case 'disposition':
      if (!isAccepted(state)) fail();
      return next({ disposition: event.disposition, history: log({ at, kind: 'disposition', disposition: event.disposition }) });
    case 'note-draft':
      if (!isAccepted(state)) fail();
      return next({ note: event.text });
    case 'note':
      if (!isAccepted(state)) fail();
      return next({ note: '', history: log({ at, kind: 'note', text: event.text }) });
    case 'done':
      if (state !== 'ready-to-call' && state !== 'ended') fail();
      return next({ state: 'done', history: log({ at, kind: 'done' }) });
    default:
      return assertNever(event);
  }
}

function endConsultation(
  interaction: Interaction,
  outcome: ConsultationOutcome,
  state: InteractionState,
  at: number,
): Interaction {
  const target = interaction.consultation!.target;
  const history: HistoryEntry[] = [...interaction.history, { at, kind: 'consultation-ended', target, outcome }];
  // After Alternate the customer is already back on the line: nothing to resume.
  if (outcome === 'returned' && interaction.state === 'held') history.push({ at, kind: 'resume' });
  if (outcome === 'conferenced') history.push({ at, kind: 'conference', target });
  if (outcome === 'transferred') history.push({ at, kind: 'transfer', target });
  const participants = outcome === 'conferenced' ? [...(interaction.participants ?? []), target] : interaction.participants;
  return { ...interaction, state, consultation: undefined, history, ...(participants ? { participants } : {}) };
}

function lastDialedNumber(interaction: Interaction): string {
  for (let i = interaction.history.length - 1; i >= 0; i--) {
    const entry = interaction.history[i]!;
    if (entry.kind === 'dial') return entry.number;
  }
  return interaction.contact.phone;
}
