import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { lastFor, recordEmitted } from '../helpers/events.js';
import { rejectionOf } from '../helpers/wait.js';
import {
  acceptedOnServer,
  control,
  createOnServer,
  freshNumber,
  gmsAdapter,
  requestLog,
  routeToAgent,
  scriptFailure,
  type GmsSetup,
  type LoggedRequest,
} from './gms-harness.js';
import type { GmsCallbackRecord } from '../../src/adapters/gms/index.js';
import type { Interaction } from '../../src/model/interaction.js';

/**
 * A write whose answer is late or lost is settled by reading the callback back, never by sending
 * it again: GMS and the agent's desk agree on what happened (issue 15). The contract server's
 * `apply` faults carry the request out and then delay, drop or replace the answer. The adapter
 * under test gives GMS 400 ms (gms-harness.ts), then reads back, waits a little more and reads
 * again, all within 800 ms: a reply 2 s late comes after the caller was answered.
 */

const DAY = 24 * 60 * 60_000;

/** The next Monday-to-Friday day at least two days ahead, at `hour`:`minute` UTC (office hours). */
function weekdayAt(hour: number, minute = 0): number {
  const date = new Date(Date.now() + 2 * DAY);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour, minute);
}

const count = (log: readonly LoggedRequest[], method: string) => log.filter((r) => r.method === method).length;
const rescheduled = (interaction: Interaction | undefined) => interaction?.history.filter((h) => h.kind === 'rescheduled') ?? [];
const stored = async (id: string) => (await control<GmsCallbackRecord[]>('callbacks')).find((cb) => cb._id === id);

describe('GmsCallbackAdapter: writes whose answer is late or lost', () => {
  let s: GmsSetup;
  beforeEach(async () => {
    await control('reset', {});
    s = await gmsAdapter();
  });
  afterEach(() => s.adapter.dispose());

  const accepted = (preview = true) => acceptedOnServer(s.adapter, preview);

  describe('reschedule (PUT)', () => {
    it('carried out but answered after the timeout: success, the reschedule in the history once, one PUT', async () => {
      const interaction = await accepted();
      const time = weekdayAt(10);
      await scriptFailure({ method: 'PUT', apply: true, delayMs: 1_000 });
      const started = Date.now();
      const result = await s.adapter.reschedule(interaction.id, { time, reason: 'requested' });
      expect(Date.now() - started, 'answered from the read-back, not the late reply').to.be.below(1_000);
      expect(result.desiredTime).to.equal(time);
      expect(rescheduled(result)).to.have.length(1);
      expect(rescheduled(result)[0]).to.include({ time, reason: 'requested' });
      expect((await stored(interaction.id))?._desired_time).to.equal(new Date(time).toISOString());
      // The late reply arrives: nothing is applied twice, nothing is sent again.
      await aTimeout(1_000);
      expect(rescheduled(s.adapter.getInteraction(interaction.id))).to.have.length(1);
      const log = await requestLog();
      expect(count(log, 'PUT')).to.equal(1);
      expect(log.some((r) => r.method === 'GET' && r.query._id === interaction.id), 'read back by id').to.equal(true);
    });

    it('carried out, then the connection dropped: success, one PUT', async () => {
      const interaction = await accepted();
      const time = weekdayAt(10, 30);
      await scriptFailure({ method: 'PUT', apply: true, drop: true });
      const result = await s.adapter.reschedule(interaction.id, { time, number: '+44 20 7946 0777' });
      expect(rescheduled(result).at(-1)).to.include({ time, number: '+442079460777' });
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('carried out, then a bare 504 from a gateway: success', async () => {
      const interaction = await accepted();
      await scriptFailure({ method: 'PUT', apply: true, status: 504 });
      const result = await s.adapter.reschedule(interaction.id, { time: weekdayAt(11) });
      expect(result.desiredTime).to.equal(weekdayAt(11));
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('not carried out and answered late with a failure: the timeout, nothing changed here or in GMS, one PUT', async () => {
      const interaction = await accepted();
      const before = (await stored(interaction.id))?._desired_time;
      await scriptFailure({ method: 'PUT', delayMs: 2_000, status: 503 });
      const error = await rejectionOf(s.adapter.reschedule(interaction.id, { time: weekdayAt(10) }), 'timeout');
      expect(error.retryable).to.equal(true);
      await aTimeout(1_500);
      expect(rescheduled(s.adapter.getInteraction(interaction.id))).to.deep.equal([]);
      expect(s.adapter.getInteraction(interaction.id)?.desiredTime).to.equal(interaction.desiredTime);
      expect((await stored(interaction.id))?._desired_time).to.equal(before);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('carried out by GMS only after the read-back: the caller hears timeout, the late reply still reaches the interaction', async () => {
      const interaction = await accepted();
      const time = weekdayAt(14);
      const changes = recordEmitted<Interaction>((l) => s.adapter.onInteraction(l));
      await scriptFailure({ method: 'PUT', delayMs: 2_000 });
      await rejectionOf(s.adapter.reschedule(interaction.id, { time }), 'timeout');
      expect(rescheduled(s.adapter.getInteraction(interaction.id))).to.deep.equal([]);
      await waitUntil(() => rescheduled(s.adapter.getInteraction(interaction.id)).length === 1, 'the late reply applied', { timeout: 4_000 });
      expect(lastFor(changes.values, interaction.id)?.desiredTime).to.equal(time);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
      changes.stop();
    });

    it('the read-back fails too: unconfirmed (not a plain timeout), nothing applied here', async () => {
      const interaction = await accepted();
      await scriptFailure({ method: 'PUT', apply: true, drop: true });
      await scriptFailure({ method: 'GET', path: '_id=', status: 503, times: 5 });
      const error = await rejectionOf(s.adapter.reschedule(interaction.id, { time: weekdayAt(15) }), 'unconfirmed');
      expect(error.retryable).to.equal(false);
      expect(error.detail).to.include({ write: 'network', readBack: 'service-unavailable' });
      expect(rescheduled(s.adapter.getInteraction(interaction.id))).to.deep.equal([]);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('the same reschedule asked twice while it is in flight (a double-click): one PUT, one history entry', async () => {
      const interaction = await accepted();
      const time = weekdayAt(16);
      await scriptFailure({ method: 'PUT', delayMs: 200 });
      const [first, second] = await Promise.all([
        s.adapter.reschedule(interaction.id, { time }),
        s.adapter.reschedule(interaction.id, { time }),
      ]);
      expect(first.desiredTime).to.equal(time);
      expect(second.desiredTime).to.equal(time);
      expect(rescheduled(s.adapter.getInteraction(interaction.id))).to.have.length(1);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('asked again after a timeout while the PUT is still out: it joins that PUT instead of sending another', async () => {
      const interaction = await accepted();
      const time = weekdayAt(16, 30);
      await scriptFailure({ method: 'PUT', delayMs: 3_500 });
      await rejectionOf(s.adapter.reschedule(interaction.id, { time }), 'timeout');
      await rejectionOf(s.adapter.reschedule(interaction.id, { time }), 'timeout');
      expect(count(await requestLog(), 'PUT')).to.equal(1);
      await waitUntil(() => rescheduled(s.adapter.getInteraction(interaction.id)).length === 1, 'the late reply applied', { timeout: 5_000 });
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('asked again with another reason while the same PUT is out: still one PUT, and the history shows the last choice', async () => {
      const interaction = await accepted();
      const time = weekdayAt(15, 30);
      await scriptFailure({ method: 'PUT', delayMs: 3_500 });
      await rejectionOf(s.adapter.reschedule(interaction.id, { time, reason: 'busy' }), 'timeout');
      await rejectionOf(s.adapter.reschedule(interaction.id, { time, reason: 'requested' }), 'timeout');
      await waitUntil(() => rescheduled(s.adapter.getInteraction(interaction.id)).length > 0, 'the late reply applied', { timeout: 5_000 });
      await aTimeout(100);
      expect(rescheduled(s.adapter.getInteraction(interaction.id)).map((h) => h.reason)).to.deep.equal(['requested']);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('two reasons for the same time in flight together, confirmed by the read-back: one PUT, one entry with the later reason', async () => {
      const interaction = await accepted();
      const time = weekdayAt(9, 30);
      await scriptFailure({ method: 'PUT', apply: true, delayMs: 1_000 });
      const [first, second] = await Promise.all([
        s.adapter.reschedule(interaction.id, { time, reason: 'busy' }),
        s.adapter.reschedule(interaction.id, { time, reason: 'no-answer' }),
      ]);
      expect(rescheduled(second).map((h) => h.reason)).to.deep.equal(['no-answer']);
      expect(first.history).to.deep.equal(second.history);
      await aTimeout(1_000);
      expect(rescheduled(s.adapter.getInteraction(interaction.id)).map((h) => h.reason)).to.deep.equal(['no-answer']);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('another reason for a change already confirmed while its PUT is still out: no second PUT, the new reason recorded last', async () => {
      // A voice callback: a web one scheduled for another time is closed by the first change.
      const interaction = await accepted(false);
      const time = weekdayAt(11, 30);
      await scriptFailure({ method: 'PUT', apply: true, delayMs: 2_000 });
      await s.adapter.reschedule(interaction.id, { time, reason: 'busy' });
      const again = await s.adapter.reschedule(interaction.id, { time, reason: 'requested' });
      expect(rescheduled(again).map((h) => h.reason)).to.deep.equal(['busy', 'requested']);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('every request hangs to its deadline: the caller hears unconfirmed within twice the timeout', async () => {
      const interaction = await accepted();
      await scriptFailure({ method: 'PUT', apply: true, delayMs: 5_000 });
      await scriptFailure({ method: 'GET', path: '_id=', delayMs: 5_000, times: 5 });
      const started = Date.now();
      await rejectionOf(s.adapter.reschedule(interaction.id, { time: weekdayAt(13, 30) }), 'unconfirmed');
      // 2 × timeoutMs (400 ms) with some room for a busy machine; without a budget it was 4 × 400.
      expect(Date.now() - started).to.be.below(1_100);
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });

    it('a caller that aborts after the PUT went out stops waiting; the change still reaches the interaction', async () => {
      const interaction = await accepted();
      await scriptFailure({ method: 'PUT', delayMs: 200 });
      const controller = new AbortController();
      const pending = s.adapter.reschedule(interaction.id, { time: weekdayAt(17) }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await rejectionOf(pending, 'aborted');
      await waitUntil(() => rescheduled(s.adapter.getInteraction(interaction.id)).length === 1, 'applied on the reply', { timeout: 3_000 });
      expect(count(await requestLog(), 'PUT')).to.equal(1);
    });
  });

  describe('create (POST)', () => {
    it('carried out but answered after the timeout: resolves with the new callback, one POST', async () => {
      const number = freshNumber();
      const time = weekdayAt(9);
      await scriptFailure({ method: 'POST', apply: true, delayMs: 1_000 });
      const id = await s.adapter.create({ number, desiredTime: time, data: { firstname: 'Ana' } });
      expect(await stored(id)).to.include({ _customer_number: number, _desired_time: new Date(time).toISOString(), firstname: 'Ana' });
      expect(count(await requestLog(), 'POST')).to.equal(1);
    });

    it('carried out, then the connection dropped: the new callback, not an older one of the same customer', async () => {
      const number = freshNumber();
      const time = weekdayAt(9, 30);
      const older = await createOnServer({ _customer_number: number, _desired_time: new Date(time).toISOString() });
      await scriptFailure({ method: 'POST', apply: true, drop: true });
      const id = await s.adapter.create({ number, desiredTime: time });
      expect(id).to.not.equal(older);
      const mine = (await control<GmsCallbackRecord[]>('callbacks')).filter((cb) => cb._customer_number === number);
      expect(mine.map((cb) => cb._id).sort()).to.deep.equal([older, id].sort());
      expect(count(await requestLog(), 'POST')).to.equal(2); // createOnServer's and the adapter's
    });

    it('as soon as possible, the POST lost before GMS stored it while the IVR created one for the customer: never that callback', async () => {
      const number = freshNumber();
      await scriptFailure({ method: 'POST', delayMs: 300, drop: true });
      const pending = s.adapter.create({ number });
      await waitUntil(async () => count(await requestLog(), 'POST') === 1, "the adapter's POST at the server", { timeout: 2_000 });
      const ivr = await createOnServer({ _customer_number: number });
      const error = await rejectionOf(pending, 'unconfirmed');
      expect(error.detail).to.include({ write: 'network' });
      const mine = (await control<GmsCallbackRecord[]>('callbacks')).filter((cb) => cb._customer_number === number);
      expect(mine.map((cb) => cb._id)).to.deep.equal([ivr]);
    });

    it('as soon as possible, carried out and the answer lost while the IVR created one too: its own callback, told by its request id', async () => {
      const number = freshNumber();
      await scriptFailure({ method: 'POST', apply: true, delayMs: 300, drop: true });
      const pending = s.adapter.create({ number });
      await waitUntil(async () => count(await requestLog(), 'POST') === 1, "the adapter's POST at the server", { timeout: 2_000 });
      const ivr = await createOnServer({ _customer_number: number });
      const id = await pending;
      expect(id).to.not.equal(ivr);
      const post = (await requestLog()).find((r) => r.method === 'POST')!;
      expect((await stored(id))?.cb_request_id).to.be.a('string').and.equal(JSON.parse(post.body).cb_request_id);
    });

    it('every request hangs to its deadline: the caller hears unconfirmed within twice the timeout', async () => {
      await scriptFailure({ method: 'GET', path: '_customer_number', delayMs: 5_000, times: 5 });
      await scriptFailure({ method: 'POST', apply: true, delayMs: 5_000 });
      const started = Date.now();
      await rejectionOf(s.adapter.create({ number: freshNumber() }), 'unconfirmed');
      expect(Date.now() - started).to.be.below(1_100);
      expect(count(await requestLog(), 'POST')).to.equal(1);
    });

    it('the same create twice while it is in flight: one POST, one callback', async () => {
      const number = freshNumber();
      await scriptFailure({ method: 'POST', delayMs: 200 });
      const [a, b] = await Promise.all([s.adapter.create({ number }), s.adapter.create({ number })]);
      expect(a).to.equal(b);
      expect(count(await requestLog(), 'POST')).to.equal(1);
    });
  });

  describe('cancel (DELETE)', () => {
    it('carried out, then the connection dropped: success, the offer revoked, one DELETE', async () => {
      const id = await createOnServer({ _customer_number: freshNumber() });
      const offered = s.adapter.ingest(await routeToAgent(id));
      await scriptFailure({ method: 'DELETE', apply: true, drop: true });
      await s.adapter.cancel(id);
      expect(s.adapter.getInteraction(offered.id)?.state).to.equal('revoked');
      expect(await stored(id)).to.include({ _callback_state: 'COMPLETED', _callback_reason: 'CANCELLED' });
      expect(count(await requestLog(), 'DELETE')).to.equal(1);
    });

    it('carried out but answered after the timeout: success from the read-back, the offer revoked, one DELETE', async () => {
      const id = await createOnServer({ _customer_number: freshNumber() });
      const offered = s.adapter.ingest(await routeToAgent(id));
      await scriptFailure({ method: 'DELETE', apply: true, delayMs: 1_000 });
      const started = Date.now();
      await s.adapter.cancel(id);
      expect(Date.now() - started, 'answered from the read-back, not the late reply').to.be.below(1_000);
      expect(s.adapter.getInteraction(offered.id)?.state).to.equal('revoked');
      expect(await stored(id)).to.include({ _callback_state: 'COMPLETED', _callback_reason: 'CANCELLED' });
      // The late reply arrives: nothing is sent again.
      await aTimeout(1_000);
      const log = await requestLog();
      expect(count(log, 'DELETE')).to.equal(1);
      expect(log.some((r) => r.method === 'GET' && r.query._id === id), 'read back by id').to.equal(true);
    });

    it('not carried out and answered late with a failure: the timeout, the offer still with the agent, one DELETE', async () => {
      const id = await createOnServer({ _customer_number: freshNumber() });
      const offered = s.adapter.ingest(await routeToAgent(id));
      await scriptFailure({ method: 'DELETE', delayMs: 2_000, status: 503 });
      await rejectionOf(s.adapter.cancel(id), 'timeout');
      await aTimeout(1_500);
      expect(s.adapter.getInteraction(offered.id)?.state).to.equal('offered');
      expect((await stored(id))?._callback_state).to.not.equal('COMPLETED');
      expect(count(await requestLog(), 'DELETE')).to.equal(1);
    });

    it('the same cancel asked twice while it is in flight (a double-click): one DELETE, both succeed', async () => {
      const id = await createOnServer({ _customer_number: freshNumber() });
      const offered = s.adapter.ingest(await routeToAgent(id));
      await scriptFailure({ method: 'DELETE', delayMs: 200 });
      await Promise.all([s.adapter.cancel(id), s.adapter.cancel(id)]);
      expect(s.adapter.getInteraction(offered.id)?.state).to.equal('revoked');
      expect(count(await requestLog(), 'DELETE')).to.equal(1);
    });
  });
});
