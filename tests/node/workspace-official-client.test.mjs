// Wire compatibility of the Workspace API contract server (tests/workspace-server): the OFFICIAL
// client, genesys-workspace-client-js, drives it unchanged over real HTTP and CometD. If the server
// answered in a shape the client cannot read (no session cookie, an initialization message before
// the subscription, a call event the client does not file), these fail. Requiring the client sets
// global.window and a fake XMLHttpRequest, so it lives in this file's own process (node --test).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createRequire } from 'node:module';
import { createWorkspaceServer } from '../workspace-server/server.mjs';
import { AGENT_DNS, NUMBERS } from '../workspace-server/data.mjs';

const require = createRequire(import.meta.url);
const WorkspaceApi = require('genesys-workspace-client-js');

const DN = '5001';
let server;
let baseUrl;
let api;

/** Resolves with the next event `name` the client emits for which `accept` holds. */
function nextEvent(name, accept = () => true, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      api.off(name, listener);
      reject(new Error(`no ${name} within ${ms} ms`));
    }, ms);
    const listener = (event) => {
      if (!accept(event)) return;
      clearTimeout(timer);
      api.off(name, listener);
      resolve(event);
    };
    api.on(name, listener);
  });
}

const callEvent = (state, id) => nextEvent('CallStateChanged', (e) => e.call.state === state && (id === undefined || e.call.id === id));

before(async () => {
  server = createWorkspaceServer();
  baseUrl = await server.start();
  api = new WorkspaceApi('contract-api-key', baseUrl, false);
});

after(async () => {
  await api.destroy();
  await server.stop();
});

test('initialize: the session cookie, the CometD handshake and the initialization message', async () => {
  await api.initialize({ token: 'agent-token-1' });
  assert.equal(api.initialized, true);
  assert.match(api._sessionCookie, /^WORKSPACE_SESSIONID=/);
  assert.equal(api.user.employeeId, 'agent-token-1');
  const reasons = api.configuration.actionCodes.map((c) => [c.name, c.code]);
  assert.deepEqual(reasons[0], ['Lunch', '100']);
  const log = server.control('log');
  assert.equal(log[0].path, '/initialize-workspace');
  assert.equal(log[0].authorization, 'Bearer agent-token-1');
  assert.equal(log[0].apiKey, 'contract-api-key');
});

test('activate channels, then Ready and Not Ready with a reason: DnStateChanged each time', async () => {
  const activated = nextEvent('DnStateChanged');
  await api.activateChannels('agent-1', DN);
  assert.deepEqual((await activated).dn, { number: DN, agentId: 'agent-1', agentState: 'NotReady', agentWorkMode: 'Unknown', dnd: 'Off' });

  const ready = nextEvent('DnStateChanged');
  const answer = await api.voice.ready();
  assert.equal(answer.status.code, 1);
  assert.equal((await ready).dn.agentState, 'Ready');

  const notReady = nextEvent('DnStateChanged');
  await api.voice.notReady('AfterCallWork', '100');
  assert.deepEqual((await notReady).dn, { number: DN, agentId: 'agent-1', agentState: 'NotReady', agentWorkMode: 'AfterCallWork', reasonCode: '100', dnd: 'Off' });
  assert.equal(api.voice.dn.reasonCode, '100');

  await assert.rejects(api.voice.notReady('AuxWork', '999'), (error) => error.status === 400);
  await api.voice.ready();
});

test('make a call: Dialing, then Established when the far end answers; hold, retrieve, release', async () => {
  const dialing = callEvent('Dialing');
  await api.voice.makeCall(NUMBERS.answers);
  const { call } = await dialing;
  assert.equal(call.phoneNumber, NUMBERS.answers);
  assert.equal(call.callType, 'Outbound');
  assert.ok(api.voice.calls.has(call.id), 'the client files the dialing call');

  const established = callEvent('Established', call.id);
  server.advance(1000);
  await established;
  assert.equal(api.voice.calls.get(call.id).state, 'Established');

  const held = callEvent('Held', call.id);
  await api.voice.holdCall(call.id);
  await held;
  assert.equal(server.control('call', { id: call.id }).far.held, true);

  const retrieved = callEvent('Established', call.id);
  await api.voice.retrieveCall(call.id);
  await retrieved;
  assert.equal(server.control('call', { id: call.id }).far.held, false);

  const released = callEvent('Released', call.id);
  await api.voice.releaseCall(call.id);
  await released;
  assert.equal(api.voice.calls.has(call.id), false, 'the client forgets a released call');
});

test('an unknown call and an invalid destination are refused with an HTTP error', async () => {
  await assert.rejects(api.voice.holdCall('CONN-none'), (error) => error.status === 404);
  await assert.rejects(api.voice.makeCall('call me maybe'), (error) => error.status === 400);
});

test('answer a ringing call that carries GMS user data, attach user data, two-step transfer', async () => {
  const ringing = callEvent('Ringing');
  server.control('ring', { dn: DN, from: '+442079460123', userData: { GMS_ServiceName: 'callback-service', _CB_SERVICE_ID: 'CB-7' } });
  const { call } = await ringing;
  assert.equal(call.callType, 'Inbound');
  assert.deepEqual(
    call.userData.map((p) => [p.key, p.value]),
    [['GMS_ServiceName', 'callback-service'], ['_CB_SERVICE_ID', 'CB-7']],
  );

  const answered = callEvent('Established', call.id);
  await api.voice.answerCall(call.id);
  await answered;

  const attached = nextEvent('CallStateChanged', (e) => e.notificationType === 'AttachedDataChanged' && e.call.id === call.id);
  await api.voice.attachUserData(call.id, [{ key: 'DispositionCode', type: 'str', value: 'resolved' }]);
  const withData = (await attached).call.userData;
  assert.deepEqual(withData.at(-1), { key: 'DispositionCode', type: 'str', value: 'resolved' });

  const held = callEvent('Held', call.id);
  const consultDialing = callEvent('Dialing');
  await api.voice.initiateTransfer(call.id, AGENT_DNS.answers);
  await held;
  const consult = (await consultDialing).call;
  assert.equal(consult.parentConnId, call.id);
  assert.equal(consult.callType, 'Consult');

  const consultEstablished = callEvent('Established', consult.id);
  server.advance(1000);
  await consultEstablished;

  const parentReleased = callEvent('Released', call.id);
  const consultReleased = callEvent('Released', consult.id);
  await api.voice.completeTransfer(consult.id, call.id);
  await Promise.all([parentReleased, consultReleased]);
  assert.equal(server.control('call', { id: call.id }).far.transferredTo, AGENT_DNS.answers);
  assert.equal(api.voice.calls.size, 0);
});

test('targets search returns what the client keeps of each target', async () => {
  const found = await api.targets.search('ana', 5);
  assert.equal(found.length, 1);
  assert.equal(found[0].name, 'Ana Ruiz');
  assert.equal(found[0].type, 'agent');
  assert.equal(found[0].number, AGENT_DNS.answers);
  const queues = await api.targets.search('billing', 10);
  assert.deepEqual(queues.map((t) => t.type).sort(), ['acd-queue', 'agent-group', 'route-point']);
});

test('destroy: CometD disconnects and the session is logged out', async () => {
  await api.destroy();
  assert.equal(api.initialized, false);
  // destroy() does not await its logout request.
  for (let i = 0; i < 100 && !server.control('log').some((r) => r.path === '/logout'); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(server.control('log').some((r) => r.path === '/logout'), 'logout sent');
});
