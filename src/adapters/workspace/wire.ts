// The Workspace API v3 shapes the adapters read, as the official client's models and its
// notifications have them. Fields the official client does not fix are marked (see the README's
// Workspace section for what the contract server had to guess).

export interface WireKvPair {
  key: string;
  type?: string;
  value: unknown;
}

export type WireCallState = 'Ringing' | 'Dialing' | 'Established' | 'Held' | 'Released' | 'Completed';

export interface WireCall {
  id: string;
  connId?: string;
  previousConnId?: string;
  parentConnId?: string;
  callUuid?: string;
  callType?: 'Inbound' | 'Outbound' | 'Internal' | 'Consult' | string;
  state: WireCallState | string;
  phoneNumber?: string;
  ani?: string;
  dnis?: string;
  participants?: readonly { number?: string; role?: string }[];
  capabilities?: readonly string[];
  userData?: readonly WireKvPair[];
  /** Why a call was released (T-Server's CallState names). Not in the official client's model. */
  cause?: string;
}

export interface WireDn {
  number?: string;
  agentId?: string;
  agentState?: 'LoggedOut' | 'LoggedIn' | 'Ready' | 'NotReady' | string;
  agentWorkMode?: string;
  /** Not in the official client's model. */
  reasonCode?: string;
  /** `On` / `Off`. Not in the official client's model. */
  dnd?: string;
}

export type VoiceMessage =
  | { messageType: 'CallStateChanged'; notificationType?: string; call: WireCall }
  | { messageType: 'DnStateChanged'; dn: WireDn }
  | { messageType: 'EventError'; error?: { errorCode?: number; errorMessage?: string } }
  | { messageType: string };

/** An open media interaction (a workitem: a web callback), as `/workspace/v3/media` describes it. */
export interface WireMediaInteraction {
  id: string;
  mediatype?: string;
  /** `Invited`, `Processing`, `Completed`, `Rejected`, `Revoked`. */
  state: string;
  userData?: readonly WireKvPair[];
}

export type MediaMessage =
  | { messageType: 'InteractionStateChanged'; notificationType?: string; interaction: WireMediaInteraction }
  | { messageType: string };

/** An open media channel of the agent (the official client's `OpenMediaChannel`). */
export interface WireOpenMediaChannel {
  name?: string;
  state?: string;
  dnd?: boolean;
  /** `Array<Object>` in the official model: read as the media notification's interactions (a guess). */
  interactions?: readonly WireMediaInteraction[];
}

/** `GET /current-session`'s data (the official client's `CurrentSessionData`), the parts read. */
export interface WireCurrentSession {
  user?: { activeSession?: { dn?: WireDn; calls?: readonly WireCall[]; media?: { channels?: readonly WireOpenMediaChannel[] } } };
}

export interface WireActionCode {
  name: string;
  code: string;
  type?: string;
}

export interface WireBusinessAttribute {
  name: string;
  displayName?: string;
  values?: readonly { name: string; displayName?: string; description?: string }[];
}

export interface WireConfiguration {
  actionCodes?: readonly WireActionCode[];
  businessAttributes?: readonly WireBusinessAttribute[];
}

/** User data as strings (values that are not strings are written as JSON). */
export function userDataRecord(pairs: readonly WireKvPair[] | undefined): Record<string, string> {
  const data: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    if (typeof pair?.key !== 'string') continue;
    data[pair.key] = typeof pair.value === 'string' ? pair.value : JSON.stringify(pair.value);
  }
  return data;
}
