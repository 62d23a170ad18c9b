// @ts-check
// Proof that the Genesys Cloud contract server (tests/genesys-cloud-server/) speaks the Platform
// API as the official SDK (purecloud-platform-client-v2) does: the SDK, pointed at the server with
// setGateway, lists callbacks, accepts one, reads wrap-up codes, reschedules, opens and subscribes
// a notification channel and sets the routing status. What the SDK returns is read through its
// Models types (this file and the server's wire.mjs are type-checked by the last test).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import platformClient from 'purecloud-platform-client-v2';
import WebSocket from 'ws';
import { AGENT_ID, WRAPUP_CODES, createGenesysCloudServer } from '../genesys-cloud-server/server.mjs';

/** @typedef {import('purecloud-platform-client-v2').Models.CallbackConversation} CallbackConversation */
/** @typedef {import('purecloud-platform-client-v2').Models.CallbackConversationEntityListing} CallbackListing */
/** @typedef {import('purecloud-platform-client-v2').Models.WrapupCode} WrapupCode */
/** @typedef {import('purecloud-platform-client-v2').Models.PatchCallbackResponse} PatchCallbackResponse */
/** @typedef {import('purecloud-platform-client-v2').Models.Channel} Channel */
/** @typedef {import('purecloud-platform-client-v2').Models.ChannelTopicEntityListing} ChannelTopics */
/** @typedef {import('purecloud-platform-client-v2').Models.RoutingStatus} RoutingStatus */
/** @typedef {import('purecloud-platform-client-v2').Models.UserRoutingStatusUserRoutingStatus} RoutingStatusEvent */
/** @typedef {import('purecloud-platform-client-v2').Models.ConversationCallbackEventTopicCallbackConversation} CallbackEvent */
/** @typedef {import('purecloud-platform-client-v2').Models.ErrorBody} ErrorBody */
/** @typedef {{ topicName: string, version?: string, eventBody: any, metadata?: { CorrelationId?: string } }} Envelope */

const server = createGenesysCloudServer();
/** @type {string} */
let url;
const client = platformClient.ApiClient.instance;
const conversations = new platformClient.ConversationsApi();
const notifications = new platformClient.NotificationsApi();
const users = new platformClient.UsersApi();

/** @param {string} action @param {unknown} [body] @returns {Promise<any>} */
async function control(action, body) {
  const response = await fetch(`${url}/__control/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  assert.ok(response.ok, `control ${action}: ${response.status}`);
  return response.json();
}

before(async () => {
  url = await server.start();
  const { port } = new URL(url);
  client.config.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(port), path_params_api: '' });
  client.setAccessToken('sdk-token-1');
});
after(() => server.stop());

/** A socket on the channel's connectUri and the envelopes it receives. */
async function listen(/** @type {string} */ connectUri) {
  const socket = new WebSocket(connectUri);
  /** @type {Envelope[]} */
  const received = [];
  /** @type {(() => void)[]} */
  const waiters = [];
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  /** @param {(e: Envelope) => boolean} predicate @returns {Promise<Envelope>} */
  async function next(predicate) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(received.map((e) => e.topicName))}`);
      await new Promise((resolve) => {
        waiters.push(() => resolve(undefined));
        setTimeout(resolve, 200);
      });
    }
  }
  return { socket, received, next };
}

test('callbacks listed, a participant patched to connected, wrap-up codes read, a callback rescheduled', async () => {
  await control('reset');
  const routed = await control('route', { media: 'callback', number: '+442079460123', name: 'Margaret Chen', attributes: { account: 'A-77' } });

  /** @type {CallbackListing} */
  const listing = await conversations.getConversationsCallbacks();
  const listed = listing.entities?.find((c) => c.id === routed.conversationId);
  assert.ok(listed, 'the routed callback is listed');
  const agent = listed.participants?.find((p) => p.purpose === 'agent');
  const customer = listed.participants?.find((p) => p.purpose === 'customer');
  assert.equal(agent?.state, 'alerting');
  assert.equal(agent?.user?.id, AGENT_ID);
  assert.deepEqual(customer?.callbackNumbers, ['+442079460123']);
  assert.equal(customer?.attributes?.account, 'A-77');
  assert.equal(typeof agent?.alertingTimeoutMs, 'number');

  await conversations.patchConversationsCallbackParticipant(routed.conversationId, routed.participantId, { state: 'connected' });
  /** @type {CallbackConversation} */
  const accepted = await conversations.getConversationsCallback(routed.conversationId);
  assert.equal(accepted.participants?.find((p) => p.id === routed.participantId)?.state, 'connected');

  /** @type {WrapupCode[]} */
  const codes = await conversations.getConversationsCallbackParticipantWrapupcodes(routed.conversationId, routed.participantId);
  assert.deepEqual(codes.map((c) => c.name), WRAPUP_CODES.map((c) => c.name));

  const time = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
  /** @type {PatchCallbackResponse} */
  const rescheduled = await conversations.patchConversationsCallbacks({ conversationId: routed.conversationId, agentId: AGENT_ID, callbackScheduledTime: time });
  assert.equal(rescheduled.conversation.id, routed.conversationId);
  /** @type {CallbackConversation} */
  const after = await conversations.getConversationsCallback(routed.conversationId);
  assert.equal(after.participants?.find((p) => p.purpose === 'customer')?.callbackScheduledTime, time);

  await conversations.patchConversationsCallbackParticipant(routed.conversationId, routed.participantId, { state: 'disconnected', wrapup: { code: WRAPUP_CODES[0].id, notes: 'Called back.' } });
  const closed = await control(`conversation/${routed.conversationId}`);
  assert.equal(closed.open, false, 'wrapped up: no longer the agent\'s');
});

test('a callback created with postConversationsCallbacks; refusals come back as the error body', async () => {
  await control('reset');
  const created = await conversations.postConversationsCallbacks({ callbackNumbers: ['+34911234567'], callbackUserName: 'Oscar Diaz', queueId: 'queue-support', data: { subject: 'Refund' } });
  assert.ok(created.conversation.id);
  const refused = await conversations.postConversationsCallbacks({ callbackNumbers: ['not a number'] }).then(
    () => assert.fail('an invalid number is refused'),
    /** @param {ErrorBody} error */ (error) => error,
  );
  assert.equal(refused.status, 400);
  assert.equal(refused.code, 'bad.request');
  const past = await conversations
    .patchConversationsCallbacks({ conversationId: created.conversation.id, agentId: AGENT_ID, callbackScheduledTime: new Date(Date.now() - 60_000).toISOString() })
    .then(() => assert.fail('a time in the past is refused'), (/** @type {ErrorBody} */ error) => error);
  assert.equal(past.status, 400);
});

test('a notification channel created and subscribed: conversation and routing-status events in the envelope, heartbeats, pong', async () => {
  await control('reset');
  /** @type {Channel} */
  const channel = await notifications.postNotificationsChannels();
  assert.ok(channel.id && channel.connectUri && channel.expires);
  assert.ok(Date.parse(channel.expires) > Date.now());
  const { socket, next } = await listen(channel.connectUri);
  try {
    const topics = [`v2.users.${AGENT_ID}.conversations.callbacks`, `v2.users.${AGENT_ID}.routingStatus`];
    /** @type {ChannelTopics} */
    const subscribed = await notifications.postNotificationsChannelSubscriptions(channel.id, topics.map((id) => ({ id })));
    assert.deepEqual(subscribed.entities?.map((t) => t.id), topics);

    const routed = await control('route', { media: 'callback', number: '+442079460199' });
    const offered = await next((e) => e.topicName === topics[0]);
    assert.equal(offered.version, '2');
    assert.ok(offered.metadata?.CorrelationId);
    /** @type {CallbackEvent} */
    const body = offered.eventBody;
    assert.equal(body.id, routed.conversationId);
    assert.equal(body.participants?.find((p) => p.purpose === 'agent')?.state, 'alerting');

    /** @type {RoutingStatus} */
    const status = await users.putUserRoutingstatus(AGENT_ID, { status: 'IDLE' });
    assert.equal(status.status, 'IDLE');
    const event = await next((e) => e.topicName === topics[1]);
    /** @type {RoutingStatusEvent} */
    const routing = event.eventBody;
    assert.equal(routing.routingStatus?.status, 'IDLE');
    /** @type {RoutingStatus} */
    const read = await users.getUserRoutingstatus(AGENT_ID);
    assert.equal(read.status, 'IDLE');

    await control('heartbeat');
    await next((e) => e.topicName === 'channel.metadata' && e.eventBody?.message === 'WebSocket Heartbeat');
    socket.send(JSON.stringify({ message: 'ping' }));
    await next((e) => e.topicName === 'channel.metadata' && e.eventBody?.message === 'pong');

    await control('expire-channels');
    await next((e) => e.topicName === 'v2.system.socket_closing');
    const refused = await notifications.postNotificationsChannelSubscriptions(channel.id, [{ id: topics[0] }]).then(
      () => assert.fail('an expired channel takes no subscription'),
      (/** @type {ErrorBody} */ error) => error,
    );
    assert.equal(refused.status, 404);
  } finally {
    socket.terminate();
  }
});

test('a revoked token and an expired one are refused with 401; a scripted 429 carries Retry-After', async () => {
  await control('reset');
  await control('revoke-token', { token: 'sdk-token-1' });
  const refused = await conversations.getConversationsCallbacks().then(
    () => assert.fail('a revoked token is refused'),
    (/** @type {ErrorBody} */ error) => error,
  );
  assert.equal(refused.status, 401);
  client.setAccessToken('sdk-token-2');
  await conversations.getConversationsCallbacks();

  // A token past its lifetime is refused the same way.
  await control('config', { tokenTtlMs: 150 });
  client.setAccessToken('sdk-token-3');
  await conversations.getConversationsCallbacks();
  let expired;
  for (let tries = 0; !expired && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    expired = await conversations.getConversationsCallbacks().then(() => undefined, (/** @type {ErrorBody} */ error) => error);
  }
  assert.equal(expired?.status, 401, 'the token expired');
  await control('reset');
  client.setAccessToken('sdk-token-2');

  await control('fail', { method: 'GET', path: '^/api/v2/conversations/callbacks$', status: 429, retryAfter: 3 });
  const response = await fetch(`${url}/api/v2/conversations/callbacks`, { headers: { Authorization: 'Bearer sdk-token-2' } });
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '3');
  client.setAccessToken('sdk-token-1');
});

test('the server\'s answers and this test type-check against the SDK\'s Models', async () => {
  const tsc = await promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tests/genesys-cloud-server/tsconfig.json'], {
    cwd: new URL('../..', import.meta.url),
    timeout: 120_000,
  }).catch((error) => error);
  assert.equal(tsc.code ?? 0, 0, `${tsc.stdout ?? ''}${tsc.stderr ?? ''}`);
});
