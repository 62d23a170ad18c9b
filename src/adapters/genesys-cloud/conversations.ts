import type { Models } from 'purecloud-platform-client-v2';
import type { CaseField, Interaction } from '../../model/interaction.js';

export type Media = 'callback' | 'call';

/** A participant of a REST answer or of a notification, whichever media. */
type WireParticipant =
  | Models.CallbackMediaParticipant
  | Models.CallMediaParticipant
  | Models.ConversationCallbackEventTopicCallbackMediaParticipant
  | Models.ConversationCallEventTopicCallMediaParticipant;

/**
 * A conversation of either media as it comes over the wire: a REST answer (`CallbackConversation`,
 * `CallConversation`) or a notification's body (`ConversationCallbackEventTopicCallbackConversation`,
 * `ConversationCallEventTopicCallConversation`). Structural, so that no SDK type reaches the
 * published declarations.
 */
export interface WireConversation {
  id?: string;
  participants?: readonly object[];
}

/** One participant, as the adapter reads it (times in epoch ms). */
export interface Party {
  id: string;
  purpose: string;
  state: string;
  name?: string;
  /** The address without its `tel:` / `sip:` scheme. */
  address?: string;
  userId?: string;
  queueId?: string;
  startTime?: number;
  connectedTime?: number;
  held: boolean;
  muted: boolean;
  disconnectType?: string;
  alertingTimeoutMs?: number;
  wrapupPrompt?: string;
  wrapupRequired?: boolean;
  wrapupCode?: string;
  attributes: Readonly<Record<string, string>>;
  consultParticipantId?: string;
  direction?: string;
  /** `errorInfo.code` of a leg that failed (a busy line). */
  errorCode?: string;
}

/** A conversation as the adapter reads it from an answer or an event. */
export interface Snapshot {
  id: string;
  media: Media;
  /** This agent's participant (the latest one, when the conversation came back to them). */
  agent?: Party;
  customer?: Party;
  /** The queue's participant: its name is the queue's. */
  acd?: Party;
  /** Everyone else: consulted or conferenced users and numbers. */
  others: Party[];
  callbackNumbers: string[];
  callbackUserName?: string;
  scheduledTime?: number;
  skipEnabled?: boolean;
}

const time = (value: string | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

export const stripScheme = (address: string | undefined): string | undefined => address?.replace(/^(tel|sip|sips):/i, '');

function party(p: WireParticipant): Party {
  const rest = p as Partial<Models.CallbackMediaParticipant & Models.CallMediaParticipant>;
  const startTime = time(rest.startAlertingTime) ?? time(p.startTime);
  const connectedTime = time(p.connectedTime);
  const address = stripScheme(p.address);
  return {
    id: p.id ?? '',
    purpose: p.purpose ?? '',
    state: (p.state ?? '').toLowerCase(),
    held: !!p.held,
    muted: !!rest.muted,
    attributes: { ...(p.attributes ?? {}) },
    ...(p.name ? { name: p.name } : {}),
    ...(address ? { address } : {}),
    ...(p.user?.id ? { userId: p.user.id } : {}),
    ...(p.queue?.id ? { queueId: p.queue.id } : {}),
    ...(startTime === undefined ? {} : { startTime }),
    ...(connectedTime === undefined ? {} : { connectedTime }),
    ...(p.disconnectType ? { disconnectType: p.disconnectType } : {}),
    ...(p.alertingTimeoutMs === undefined ? {} : { alertingTimeoutMs: p.alertingTimeoutMs }),
    ...(p.wrapupPrompt ? { wrapupPrompt: p.wrapupPrompt } : {}),
    ...(p.wrapupRequired === undefined ? {} : { wrapupRequired: p.wrapupRequired }),
    ...(p.wrapup?.code ? { wrapupCode: p.wrapup.code } : {}),
    ...(rest.consultParticipantId ? { consultParticipantId: rest.consultParticipantId } : {}),
    ...(p.direction ? { direction: p.direction.toLowerCase() } : {}),
    ...(p.errorInfo?.code ? { errorCode: p.errorInfo.code } : {}),
  };
}

/** Reads a conversation of either media, from a REST answer or a notification's `eventBody`. */
export function snapshotOf(media: Media, conversation: WireConversation, userId: string): Snapshot | undefined {
  if (!conversation?.id) return undefined;
  const wire = (conversation.participants ?? []) as readonly WireParticipant[];
  const parties = wire.map(party);
  const mine = parties.filter((p) => p.purpose === 'agent' && p.userId === userId);
  // The latest of this agent's participants: a conversation that came back has an older, ended one.
  const agent = mine.find((p) => p.state !== 'disconnected' && p.state !== 'terminated') ?? mine.at(-1);
  const customer = parties.find((p) => p.purpose === 'customer') ?? parties.find((p) => p.purpose === 'external');
  const acd = parties.find((p) => p.purpose === 'acd');
  const callback = wire.find((p) => (p as Models.CallbackMediaParticipant).callbackNumbers?.length) as Models.CallbackMediaParticipant | undefined;
  const scheduled = time(callback?.callbackScheduledTime ?? (wire.find((p) => (p as Models.CallbackMediaParticipant).callbackScheduledTime) as Models.CallbackMediaParticipant | undefined)?.callbackScheduledTime);
  const skip = wire.map((p) => (p as Models.CallbackMediaParticipant).skipEnabled).find((v) => v !== undefined);
  return {
    id: conversation.id,
    media,
    ...(agent ? { agent } : {}),
    ...(customer ? { customer } : {}),
    ...(acd ? { acd } : {}),
    others: parties.filter((p) => p !== customer && p !== acd && !mine.includes(p) && p.purpose !== 'agent' && p.purpose !== 'acd'),
    callbackNumbers: [...(callback?.callbackNumbers ?? [])],
    ...(callback?.callbackUserName ? { callbackUserName: callback.callbackUserName } : {}),
    ...(scheduled === undefined ? {} : { scheduledTime: scheduled }),
    ...(skip === undefined ? {} : { skipEnabled: skip }),
  };
}

export interface OfferRules {
  now: number;
  offerTimeoutMs: number;
  allowRejectAttribute: string;
  subjectAttribute: string;
  hiddenAttribute: (key: string) => boolean;
}

/** Flow data on the customer's participant first, then on the agent's. */
function attributesOf(s: Snapshot): Record<string, string> {
  return { ...(s.agent?.attributes ?? {}), ...(s.customer?.attributes ?? {}) };
}

export function mayReject(s: Snapshot, rules: Pick<OfferRules, 'allowRejectAttribute'>): boolean {
  return s.skipEnabled !== false && attributesOf(s)[rules.allowRejectAttribute]?.toLowerCase() !== 'false';
}

/**
 * When an offer began, on this browser's clock. The participant's start time is the service's
 * clock, which the agent's computer may not share: one minutes behind made every offer look timed
 * out on arrival (never shown), one ahead made it wait too long. An offer the service still alerts
 * has not run out by the service's clock, so a start this clock puts in the future, or more than the
 * alerting timeout ago, is the clocks disagreeing: the offer counts from when it is heard, and the
 * service withdraws it when its own time is up (a `timeout` disconnect).
 */
export function offerStart(serviceStart: number | undefined, now: number, timeoutMs: number): number {
  if (serviceStart === undefined || serviceStart > now || now - serviceStart >= timeoutMs) return now;
  return serviceStart;
}

/**
 * The interaction an alerting conversation offers: a callback conversation is a web callback the
 * agent previews (Accept opens it ready to call); a call is a voice offer (Accept answers it).
 * Participant data (attributes) become case information; untrusted text, shown as text.
 */
export function offerFrom(s: Snapshot, rules: OfferRules): Interaction {
  const agent = s.agent;
  const timeoutMs = agent?.alertingTimeoutMs ?? rules.offerTimeoutMs;
  const offeredAt = offerStart(agent?.startTime, rules.now, timeoutMs);
  const attributes = attributesOf(s);
  const phone = s.callbackNumbers[0] ?? s.customer?.address ?? '';
  const caseData: CaseField[] = [];
  if (s.acd?.name) caseData.push({ key: 'queue', value: s.acd.name });
  if (s.callbackNumbers.length > 1) caseData.push({ key: 'callbackNumbers', value: s.callbackNumbers.join(', ') });
  for (const [key, value] of Object.entries(attributes)) {
    if (key === rules.subjectAttribute || key === rules.allowRejectAttribute || rules.hiddenAttribute(key)) continue;
    caseData.push({ key, value: String(value) });
  }
  const subject = attributes[rules.subjectAttribute];
  return {
    id: s.id,
    channel: s.media === 'callback' ? 'web-callback' : 'voice',
    callbackType: s.media === 'callback' ? (s.scheduledTime === undefined ? 'preview' : 'scheduled') : 'immediate',
    state: 'offered',
    contact: { name: s.callbackUserName ?? s.customer?.name ?? phone, phone },
    ...(s.scheduledTime === undefined ? {} : { desiredTime: s.scheduledTime }),
    offer: { offeredAt, expiresAt: offeredAt + timeoutMs, canReject: mayReject(s, rules) },
    ...(subject ? { subject } : {}),
    caseData,
    attempts: [],
    history: [],
    note: '',
  };
}

export const defaultHiddenAttribute = (key: string): boolean => key.startsWith('_') || key.startsWith('scriptId');

/** The numbers of a callback, compared once formatting is gone. */
export function sameNumber(a: string | undefined, b: string): boolean {
  const digits = (value: string) => value.replace(/[^\d]/g, '');
  return !!a && digits(a) !== '' && digits(a) === digits(b);
}
