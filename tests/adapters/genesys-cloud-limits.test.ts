import { expect } from '@open-wc/testing';
import { AdapterError, ADAPTER_ERROR_CODES } from '../../src/adapters/errors.js';
import { adapterErrorMessage } from '../../src/messages/messages.js';
import type { Interaction } from '../../src/model/interaction.js';
import { recordEmitted } from '../helpers/events.js';
import { rejectionOf, sleep, waitFor } from '../helpers/wait.js';
import { cloudAdapter, control, freshNumber, requestLog, route, type CloudSetup } from './genesys-cloud-harness.js';

const DAY = 24 * 3600_000;
const mine = async (s: CloudSetup) => (await requestLog()).filter((r) => r.authorization.includes(s.userId));

describe('GenesysCloudCallbackAdapter: limits and errors', () => {
  let s: CloudSetup;
  afterEach(async () => {
    s?.adapter.dispose();
    await control('clear-faults');
  });

  const accepted = async () => {
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer', () => s.adapter.getInteraction(conversationId));
    return s.adapter.accept(conversationId);
  };

  it('no storm after drops: one channel opened at a time, one read of the conversations after each new channel', async () => {
    s = await cloudAdapter();
    const before = (await mine(s)).length;
    // Three drops while the service is slow to open channels.
    await control('fail', { method: 'POST', path: '^/api/v2/notifications/channels$', delayMs: 300, times: 3 });
    for (let i = 0; i < 3; i++) {
      await control('drop-sockets');
      await sleep(50);
    }
    const { conversationId } = await route(s.userId, { media: 'callback' });
    await waitFor('the offer after the drops', () => s.adapter.getInteraction(conversationId), { timeout: 8_000 });
    const after = (await mine(s)).slice(before);
    const count = (method: string, path: string) => after.filter((r) => r.method === method && r.path === path).length;
    expect(count('POST', '/api/v2/notifications/channels'), 'channels opened').to.be.at.most(3);
    expect(count('GET', '/api/v2/conversations/callbacks'), 'reads of the callbacks').to.be.at.most(count('POST', '/api/v2/notifications/channels'));
    expect(after.length, 'requests in all').to.be.at.most(12);
  });

  it('a reschedule whose answer is lost is read back: made is a success, not made the network error', async () => {
    s = await cloudAdapter({ timeoutMs: 300 });
    const interaction = await accepted();
    const time = s.clock.now() + 2 * DAY;
    await control('fail', { method: 'PATCH', path: '^/api/v2/conversations/callbacks$', apply: true, drop: true });
    const done = await s.adapter.reschedule(interaction.id, { time });
    expect(done).to.deep.include({ state: 'done', desiredTime: time });
    const other = await accepted();
    await control('fail', { method: 'PATCH', path: '^/api/v2/conversations/callbacks$', drop: true });
    await rejectionOf(s.adapter.reschedule(other.id, { time: time + DAY }), 'network');
    expect(s.adapter.getInteraction(other.id)?.state).to.equal('ready-to-call');
    expect(s.adapter.getInteraction(other.id)?.desiredTime).to.equal(other.desiredTime);
    expect((await mine(s)).filter((r) => r.method === 'PATCH' && r.path === '/api/v2/conversations/callbacks')).to.have.length(2);
  });

  it('a Mark done answered too late is read back and done, sent once', async () => {
    s = await cloudAdapter({ timeoutMs: 300 });
    const interaction = await accepted();
    const changes = recordEmitted<Interaction>((l) => s.adapter.onInteraction(l));
    await control('fail', { method: 'PATCH', path: `/conversations/callbacks/${interaction.id}/participants/`, apply: true, delayMs: 600 });
    expect((await s.adapter.markDone(interaction.id, { note: 'Done.' })).state).to.equal('done');
    expect(changes.values.filter((i) => i.state === 'done')).to.have.length(1);
    expect((await mine(s)).filter((r) => r.method === 'PATCH' && r.path.includes(interaction.id))).to.have.length(2);
  });

  it('every failure is an AdapterError with a code the elements have a message for', async () => {
    s = await cloudAdapter({ timeoutMs: 300, retries: 1 });
    const number = freshNumber();
    const cases: [string, object, string][] = [
      ['a 5xx on a read, after its retry', { method: 'GET', path: '^/api/v2/conversations/callbacks\\?', status: 503, times: 2 }, 'service-unavailable'],
      ['no answer in time', { method: 'GET', path: '^/api/v2/conversations/callbacks\\?', delayMs: 500, times: 2 }, 'timeout'],
      ['a dropped connection', { method: 'GET', path: '^/api/v2/conversations/callbacks\\?', drop: true, times: 2 }, 'network'],
      ['a 403', { method: 'GET', path: '^/api/v2/conversations/callbacks\\?', status: 403 }, 'not-permitted'],
    ];
    for (const [what, fault, code] of cases) {
      await control('fail', fault);
      const error = await rejectionOf(s.adapter.findOpenByNumber(number), code as AdapterError['code']);
      expect(error, what).to.be.instanceOf(AdapterError);
    }
    // A token the host cannot renew: the second 401 is final.
    const stuck = await cloudAdapter({ accessToken: () => 'user:agent-stuck' });
    try {
      await control('revoke-token', { token: 'user:agent-stuck' });
      await rejectionOf(stuck.adapter.findOpenByNumber(number), 'not-permitted');
    } finally {
      stuck.adapter.dispose();
    }
    for (const code of ADAPTER_ERROR_CODES) expect(adapterErrorMessage(code), code).to.be.a('string').and.not.equal(code);
  });

  it('a session that cannot open its channel fails connect() with an AdapterError and opens nothing', async () => {
    await control('fail', { method: 'POST', path: '^/api/v2/notifications/channels$', status: 500 });
    const error = await cloudAdapter().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(AdapterError);
    expect((error as AdapterError).code).to.equal('service-unavailable');
  });
});
