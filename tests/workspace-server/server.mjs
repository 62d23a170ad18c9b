// A contract server for the Genesys Engage Workspace API v3 (the parts the Workspace adapter and the
// official genesys-workspace-client-js use): REST under /workspace/v3, CometD notifications through
// cometd-nodejs-server, a T-Server-like call model on a virtual clock, directories, and faults the
// tests script. Loopback only, random port. See README.md next to this file.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import cometdServer from 'cometd-nodejs-server';
import { AGENT_DNS, NUMBERS, RING_MS, configuration, contacts, standardResponses, targets } from './data.mjs';
import { drop } from '../contract-servers/drop.mjs';

const V3 = '/workspace/v3';
const NOTIFICATIONS = `${V3}/notifications`;
const COOKIE = 'WORKSPACE_SESSIONID';

class HttpFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const invalid = (message) => new HttpFailure(400, message);
const wrongState = (call, action) => new HttpFailure(409, `Invalid call state: cannot ${action} a call that is ${call.state}`);

async function readText(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function cookieOf(req) {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

const isNumber = (value) => typeof value === 'string' && /^\+?\d{3,15}$/.test(value.replace(/[\s().-]/g, ''));

/**
 * The server. `realTime`: timers (rings, answers) run on the wall clock; otherwise they wait for
 * `POST /__control/advance { ms }`, so tests decide when a far end answers.
 */
export function createWorkspaceServer({ realTime = false } = {}) {
  const cometd = cometdServer.createCometDServer({ maxSessionsPerBrowser: -1, timeout: 10_000 });
  /** @type {Map<string, any>} Workspace sessions by WORKSPACE_SESSIONID */
  const sessions = new Map();
  /** @type {Map<string, any>} calls by connId */
  const calls = new Map();
  /** @type {Map<string, any>} open media interactions (workitems: web callbacks) by id */
  const workitems = new Map();
  let nextWorkitem = 1;
  /** Tokens refused from now on (an expired token). */
  const refusedTokens = new Set();
  let failures = [];
  let log = [];
  let clock = 0;
  let tasks = [];
  let nextCall = 1;
  let autoAdvance = realTime;
  let contactList = contacts();

  // ---- clock ----------------------------------------------------------------------------------
  function schedule(ms, run) {
    const task = { due: clock + ms, run, cancelled: false };
    if (autoAdvance) {
      task.timer = setTimeout(() => {
        if (!task.cancelled) run();
      }, ms);
    } else {
      tasks.push(task);
    }
    return () => {
      task.cancelled = true;
      clearTimeout(task.timer);
    };
  }

  function advance(ms) {
    const until = clock + ms;
    for (;;) {
      const due = tasks.filter((t) => !t.cancelled && t.due <= until).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      tasks = tasks.filter((t) => t !== due);
      clock = due.due;
      due.run();
    }
    tasks = tasks.filter((t) => !t.cancelled);
    clock = until;
  }

  // ---- notifications --------------------------------------------------------------------------
  /** CometD sessions belong to the Workspace session whose cookie came with their handshake. */
  cometd.policy = {
    canHandshake(session, message, callback) {
      const id = cookieOf(cometd.context.request);
      const owner = id === undefined ? undefined : sessions.get(id);
      if (!owner || owner.expired) return callback(undefined, false);
      owner.cometd.add(session);
      session.addListener('removed', () => owner.cometd.delete(session));
      callback(undefined, true);
    },
  };

  cometd.addListener('subscribed', (channel, session) => {
    const owner = [...sessions.values()].find((s) => s.cometd.has(session));
    if (!owner) return;
    // Published before the client subscribed, it would be lost and initialize() would wait forever.
    if (channel.name === `${V3}/initialization`) {
      session.deliver(null, channel.name, {
        messageType: 'WorkspaceInitializationComplete',
        state: 'Complete',
        data: { user: owner.user, configuration: configuration() },
      });
    }
    // A (re)subscribed voice channel hears the DN's state at once (a guess: see README.md).
    if (channel.name === `${V3}/voice` && owner.activated) {
      session.deliver(null, channel.name, dnMessage(owner));
    }
  });

  /** Every live session logged in on the DN hears about it (calls belong to the DN, not a session). */
  function publishToDn(dn, channel, data) {
    for (const owner of sessions.values()) {
      if (!owner.activated || owner.expired || owner.dn !== dn) continue;
      for (const session of owner.cometd) session.deliver(null, channel, data);
    }
  }

  function dnMessage(owner) {
    return {
      messageType: 'DnStateChanged',
      dn: {
        number: owner.dn,
        agentId: owner.agentId,
        agentState: owner.agentState,
        agentWorkMode: owner.workMode,
        reasonCode: owner.reasonCode,
        dnd: owner.dnd ? 'On' : 'Off',
      },
    };
  }

  const publishDn = (owner) => publishToDn(owner.dn, `${V3}/voice`, dnMessage(owner));

  // ---- calls ----------------------------------------------------------------------------------
  function capabilities(call) {
    switch (call.state) {
      case 'Ringing':
        return ['answer', 'release', 'attach-user-data', 'update-user-data', 'delete-user-data-pair'];
      case 'Dialing':
        return ['release', 'attach-user-data', 'update-user-data', ...(call.parentConnId ? ['reconnect'] : [])];
      case 'Established':
        return [
          'release', 'hold', 'send-dtmf', 'single-step-transfer', 'single-step-conference', 'initiate-transfer',
          'initiate-conference', 'attach-user-data', 'update-user-data', 'delete-user-data-pair',
          ...(call.participants.length ? ['delete-from-conference'] : []),
          ...(call.parentConnId ? ['complete-transfer', 'complete-conference', 'reconnect', 'alternate'] : []),
        ];
      case 'Held':
        return ['retrieve', 'release', 'attach-user-data', 'update-user-data', ...(call.parentConnId ? ['reconnect', 'alternate'] : [])];
      case 'Released':
        return ['complete', 'attach-user-data', 'update-user-data'];
      default:
        return [];
    }
  }

  function wire(call) {
    return {
      type: 'Call',
      id: call.id,
      connId: call.id,
      callUuid: call.uuid,
      callType: call.callType,
      state: call.state,
      phoneNumber: call.remote,
      ani: call.direction === 'inbound' ? call.remote : call.dn,
      dnis: call.direction === 'inbound' ? call.dn : call.remote,
      ...(call.parentConnId ? { parentConnId: call.parentConnId } : {}),
      participants: [{ number: call.remote, role: 'RoleOrigination' }, ...call.participants.map((number) => ({ number, role: 'RoleConferenceMember' }))],
      capabilities: capabilities(call),
      userData: call.userData.map((pair) => ({ ...pair })),
      ...(call.cause ? { cause: call.cause } : {}),
    };
  }

  function notify(call, notificationType = 'StatusChange') {
    publishToDn(call.dn, `${V3}/voice`, { messageType: 'CallStateChanged', notificationType, call: wire(call) });
  }

  function setState(call, state, extra = {}) {
    Object.assign(call, { state }, extra);
    if (state === 'Released') {
      call.pending?.();
      call.pending = undefined;
      call.far.connected = false;
    }
    notify(call);
  }

  function createCall(owner, { direction, remote, callType, parentConnId, userData = [] }) {
    const id = `CONN-${String(nextCall++).padStart(4, '0')}`;
    const call = {
      id,
      uuid: randomUUID(),
      dn: owner.dn,
      direction,
      remote,
      callType,
      parentConnId,
      state: direction === 'inbound' ? 'Ringing' : 'Dialing',
      userData: userData.map((p) => ({ type: 'str', ...p, value: String(p.value) })),
      participants: [],
      far: { connected: direction === 'inbound', held: false, digits: '', joined: [], transferredTo: undefined },
      pending: undefined,
    };
    calls.set(id, call);
    notify(call);
    return call;
  }

  /** The far end of an outbound call answers, is busy, lets it ring, or (an agent DN) declines. */
  function ring(call, onOutcome) {
    const number = call.remote;
    const [ms, outcome] =
      number === NUMBERS.busy ? [RING_MS.busy, 'Busy']
        : number === NUMBERS.noAnswer ? [RING_MS.noAnswer, 'NoAnswer']
          : number === AGENT_DNS.declines ? [RING_MS.decline, 'Rejected']
            : [RING_MS.answer, 'Answered'];
    call.pending = schedule(ms, () => {
      call.pending = undefined;
      if (call.state !== 'Dialing') return;
      if (outcome === 'Answered') {
        call.far.connected = true;
        setState(call, 'Established');
      } else {
        setState(call, 'Released', { cause: outcome });
      }
      onOutcome?.(outcome);
    });
  }

  function findCall(owner, id) {
    const call = calls.get(id);
    if (!call || call.dn !== owner.dn) throw new HttpFailure(404, `Call ${id} not found`);
    return call;
  }

  function destination(value) {
    if (!isNumber(value) || value === NUMBERS.invalid) throw invalid(`Invalid destination: ${value ?? '(none)'}`);
    return value.replace(/[\s().-]/g, '');
  }

  function live(call, action) {
    if (call.state === 'Released' || call.state === 'Completed') throw wrongState(call, action);
  }

  function mergeUserData(call, pairs, replace) {
    if (!Array.isArray(pairs)) throw invalid('userData must be a list of { key, type, value }');
    for (const pair of pairs) {
      if (!pair || typeof pair.key !== 'string') throw invalid('Each user data pair needs a key');
      const value = { key: pair.key, type: pair.type ?? 'str', value: pair.value };
      const at = call.userData.findIndex((p) => p.key === pair.key);
      // attach-user-data adds (T-Server keeps the first value of a key); update-user-data replaces.
      if (at < 0) call.userData.push(value);
      else if (replace) call.userData[at] = value;
    }
    notify(call, 'AttachedDataChanged');
  }

  const ok = (data) => [200, { status: { code: 0 }, ...(data === undefined ? {} : { data }) }];
  const accepted = () => [200, { status: { code: 1, message: 'The request was accepted' } }];

  function callAction(owner, call, action, body) {
    const data = body.data ?? {};
    switch (action) {
      case 'answer':
        if (call.state !== 'Ringing') throw wrongState(call, action);
        call.far.connected = true;
        setState(call, 'Established');
        return accepted();
      case 'hold':
        if (call.state !== 'Established') throw wrongState(call, action);
        call.far.held = true;
        setState(call, 'Held');
        return accepted();
      case 'retrieve':
        if (call.state !== 'Held') throw wrongState(call, action);
        if (call.consulting) throw wrongState(call, 'retrieve (a consultation is in progress)');
        call.far.held = false;
        setState(call, 'Established');
        return accepted();
      case 'release': {
        live(call, action);
        const consult = call.consulting && calls.get(call.consulting);
        if (call.parentConnId) endConsultation(call);
        setState(call, 'Released', { cause: 'Ok' });
        // The conference lives in the switch: the others stay connected to one another.
        if (call.participants.length) call.far.connected = true;
        if (consult && consult.state !== 'Released') {
          consult.parent = undefined;
          setState(consult, 'Released', { cause: 'Ok' });
        }
        return accepted();
      }
      case 'send-dtmf': {
        if (call.state !== 'Established') throw wrongState(call, action);
        const digits = String(data.dtmfDigits ?? '');
        if (!/^[0-9*#A-D]+$/.test(digits)) throw invalid(`Invalid DTMF digits: ${digits}`);
        call.far.digits += digits;
        return accepted();
      }
      case 'single-step-transfer': {
        if (call.state !== 'Established' && call.state !== 'Held') throw wrongState(call, action);
        const to = destination(data.destination);
        call.far.transferredTo = to;
        call.far.held = false;
        setState(call, 'Released', { cause: 'Transferred' });
        call.far.connected = true;
        return accepted();
      }
      case 'single-step-conference': {
        if (call.state !== 'Established') throw wrongState(call, action);
        const to = destination(data.destination);
        call.participants.push(to);
        call.far.joined.push(to);
        notify(call, 'ParticipantsUpdated');
        return accepted();
      }
      case 'delete-from-conference': {
        if (call.state !== 'Established') throw wrongState(call, action);
        const at = call.participants.indexOf(data.dnToDrop);
        if (at < 0) throw new HttpFailure(404, `${data.dnToDrop} is not in the conference`);
        call.participants.splice(at, 1);
        call.far.joined = call.far.joined.filter((n) => n !== data.dnToDrop);
        notify(call, 'ParticipantsUpdated');
        return accepted();
      }
      case 'initiate-transfer':
      case 'initiate-conference': {
        if (call.state !== 'Established') throw wrongState(call, action);
        if (call.consulting) throw wrongState(call, `${action} (a consultation is in progress)`);
        const to = destination(data.destination);
        call.far.held = true;
        setState(call, 'Held');
        const consult = createCall(owner, { direction: 'outbound', remote: to, callType: 'Consult', parentConnId: call.id, userData: call.userData });
        consult.parent = call.id;
        call.consulting = consult.id;
        ring(consult, (outcome) => {
          if (outcome !== 'Answered') call.consulting = undefined;
        });
        return accepted();
      }
      case 'complete-transfer':
      case 'complete-conference': {
        const parent = calls.get(data.parentConnId);
        if (!parent || parent.dn !== owner.dn || call.parent !== parent.id) throw invalid('parentConnId is not the parent of this consultation');
        if (call.state !== 'Established' && call.state !== 'Held') throw wrongState(call, action);
        if (parent.state !== 'Held' && parent.state !== 'Established') throw wrongState(parent, action);
        parent.consulting = undefined;
        call.parent = undefined;
        if (action === 'complete-transfer') {
          setState(call, 'Released', { cause: 'Transferred' });
          parent.far.transferredTo = call.remote;
          parent.far.held = false;
          setState(parent, 'Released', { cause: 'Transferred' });
          parent.far.connected = true;
        } else {
          setState(call, 'Released', { cause: 'Conferenced' });
          parent.participants.push(call.remote);
          parent.far.joined.push(call.remote);
          parent.far.held = false;
          setState(parent, 'Established');
          notify(parent, 'ParticipantsUpdated');
        }
        return accepted();
      }
      case 'reconnect': {
        // Ends the consultation `call` and retrieves the held parent.
        const parent = calls.get(data.heldConnId);
        if (!parent || parent.dn !== owner.dn || call.parent !== parent.id) throw invalid('heldConnId is not the parent of this consultation');
        live(call, action);
        endConsultation(call);
        setState(call, 'Released', { cause: 'Ok' });
        return accepted();
      }
      case 'alternate': {
        const held = calls.get(data.heldConnId);
        if (!held || held.dn !== owner.dn || held.state !== 'Held') throw invalid('heldConnId is not a held call');
        if (call.state !== 'Established') throw wrongState(call, action);
        if (call.parent !== held.id && held.parent !== call.id) throw invalid('The calls are not a consultation pair');
        call.far.held = true;
        setState(call, 'Held');
        held.far.held = false;
        setState(held, 'Established');
        return accepted();
      }
      case 'attach-user-data':
      case 'update-user-data':
        if (call.state === 'Completed') throw wrongState(call, action);
        mergeUserData(call, data.userData, action === 'update-user-data');
        return accepted();
      case 'delete-user-data-pair':
        if (call.state === 'Completed') throw wrongState(call, action);
        call.userData = call.userData.filter((p) => p.key !== data.key);
        notify(call, 'AttachedDataChanged');
        return accepted();
      case 'complete':
        if (call.state !== 'Released') throw wrongState(call, action);
        call.state = 'Completed';
        notify(call);
        return accepted();
      case 'redirect': {
        if (call.state !== 'Ringing') throw wrongState(call, action);
        const to = destination(data.destination);
        call.far.transferredTo = to;
        setState(call, 'Released', { cause: 'Redirected' });
        call.far.connected = true;
        return accepted();
      }
      default:
        throw new HttpFailure(404, `No operation ${action}`);
    }
  }

  /** The consultation `call` goes; its held parent comes back to the customer. */
  function endConsultation(call) {
    const parent = call.parent && calls.get(call.parent);
    call.parent = undefined;
    if (!parent) return;
    parent.consulting = undefined;
    if (parent.state === 'Held') {
      parent.far.held = false;
      setState(parent, 'Established');
    }
  }

  // ---- open media (workitems) -----------------------------------------------------------------
  function wireWorkitem(item) {
    const capabilities = { Invited: ['accept', 'reject'], Processing: ['complete', 'attach-user-data', 'update-user-data'] }[item.state] ?? [];
    return { id: item.id, mediatype: item.mediatype, state: item.state, userData: item.userData.map((p) => ({ ...p })), capabilities };
  }

  /** The agent's open media channels, each with its interactions still with the agent (Invited or Processing). */
  function mediaChannels(owner) {
    const open = [...workitems.values()].filter((w) => w.dn === owner.dn && (w.state === 'Invited' || w.state === 'Processing'));
    const names = new Set([...Object.keys(owner.media), ...open.map((w) => w.mediatype)]);
    return [...names].map((name) => ({
      name,
      state: owner.media[name] ?? 'NotReady',
      dnd: false,
      interactions: open.filter((w) => w.mediatype === name).map(wireWorkitem),
      capabilities: [],
    }));
  }

  function notifyWorkitem(item, notificationType = 'StatusChange') {
    publishToDn(item.dn, `${V3}/media`, { messageType: 'InteractionStateChanged', notificationType, interaction: wireWorkitem(item) });
  }

  function media(owner, mediatype, path, body) {
    if (!owner.activated) throw new HttpFailure(409, 'The channels are not activated');
    if (path === 'ready' || path === 'not-ready') {
      owner.media[mediatype] = path === 'ready' ? 'Ready' : 'NotReady';
      publishToDn(owner.dn, `${V3}/media`, { messageType: 'MediaStateChanged', media: { name: mediatype, state: owner.media[mediatype] } });
      return accepted();
    }
    const match = /^interactions\/([^/]+)\/([a-z-]+)$/.exec(path);
    const item = match && workitems.get(decodeURIComponent(match[1]));
    if (!match || !item || item.dn !== owner.dn || item.mediatype !== mediatype) throw new HttpFailure(404, `Interaction ${match?.[1] ?? path} not found`);
    const wrong = (action) => new HttpFailure(409, `Invalid interaction state: cannot ${action} an interaction that is ${item.state}`);
    switch (match[2]) {
      case 'accept':
        if (item.state !== 'Invited') throw wrong('accept');
        item.state = 'Processing';
        break;
      case 'reject':
        if (item.state !== 'Invited') throw wrong('reject');
        // Back to routing: the interaction leaves this agent.
        item.state = 'Rejected';
        break;
      case 'complete':
        if (item.state !== 'Processing') throw wrong('complete');
        item.state = 'Completed';
        break;
      case 'attach-user-data':
      case 'update-user-data': {
        if (item.state === 'Completed') throw wrong(match[2]);
        const pairs = body.data?.userData;
        if (!Array.isArray(pairs)) throw invalid('userData must be a list of { key, type, value }');
        for (const pair of pairs) {
          const at = item.userData.findIndex((p) => p.key === pair.key);
          const value = { key: pair.key, type: pair.type ?? 'str', value: pair.value };
          if (at < 0) item.userData.push(value);
          else if (match[2] === 'update-user-data') item.userData[at] = value;
        }
        notifyWorkitem(item, 'PropertiesChanged');
        return accepted();
      }
      default:
        throw new HttpFailure(404, `No operation ${match[2]}`);
    }
    notifyWorkitem(item);
    return accepted();
  }

  // ---- routes ---------------------------------------------------------------------------------
  function sessionOf(req) {
    const id = cookieOf(req);
    const session = id === undefined ? undefined : sessions.get(id);
    if (!session || session.expired) throw new HttpFailure(401, 'The session has expired or is unknown');
    return session;
  }

  function voice(owner, path, body) {
    if (!owner.activated) throw new HttpFailure(409, 'The voice channel is not activated');
    const data = body.data ?? {};
    switch (path) {
      case 'ready':
        Object.assign(owner, { agentState: 'Ready', workMode: 'Unknown', reasonCode: undefined });
        publishDn(owner);
        return accepted();
      case 'not-ready': {
        // The client sends reasonCode at the top level (notReadyData), the spec puts it in data: both.
        const reasonCode = body.reasonCode ?? data.reasonCode;
        const known = configuration().actionCodes.map((c) => c.code);
        if (reasonCode !== undefined && !known.includes(String(reasonCode))) throw invalid(`Unknown reason code ${reasonCode}`);
        Object.assign(owner, { agentState: 'NotReady', workMode: data.agentWorkMode ?? 'Unknown', reasonCode: reasonCode === undefined ? undefined : String(reasonCode) });
        publishDn(owner);
        return accepted();
      }
      case 'dnd-on':
      case 'dnd-off':
        owner.dnd = path === 'dnd-on';
        publishDn(owner);
        return accepted();
      case 'make-call': {
        const to = destination(data.destination);
        const userData = Array.isArray(data.userData) ? data.userData : [];
        const call = createCall(owner, { direction: 'outbound', remote: to, callType: 'Outbound', userData });
        ring(call);
        return accepted();
      }
      default:
        throw new HttpFailure(404, `No operation voice/${path}`);
    }
  }

  function search(list, term, fields) {
    const text = String(term ?? '').toLowerCase();
    return list.filter((item) => !text || fields.some((f) => String(item[f] ?? '').toLowerCase().includes(text)));
  }

  async function route(req, url) {
    const path = url.pathname.slice(V3.length);
    const body = req.bodyText ? JSON.parse(req.bodyText) : {};
    if (path === '/initialize-workspace' && req.method === 'POST') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || refusedTokens.has(token)) throw new HttpFailure(401, 'The access token is missing or expired');
      const id = randomUUID();
      sessions.set(id, {
        id,
        token,
        user: { dbid: 501, firstName: 'Agent', lastName: token.slice(0, 12), userName: `agent-${token.slice(0, 12)}`, employeeId: token, agentLogin: undefined, defaultPlace: undefined },
        activated: false,
        agentState: 'LoggedOut',
        workMode: 'Unknown',
        dnd: false,
        cometd: new Set(),
        polls: new Set(),
        media: {},
      });
      return [200, { status: { code: 1 } }, { 'Set-Cookie': `${COOKIE}=${id}; Path=/; HttpOnly` }];
    }
    const owner = sessionOf(req);
    if (path === '/activate-channels' && req.method === 'POST') {
      const { agentId, dn } = body.data ?? {};
      if (!agentId || !dn) throw invalid('agentId and dn are required');
      // A DN already logged in (by a session that expired) keeps its agent state: it is the switch's.
      const before = [...sessions.values()].find((s) => s !== owner && s.activated && s.dn === dn);
      const state = before
        ? { agentState: before.agentState, workMode: before.workMode, reasonCode: before.reasonCode, dnd: before.dnd }
        : { agentState: 'NotReady', workMode: 'Unknown' };
      Object.assign(owner, { agentId, dn, activated: true, ...state });
      publishDn(owner);
      return accepted();
    }
    if (path === '/logout' && req.method === 'POST') {
      for (const call of calls.values()) {
        if (call.dn === owner.dn && call.state !== 'Released' && call.state !== 'Completed') setState(call, 'Released', { cause: 'Ok' });
      }
      sessions.delete(owner.id);
      for (const session of owner.cometd) session.disconnect();
      return ok();
    }
    if (path === '/current-session' && req.method === 'GET') {
      // user.activeSession { dn, calls, media: { channels: OpenMediaChannel[] } } as the official
      // client's CurrentSessionDataUserActiveSession model has it; the shape of a channel's
      // interactions (Array<Object> there) is the media notification's (a guess: see README.md).
      const activeSession = owner.activated
        ? {
            dn: dnMessage(owner).dn,
            calls: [...calls.values()].filter((c) => c.dn === owner.dn && c.state !== 'Released' && c.state !== 'Completed').map(wire),
            media: { channels: mediaChannels(owner) },
          }
        : undefined;
      return ok({ user: { ...owner.user, ...(activeSession ? { activeSession } : {}) }, ...(owner.activated ? { dn: dnMessage(owner).dn } : {}) });
    }
    if (path === '/voice/calls' && req.method === 'GET') {
      const mine = [...calls.values()].filter((c) => c.dn === owner.dn && c.state !== 'Released' && c.state !== 'Completed');
      return ok({ calls: mine.map(wire) });
    }
    let match = /^\/voice\/calls\/([^/]+)\/([a-z-]+)$/.exec(path);
    if (match && req.method === 'POST') {
      if (!owner.activated) throw new HttpFailure(409, 'The voice channel is not activated');
      return callAction(owner, findCall(owner, decodeURIComponent(match[1])), match[2], body);
    }
    match = /^\/voice\/([a-z-]+)$/.exec(path);
    if (match && req.method === 'POST') return voice(owner, match[1], body);
    match = /^\/media\/([a-z-]+)\/(.+)$/.exec(path);
    if (match && req.method === 'POST') return media(owner, match[1], match[2], body);
    if (path === '/targets' && req.method === 'GET') {
      const types = url.searchParams.get('types')?.split(',');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const found = search(targets(), url.searchParams.get('searchTerm'), ['name', 'firstName', 'lastName', 'number', 'userName'])
        .filter((t) => !types || types.includes(t.type));
      return ok({ targets: found.slice(0, limit), totalMatches: found.length });
    }
    if (path === '/ucs/responses/search' && req.method === 'POST') {
      const query = body.data?.query ?? '';
      const found = search(standardResponses(), query, ['name', 'keywords', 'text', 'categoryName']);
      return ok({ responses: found });
    }
    match = /^\/ucs\/contacts\/([^/]+)\/(get-details|update|get-history)$/.exec(path);
    if (match && req.method === 'POST') {
      const contact = contactList.find((c) => c.id === decodeURIComponent(match[1]));
      if (!contact) throw new HttpFailure(404, `Contact ${match[1]} not found`);
      if (match[2] === 'get-details') return ok({ contact: { id: contact.id, attributes: { ...contact.attributes } } });
      if (match[2] === 'get-history') return ok({ interactions: contact.history.map((h) => ({ ...h })) });
      const attributes = body.data?.attributes;
      if (!attributes || typeof attributes !== 'object') throw invalid('attributes are required');
      if (attributes.PhoneNumber !== undefined && !isNumber(attributes.PhoneNumber)) throw invalid('PhoneNumber is not a phone number');
      contact.attributes = { ...contact.attributes, ...attributes };
      return ok({ contact: { id: contact.id, attributes: { ...contact.attributes } } });
    }
    throw new HttpFailure(404, `No resource ${req.method} ${url.pathname}`);
  }

  // ---- control (not Workspace) ----------------------------------------------------------------
  function agentByDn(dn) {
    const owner = [...sessions.values()].find((s) => s.activated && !s.expired && s.dn === dn);
    if (!owner) throw new HttpFailure(404, `No agent logged in on ${dn}`);
    return owner;
  }

  const snapshot = (dn) =>
    [...calls.values()].filter((c) => dn === undefined || c.dn === dn).map((c) => ({ id: c.id, state: c.state, remote: c.remote, far: { ...c.far } }));

  function control(action, body) {
    switch (action) {
      case 'reset':
        failures = [];
        log = [];
        refusedTokens.clear();
        contactList = contacts();
        return {};
      case 'fail':
        failures.push({ times: 1, ...body, pattern: new RegExp(body.path ?? '.*') });
        return {};
      case 'log':
        return log;
      case 'advance':
        advance(Number(body.ms ?? 0));
        return { now: clock, calls: snapshot(body.dn) };
      case 'clock':
        autoAdvance = Boolean(body.realTime);
        if (autoAdvance) advance(Math.max(0, ...tasks.map((t) => t.due - clock)));
        return {};
      case 'ring': {
        const owner = agentByDn(body.dn);
        const call = createCall(owner, {
          direction: 'inbound',
          remote: body.from ?? NUMBERS.answers,
          callType: body.callType ?? 'Inbound',
          userData: Object.entries(body.userData ?? {}).map(([key, value]) => ({ key, value })),
        });
        if (body.ringMs) {
          call.pending = schedule(body.ringMs, () => call.state === 'Ringing' && setState(call, 'Released', { cause: 'NoAnswer' }));
        }
        return { id: call.id };
      }
      case 'hangup': {
        const call = calls.get(body.id);
        if (!call) throw new HttpFailure(404, `Call ${body.id} not found`);
        if (call.parent) endConsultation(call);
        call.far.held = false;
        setState(call, 'Released', { cause: 'RemoteRelease' });
        return {};
      }
      case 'call': {
        const call = calls.get(body.id);
        if (!call) throw new HttpFailure(404, `Call ${body.id} not found`);
        return { ...wire(call), far: { ...call.far } };
      }
      case 'calls':
        return snapshot(body.dn);
      case 'agent': {
        const owner = agentByDn(body.dn);
        return dnMessage(owner).dn;
      }
      case 'drop-notifications':
        // The connection drops: the agent's CometD sessions are forgotten (no /meta/disconnect is
        // sent, as on a network failure) and their open long polls are cut. The clients' next
        // connect is told to handshake again.
        for (const owner of sessions.values()) {
          if (body.dn !== undefined && owner.dn !== body.dn) continue;
          for (const session of [...owner.cometd]) cometd._removeServerSession(session, true);
          owner.cometd.clear();
          for (const socket of owner.polls) socket.destroy();
        }
        return {};
      case 'workitem': {
        // A web callback routed to the agent as an open media workitem.
        const owner = agentByDn(body.dn);
        const item = {
          id: `IXN-W${String(nextWorkitem++).padStart(4, '0')}`,
          mediatype: body.mediatype ?? 'workitem',
          dn: owner.dn,
          state: 'Invited',
          userData: Object.entries(body.userData ?? {}).map(([key, value]) => ({ key, type: 'str', value: String(value) })),
        };
        workitems.set(item.id, item);
        notifyWorkitem(item);
        return { id: item.id };
      }
      case 'workitem-revoke': {
        // Routing takes an invited workitem back from the agent (another agent got it, the customer
        // cancelled): StatusChange with state Revoked, and the session no longer lists it.
        const item = workitems.get(body.id);
        if (!item) throw new HttpFailure(404, `Interaction ${body.id} not found`);
        if (item.state !== 'Invited') throw new HttpFailure(409, `Interaction ${body.id} is ${item.state}, not Invited`);
        item.state = 'Revoked';
        notifyWorkitem(item);
        return {};
      }
      case 'workitems':
        return [...workitems.values()].filter((w) => body.dn === undefined || w.dn === body.dn).map(wireWorkitem);
      case 'workitem-get': {
        const item = workitems.get(body.id);
        if (!item) throw new HttpFailure(404, `Interaction ${body.id} not found`);
        return wireWorkitem(item);
      }
      case 'media-state': {
        const owner = agentByDn(body.dn);
        return owner.media;
      }
      case 'restart':
        // The Workspace API restarts: every session and CometD session is gone (the calls stay:
        // they are the switch's). Clients must initialize again.
        for (const owner of sessions.values()) {
          for (const session of [...owner.cometd]) cometd._removeServerSession(session, true);
          for (const socket of owner.polls) socket.destroy();
        }
        sessions.clear();
        return {};
      case 'expire-token':
        // The session ends and its token is refused: the client must initialize with a new one.
        for (const owner of sessions.values()) {
          if (body.dn !== undefined && owner.dn !== body.dn) continue;
          owner.expired = true;
          refusedTokens.add(owner.token);
        }
        return {};
      default:
        throw new HttpFailure(404, `No control ${action}`);
    }
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  /**
   * A notification request's connection breaks after the answer's head and one byte of its body,
   * in every engine. Closed before any byte, Chromium and Firefox send the request again by
   * themselves (on a reused keep-alive socket; Firefox on a fresh one too), so a scripted failure
   * of a handshake never reached the CometD client there. WebKit takes the short body as whole:
   * CometD cannot parse it, a failure too.
   */
  function cutNotification(res) {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': '1024' });
    res.write('[', () => res.socket?.destroy());
  }

  function send(res, status, body, headers = {}) {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  function answer(res, { result, error }) {
    if (result) send(res, result[0], result[1], result[2]);
    else if (error instanceof HttpFailure) send(res, error.status, { status: { code: error.status, message: error.message } });
    else send(res, 500, { status: { code: 500, message: String(error) } });
  }

  async function settle(run) {
    try {
      return { result: await run() };
    } catch (error) {
      return { error };
    }
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.origin && /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.origin)) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    if (url.pathname.startsWith(NOTIFICATIONS)) {
      const rule = failures.find((f) => f.times > 0 && f.notifications && f.pattern.test(url.pathname));
      if (rule) {
        rule.times -= 1;
        if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
        if (rule.drop) return void cutNotification(res);
        if (rule.status) return void send(res, rule.status, { status: { code: rule.status, message: 'Scripted failure' } });
      }
      // Open long polls, by session, so that a scripted drop can cut them.
      const owner = sessions.get(cookieOf(req) ?? '');
      if (owner) {
        owner.polls.add(req.socket);
        res.on('close', () => owner.polls.delete(req.socket));
      }
      cometd.handle(req, res);
      return;
    }
    // A fresh connection per REST request: a browser silently resends a request that failed on a
    // reused keep-alive socket, which would hide a doubled write.
    res.setHeader('Connection', 'close');
    req.bodyText = await readText(req);
    if (url.pathname.startsWith('/__control/')) {
      const result = await settle(() => [200, control(url.pathname.slice('/__control/'.length), req.bodyText ? JSON.parse(req.bodyText) : {})]);
      answer(res, result);
      return;
    }
    if (!url.pathname.startsWith(V3)) return void send(res, 404, { status: { code: 404, message: 'Not found' } });
    log.push({
      method: req.method,
      path: url.pathname.slice(V3.length),
      query: Object.fromEntries(url.searchParams),
      body: req.bodyText,
      authorization: req.headers.authorization ?? null,
      apiKey: req.headers['x-api-key'] ?? null,
      session: cookieOf(req) ?? null,
      at: Date.now(),
    });
    const rule = failures.find((f) => f.times > 0 && !f.notifications && (!f.method || f.method === req.method) && f.pattern.test(url.pathname + url.search));
    if (rule) {
      rule.times -= 1;
      // `apply`: the work is done first and the fault hits the answer only.
      const applied = rule.apply ? await settle(() => route(req, url)) : undefined;
      if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      if (rule.drop) return void drop(req, res);
      if (rule.status) return void send(res, rule.status, { status: { code: rule.status, message: rule.message ?? 'Scripted failure' } });
      if (applied) return void answer(res, applied);
    }
    answer(res, await settle(() => route(req, url)));
  }

  const server = http.createServer((req, res) => void handle(req, res));
  let port = 0;
  return {
    /** Listens on 127.0.0.1 (a random port the first time); resolves with the base URL (no trailing slash). */
    async start() {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port }, resolve);
      });
      port = server.address().port;
      return `http://127.0.0.1:${port}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
      for (const task of tasks) task.cancelled = true;
      cometd.close();
    },
    control,
    advance,
    get calls() {
      return calls;
    },
  };
}
