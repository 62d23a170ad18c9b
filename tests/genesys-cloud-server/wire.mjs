// @ts-check
// The Genesys Cloud contract server's answers and events, built from its conversation model. Every
// builder is typed with the official SDK's Models (purecloud-platform-client-v2) through JSDoc and
// checked by `tsc -p tests/genesys-cloud-server/tsconfig.json` (run by
// tests/node/genesys-cloud-sdk.test.mjs): a field the SDK does not know, or of the wrong type, fails.

/** @typedef {import('purecloud-platform-client-v2').Models.CallbackConversation} CallbackConversation */
/** @typedef {import('purecloud-platform-client-v2').Models.CallbackMediaParticipant} CallbackMediaParticipant */
/** @typedef {import('purecloud-platform-client-v2').Models.CallConversation} CallConversation */
/** @typedef {import('purecloud-platform-client-v2').Models.CallMediaParticipant} CallMediaParticipant */
/** @typedef {import('purecloud-platform-client-v2').Models.ConversationCallbackEventTopicCallbackConversation} CallbackEvent */
/** @typedef {import('purecloud-platform-client-v2').Models.ConversationCallbackEventTopicCallbackMediaParticipant} CallbackEventParticipant */
/** @typedef {import('purecloud-platform-client-v2').Models.ConversationCallEventTopicCallConversation} CallEvent */
/** @typedef {import('purecloud-platform-client-v2').Models.ConversationCallEventTopicCallMediaParticipant} CallEventParticipant */
/** @typedef {import('purecloud-platform-client-v2').Models.ErrorBody} ErrorBody */
/** @typedef {import('purecloud-platform-client-v2').Models.WrapupCode} WrapupCode */
/** @typedef {import('purecloud-platform-client-v2').Models.Channel} Channel */
/** @typedef {import('purecloud-platform-client-v2').Models.ChannelTopic} ChannelTopic */
/** @typedef {import('purecloud-platform-client-v2').Models.RoutingStatus} RoutingStatus */
/** @typedef {import('purecloud-platform-client-v2').Models.UserRoutingStatusUserRoutingStatus} RoutingStatusEvent */
/** @typedef {import('purecloud-platform-client-v2').Models.OrganizationPresence} OrganizationPresence */
/** @typedef {import('purecloud-platform-client-v2').Models.UserPresence} UserPresence */
/** @typedef {import('purecloud-platform-client-v2').Models.PresenceEventUserPresence} PresenceEvent */
/** @typedef {import('purecloud-platform-client-v2').Models.User} User */
/** @typedef {import('purecloud-platform-client-v2').Models.Queue} Queue */
/** @typedef {import('purecloud-platform-client-v2').Models.ExternalContact} ExternalContact */
/** @typedef {import('purecloud-platform-client-v2').Models.PatchCallbackResponse} PatchCallbackResponse */
/** @typedef {import('purecloud-platform-client-v2').Models.CreateCallbackResponse} CreateCallbackResponse */
/** @typedef {import('purecloud-platform-client-v2').Models.CreateCallResponse} CreateCallResponse */
/** @typedef {import('purecloud-platform-client-v2').Models.ConsultTransferResponse} ConsultTransferResponse */
/** @typedef {import('purecloud-platform-client-v2').Models.Library} Library */
/** @typedef {import('purecloud-platform-client-v2').Models.Response} Response */

/**
 * One participant as the server keeps it.
 * @typedef {object} Party
 * @property {string} id
 * @property {'customer' | 'agent' | 'acd' | 'external' | 'user'} purpose
 * @property {string} state alerting | dialing | contacting | connected | disconnected | terminated
 * @property {string} [name]
 * @property {string} [address]
 * @property {string} [userId]
 * @property {string} [queueId]
 * @property {number} startTime
 * @property {number} [connectedTime]
 * @property {number} [endTime]
 * @property {boolean} [held]
 * @property {number} [startHoldTime]
 * @property {boolean} [muted]
 * @property {string} [disconnectType]
 * @property {number} [alertingTimeoutMs]
 * @property {string} [wrapupPrompt]
 * @property {boolean} [wrapupRequired]
 * @property {{ code: string, name?: string, notes?: string }} [wrapup]
 * @property {Record<string, string>} [attributes]
 * @property {string} [direction]
 * @property {string} [consultParticipantId]
 * @property {string} [errorCode]
 */

/**
 * One conversation as the server keeps it.
 * @typedef {object} Conv
 * @property {string} id
 * @property {'callback' | 'call'} media
 * @property {Party[]} participants
 * @property {string[]} [callbackNumbers]
 * @property {string} [callbackUserName]
 * @property {number} [scheduledTime]
 * @property {boolean} [skipEnabled]
 * @property {string} [queueId]
 * @property {string} digits DTMF the far end received
 * @property {string} [transferredTo]
 */

export const iso = (/** @type {number | undefined} */ time) => (time === undefined ? undefined : new Date(time).toISOString());

/** @param {Conv} conv @param {Party} p @returns {CallbackMediaParticipant} */
function callbackParticipant(conv, p) {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    purpose: p.purpose,
    state: p.state,
    direction: p.direction ?? 'inbound',
    startTime: iso(p.startTime),
    startAlertingTime: p.state === 'alerting' ? iso(p.startTime) : undefined,
    connectedTime: iso(p.connectedTime),
    endTime: iso(p.endTime),
    held: p.held ?? false,
    disconnectType: p.disconnectType,
    wrapupRequired: p.wrapupRequired,
    wrapupPrompt: p.wrapupPrompt,
    wrapup: p.wrapup ? { code: p.wrapup.code, name: p.wrapup.name ?? p.wrapup.code, notes: p.wrapup.notes } : undefined,
    alertingTimeoutMs: p.alertingTimeoutMs,
    user: p.userId ? { id: p.userId } : undefined,
    queue: p.queueId ? { id: p.queueId } : undefined,
    attributes: { ...(p.attributes ?? {}) },
    callbackNumbers: conv.callbackNumbers ? [...conv.callbackNumbers] : undefined,
    callbackUserName: conv.callbackUserName,
    callbackScheduledTime: iso(conv.scheduledTime),
    skipEnabled: conv.skipEnabled,
    timeoutSeconds: p.alertingTimeoutMs === undefined ? undefined : Math.round(p.alertingTimeoutMs / 1000),
  };
}

/** @param {Conv} conv @returns {CallbackConversation} */
export function callbackConversation(conv) {
  return { id: conv.id, participants: conv.participants.map((p) => callbackParticipant(conv, p)), selfUri: `/api/v2/conversations/callbacks/${conv.id}` };
}

/**
 * What the notification topics carry of a participant: the event models have no
 * `startAlertingTime` (the agent's `startTime` is when the offer began) and refer to users and
 * queues by `{ id }`.
 * @param {Conv} conv @param {Party} p @returns {CallbackEventParticipant & CallEventParticipant}
 */
function eventParticipant(conv, p) {
  /** @type {CallbackEventParticipant & CallEventParticipant} */
  const event = {
    id: p.id,
    name: p.name,
    address: p.address,
    purpose: p.purpose,
    state: p.state,
    initialState: p.purpose === 'agent' ? 'alerting' : undefined,
    direction: p.direction ?? 'inbound',
    startTime: iso(p.startTime),
    connectedTime: iso(p.connectedTime),
    endTime: iso(p.endTime),
    held: p.held ?? false,
    disconnectType: p.disconnectType,
    wrapupRequired: p.wrapupRequired,
    wrapupPrompt: p.wrapupPrompt,
    alertingTimeoutMs: p.alertingTimeoutMs,
    user: p.userId ? { id: p.userId } : undefined,
    queue: p.queueId ? { id: p.queueId } : undefined,
    attributes: { ...(p.attributes ?? {}) },
  };
  if (p.wrapup) event.wrapup = { code: p.wrapup.code, notes: p.wrapup.notes };
  return event;
}

/** @param {Conv} conv @returns {CallbackEvent} */
export function callbackEvent(conv) {
  return {
    id: conv.id,
    participants: conv.participants.map((p) => ({
      ...eventParticipant(conv, p),
      callbackNumbers: conv.callbackNumbers ? [...conv.callbackNumbers] : undefined,
      callbackUserName: conv.callbackUserName,
      callbackScheduledTime: iso(conv.scheduledTime),
      skipEnabled: conv.skipEnabled,
    })),
  };
}

/** @param {Conv} conv @param {Party} p @returns {CallMediaParticipant} */
function callParticipant(conv, p) {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    purpose: p.purpose,
    state: p.state,
    direction: p.direction ?? 'inbound',
    startTime: iso(p.startTime),
    startAlertingTime: p.state === 'alerting' ? iso(p.startTime) : undefined,
    connectedTime: iso(p.connectedTime),
    endTime: iso(p.endTime),
    held: p.held ?? false,
    muted: p.muted ?? false,
    disconnectType: p.disconnectType,
    wrapupRequired: p.wrapupRequired,
    wrapupPrompt: p.wrapupPrompt,
    wrapup: p.wrapup ? { code: p.wrapup.code, name: p.wrapup.name ?? p.wrapup.code, notes: p.wrapup.notes } : undefined,
    alertingTimeoutMs: p.alertingTimeoutMs,
    user: p.userId ? { id: p.userId } : undefined,
    queue: p.queueId ? { id: p.queueId } : undefined,
    attributes: { ...(p.attributes ?? {}) },
    consultParticipantId: p.consultParticipantId,
    errorInfo: p.errorCode ? { code: p.errorCode, message: p.errorCode } : undefined,
    ani: p.purpose === 'customer' ? p.address : undefined,
    dnis: p.purpose === 'agent' && conv.queueId ? `queue:${conv.queueId}` : undefined,
  };
}

/** @param {Conv} conv @returns {CallConversation} */
export function callConversation(conv) {
  return { id: conv.id, participants: conv.participants.map((p) => callParticipant(conv, p)), selfUri: `/api/v2/conversations/calls/${conv.id}` };
}

/** @param {Conv} conv @returns {CallEvent} */
export function callEvent(conv) {
  return {
    id: conv.id,
    participants: conv.participants.map((p) => ({
      ...eventParticipant(conv, p),
      muted: p.muted ?? false,
      consultParticipantId: p.consultParticipantId,
      errorInfo: p.errorCode ? { code: p.errorCode, message: p.errorCode } : undefined,
    })),
  };
}

/** @param {number} status @param {string} code @param {string} message @returns {ErrorBody} */
export function errorBody(status, code, message) {
  return { status, code, message, messageParams: {}, contextId: `ctx-${Math.random().toString(36).slice(2, 10)}`, details: [], errors: [] };
}

/** @param {{ id: string, name: string }} code @returns {WrapupCode} */
export const wrapupCode = (code) => ({ id: code.id, name: code.name, selfUri: `/api/v2/routing/wrapupcodes/${code.id}` });

/** @param {string} id @param {string} connectUri @param {number} expires @returns {Channel} */
export const channel = (id, connectUri, expires) => ({ id, connectUri, expires: new Date(expires).toISOString() });

/** @param {string} id @returns {ChannelTopic} */
export const channelTopic = (id) => ({ id, state: 'Permitted' });

/** @param {string} userId @param {string} status @param {number} since @returns {RoutingStatus} */
export const routingStatus = (userId, status, since) => ({ userId, status, startTime: new Date(since).toISOString() });

/** @param {string} userId @param {string} status @param {number} since @returns {RoutingStatusEvent} */
export const routingStatusEvent = (userId, status, since) => ({ id: userId, routingStatus: { status, startTime: new Date(since).toISOString() } });

/** @param {{ id: string, label: string, systemPresence: string, labels?: Record<string, string> }} p @returns {OrganizationPresence} */
export const presenceDefinition = (p) => ({
  id: p.id,
  name: p.label,
  systemPresence: p.systemPresence,
  languageLabels: { en_US: p.label, ...(p.labels ?? {}) },
  deactivated: false,
  primary: p.id === p.systemPresence.toLowerCase(),
});

/** @param {{ id: string, systemPresence: string }} definition @param {number} since @returns {UserPresence} */
export const userPresence = (definition, since) => ({
  source: 'PURECLOUD',
  primary: true,
  presenceDefinition: { id: definition.id, systemPresence: definition.systemPresence },
  modifiedDate: new Date(since).toISOString(),
});

/** @param {{ id: string, systemPresence: string }} definition @param {number} since @returns {PresenceEvent} */
export const presenceEvent = (definition, since) => ({
  source: 'PURECLOUD',
  primary: true,
  presenceDefinition: { id: definition.id, systemPresence: definition.systemPresence },
  modifiedDate: new Date(since).toISOString(),
});

/**
 * @param {{ id: string, name: string, email: string, extension?: string, presence: { id: string, systemPresence: string }, routingStatus: string }} user
 * @returns {User}
 */
export const user = (user) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  state: 'active',
  version: 1,
  addresses: user.extension ? [{ address: user.extension, type: 'WORK', mediaType: 'PHONE', extension: user.extension }] : [],
  presence: { presenceDefinition: { id: user.presence.id, systemPresence: user.presence.systemPresence } },
  routingStatus: { userId: user.id, status: user.routingStatus },
  selfUri: `/api/v2/users/${user.id}`,
});

/** @param {{ id: string, name: string, waiting: number }} queue @returns {Queue} */
export const queue = (queue) => ({ id: queue.id, name: queue.name, memberCount: 3, joinedMemberCount: 2, selfUri: `/api/v2/routing/queues/${queue.id}` });

/** @param {{ id: string, firstName: string, lastName: string, phone?: string, email?: string }} c @returns {ExternalContact} */
export const externalContact = (c) => ({
  id: c.id,
  firstName: c.firstName,
  lastName: c.lastName,
  workPhone: c.phone ? { e164: c.phone, display: c.phone } : undefined,
  workEmail: c.email,
  selfUri: `/api/v2/externalcontacts/contacts/${c.id}`,
});

/** @param {string} conversationId @returns {PatchCallbackResponse & CreateCallbackResponse} */
export const callbackResponse = (conversationId) => ({
  conversation: { id: conversationId, selfUri: `/api/v2/conversations/${conversationId}` },
  callbackIdentifiers: [{ type: 'EXTERNAL', id: conversationId }],
});

/** @param {string} id @returns {CreateCallResponse} */
export const createCallResponse = (id) => ({ id, selfUri: `/api/v2/conversations/calls/${id}` });

/** @param {string} participantId @returns {ConsultTransferResponse} */
export const consultResponse = (participantId) => ({ destinationParticipantId: participantId });

/** @param {{ id: string, name: string }} l @returns {Library} */
export const library = (l) => ({ id: l.id, name: l.name, responseType: 'MessagingTemplate', selfUri: `/api/v2/responsemanagement/libraries/${l.id}` });

/** @param {{ id: string, name: string, libraryId: string, text: string }} r @param {string} libraryName @returns {Response} */
export const response = (r, libraryName) => ({
  id: r.id,
  name: r.name,
  version: 1,
  libraries: [{ id: r.libraryId, name: libraryName }],
  texts: [{ content: r.text, contentType: 'text/plain' }],
  interactionType: 'chat',
  selfUri: `/api/v2/responsemanagement/responses/${r.id}`,
});
