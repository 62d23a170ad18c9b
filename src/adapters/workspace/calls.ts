import type { DialResult } from '../../model/interaction.js';
import type { CallInfo, CallState } from '../telephony-adapter.js';
import { userDataRecord, type WireCall } from './wire.js';

/** The Workspace call state as the agent says it. */
export function callStateOf(state: string): CallState {
  switch (state) {
    case 'Ringing':
      return 'ringing';
    case 'Dialing':
      return 'dialing';
    case 'Established':
      return 'connected';
    case 'Held':
      return 'held';
    default:
      // Released, Completed, and anything this adapter does not know: the call is gone for the agent.
      return 'ended';
  }
}

const DIAL_RESULTS: Readonly<Record<string, DialResult>> = {
  Busy: 'busy',
  NoAnswer: 'no-answer',
  AnsweringMachineDetected: 'answering-machine',
  FaxDetected: 'fax',
  SitDetected: 'error',
  SitInvalidNum: 'error',
};

/** Released by this side (or handed on by it: a transfer, a conference, a redirect). */
const LOCAL_CAUSES = new Set(['Ok', 'Transferred', 'Conferenced', 'Redirected']);

export interface CallContext {
  /** The call as published before this notification. */
  previous: CallInfo | undefined;
  /** The stable id of a connId (T-Server may give a call a new connId). */
  idOf: (connId: string) => string;
  /** The agent released this call itself (its End call, a decline, a cancelled dial). */
  releasedHere: boolean;
}

/** A `CallInfo` from a `CallStateChanged` call, given what was known of it before. */
export function callInfoOf(wire: WireCall, { previous, idOf, releasedHere }: CallContext): CallInfo {
  const state = callStateOf(wire.state);
  const direction = previous?.direction ?? (wire.state === 'Ringing' || wire.callType === 'Inbound' ? 'inbound' : 'outbound');
  const parent = wire.parentConnId ? idOf(wire.parentConnId) : previous?.consultationOf;
  const participants = (wire.participants ?? [])
    .filter((p) => p.role === 'RoleConferenceMember' && typeof p.number === 'string')
    .map((p) => p.number!);
  const data = userDataRecord(wire.userData);
  const info: CallInfo = {
    id: idOf(wire.id),
    direction,
    state,
    remote: wire.phoneNumber ?? previous?.remote ?? '',
    ...(parent ? { consultationOf: parent } : {}),
    ...(participants.length ? { participants } : {}),
    ...(Object.keys(data).length ? { data } : {}),
    ...(previous?.interactionId ? { interactionId: previous.interactionId } : {}),
  };
  if (state === 'ended') {
    const cause = wire.cause;
    const local = releasedHere || (cause !== undefined && LOCAL_CAUSES.has(cause));
    info.endedBy = local ? 'local' : 'remote';
    const dialResult = cause ? DIAL_RESULTS[cause] : undefined;
    if (dialResult) info.dialResult = dialResult;
    else if (previous?.state === 'dialing' && local) info.dialResult = 'cancelled';
  }
  return info;
}

/** Whether two published values of a call say the same (a read-back repeats no change). */
export function sameCall(a: CallInfo | undefined, b: CallInfo): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
