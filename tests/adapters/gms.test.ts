import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/errors.js';
import { DEFAULT_MAPPING } from '../../src/adapters/gms/index.js';
import { runCallbackContract } from './contract/callback-contract.js';
import { lastFor, recordEmitted } from '../helpers/events.js';
import { rejectionOf } from '../helpers/wait.js';
import {
  acceptedOnServer,
  control,
  createOnServer,
  freshNumber,
  gmsAdapter,
  gmsCallbackHarness,
  requestLog,
  routeToAgent,
  scriptFailure,
  SERVICE,
  type GmsSetup,
} from './gms-harness.js';
import type { Interaction } from '../../src/model/interaction.js';

runCallbackContract('GmsCallbackAdapter (contract server over HTTP)', gmsCallbackHarness);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const EXCEPTION = 'com.genesyslab.gms.services.callback.';
const CALLBACKS = `/genesys/1/service/callback/${SERVICE}`;

/** The next Monday-to-Friday day at least two days ahead, at `hour`:`minute` UTC. */
function weekdayAt(hour: number, minute = 0, timeZoneOffsetHours = 0): number {
  const date = new Date(Date.now() + 2 * DAY);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour - timeZoneOffsetHours, minute);
}

/** The next Saturday at noon UTC (the service is closed on weekends). */
function saturdayNoon(): number {
  const date = new Date(Date.now() + DAY);
  while (date.getUTCDay() !== 6) date.setUTCDate(date.getUTCDate() + 1);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12);
}

describe('GmsCallbackAdapter', () => {
  let s: GmsSetup;
  beforeEach(async () => {
    await control('reset', {});
    s = await gmsAdapter();
  });
  afterEach(() => s.adapter.dispose());

  const accepted = (preview = true) => acceptedOnServer(s.adapter, preview);

  describe('ingest: callback data to interaction', () => {
    it('maps the GMS keys, form keys and dial results', () => {
      const interaction = s.adapter.ingest({
        _CB_SERVICE_ID: 'CB-1',
        GMS_Service_ID: 'CB-1',
        GMS_ServiceName: SERVICE,
        GMS_Customer_Number: '+442079460123',
        GMS_Cb_Desired_Time: '2026-12-01T15:30:00.000Z',
        GMS_Cb_Type: 'SCHEDULED',
        firstname: 'Margaret',
        lastname: 'Chen',
        subject: 'Invoice 42',
        account: 'A-77',
        _CB_DIAL_2_RESULT: 'BUSY',
        _CB_DIAL_1_RESULT: 'NO_ANSWER',
        _CB_EWT_WHEN_CALLBACK_WAS_OFFERED: '120',
        _agent_preview: 'true',
        _agent_preview_timeout: '45',
        _agent_preview_allow_reject: 'false',
      });
      expect(interaction).to.deep.include({
        id: 'CB-1',
        channel: 'web-callback',
        callbackType: 'scheduled',
        state: 'offered',
        desiredTime: Date.UTC(2026, 11, 1, 15, 30),
        subject: 'Invoice 42',
      });
      expect(interaction.contact).to.deep.equal({ name: 'Margaret Chen', phone: '+442079460123' });
      expect(interaction.offer.expiresAt - interaction.offer.offeredAt).to.equal(45_000);
      expect(interaction.offer.canReject).to.equal(false);
      expect(interaction.caseData).to.deep.equal([{ key: 'account', value: 'A-77' }]);
      expect(interaction.attempts.map((a) => a.result)).to.deep.equal(['no-answer', 'busy']);
    });

    it('takes GMS_Service_ID when _CB_SERVICE_ID is absent; voice without preview; refuses data without an id', () => {
      const interaction = s.adapter.ingest({ GMS_Service_ID: 'CB-2', GMS_Customer_Number: '+442079460124' });
      expect(interaction).to.deep.include({ id: 'CB-2', channel: 'voice', callbackType: 'immediate' });
      expect(interaction.offer.expiresAt - interaction.offer.offeredAt).to.equal(30_000);
      expect(() => s.adapter.ingest({ GMS_Customer_Number: '+442079460124' })).to.throw(AdapterError);
    });

    it('maps the reporting keys: offer and accept times, EWT and position; they never become case data', () => {
      const interaction = s.adapter.ingest({
        _CB_SERVICE_ID: 'CB-R',
        GMS_Customer_Number: '+442079460125',
        _CB_T_CALLBACK_OFFERED: '2026-11-25T14:00:00Z',
        _CB_T_CALLBACK_ACCEPTED: '1764079260',
        _CB_EWT_WHEN_CALLBACK_WAS_OFFERED: '420',
        _CB_POS_WHEN_CALLBACK_WAS_OFFERED: '7',
      });
      expect(interaction.report).to.deep.equal({
        offeredToCustomerAt: Date.UTC(2026, 10, 25, 14, 0, 0),
        acceptedByCustomerAt: 1764079260 * 1000,
        ewtSeconds: 420,
        queuePosition: 7,
      });
      expect(interaction.caseData).to.deep.equal([]);
      expect(s.adapter.ingest({ _CB_SERVICE_ID: 'CB-S', GMS_Customer_Number: '+442079460126' }).report).to.equal(undefined);
    });

    it('follows a configured mapping', async () => {
      const custom = await gmsAdapter({
        mapping: { name: ['customer_name'], caseKeys: ['order'], labels: { order: 'Order number' }, channel: () => 'voice' },
      });
      const interaction = custom.adapter.ingest({
        _CB_SERVICE_ID: 'CB-3',
        GMS_Customer_Number: '+442079460125',
        customer_name: 'Ana Ruiz',
        order: '9912',
        other: 'not shown',
        _agent_preview: 'true',
      });
      expect(interaction.contact.name).to.equal('Ana Ruiz');
      expect(interaction.channel).to.equal('voice');
      expect(interaction.caseData).to.deep.equal([{ key: 'order', label: 'Order number', value: '9912' }]);
      expect(DEFAULT_MAPPING.id).to.deep.equal(['_CB_SERVICE_ID', 'GMS_Service_ID']);
      custom.adapter.dispose();
    });
  });

  describe('policy', () => {
    it('says the disposition is mandatory when configured so, for the elements to apply', async () => {
      expect(s.adapter.policy).to.deep.equal({ dispositionMandatory: false });
      const strict = await gmsAdapter({ dispositionMandatory: true });
      expect(strict.adapter.policy).to.deep.equal({ dispositionMandatory: true });
      strict.adapter.dispose();
    });

    it('leaves rejecting to each callback: canRejectByDefault is the offer\'s canReject, not a policy', async () => {
      const strict = await gmsAdapter({ canRejectByDefault: false });
      expect(strict.adapter.policy).to.not.have.property('canReject');
      const offered = strict.adapter.ingest({ _CB_SERVICE_ID: 'CB-R', GMS_Customer_Number: '+442079460127', _agent_preview_allow_reject: 'true' });
      expect(offered.offer.canReject).to.equal(true);
      expect(strict.adapter.ingest({ _CB_SERVICE_ID: 'CB-R2', GMS_Customer_Number: '+442079460128' }).offer.canReject).to.equal(false);
      strict.adapter.dispose();
    });
  });

  describe('operations over HTTP', () => {
    it('create: POST with the number, the desired time in UTC and the form data', async () => {
      const time = weekdayAt(10, 0);
      const id = await s.adapter.create({ number: '+442079460126', desiredTime: time, data: { firstname: 'Ana' } });
      const [post] = (await requestLog()).filter((r) => r.method === 'POST');
      expect(post!.path).to.equal(CALLBACKS);
      // cb_request_id: this request's own token, how a read-back after a lost answer finds its callback.
      const { cb_request_id: token, ...body } = JSON.parse(post!.body) as Record<string, string>;
      expect(body).to.deep.equal({
        firstname: 'Ana',
        _customer_number: '+442079460126',
        _desired_time: new Date(time).toISOString(),
      });
      expect(token).to.match(/^[0-9a-f]{32}$/);
      const stored = await s.adapter.findById(id);
      expect(stored).to.include({ _id: id, _callback_state: 'SCHEDULED', _desired_time: new Date(time).toISOString(), cb_request_id: token });
      // Each create has its own token.
      await s.adapter.create({ number: '+442079460126', desiredTime: weekdayAt(10, 30) });
      const tokens = (await requestLog()).filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body) as Record<string, string>).cb_request_id);
      expect(new Set(tokens).size).to.equal(2);
    });

    it("a callback created here reaches the agent without its request token among the case data", async () => {
      const id = await s.adapter.create({ number: freshNumber(), data: { account: 'A-1' } });
      const interaction = s.adapter.ingest(await routeToAgent(id));
      expect(interaction.caseData).to.deep.equal([{ key: 'account', value: 'A-1' }]);
    });

    it('reschedule: PUT with _new_desired_time in UTC, visible in a following query', async () => {
      const interaction = await accepted();
      // 10:30 in New York is 15:30 UTC (EST) or 14:30 UTC (EDT): the wire carries the instant in UTC.
      const time = weekdayAt(15, 30);
      const result = await s.adapter.reschedule(interaction.id, { time, reason: 'requested' });
      expect(result.desiredTime).to.equal(time);
      const put = (await requestLog()).find((r) => r.method === 'PUT')!;
      expect(put.path).to.equal(`${CALLBACKS}/${interaction.id}`);
      expect(JSON.parse(put.body)).to.deep.equal({ _new_desired_time: new Date(time).toISOString() });
      expect(JSON.parse(put.body)._new_desired_time).to.match(/Z$/);

      const other = await gmsAdapter();
      const found = await other.adapter.findOpenByNumber(interaction.contact.phone);
      expect(found.map((i) => [i.id, i.desiredTime])).to.deep.equal([[interaction.id, time]]);
      expect((await s.adapter.findById(interaction.id))._desired_time).to.equal(new Date(time).toISOString());
      other.adapter.dispose();
    });

    it('reschedule on a new number sends it in E.164 and logs it', async () => {
      const interaction = await accepted();
      // Refused before anything is sent (a web callback scheduled for another time is closed after).
      await rejectionOf(s.adapter.reschedule(interaction.id, { time: weekdayAt(9), number: 'nope' }), 'invalid-input');
      const result = await s.adapter.reschedule(interaction.id, { time: weekdayAt(9), number: '+44 20 7946 0777' });
      expect(result.history.at(-1)).to.include({ kind: 'rescheduled', number: '+442079460777' });
      const put = (await requestLog()).find((r) => r.method === 'PUT')!;
      expect(JSON.parse(put.body)._customer_number).to.equal('+442079460777');
      expect((await requestLog()).filter((r) => r.method === 'PUT')).to.have.length(1);
    });

    it('availability v1: UTC buckets in office hours, full ones included', async () => {
      const from = weekdayAt(0);
      const slots = await s.adapter.availability('any', { from, to: from + DAY });
      const get = (await requestLog()).find((r) => r.path.endsWith('/availability'))!;
      expect(get.path).to.equal(`${CALLBACKS}/availability`);
      expect(get.query).to.deep.equal({ start: new Date(from).toISOString(), end: new Date(from + DAY).toISOString() });
      expect(slots[0]!.start).to.equal(weekdayAt(8));
      expect(slots.at(-1)!.end).to.equal(weekdayAt(18));
      for (const slot of slots) expect(slot.end - slot.start).to.equal(30 * MINUTE);
      expect(slots.filter((slot) => slot.capacity === 0).map((slot) => new Date(slot.start).getUTCHours())).to.deep.equal([12, 12]);
    });

    it('availability v2: the service zone goes as `timezone`, local-time keys are read as instants', async () => {
      const zoned = await gmsAdapter({ timeZone: 'America/New_York' });
      const from = weekdayAt(0);
      const slots = await zoned.adapter.availability('any', { from, to: from + DAY });
      const get = (await requestLog()).find((r) => r.path.endsWith('/availability'))!;
      expect(get.path).to.equal(`/genesys/2/service/callback/${SERVICE}/availability`);
      expect(get.query.timezone).to.equal('America/New_York');
      // 08:00 in New York: 13:00 UTC in winter, 12:00 UTC in summer.
      const offset = new Date(from).toLocaleString('en-US', { timeZone: 'America/New_York', timeZoneName: 'short' }).endsWith('EST') ? 5 : 4;
      expect(slots[0]!.start).to.equal(weekdayAt(8 + offset));
      zoned.adapter.dispose();
    });

    it('findOpenByNumber: GET with _customer_number and _callback_state=!COMPLETED', async () => {
      const number = freshNumber();
      const id = await createOnServer({ _customer_number: number });
      const found = await s.adapter.findOpenByNumber(number);
      expect(found.map((i) => i.id)).to.deep.equal([id]);
      const get = (await requestLog()).find((r) => r.method === 'GET')!;
      expect(get.query).to.deep.equal({ _customer_number: number, _callback_state: '!COMPLETED' });
    });

    it('cancel: DELETE completes the callback on the server and revokes an offer of it', async () => {
      const id = await createOnServer({ _customer_number: freshNumber() });
      const offered = s.adapter.ingest(await routeToAgent(id));
      const changes = recordEmitted<Interaction>((l) => s.adapter.onInteraction(l));
      await s.adapter.cancel(id);
      expect((await requestLog()).at(-1)).to.include({ method: 'DELETE', path: `${CALLBACKS}/${id}` });
      expect(await s.adapter.findById(id)).to.include({ _callback_state: 'COMPLETED', _callback_reason: 'CANCELLED' });
      expect(lastFor(changes.values, offered.id)?.state).to.equal('revoked');
      expect(await s.adapter.findOpenByNumber(offered.contact.phone)).to.deep.equal([]);
    });

    it('reject declines the offer and leaves the callback open in GMS', async () => {
      const id = await createOnServer({ _customer_number: freshNumber() });
      const offered = s.adapter.ingest(await routeToAgent(id));
      await s.adapter.reject(offered.id);
      expect((await requestLog()).filter((r) => r.method === 'DELETE')).to.deep.equal([]);
      expect((await s.adapter.findById(id))._callback_state).to.not.equal('COMPLETED');
    });

    it('sends the configured headers', async () => {
      const authed = await gmsAdapter({ headers: { Authorization: 'Basic ZGVtbzpkZW1v' } });
      await authed.adapter.findOpenByNumber(freshNumber());
      expect((await requestLog()).at(-1)!.authorization).to.equal('Basic ZGVtbzpkZW1v');
      authed.adapter.dispose();
    });
  });

  describe('errors', () => {
    it('CallbackExceptionNumber → number-disallowed', async () => {
      const error = await rejectionOf(s.adapter.create({ number: '+19005550100' }), 'number-disallowed');
      expect(error.detail).to.include({ status: 400, exception: `${EXCEPTION}CallbackExceptionNumber` });
      expect(error.retryable).to.equal(false);
    });

    it('CallbackExceptionAvailability → time-unavailable with the alternatives as slots', async () => {
      const interaction = await accepted();
      const error = await rejectionOf(s.adapter.reschedule(interaction.id, { time: saturdayNoon() }), 'time-unavailable');
      const alternatives = error.detail.alternatives as { start: number; end: number; capacity: number }[];
      expect(alternatives).to.have.length.greaterThan(0);
      for (const slot of alternatives) {
        expect(slot.capacity).to.be.greaterThan(0);
        expect(slot.end - slot.start).to.equal(30 * MINUTE);
        expect(new Date(slot.start).getUTCDay()).to.be.within(1, 5);
      }
      expect(s.adapter.getInteraction(interaction.id)?.desiredTime).to.equal(interaction.desiredTime);
    });

    it('CallbackExceptionServiceUnavailable (503) → service-unavailable, not retried at once', async () => {
      await scriptFailure({
        method: 'GET',
        path: '/availability',
        status: 503,
        exception: `${EXCEPTION}CallbackExceptionServiceUnavailable`,
        message: 'Queue limit reached',
        times: 5,
      });
      const error = await rejectionOf(s.adapter.availability('x', { from: Date.now(), to: Date.now() + DAY }), 'service-unavailable');
      expect(error.message).to.equal('Queue limit reached');
      expect(error.retryable).to.equal(false);
      expect((await requestLog()).filter((r) => r.path.endsWith('/availability'))).to.have.length(1);
    });

    it('a bare 503 on a GET is retried', async () => {
      await scriptFailure({ method: 'GET', path: '/availability', status: 503, times: 1 });
      const slots = await s.adapter.availability('x', { from: weekdayAt(0), to: weekdayAt(0) + DAY });
      expect(slots.length).to.be.greaterThan(0);
      expect((await requestLog()).filter((r) => r.path.endsWith('/availability'))).to.have.length(2);
    });

    it('404 → not-found', async () => {
      await rejectionOf(s.adapter.cancel('NO-SUCH-CALLBACK'), 'not-found');
      await rejectionOf(s.adapter.findById('NO-SUCH-CALLBACK'), 'not-found');
      s.adapter.ingest({ _CB_SERVICE_ID: 'GONE', GMS_Customer_Number: '+442079460123', _agent_preview: 'true' });
      await s.adapter.accept('GONE');
      await rejectionOf(s.adapter.reschedule('GONE', { time: weekdayAt(10) }), 'not-found');
    });

    it('another 400 → invalid-input', async () => {
      await scriptFailure({ method: 'POST', status: 400, exception: 'com.genesyslab.gms.SomethingElse', message: 'Bad request' });
      const error = await rejectionOf(s.adapter.create({ number: freshNumber() }), 'invalid-input');
      expect(error.message).to.equal('Bad request');
    });
  });

  describe('timeouts and retries', () => {
    it('a GET slower than the timeout is tried again and succeeds', async () => {
      await scriptFailure({ method: 'GET', path: '_customer_number', delayMs: 1_000, times: 1 });
      expect(await s.adapter.findOpenByNumber(freshNumber())).to.deep.equal([]);
      expect((await requestLog()).filter((r) => r.method === 'GET')).to.have.length(2);
    });

    it('a GET that never answers in time rejects with timeout after the bounded retries', async () => {
      await scriptFailure({ method: 'GET', path: '_customer_number', delayMs: 1_000, times: 10 });
      const error = await rejectionOf(s.adapter.findOpenByNumber(freshNumber()), 'timeout');
      expect(error.retryable).to.equal(true);
      expect((await requestLog()).filter((r) => r.method === 'GET')).to.have.length(3);
    });

    it('a dropped connection is retried for GET; a PUT or DELETE is read back, never sent again', async () => {
      const interaction = await accepted();
      await scriptFailure({ method: 'GET', path: '_customer_number', drop: true, times: 1 });
      await scriptFailure({ method: 'PUT', drop: true, times: 1 });
      await scriptFailure({ method: 'DELETE', drop: true, times: 1 });
      await s.adapter.findOpenByNumber(interaction.contact.phone);
      // Dropped before GMS did anything: the read-back shows no change, the agent may try again.
      await rejectionOf(s.adapter.reschedule(interaction.id, { time: weekdayAt(10) }), 'network');
      await rejectionOf(s.adapter.cancel(interaction.id), 'network');
      const log = await requestLog();
      expect(log.filter((r) => r.method === 'GET' && r.query._customer_number)).to.have.length(2);
      expect(log.filter((r) => r.method === 'PUT')).to.have.length(1);
      expect(log.filter((r) => r.method === 'DELETE')).to.have.length(1);
      expect(log.filter((r) => r.method === 'GET' && r.query._id === interaction.id)).to.have.length(2);
      expect(s.adapter.getInteraction(interaction.id)?.history.some((h) => h.kind === 'rescheduled')).to.equal(false);
    });

    it('a dropped connection on create rejects with network and is never sent again', async () => {
      await scriptFailure({ method: 'POST', drop: true, times: 1 });
      const error = await rejectionOf(s.adapter.create({ number: freshNumber() }), 'network');
      expect(error.retryable).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await requestLog()).filter((r) => r.method === 'POST')).to.have.length(1);
    });

    it('a slow create rejects with timeout and is never sent again', async () => {
      await scriptFailure({ method: 'POST', delayMs: 2_000, status: 503, times: 1 });
      await rejectionOf(s.adapter.create({ number: freshNumber() }), 'timeout');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await requestLog()).filter((r) => r.method === 'POST')).to.have.length(1);
    });

    it('aborting an HTTP request in flight rejects with aborted and is not retried', async () => {
      await scriptFailure({ method: 'GET', path: '/availability', delayMs: 300, times: 1 });
      const controller = new AbortController();
      const pending = s.adapter.availability('x', { from: Date.now(), to: Date.now() + DAY }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await rejectionOf(pending, 'aborted');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await requestLog()).filter((r) => r.path.endsWith('/availability'))).to.have.length(1);
    });

    it('a server that is not there → network', async () => {
      const nowhere = await gmsAdapter({ baseUrl: 'http://127.0.0.1:9', retry: { attempts: 0 } });
      await rejectionOf(nowhere.adapter.findOpenByNumber(freshNumber()), 'network');
      nowhere.adapter.dispose();
    });
  });
});
