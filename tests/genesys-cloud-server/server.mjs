// @ts-check
// A contract server for the parts of the Genesys Cloud Platform API v2 that the Genesys Cloud
// adapter uses: conversations (callbacks and calls) with participants, states and wrap-up, users,
// queues, presence, routing status, external contacts, and the notification service (channels,
// subscriptions, a WebSocket with the documented envelope and heartbeats). Faults are scripted by
// the tests through /__control/*. Loopback only, random port. See README.md next to this file.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
// @ts-expect-error the installed @types/ws is 7 (the dev server's); ws 8 exports WebSocketServer
import { WebSocketServer } from 'ws';
import * as wire from './wire.mjs';
import { drop } from '../contract-servers/drop.mjs';

/** @typedef {import('./wire.mjs').Conv} Conv */
/** @typedef {import('./wire.mjs').Party} Party */

const DAY_MS = 24 * 60 * 60 * 1000;
export const AGENT_ID = 'agent-0001';
export const QUEUES = Object.freeze([
  { id: 'queue-billing', name: 'Billing', waiting: 4 },
  { id: 'queue-support', name: 'Support', waiting: 1 },
  { id: 'queue-sales', name: 'Sales callbacks', waiting: 0 },
]);
export const WRAPUP_CODES = Object.freeze([
  { id: 'wrap-resolved', name: 'Resolved' },
  { id: 'wrap-info', name: 'Information given' },
  { id: 'wrap-no-answer', name: 'No answer' },
]);
/** Org presence definitions: the system ones and two secondary "Away" reasons. */
export const PRESENCES = Object.freeze([
  { id: 'available', label: 'Available', systemPresence: 'Available' },
  { id: 'away', label: 'Away', systemPresence: 'Away' },
  { id: 'away-training', label: 'Training', systemPresence: 'Away', labels: { es: 'Formación' } },
  { id: 'break', label: 'Break', systemPresence: 'Break', labels: { es: 'Descanso' } },
  { id: 'meal', label: 'Meal', systemPresence: 'Meal', labels: { es: 'Comida' } },
  { id: 'busy', label: 'Busy', systemPresence: 'Busy' },
  { id: 'on-queue', label: 'On Queue', systemPresence: 'On Queue' },
  { id: 'offline', label: 'Offline', systemPresence: 'Offline' },
]);
/** Response Management: the libraries (categories) and the agent's standard responses. */
export const LIBRARIES = Object.freeze([
  { id: 'lib-billing', name: 'Billing' },
  { id: 'lib-general', name: 'General' },
]);
export const RESPONSES = Object.freeze([
  { id: 'resp-refund', name: 'Refund policy', libraryId: 'lib-billing', text: 'Refunds reach your account within five working days.' },
  { id: 'resp-invoice', name: 'Invoice copy', libraryId: 'lib-billing', text: 'A copy of the invoice is on its way to your e-mail address.' },
  { id: 'resp-hours', name: 'Opening hours', libraryId: 'lib-general', text: 'We are open from 08:00 to 18:00, Monday to Friday.' },
]);
/** Far ends by number: who answers, who is busy, who never answers. */
export const NUMBERS = Object.freeze({ busy: '+12025550186', noAnswer: '+12025550187', declines: '+12025550188' });
const INVALID_NUMBER = /^(?!\+?\d{6,15}$)/;

class HttpFailure extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.body = wire.errorBody(status, code, message);
  }
}

const notFound = (what) => new HttpFailure(404, 'not.found', `${what} not found`);
const badRequest = (message) => new HttpFailure(400, 'bad.request', message);

async function readText(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseTime(value, name) {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(value)) {
    throw badRequest(`${name} must be an ISO-8601 time with a zone`);
  }
  return Date.parse(value);
}

function seedUsers() {
  const available = PRESENCES[0];
  return [
    { id: AGENT_ID, name: 'Alex Agent', email: 'alex.agent@example.com', extension: '2001', presence: available, routingStatus: 'OFF_QUEUE', since: Date.now(), utilization: /** @type {Record<string, any> | undefined} */ (undefined) },
    { id: 'user-ana', name: 'Ana Ortega', email: 'ana.ortega@example.com', extension: '2002', presence: PRESENCES.find((p) => p.id === 'on-queue'), routingStatus: 'IDLE', since: Date.now(), utilization: /** @type {Record<string, any> | undefined} */ (undefined) },
    { id: 'user-ben', name: 'Ben Okafor', email: 'ben.okafor@example.com', extension: '2003', presence: PRESENCES.find((p) => p.id === 'break'), routingStatus: 'OFF_QUEUE', since: Date.now(), utilization: /** @type {Record<string, any> | undefined} */ (undefined) },
    { id: 'user-chloe', name: 'Chloé Martin', email: 'chloe.martin@example.com', extension: '2004', presence: PRESENCES.find((p) => p.id === 'offline'), routingStatus: 'OFF_QUEUE', since: Date.now(), utilization: /** @type {Record<string, any> | undefined} */ (undefined) },
  ].map((u) => ({ ...u, presence: u.presence ?? available }));
}

function seedContacts() {
  return [
    { id: 'ext-margaret', firstName: 'Margaret', lastName: 'Chen', phone: '+442079460123', email: 'margaret.chen@example.com' },
    { id: 'ext-oscar', firstName: 'Oscar', lastName: 'Diaz', phone: '+34911234567', email: 'oscar.diaz@example.com' },
  ];
}

/** Creates the server; `start()` listens and resolves with its base URL. */
export function createGenesysCloudServer() {
  let fixedNow = /** @type {number | undefined} */ (undefined);
  const now = () => fixedNow ?? Date.now();
  /** @type {Map<string, Conv>} */
  let conversations = new Map();
  let users = seedUsers();
  let contacts = seedContacts();
  /** @type {{ wrapupPrompt: string, ringMs: number, autoRing: boolean, heartbeatMs: number, channelTtlMs: number, tokenTtlMs?: number | null }} */
  let config = { wrapupPrompt: 'optional', ringMs: 150, autoRing: true, heartbeatMs: 30_000, channelTtlMs: DAY_MS };
  let failures = /** @type {any[]} */ ([]);
  let log = /** @type {any[]} */ ([]);
  const revokedTokens = new Set();
  /** When each token was first used: with `tokenTtlMs`, a token older than that has expired (401). */
  const tokenSeen = new Map();
  /** Conversation events published per user (a test waits until its adapter heard them all). */
  const published = new Map();
  /** Rings waiting for their outcome, on the rings' own clock. */
  let rings = /** @type {{ due: number, outcome: () => void }[]} */ ([]);
  let ringClock = 0;
  /** Sockets stay open but send nothing: no events, heartbeats or pongs (a half-dead connection). */
  let silenced = false;
  let pings = 0;
  /** @type {Map<string, { id: string, expires: number, topics: Set<string>, sockets: Set<import('ws')>, closed: boolean }>} */
  const channels = new Map();
  const timers = new Set();
  let baseUrl = '';

  const later = (fn, ms) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  // ---- notifications ----
  function send(channelId, message) {
    const ch = channels.get(channelId);
    if (!ch || silenced) return;
    for (const socket of ch.sockets) if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }
  function publish(topicName, eventBody) {
    for (const ch of channels.values()) {
      if (ch.closed || !ch.topics.has(topicName)) continue;
      send(ch.id, { topicName, version: '2', eventBody, metadata: { CorrelationId: randomUUID() } });
    }
  }
  function publishConversation(conv) {
    const body = conv.media === 'callback' ? wire.callbackEvent(conv) : wire.callEvent(conv);
    const userIds = new Set(conv.participants.map((p) => p.userId).filter(Boolean));
    for (const userId of userIds) {
      published.set(userId, (published.get(userId) ?? 0) + 1);
      publish(`v2.users.${userId}.conversations.${conv.media === 'callback' ? 'callbacks' : 'calls'}`, body);
      publish(`v2.users.${userId}.conversations`, body);
    }
  }
  function publishUser(u) {
    publish(`v2.users.${u.id}.routingStatus`, wire.routingStatusEvent(u.id, u.routingStatus, u.since));
    publish(`v2.users.${u.id}.presence`, wire.presenceEvent(u.presence, u.since));
  }

  // ---- conversation model ----
  /** The agent's participant still in the conversation (any agent's without `userId`). */
  const agentOf = (conv, userId = undefined) =>
    conv.participants.findLast((p) => p.purpose === 'agent' && (userId === undefined || p.userId === userId) && p.state !== 'terminated');
  const customerOf = (conv) => conv.participants.find((p) => p.purpose === 'customer');
  const party = (/** @type {Partial<Party> & Pick<Party, 'purpose' | 'state'>} */ p) => /** @type {Party} */ ({ id: randomUUID(), startTime: now(), ...p });

  /** Open for the agent: offered, in progress, or in after-call work. */
  function isOpenForAgent(conv, userId) {
    const agent = agentOf(conv, userId);
    if (!agent) return false;
    if (agent.state === 'disconnected') return Boolean(agent.wrapupRequired) && !agent.wrapup;
    return true;
  }

  function findConv(id, media) {
    const conv = conversations.get(id);
    if (!conv || (media && conv.media !== media)) throw notFound(`Conversation ${id}`);
    return conv;
  }
  function findParty(conv, pid) {
    const p = conv.participants.find((x) => x.id === pid);
    if (!p) throw notFound(`Participant ${pid}`);
    return p;
  }

  function disconnect(p, type) {
    if (p.state === 'disconnected' || p.state === 'terminated') return;
    p.state = 'disconnected';
    p.disconnectType = type;
    p.endTime = now();
    p.held = false;
    if (p.purpose === 'agent') p.wrapupRequired = p.connectedTime !== undefined && config.wrapupPrompt !== 'none';
  }

  /** Offers that waited past their alerting timeout go back to the queue. */
  function expireOffers() {
    for (const conv of conversations.values()) {
      for (const p of conv.participants) {
        if (p.purpose === 'agent' && p.state === 'alerting' && p.alertingTimeoutMs !== undefined && p.startTime + p.alertingTimeoutMs <= now()) {
          disconnect(p, 'timeout');
          p.wrapupRequired = false;
          const acd = conv.participants.find((x) => x.purpose === 'acd');
          if (acd) acd.state = 'connected';
          publishConversation(conv);
        }
      }
    }
  }

  /** The queue routes a conversation to the agent (the test says when). */
  function route(body) {
    const media = body.media === 'call' ? 'call' : 'callback';
    let conv = body.conversationId ? findConv(body.conversationId) : undefined;
    const queueId = body.queueId ?? conv?.queueId ?? QUEUES[0].id;
    if (!conv) {
      const number = body.number ?? '+442079460123';
      conv = {
        id: randomUUID(),
        media,
        queueId,
        digits: '',
        participants: [
          party({ purpose: 'customer', state: 'connected', name: body.name ?? 'Margaret Chen', address: `tel:${number}`, attributes: { ...(body.attributes ?? {}) } }),
          party({ purpose: 'acd', state: 'connected', name: QUEUES.find((q) => q.id === queueId)?.name, queueId }),
        ],
      };
      if (media === 'callback') {
        conv.callbackNumbers = body.callbackNumbers ?? [number];
        conv.callbackUserName = body.name ?? 'Margaret Chen';
        conv.scheduledTime = body.scheduledTime === undefined ? undefined : Date.parse(body.scheduledTime);
        conv.skipEnabled = body.skipEnabled ?? true;
      }
      conversations.set(conv.id, conv);
    }
    const acd = conv.participants.find((p) => p.purpose === 'acd');
    if (acd) acd.state = 'disconnected';
    const agent = party({
      purpose: 'agent',
      state: 'alerting',
      name: 'Alex Agent',
      userId: ensureUser(body.userId ?? AGENT_ID).id,
      queueId,
      address: media === 'call' ? 'sip:alex.agent@example.com' : undefined,
      alertingTimeoutMs: body.alertingTimeoutMs ?? 30_000,
      wrapupPrompt: body.wrapupPrompt ?? config.wrapupPrompt,
      attributes: body.agentAttributes ?? {},
    });
    conv.participants.push(agent);
    if (fixedNow === undefined) later(expireOffers, (agent.alertingTimeoutMs ?? 0) + 5);
    publishConversation(conv);
    return { conversationId: conv.id, participantId: agent.id };
  }

  function mayDecline(conv, agent) {
    return !(conv.skipEnabled === false || agent.attributes?.allowReject === 'false' || customerOf(conv)?.attributes?.allowReject === 'false');
  }

  function patchParticipant(conv, pid, body) {
    const p = findParty(conv, pid);
    const wasState = p.state;
    if (body.state !== undefined) {
      if (body.state === 'connected') {
        if (p.state !== 'alerting') throw new HttpFailure(409, 'conversation.error.participant.state', `Participant is ${p.state}`);
        p.state = 'connected';
        p.connectedTime = now();
      } else if (body.state === 'disconnected') {
        if (p.state === 'disconnected' || p.state === 'terminated') {
          if (!body.wrapup) throw new HttpFailure(409, 'conversation.error.participant.state', `Participant is ${p.state}`);
        } else if (p.state === 'alerting') {
          if (p.purpose === 'agent' && !mayDecline(conv, p)) throw new HttpFailure(403, 'not.authorized', 'This offer may not be declined');
          disconnect(p, 'client');
          p.wrapupRequired = false;
          const acd = conv.participants.find((x) => x.purpose === 'acd');
          if (acd) acd.state = 'connected';
        } else {
          endLeg(conv, p);
        }
      } else {
        throw badRequest(`state ${body.state} cannot be set`);
      }
    }
    if (body.held !== undefined || body.muted !== undefined) {
      if (conv.media !== 'call') throw badRequest('Only call participants can be held or muted');
      if (p.state !== 'connected') throw new HttpFailure(409, 'conversation.error.participant.state', `Participant is ${p.state}`);
      if (body.held !== undefined) {
        p.held = Boolean(body.held);
        p.startHoldTime = p.held ? now() : undefined;
        const customer = customerOf(conv);
        const consulting = customer && conv.participants.some((x) => x.id === customer.consultParticipantId && x.state !== 'disconnected');
        if (!p.held && p.purpose === 'agent' && customer && !consulting) {
          customer.held = false;
          customer.consultParticipantId = undefined;
        }
      }
      if (body.muted !== undefined) p.muted = Boolean(body.muted);
    }
    if (body.wrapup !== undefined || body.wrapupSkipped) {
      if (p.state !== 'disconnected') throw new HttpFailure(409, 'conversation.error.wrapup.not.allowed', 'Wrap-up is sent after the participant disconnected');
      if (body.wrapupSkipped) {
        if (p.wrapupPrompt === 'mandatory') throw badRequest('A wrap-up code is required');
      } else {
        const code = WRAPUP_CODES.find((c) => c.id === body.wrapup.code);
        if (!code) throw badRequest(`Unknown wrap-up code ${body.wrapup.code}`);
        p.wrapup = { code: code.id, name: code.name, notes: typeof body.wrapup.notes === 'string' ? body.wrapup.notes : undefined };
      }
      p.state = 'terminated';
      p.wrapupRequired = false;
    }
    if (wasState !== p.state || body.held !== undefined || body.muted !== undefined || body.wrapup) publishConversation(conv);
  }

  /** A connected party leaves: on a two-party call the other side's leg ends too. */
  function endLeg(conv, p) {
    if (conv.media === 'callback') {
      disconnect(p, 'client');
      return;
    }
    const agent = agentOf(conv);
    const consulted = conv.participants.filter((x) => x.consultParticipantId === undefined && x.purpose !== 'customer' && x.purpose !== 'agent' && x.purpose !== 'acd' && x.state === 'connected');
    disconnect(p, p.purpose === 'agent' ? 'client' : 'peer');
    if (p === agent && agent) {
      const customer = customerOf(conv);
      // The agent leaving a consultation completes the transfer: the customer stays with the target.
      const target = conv.participants.find((x) => x.id === customer?.consultParticipantId && x.state === 'connected');
      if (customer && target) {
        customer.held = false;
        customer.consultParticipantId = undefined;
        conv.transferredTo = target.address;
        agent.disconnectType = 'transfer';
        return;
      }
      if (consulted.length > 0) return; // a conference goes on without the agent
      for (const x of conv.participants) if (x !== p) disconnect(x, 'peer');
      return;
    }
    if (p.purpose === 'customer' && agent) {
      for (const x of conv.participants) if (x !== p) disconnect(x, 'peer');
    }
  }

  // ---- calls ----
  /** An outgoing leg rings, then answers, is busy or never answers, by its number. */
  /**
   * An outgoing leg rings for `ringMs` (three times that for NUMBERS.noAnswer). Rings are timed on
   * a clock of their own: in real time with `autoRing` (the default), or only when a test runs it
   * forward with `/__control/tick`.
   */
  function ring(conv, p) {
    const number = (p.address ?? '').replace(/^tel:/, '');
    const delay = number === NUMBERS.noAnswer ? config.ringMs * 3 : config.ringMs;
    const outcome = () => {
      if (p.state !== 'dialing' && p.state !== 'contacting' && p.state !== 'alerting') return;
      if (number === NUMBERS.busy) {
        disconnect(p, 'error');
        p.errorCode = 'error.ininedgecontrol.connection.busy';
      } else if (number === NUMBERS.noAnswer) disconnect(p, 'timeout');
      else if (number === NUMBERS.declines) disconnect(p, 'peer');
      else {
        p.state = 'connected';
        p.connectedTime = now();
      }
      if (p.purpose === 'customer' && p.state === 'disconnected') {
        const agent = agentOf(conv);
        if (agent) disconnect(agent, 'peer');
      }
      publishConversation(conv);
    };
    rings.push({ due: ringClock + delay, outcome });
    if (config.autoRing) later(outcome, delay);
  }

  function dial(body, userId) {
    const number = typeof body.phoneNumber === 'string' ? body.phoneNumber.replace(/[\s().-]/g, '') : '';
    if (!number || INVALID_NUMBER.test(number)) throw badRequest('phoneNumber is not a valid number');
    const conv = /** @type {Conv} */ ({ id: randomUUID(), media: 'call', queueId: body.callFromQueueId, digits: '', participants: [] });
    const agent = party({ purpose: 'agent', state: 'connected', connectedTime: now(), userId, name: findUser(userId).name, direction: 'outbound', queueId: body.callFromQueueId, wrapupPrompt: config.wrapupPrompt, attributes: { ...(body.attributes ?? {}) } });
    const customer = party({ purpose: 'customer', state: 'dialing', address: `tel:${number}`, direction: 'outbound' });
    conv.participants.push(agent, customer);
    conversations.set(conv.id, conv);
    publishConversation(conv);
    ring(conv, customer);
    return conv;
  }

  function destinationOf(body) {
    const user = body.userId ? users.find((u) => u.id === body.userId) : undefined;
    if (body.userId && !user) throw notFound(`User ${body.userId}`);
    const queue = body.queueId ? QUEUES.find((q) => q.id === body.queueId) : undefined;
    if (body.queueId && !queue) throw notFound(`Queue ${body.queueId}`);
    const address = user ? `user:${user.id}` : queue ? `queue:${queue.id}` : body.address;
    if (!address) throw badRequest('A destination needs a userId, a queueId or an address');
    return { address, name: user?.name ?? queue?.name ?? address, userId: user?.id };
  }

  function addLeg(conv, dest, joinsAtOnce = false) {
    const leg = party({ purpose: dest.userId ? 'user' : 'external', state: joinsAtOnce ? 'connected' : 'dialing', address: dest.address, name: dest.name, userId: dest.userId, direction: 'outbound' });
    if (joinsAtOnce) leg.connectedTime = now();
    conv.participants.push(leg);
    if (!joinsAtOnce) ring(conv, leg);
    return leg;
  }

  // ---- users, routing status, presence ----
  const findUser = (id) => {
    const u = users.find((x) => x.id === id) ?? (/^agent-/.test(id) ? ensureUser(id) : undefined);
    if (!u) throw notFound(`User ${id}`);
    return u;
  };
  /** Agents named `agent-…` exist as soon as they are named: each test harness signs in as its own. */
  function ensureUser(id) {
    let u = users.find((x) => x.id === id);
    if (!u) {
      u = { id, name: `Agent ${id.slice(6)}`, email: `${id}@example.com`, extension: '', presence: PRESENCES[0], routingStatus: 'OFF_QUEUE', since: now(), utilization: /** @type {Record<string, any> | undefined} */ (undefined) };
      users.push(u);
    }
    return u;
  }
  function setRouting(u, status) {
    if (!['IDLE', 'OFF_QUEUE'].includes(status)) throw badRequest(`routing status ${status} cannot be set`);
    u.routingStatus = status;
    u.presence = status === 'IDLE' ? PRESENCES.find((p) => p.id === 'on-queue') : PRESENCES[0];
    u.since = now();
    publishUser(u);
  }
  function setPresence(u, definitionId) {
    const def = PRESENCES.find((p) => p.id === definitionId);
    if (!def) throw badRequest(`Unknown presence definition ${definitionId}`);
    u.presence = def;
    u.routingStatus = def.systemPresence === 'On Queue' ? 'IDLE' : 'OFF_QUEUE';
    u.since = now();
    publishUser(u);
  }

  function pageOf(items, query) {
    const pageSize = Math.max(1, Math.min(100, Number(query.get('pageSize') ?? 25)));
    const pageNumber = Math.max(1, Number(query.get('pageNumber') ?? 1));
    return { entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), pageSize, pageNumber, total: items.length, pageCount: Math.ceil(items.length / pageSize) };
  }
  const contains = (text, part) => text.toLocaleLowerCase().includes(String(part).replace(/\*/g, '').toLocaleLowerCase());

  // ---- REST routing ----
  /** @returns {Promise<[number, unknown] | [number, unknown, Record<string, string>]>} */
  async function api(req, url) {
    const method = req.method;
    const path = url.pathname;
    const body = req.bodyText ? JSON.parse(req.bodyText) : {};
    const q = url.searchParams;
    let m;
    expireOffers();

    // notifications
    if (path === '/api/v2/notifications/channels' && method === 'POST') {
      const id = `streaming-${randomUUID()}`;
      const expires = now() + config.channelTtlMs;
      channels.set(id, { id, expires, topics: new Set(), sockets: new Set(), closed: false });
      return [200, wire.channel(id, `${baseUrl.replace(/^http/, 'ws')}/channels/${id}`, expires)];
    }
    if ((m = path.match(/^\/api\/v2\/notifications\/channels\/([^/]+)\/subscriptions$/))) {
      const ch = channels.get(m[1]);
      if (!ch || ch.closed) throw notFound(`Channel ${m[1]}`);
      if (method === 'POST' || method === 'PUT') {
        const topics = (Array.isArray(body) ? body : []).map((t) => t.id);
        for (const topic of topics) {
          const tm = /^v2\.users\.([^.]+)\.(conversations|conversations\.calls|conversations\.callbacks|routingStatus|presence)$/.exec(topic ?? '');
          if (!tm || !(users.some((u) => u.id === tm[1]) || tm[1].startsWith('agent-'))) throw badRequest(`Topic ${topic} is not valid`);
        }
        if (method === 'PUT') ch.topics.clear();
        for (const topic of topics) ch.topics.add(topic);
      }
      if (method === 'DELETE') {
        ch.topics.clear();
        return [204, undefined];
      }
      return [200, { entities: [...ch.topics].map(wire.channelTopic) }];
    }

    // callbacks
    if (path === '/api/v2/conversations/callbacks') {
      if (method === 'GET') return [200, pageOf([...conversations.values()].filter((c) => c.media === 'callback' && isOpenForAgent(c, req.userId)).map(wire.callbackConversation), q)];
      if (method === 'PATCH') {
        const conv = findConv(body.conversationId, 'callback');
        if (body.callbackScheduledTime !== undefined) {
          const time = parseTime(body.callbackScheduledTime, 'callbackScheduledTime');
          if (time <= now()) throw badRequest('callbackScheduledTime must be in the future');
          if (time > now() + 30 * DAY_MS) throw badRequest('callbackScheduledTime must be within 30 days');
          conv.scheduledTime = time;
        }
        if (body.callbackNumbers !== undefined) {
          if (!Array.isArray(body.callbackNumbers) || !body.callbackNumbers.length || body.callbackNumbers.some((n) => INVALID_NUMBER.test(String(n).replace(/[\s().-]/g, '')))) {
            throw badRequest('callbackNumbers are not valid numbers');
          }
          conv.callbackNumbers = [...body.callbackNumbers];
        }
        if (body.queueId !== undefined) conv.queueId = body.queueId;
        publishConversation(conv);
        return [200, wire.callbackResponse(conv.id)];
      }
      if (method === 'POST') {
        const numbers = Array.isArray(body.callbackNumbers) ? body.callbackNumbers.map((n) => String(n).replace(/[\s().-]/g, '')) : [];
        if (!numbers.length || numbers.some((n) => INVALID_NUMBER.test(n))) throw badRequest('callbackNumbers are not valid numbers');
        if (body.queueId && !QUEUES.some((x) => x.id === body.queueId)) throw notFound(`Queue ${body.queueId}`);
        let scheduledTime;
        if (body.callbackScheduledTime !== undefined) {
          scheduledTime = parseTime(body.callbackScheduledTime, 'callbackScheduledTime');
          if (scheduledTime > now() + 30 * DAY_MS) throw badRequest('callbackScheduledTime must be within 30 days');
        }
        const queueId = body.queueId ?? QUEUES[0].id;
        /** @type {Conv} */
        const conv = {
          id: randomUUID(),
          media: 'callback',
          queueId,
          digits: '',
          callbackNumbers: numbers,
          callbackUserName: body.callbackUserName,
          scheduledTime,
          skipEnabled: true,
          participants: [
            party({ purpose: 'customer', state: 'connected', name: body.callbackUserName, address: `tel:${numbers[0]}`, attributes: { ...(body.data ?? {}) } }),
            party({ purpose: 'acd', state: 'connected', queueId, name: QUEUES.find((x) => x.id === queueId)?.name }),
          ],
        };
        conversations.set(conv.id, conv);
        return [200, wire.callbackResponse(conv.id)];
      }
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/(callbacks|calls)\/([^/]+)$/)) && method === 'GET') {
      const conv = findConv(m[2], m[1] === 'calls' ? 'call' : 'callback');
      return [200, conv.media === 'call' ? wire.callConversation(conv) : wire.callbackConversation(conv)];
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/(callbacks|calls)\/([^/]+)\/participants\/([^/]+)$/)) && method === 'PATCH') {
      patchParticipant(findConv(m[2], m[1] === 'calls' ? 'call' : 'callback'), m[3], body);
      return [202, undefined];
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/(callbacks|calls)\/([^/]+)\/participants\/([^/]+)\/wrapupcodes$/)) && method === 'GET') {
      const conv = findConv(m[2], m[1] === 'calls' ? 'call' : 'callback');
      findParty(conv, m[3]);
      return [200, WRAPUP_CODES.map(wire.wrapupCode)];
    }

    // calls
    if (path === '/api/v2/conversations/calls') {
      if (method === 'GET') return [200, pageOf([...conversations.values()].filter((c) => c.media === 'call' && isOpenForAgent(c, req.userId)).map(wire.callConversation), q)];
      if (method === 'POST') return [200, wire.createCallResponse(dial(body, req.userId).id)];
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/([^/]+)\/participants\/([^/]+)\/digits$/)) && method === 'POST') {
      const conv = findConv(m[1], 'call');
      const p = findParty(conv, m[2]);
      if (p.state !== 'connected') throw new HttpFailure(409, 'conversation.error.participant.state', `Participant is ${p.state}`);
      if (typeof body.digits !== 'string' || !/^[0-9*#A-Da-d]+$/.test(body.digits)) throw badRequest('digits are not valid DTMF');
      conv.digits += body.digits;
      return [202, undefined];
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/calls\/([^/]+)\/participants\/([^/]+)\/replace$/)) && method === 'POST') {
      const conv = findConv(m[1], 'call');
      const p = findParty(conv, m[2]);
      if (p.state !== 'connected') throw new HttpFailure(409, 'conversation.error.participant.state', `Participant is ${p.state}`);
      const dest = destinationOf(body);
      const leg = addLeg(conv, dest);
      conv.transferredTo = leg.address;
      disconnect(p, 'transfer');
      const customer = customerOf(conv);
      if (customer) customer.held = false;
      publishConversation(conv);
      return [202, undefined];
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/calls\/([^/]+)\/participants\/([^/]+)\/consult$/))) {
      const conv = findConv(m[1], 'call');
      const object = findParty(conv, m[2]);
      if (method === 'POST') {
        if (object.state !== 'connected') throw new HttpFailure(409, 'conversation.error.participant.state', `Participant is ${object.state}`);
        const leg = addLeg(conv, destinationOf(body.destination ?? {}));
        object.held = true;
        object.consultParticipantId = leg.id;
        publishConversation(conv);
        return [200, wire.consultResponse(leg.id)];
      }
      const leg = conv.participants.find((x) => x.id === object.consultParticipantId);
      if (!leg) throw notFound('Consultation');
      if (method === 'PATCH') {
        const speakTo = body.speakTo;
        if (!['DESTINATION', 'OBJECT', 'BOTH', 'CONFERENCE'].includes(speakTo)) throw badRequest(`speakTo ${speakTo} is not valid`);
        if (leg.state !== 'connected') throw new HttpFailure(409, 'conversation.error.participant.state', 'The destination has not answered');
        object.held = speakTo === 'DESTINATION';
        leg.held = speakTo === 'OBJECT';
        if (speakTo === 'CONFERENCE' || speakTo === 'BOTH') object.consultParticipantId = undefined;
        publishConversation(conv);
        return [200, wire.consultResponse(leg.id)];
      }
      if (method === 'DELETE') {
        disconnect(leg, 'client');
        object.held = false;
        object.consultParticipantId = undefined;
        publishConversation(conv);
        return [204, undefined];
      }
    }
    if ((m = path.match(/^\/api\/v2\/conversations\/calls\/([^/]+)\/participants$/)) && method === 'POST') {
      const conv = findConv(m[1], 'call');
      // An instant conference: the party joins at once (the contract server does not ring it).
      const added = (body.participants ?? []).map((p) => addLeg(conv, destinationOf({ address: p.address, userId: p.userId ?? p.user?.id, queueId: p.queueId ?? p.queue?.id }), true));
      if (!added.length) throw badRequest('participants must name someone to add');
      publishConversation(conv);
      return [200, { id: conv.id, participants: added.map((p) => ({ id: p.id, address: p.address, state: p.state })) }];
    }

    // users, routing status, presence
    if ((m = path.match(/^\/api\/v2\/users\/([^/]+)\/routingstatus$/))) {
      const u = findUser(m[1] === 'me' ? req.userId : m[1]);
      if (method === 'PUT') setRouting(u, body.status);
      return [200, wire.routingStatus(u.id, u.routingStatus, u.since)];
    }
    // The agent's utilization: how many interactions of each media type may be routed to them at
    // once (0: none). `call` and `callback` only; other media types are kept as sent.
    if ((m = path.match(/^\/api\/v2\/routing\/users\/([^/]+)\/utilization$/))) {
      const u = findUser(m[1] === 'me' ? req.userId : m[1]);
      u.utilization ??= { call: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false }, callback: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false } };
      if (method === 'PUT') {
        const sent = body.utilization;
        if (!sent || typeof sent !== 'object') throw badRequest('utilization is required');
        for (const [media, value] of Object.entries(sent)) {
          const capacity = value?.maximumCapacity;
          if (!Number.isInteger(capacity) || capacity < 0 || capacity > 25) throw badRequest(`maximumCapacity of ${media} must be 0 to 25`);
          u.utilization[media] = { interruptableMediaTypes: [], includeNonAcd: false, ...value };
        }
      }
      return [200, { utilization: structuredClone(u.utilization), level: 'Agent' }];
    }
    if ((m = path.match(/^\/api\/v2\/users\/([^/]+)\/presences\/PURECLOUD$/))) {
      const u = findUser(m[1] === 'me' ? req.userId : m[1]);
      if (method === 'PATCH') setPresence(u, body.presenceDefinition?.id);
      return [200, wire.userPresence(u.presence, u.since)];
    }
    if (path === '/api/v2/presencedefinitions' && method === 'GET') {
      return [200, pageOf(PRESENCES.map(wire.presenceDefinition), q)];
    }
    if (path === '/api/v2/users/search' && method === 'POST') {
      const text = String(body.query?.[0]?.value ?? '');
      const found = users.filter((u) => contains(u.name, text) || contains(u.email, text)).map(wire.user);
      const pageSize = Number(body.pageSize ?? 25);
      return [200, { total: found.length, pageSize, pageNumber: 1, pageCount: 1, results: found.slice(0, pageSize), types: ['users'] }];
    }
    if (path === '/api/v2/users' && method === 'GET') return [200, pageOf(users.map(wire.user), q)];
    if ((m = path.match(/^\/api\/v2\/users\/([^/]+)$/)) && method === 'GET') return [200, wire.user(findUser(m[1] === 'me' ? req.userId : m[1]))];
    if (path === '/api/v2/routing/queues' && method === 'GET') {
      const name = q.get('name');
      return [200, pageOf(QUEUES.filter((x) => !name || contains(x.name, name)).map(wire.queue), q)];
    }
    if (path === '/api/v2/routing/wrapupcodes' && method === 'GET') return [200, pageOf(WRAPUP_CODES.map(wire.wrapupCode), q)];

    // response management
    if (path === '/api/v2/responsemanagement/libraries' && method === 'GET') return [200, pageOf(LIBRARIES.map(wire.library), q)];
    if (path === '/api/v2/responsemanagement/responses' && method === 'GET') {
      const libraryId = q.get('libraryId');
      if (!libraryId) throw badRequest('libraryId is required');
      return [200, pageOf(RESPONSES.filter((r) => r.libraryId === libraryId).map((r) => wire.response(r, LIBRARIES.find((l) => l.id === r.libraryId)?.name ?? '')), q)];
    }

    // external contacts
    if (path === '/api/v2/externalcontacts/contacts' && method === 'GET') {
      const text = q.get('q') ?? '';
      return [200, pageOf(contacts.filter((c) => contains(`${c.firstName} ${c.lastName} ${c.phone ?? ''} ${c.email ?? ''}`, text)).map(wire.externalContact), q)];
    }
    if ((m = path.match(/^\/api\/v2\/externalcontacts\/contacts\/([^/]+)$/))) {
      const c = contacts.find((x) => x.id === m[1]);
      if (!c) throw notFound(`Contact ${m[1]}`);
      if (method === 'PUT') {
        const phone = body.workPhone?.e164 ?? body.workPhone?.display;
        if (phone !== undefined && INVALID_NUMBER.test(String(phone).replace(/[\s().-]/g, ''))) throw badRequest('workPhone is not a valid number');
        if (body.workEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.workEmail)) throw badRequest('workEmail is not a valid address');
        Object.assign(c, { firstName: body.firstName ?? c.firstName, lastName: body.lastName ?? c.lastName, phone: phone ?? c.phone, email: body.workEmail ?? c.email });
      }
      return [200, wire.externalContact(c)];
    }
    throw notFound(`${method} ${path}`);
  }

  // ---- control API (not Genesys Cloud) ----
  function control(action, rest, body) {
    switch (action) {
      case 'reset':
        conversations = new Map();
        users = seedUsers();
        contacts = seedContacts();
        config = { wrapupPrompt: 'optional', ringMs: 150, autoRing: true, heartbeatMs: 30_000, channelTtlMs: DAY_MS, ...(body ?? {}) };
        rings = [];
        published.clear();
        failures = [];
        log = [];
        fixedNow = undefined;
        revokedTokens.clear();
        tokenSeen.clear();
        silenced = false;
        pings = 0;
        for (const ch of channels.values()) for (const s of ch.sockets) s.terminate();
        channels.clear();
        return [200, {}];
      case 'config':
        Object.assign(config, body ?? {});
        return [200, config];
      case 'time':
        fixedNow = typeof body?.now === 'number' ? body.now : undefined;
        expireOffers();
        return [200, { now: now() }];
      case 'route':
        return [200, route(body ?? {})];
      case 'hangup': {
        const conv = findConv(rest);
        const customer = customerOf(conv);
        if (customer) endLeg(conv, customer);
        publishConversation(conv);
        return [200, {}];
      }
      case 'revoke': {
        // The routing engine takes the offer away (the customer hung up in the queue).
        const conv = findConv(rest);
        const agent = agentOf(conv);
        if (agent) {
          disconnect(agent, 'peer');
          agent.wrapupRequired = false;
        }
        publishConversation(conv);
        return [200, {}];
      }
      case 'conversation': {
        const conv = findConv(rest);
        return [200, { ...conv, open: conv.participants.some((p) => p.purpose === 'agent' && p.userId && isOpenForAgent(conv, p.userId)) }];
      }
      case 'conversations':
        return [200, [...conversations.values()]];
      case 'clear-faults':
        failures = [];
        return [200, {}];
      case 'fail':
        failures.push({ times: 1, ...body, pattern: new RegExp(body.path ?? '.*') });
        return [200, {}];
      case 'log':
        return [200, log];
      case 'revoke-token':
        revokedTokens.add(body.token);
        return [200, {}];
      case 'drop-sockets': {
        let dropped = 0;
        for (const ch of channels.values()) for (const s of ch.sockets) {
          s.terminate();
          dropped++;
        }
        return [200, { dropped }];
      }
      case 'expire-channels': {
        // The channel's time is up: the documented closing notice, then the socket closes and the
        // channel is gone.
        const ids = [...channels.values()].filter((ch) => !ch.closed).map((ch) => ch.id);
        for (const id of ids) {
          const ch = channels.get(id);
          if (!ch) continue;
          send(id, { topicName: 'v2.system.socket_closing', eventBody: { message: 'Socket closing' } });
          ch.closed = true;
          later(() => {
            for (const s of ch.sockets) s.close(1000, 'channel expired');
          }, body?.closeAfterMs ?? 20);
        }
        return [200, { expired: ids }];
      }
      case 'tick': {
        // Runs the rings' clock forward: every ring due by then has its outcome, in order.
        ringClock += Number(body?.ms ?? 0);
        const due = rings.filter((r) => r.due <= ringClock).sort((a, b) => a.due - b.due);
        rings = rings.filter((r) => r.due > ringClock);
        for (const r of due) r.outcome();
        return [200, { published: Object.fromEntries(published) }];
      }
      case 'published':
        return [200, { published: Object.fromEntries(published) }];
      case 'far-end': {
        // What the customer (or, with `/<participantId>`, that party) experiences.
        const [convId, pid] = rest.split('/');
        const conv = findConv(convId);
        const agent = conv.participants.findLast((p) => p.purpose === 'agent');
        const party = pid ? findParty(conv, pid) : customerOf(conv);
        const live = (p) => p && p.state === 'connected';
        // Connected with the agent, or (the agent gone) with others still on the call.
        const others = conv.participants.filter((p) => p !== party && p !== agent && p.purpose !== 'acd' && live(p));
        return [200, {
          connected: Boolean(live(party) && (live(agent) || others.length > 0)),
          held: Boolean(party?.held || (!pid && agent?.held)),
          digits: conv.digits,
          joined: conv.participants.filter((p) => p.purpose !== 'customer' && p.purpose !== 'agent' && p.purpose !== 'acd' && live(p) && !p.held && party?.consultParticipantId !== p.id).map((p) => p.address),
          transferredTo: conv.transferredTo,
          hearsAgent: Boolean(live(agent) && agent && !agent.muted && !agent.held && !party?.held),
        }];
      }
      case 'silence':
        silenced = Boolean(body?.on);
        return [200, { silenced, pings }];
      case 'heartbeat':
        for (const ch of channels.values()) send(ch.id, { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
        return [200, {}];
      case 'channels':
        return [200, [...channels.values()].map((ch) => ({ id: ch.id, topics: [...ch.topics], sockets: ch.sockets.size, closed: ch.closed }))];
      case 'user':
        return [200, findUser(rest)];
      default:
        throw notFound(`control ${action}`);
    }
  }


  function respond(res, status, body, headers = {}) {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Connection', 'close');
    if (req.headers.origin && /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.origin)) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, inin-correlation-id');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    req.bodyText = await readText(req);
    if (url.pathname.startsWith('/__control/')) {
      const [, , action, ...rest] = url.pathname.split('/');
      try {
        const [status, body] = control(action, decodeURIComponent(rest.join('/')), req.bodyText ? JSON.parse(req.bodyText) : undefined);
        respond(res, status, body);
      } catch (error) {
        answer(res, { error });
      }
      return;
    }
    const authorization = req.headers.authorization ?? '';
    log.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: req.bodyText, authorization, at: Date.now() });
    const token = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (token && !tokenSeen.has(token)) tokenSeen.set(token, Date.now());
    const expired = token && typeof config.tokenTtlMs === 'number' && Date.now() - tokenSeen.get(token) > config.tokenTtlMs;
    if (!token || revokedTokens.has(token) || expired) {
      respond(res, 401, wire.errorBody(401, 'bad.credentials', 'Invalid login credentials.'));
      return;
    }
    // `user:<id>` (or `user:<id>#<anything>`, a renewed token) signs in as that user; any other token as AGENT_ID.
    req.userId = token.startsWith('user:') ? token.slice(5).split('#')[0] : AGENT_ID;
    const rule = failures.find((f) => f.times > 0 && (!f.method || f.method === req.method) && f.pattern.test(url.pathname + url.search));
    try {
      if (rule) {
        rule.times -= 1;
        const applied = rule.apply ? await settle(api(req, url)) : undefined;
        if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
        if (rule.drop) {
          drop(req, res);
          return;
        }
        if (rule.status) {
          const headers = rule.retryAfter === undefined ? {} : { 'Retry-After': String(rule.retryAfter) };
          const code = rule.status === 429 ? 'too.many.requests' : rule.status >= 500 ? 'internal.server.error' : 'bad.request';
          respond(res, rule.status, wire.errorBody(rule.status, rule.code ?? code, rule.message ?? 'Scripted failure'), headers);
          return;
        }
        if (applied) {
          answer(res, applied);
          return;
        }
      }
      answer(res, await settle(api(req, url)));
    } catch (error) {
      answer(res, { error });
    }
  }

  async function settle(promise) {
    try {
      return { result: await promise };
    } catch (error) {
      return { error };
    }
  }

  /** @param {any} res @param {{ result?: any, error?: any }} outcome */
  function answer(res, { result, error }) {
    if (result) respond(res, result[0], result[1], result[2]);
    else if (error instanceof HttpFailure) respond(res, error.status, error.body);
    else if (error instanceof SyntaxError) respond(res, 400, wire.errorBody(400, 'bad.request', 'The body is not JSON'));
    else respond(res, 500, wire.errorBody(500, 'internal.server.error', String(error)));
  }

  const server = http.createServer((req, res) => void handle(req, res));
  /** @type {import('ws').Server} */
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const id = /^\/channels\/([^/?]+)/.exec(req.url ?? '')?.[1];
    const ch = id ? channels.get(id) : undefined;
    if (!ch || ch.closed || ch.expires <= now()) {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, /** @type {import('node:net').Socket} */ (socket), head, (ws) => {
      ch.sockets.add(ws);
      const beat = setInterval(() => {
        if (ws.readyState === ws.OPEN && !silenced) ws.send(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }));
      }, config.heartbeatMs);
      ws.on('message', (data) => {
        let message;
        try {
          message = JSON.parse(String(data));
        } catch {
          return;
        }
        pings++;
        if (message?.message === 'ping' && !silenced) ws.send(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'pong' } }));
      });
      ws.on('close', () => {
        clearInterval(beat);
        ch.sockets.delete(ws);
      });
    });
  });

  return {
    /** Listens on 127.0.0.1 on a random port; resolves with the base URL (no trailing slash). */
    async start() {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: 0 }, () => resolve(undefined));
      });
      const address = server.address();
      baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      return baseUrl;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const ch of channels.values()) for (const s of ch.sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
