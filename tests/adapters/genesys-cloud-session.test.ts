import { expect } from '@open-wc/testing';
import type { Interaction } from '../../src/model/interaction.js';
import { recordEmitted } from '../helpers/events.js';
import { rejectionOf, sleep, waitFor } from '../helpers/wait.js';
import { KNOWN_WRAPUP, cloudAdapter, control, freshNumber, requestLog, route, type CloudSetup } from './genesys-cloud-harness.js';

const DAY = 24 * 3600_000;

interface ServerChannel {
  id: string;
  topics: string[];
  sockets: number;
  closed: boolean;
}

interface ServerConversation {
  callbackNumbers?: string[];
  scheduledTime?: number;
  participants: { purpose: string; userId?: string; state: string; wrapup?: { code: string; notes?: string } }[];
}

const channelsOf = async (userId: string) =>
  (await control<ServerChannel[]>('channels')).filter((c) => c.topics.some((t) => t.startsWith(`v2.users.${userId}.`)));
/** Polls an answer of the contract server until `condition` holds. */
async function until(what: string, condition: () => Promise<boolean>, timeout = 5_000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
const requestsTo = async (method: string, path: RegExp) => (await requestLog()).filter((r) => r.method === method && path.test(r.path));

describe('GenesysCloudCallbackAdapter: the session', () => {
  let s: CloudSetup;
  afterEach(async () => {
    s?.adapter.dispose();
    await control('silence', { on: false });
    await control('clear-faults');
    await control('config', { heartbeatMs: 30_000, channelTtlMs: DAY, tokenTtlMs: null });
  });

  it('subscribes one channel to the agent\'s callbacks, calls, routing status and presence', async () => {
    s = await cloudAdapter();
    const [channel] = await channelsOf(s.userId);
    expect(channel!.topics).to.have.members(
      ['conversations.callbacks', 'conversations.calls', 'routingStatus', 'presence'].map((t) => `v2.users.${s.userId}.${t}`),
    );
    expect(channel!.sockets).to.equal(1);
  });

  it('offers a callback with its numbers, scheduled time, queue and participant data as case information', async () => {
    s = await cloudAdapter();
    const offers = recordEmitted<Interaction>((l) => s.adapter.onOffer(l));
    const scheduled = new Date(s.clock.now() + DAY).toISOString();
    const first = freshNumber();
    const second = freshNumber();
    const { conversationId } = await control<{ conversationId: string }>('route', {
      userId: s.userId,
      media: 'callback',
      name: 'Margaret Chen',
      callbackNumbers: [first, second],
      scheduledTime: scheduled,
      attributes: { subject: 'Invoice 42', account: 'A-77', _flowState: 'internal' },
    });
    const offered = await waitFor('the offer', () => offers.values.find((i) => i.id === conversationId));
    expect(offered).to.deep.include({ channel: 'web-callback', callbackType: 'scheduled', state: 'offered', subject: 'Invoice 42', desiredTime: Date.parse(scheduled) });
    expect(offered.contact).to.deep.equal({ name: 'Margaret Chen', phone: first });
    expect(offered.caseData).to.deep.equal([
      { key: 'queue', value: 'Billing' },
      { key: 'callbackNumbers', value: `${first}, ${second}` },
      { key: 'account', value: 'A-77' },
    ]);
    expect(offered.offer.expiresAt - offered.offer.offeredAt).to.equal(30_000);
  });

  it('offers what the service alerts though its clock and this computer\'s disagree by minutes; the service times it out', async () => {
    // An agent whose computer's clock is minutes off the service's (or a server that kept an old
    // clock) got no offer at all: each looked timed out on arrival.
    s = await cloudAdapter();
    const offers = recordEmitted<Interaction>((l) => s.adapter.onOffer(l));
    const heard = async (serviceClock: number) => {
      await control('time', { now: serviceClock });
      const { conversationId } = await route(s.userId);
      return waitFor(`the offer (service clock ${(serviceClock - s.clock.now()) / 1000} s off)`, () => offers.values.find((i) => i.id === conversationId));
    };
    for (const skew of [-5 * 60_000, 5 * 60_000]) {
      const offered = await heard(s.clock.now() + skew);
      expect(offered.state).to.equal('offered');
      // Counted from when it was heard: the full 30 s to answer.
      expect([offered.offer.offeredAt, offered.offer.expiresAt]).to.deep.equal([s.clock.now(), s.clock.now() + 30_000]);
    }
    // Clocks that agree (an offer that began 10 s ago, read after a reload): its own start.
    const started = await heard(s.clock.now() - 10_000);
    expect(started.offer.expiresAt).to.equal(s.clock.now() + 20_000);

    // The service, on its own clock, takes back the one still waiting when its time is up.
    const late = await heard(s.clock.now() - 5 * 60_000);
    await control('time', { now: s.clock.now() - 5 * 60_000 + 30_000 });
    await waitFor('the offer timed out by the service', () => s.adapter.getInteraction(late.id)?.state === 'expired');
  });

  it('asks the host for a token again after a 401, and goes on with the new one', async () => {
    s = await cloudAdapter();
    expect(s.tokens).to.have.length(1);
    await control('revoke-token', { token: s.tokens[0] });
    expect(await s.adapter.findOpenByNumber(freshNumber())).to.deep.equal([]);
    expect(s.tokens).to.have.length(2);
    const reads = await requestsTo('GET', /^\/api\/v2\/conversations\/callbacks$/);
    expect(reads.slice(-2).map((r) => r.authorization)).to.deep.equal([`Bearer ${s.tokens[0]}`, `Bearer ${s.tokens[1]}`]);
  });

  it('a token past its lifetime (401) is replaced by the host\'s next one', async () => {
    s = await cloudAdapter();
    await control('config', { tokenTtlMs: 100 });
    await until('the first token to expire and a second to be asked for', async () => {
      await s.adapter.findOpenByNumber(freshNumber());
      return s.tokens.length > 1;
    });
    const reads = await requestsTo('GET', /^\/api\/v2\/conversations\/callbacks$/);
    expect(reads.at(-1)!.authorization).to.equal(`Bearer ${s.tokens.at(-1)}`);
  });

  it('after a dropped socket: a new channel, then a read of the conversations; what happened meanwhile arrives once', async () => {
    s = await cloudAdapter();
    const kept = await route(s.userId, { media: 'callback' });
    await waitFor('the first offer', () => s.adapter.getInteraction(kept.conversationId));
    const offers = recordEmitted<Interaction>((l) => s.adapter.onOffer(l));
    const changes = recordEmitted<Interaction>((l) => s.adapter.onInteraction(l));
    // The new channel is slow to come: what the queue does meanwhile is heard by nobody.
    await control('fail', { method: 'POST', path: '^/api/v2/notifications/channels$', delayMs: 400 });
    await control('drop-sockets');
    const missed = await route(s.userId, { media: 'callback' });
    await control(`revoke/${kept.conversationId}`);
    await waitFor('the missed offer', () => s.adapter.getInteraction(missed.conversationId));
    await waitFor('the revoked offer', () => s.adapter.getInteraction(kept.conversationId)?.state === 'revoked');
    expect(offers.values.map((i) => i.id)).to.deep.equal([missed.conversationId]);
    expect(changes.values.filter((i) => i.id === kept.conversationId).map((i) => i.state)).to.deep.equal(['revoked']);
    const channels = await channelsOf(s.userId);
    expect(channels.filter((c) => c.sockets > 0)).to.have.length(1);
    // After the reconnect: one read of each list (not one per conversation) and one of the
    // agent's state (utilization, presence, routing status), and nothing else.
    const sinceReconnect = async () => {
      const log = await requestLog();
      const reconnect = log.findLastIndex((r) => r.method === 'POST' && r.path === '/api/v2/notifications/channels');
      return log.slice(reconnect + 1).filter((r) => r.authorization.includes(s.userId)).map((r) => `${r.method} ${r.path}`);
    };
    await until('the state read again', async () => (await sinceReconnect()).includes(`GET /api/v2/users/${s.userId}/routingstatus`));
    await sleep(200);
    expect(await sinceReconnect()).to.have.members([
      `PUT /api/v2/notifications/channels/${channels.find((c) => c.sockets > 0)!.id}/subscriptions`,
      'GET /api/v2/conversations/callbacks',
      'GET /api/v2/conversations/calls',
      `GET /api/v2/routing/users/${s.userId}/utilization`,
      `GET /api/v2/users/${s.userId}/presences/PURECLOUD`,
      `GET /api/v2/users/${s.userId}/routingstatus`,
    ]);
  });

  it('after a dropped socket: the utilization, presence and routing status changed meanwhile elsewhere are read again', async () => {
    s = await cloudAdapter();
    await s.adapter.setReadyState('voice', 'ready');
    await s.adapter.setReadyState('web-callback', 'ready');
    const elsewhere = (method: string, path: string, body: unknown) =>
      fetch(`${s.url}${path}`, {
        method,
        headers: { Authorization: `Bearer user:${s.userId}#elsewhere`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => expect(r.ok, `${method} ${path}`).to.equal(true));
    const channelDown = async () => {
      s.clock.advance(1_000);
      await control('time', { now: s.clock.now() });
      // The next channel is slow to come: a change made now is announced to nobody.
      await control('fail', { method: 'POST', path: '^/api/v2/notifications/channels$', delayMs: 400 });
      await control('drop-sockets');
      await waitFor('the adapter to notice the drop', () => s.adapter.session.notificationStatus === 'reconnecting');
    };

    // Web callbacks no longer routed to the agent (a supervisor's utilization change; no notification exists for it).
    await channelDown();
    await elsewhere('PUT', `/api/v2/routing/users/${s.userId}/utilization`, { utilization: { call: { maximumCapacity: 1 }, callback: { maximumCapacity: 0 } } });
    await waitFor('web callbacks not ready after the reconnect', () => s.adapter.getReadyState('web-callback') === 'not-ready');
    expect(s.adapter.getReadyState('voice')).to.equal('ready');

    // The agent went on a break in another window.
    const details = recordEmitted<[string, unknown]>((l) => s.adapter.onReadyStateDetail((channel, detail) => l([channel, detail])));
    await s.adapter.notReadyReasons();
    await channelDown();
    await elsewhere('PATCH', `/api/v2/users/${s.userId}/presences/PURECLOUD`, { presenceDefinition: { id: 'break' } });
    await waitFor('voice not ready after the reconnect', () => s.adapter.getReadyState('voice') === 'not-ready');
    expect(s.adapter.readyStateDetail('voice')).to.deep.equal({ state: 'not-ready', reason: { code: 'break', label: 'Break' } });
    expect(s.adapter.presence()).to.deep.include({ code: 'break', systemPresence: 'Break' });
    expect(details.values).to.deep.include(['voice', { state: 'not-ready', reason: { code: 'break', label: 'Break' } }]);
  });

  it('a channel the service closes (socket_closing) is replaced before it goes; nothing is doubled', async () => {
    s = await cloudAdapter();
    const [first] = await channelsOf(s.userId);
    const offers = recordEmitted<Interaction>((l) => s.adapter.onOffer(l));
    await control('expire-channels', { closeAfterMs: 300 });
    await until('a second channel', async () => (await channelsOf(s.userId)).some((c) => c.id !== first!.id && c.sockets === 1));
    await until('the second channel only', async () => (await channelsOf(s.userId)).filter((c) => c.sockets > 0).length === 1);
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer on the new channel', () => s.adapter.getInteraction(conversationId));
    expect(offers.values.map((i) => i.id)).to.deep.equal([conversationId]);
  });

  it('opens the next channel before the current one expires', async () => {
    await control('config', { channelTtlMs: 1_500 });
    s = await cloudAdapter({ renewBeforeMs: 1_000 });
    const [first] = await channelsOf(s.userId);
    await until('the next channel', async () => (await channelsOf(s.userId)).some((c) => c.id !== first!.id && c.sockets === 1), 3_000);
    const routed = await route(s.userId, { media: 'call' });
    await waitFor('an offer on it', () => s.adapter.getInteraction(routed.conversationId));
  });

  it('pings a silent socket, and takes one that does not answer for dead', async () => {
    s = await cloudAdapter({ silenceMs: 150 });
    await until('a ping', async () => (await control<{ pings: number }>('silence', { on: false })).pings > 0);
    const [first] = await channelsOf(s.userId);
    expect(first!.sockets, 'answered pings keep the socket').to.equal(1);
    await control('silence', { on: true });
    await until('a new channel', async () => (await channelsOf(s.userId)).some((c) => c.id !== first!.id), 3_000);
    await control('silence', { on: false });
    const routed = await route(s.userId, { media: 'callback' });
    await waitFor('an offer on the new channel', () => s.adapter.getInteraction(routed.conversationId));
  });

  it('waits out a 429 for its Retry-After, then asks again', async () => {
    s = await cloudAdapter();
    await control('fail', { method: 'GET', path: '^/api/v2/conversations/callbacks\\?', status: 429, retryAfter: 1 });
    const started = performance.now();
    await s.adapter.findOpenByNumber(freshNumber());
    expect(performance.now() - started).to.be.greaterThan(950);
    const reads = await requestsTo('GET', /^\/api\/v2\/conversations\/callbacks$/);
    const [throttled, again] = reads.slice(-2);
    expect(again!.at - throttled!.at).to.be.greaterThan(950);
  });

  it('keeps to its request rate', async () => {
    s = await cloudAdapter({ rateLimit: { requests: 3, perMs: 500 } });
    const before = (await requestLog()).length;
    const started = performance.now();
    await Promise.all(Array.from({ length: 7 }, () => s.adapter.findOpenByNumber(freshNumber())));
    expect(performance.now() - started, 'seven requests at three per 500 ms').to.be.greaterThan(950);
    const sent = (await requestLog()).slice(before).filter((r) => r.authorization.includes(s.userId));
    // Server receipt times: the client's 500 ms window, less the network's jitter.
    for (let i = 3; i < sent.length; i++) expect(sent[i]!.at - sent[i - 3]!.at).to.be.at.least(400);
  });

  it('follows the routing status set elsewhere', async () => {
    s = await cloudAdapter();
    s.clock.advance(1_000);
    await control('time', { now: s.clock.now() });
    const changes = recordEmitted<[string, string]>((l) => s.adapter.onReadyState((channel, state) => l([channel, state])));
    const response = await fetch(`${s.url}/api/v2/users/${s.userId}/routingstatus`, {
      method: 'PUT',
      headers: { Authorization: `Bearer user:${s.userId}#elsewhere`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'IDLE' }),
    });
    expect(response.ok).to.equal(true);
    await waitFor('both channels ready', () => changes.values.length === 2);
    expect(s.adapter.getReadyState('voice')).to.equal('ready');
    expect(s.adapter.getReadyState('web-callback')).to.equal('ready');
  });
});

describe('GenesysCloudCallbackAdapter: what reaches Genesys Cloud', () => {
  let s: CloudSetup;
  afterEach(() => s?.adapter.dispose());

  const acceptedCallback = async () => {
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer', () => s.adapter.getInteraction(conversationId));
    return s.adapter.accept(conversationId);
  };

  it('the wrap-up codes of the agent\'s participant are the dispositions', async () => {
    s = await cloudAdapter();
    const interaction = await acceptedCallback();
    expect(await s.adapter.dispositions(interaction.id)).to.deep.equal([
      { code: 'wrap-resolved', label: 'Resolved' },
      { code: 'wrap-info', label: 'Information given' },
      { code: 'wrap-no-answer', label: 'No answer' },
    ]);
  });

  it('Mark done ends the participant with the wrap-up code and every note', async () => {
    s = await cloudAdapter();
    const interaction = await acceptedCallback();
    await s.adapter.setDisposition(interaction.id, KNOWN_WRAPUP);
    await s.adapter.addNote(interaction.id, 'Asked about invoice 42.');
    await s.adapter.markDone(interaction.id, { note: 'Promised a credit note.' });
    const conversation = await control<ServerConversation>(`conversation/${interaction.id}`);
    const agent = conversation.participants.find((p) => p.userId === s.userId)!;
    expect(agent.state).to.equal('terminated');
    expect(agent.wrapup).to.deep.include({ code: KNOWN_WRAPUP.code, notes: 'Asked about invoice 42.\nPromised a credit note.' });
  });

  it('reschedules with PATCH /api/v2/conversations/callbacks, on a new number first', async () => {
    s = await cloudAdapter();
    const interaction = await acceptedCallback();
    const time = s.clock.now() + 2 * DAY;
    const number = freshNumber();
    const result = await s.adapter.reschedule(interaction.id, { time, number, reason: 'no-answer' });
    expect(result.desiredTime).to.equal(time);
    const [patch] = (await requestsTo('PATCH', /^\/api\/v2\/conversations\/callbacks$/)).slice(-1);
    expect(JSON.parse(patch!.body)).to.deep.include({ conversationId: interaction.id, agentId: s.userId, callbackScheduledTime: new Date(time).toISOString() });
    const conversation = await control<ServerConversation>(`conversation/${interaction.id}`);
    expect(conversation.scheduledTime).to.equal(time);
    expect(conversation.callbackNumbers![0]).to.equal(number);
    // Scheduled for later, the web callback leaves the agent: their participant disconnects.
    expect(result.state).to.equal('done');
    await until('the agent\'s participant to leave', async () => {
      const now = await control<ServerConversation>(`conversation/${interaction.id}`);
      return now.participants.find((p) => p.userId === s.userId)?.state === 'disconnected';
    });
  });

  it('creates a callback', async () => {
    s = await cloudAdapter();
    const number = freshNumber();
    const id = await s.adapter.create({ numbers: [number], name: 'Oscar Diaz', desiredTime: s.clock.now() + DAY, queueId: 'queue-support', data: { subject: 'Refund' } });
    const conversation = await control<ServerConversation>(`conversation/${id}`);
    expect(conversation.callbackNumbers).to.deep.equal([number]);
    await rejectionOf(s.adapter.create({ numbers: ['not a number'] }), 'invalid-input');
  });

  it('an accept whose answer is lost is settled by reading the conversation back', async () => {
    s = await cloudAdapter({ timeoutMs: 300 });
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer', () => s.adapter.getInteraction(conversationId));
    await control('fail', { method: 'PATCH', path: '/participants/', apply: true, drop: true });
    expect((await s.adapter.accept(conversationId)).state).to.equal('ready-to-call');
    expect(await requestsTo('PATCH', new RegExp(conversationId))).to.have.length(1);
  });

  it('a lost answer that cannot be read back either is unconfirmed', async () => {
    s = await cloudAdapter({ timeoutMs: 300, retries: 0 });
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer', () => s.adapter.getInteraction(conversationId));
    await control('fail', { method: 'PATCH', path: '/participants/', drop: true });
    await control('fail', { method: 'GET', path: conversationId, status: 503 });
    await rejectionOf(s.adapter.accept(conversationId), 'unconfirmed');
  });

  it('a 409 from Genesys Cloud is invalid-state, a 5xx on a write is not sent again', async () => {
    s = await cloudAdapter({ timeoutMs: 300, retries: 0 });
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer', () => s.adapter.getInteraction(conversationId));
    await control('fail', { method: 'PATCH', path: '/participants/', status: 409 });
    await rejectionOf(s.adapter.accept(conversationId), 'invalid-state');
    await control('fail', { method: 'PATCH', path: '/participants/', status: 503 });
    await rejectionOf(s.adapter.accept(conversationId), 'service-unavailable');
    expect(await requestsTo('PATCH', new RegExp(conversationId))).to.have.length(2);
    expect(s.adapter.getInteraction(conversationId)?.state).to.equal('offered');
  });
});
