// A contract server for the Genesys Mobile Services callback REST API (the parts the GMS adapter
// uses), with its own storage, office-hour availability and failures scripted by the tests.
// Loopback only, random port, no dependencies. See README.md next to this file.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { alternatives, bucketStart, buckets, hasRoom, isValidTimeZone } from './availability.mjs';
import { drop } from '../contract-servers/drop.mjs';

const EXCEPTION = 'com.genesyslab.gms.services.callback.';
export const EXCEPTIONS = Object.freeze({
  number: `${EXCEPTION}CallbackExceptionNumber`,
  availability: `${EXCEPTION}CallbackExceptionAvailability`,
  serviceUnavailable: `${EXCEPTION}CallbackExceptionServiceUnavailable`,
  notFound: `${EXCEPTION}CallbackExceptionNotFound`,
  parameter: `${EXCEPTION}CallbackExceptionParameter`,
});

const DAY_MS = 24 * 60 * 60 * 1000;
const OPEN_STATES = ['SCHEDULED', 'QUEUED', 'ROUTING', 'PROCESSING'];
/** Premium-rate prefixes the service refuses to call back. */
const DISALLOWED = [/^\+?1900/, /^\+?44909/];

class HttpFailure extends Error {
  constructor(status, exception, message, extra = {}) {
    super(message);
    this.status = status;
    this.body = { message, exception, ...extra };
  }
}

const iso = (time) => new Date(time).toISOString();

/** `2026-11-26T08:00:00.000-05:00`: the instant written in the wall time of `timeZone`. */
function isoInZone(time, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(time));
  const get = (type) => parts.find((p) => p.type === type)?.value;
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}.000${offset}`;
}

function parseTime(value, name) {
  // ISO-8601 with an explicit zone (Z or an offset); a zone-less time is ambiguous and refused.
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(value)) {
    throw new HttpFailure(400, EXCEPTIONS.parameter, `${name} must be an ISO-8601 time with a zone`);
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new HttpFailure(400, EXCEPTIONS.parameter, `${name} is not a valid time`);
  return time;
}

function checkNumber(number) {
  if (typeof number !== 'string' || !number.trim()) {
    throw new HttpFailure(400, EXCEPTIONS.parameter, '_customer_number is required');
  }
  const digits = number.replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,15}$/.test(digits) || DISALLOWED.some((re) => re.test(digits))) {
    throw new HttpFailure(400, EXCEPTIONS.number, `Callback to ${number} is not allowed`);
  }
  return digits;
}

async function readText(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body read by `handle`, parsed: JSON or form-encoded (GMS takes both). */
function readBody(req) {
  const text = req.bodyText ?? '';
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const body = JSON.parse(text);
    return body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  } catch {
    throw new HttpFailure(400, EXCEPTIONS.parameter, 'The body is not valid JSON');
  }
}

export function createGmsServer() {
  /** @type {Map<string, Record<string, unknown>>} callbacks by id */
  const callbacks = new Map();
  let failures = [];
  let log = [];
  let clockOffset = 0;
  let origin = '';
  const now = () => Date.now() + clockOffset;

  const booked = (service, exceptId) => (start) =>
    [...callbacks.values()].filter(
      (cb) =>
        cb._service_name === service &&
        cb._id !== exceptId &&
        OPEN_STATES.includes(cb._callback_state) &&
        bucketStart(Date.parse(cb._desired_time)) === start,
    ).length;

  function checkDesiredTime(service, time, exceptId) {
    if (time < now() - 60_000) throw new HttpFailure(400, EXCEPTIONS.parameter, 'The desired time is in the past');
    const taken = booked(service, exceptId);
    if (!hasRoom(time, 'UTC', taken)) {
      const availability = Object.fromEntries(alternatives(time, now(), 'UTC', taken).map(([start, free]) => [iso(start), free]));
      throw new HttpFailure(400, EXCEPTIONS.availability, 'No callback can be taken at the desired time', { availability });
    }
  }

  function record(cb) {
    return { ...cb };
  }

  function find(service, id) {
    const cb = callbacks.get(id);
    if (!cb || (service !== undefined && cb._service_name !== service)) {
      throw new HttpFailure(404, EXCEPTIONS.notFound, `Callback ${id} was not found`);
    }
    return cb;
  }

  // ---- GMS API ----

  async function create(req, service) {
    const body = readBody(req);
    const number = checkNumber(body._customer_number);
    const desired = body._desired_time === undefined || body._desired_time === '' ? undefined : parseTime(body._desired_time, '_desired_time');
    if (desired !== undefined) checkDesiredTime(service, desired);
    const id = randomUUID().replace(/-/g, '').toUpperCase();
    const custom = Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith('_')));
    const time = desired ?? now();
    callbacks.set(id, {
      ...custom,
      _id: id,
      _service_name: service,
      _customer_number: number,
      _desired_time: iso(time),
      _callback_state: desired === undefined ? 'QUEUED' : 'SCHEDULED',
      _expiration_time: iso(time + DAY_MS),
      _url: `/genesys/1/service/callback/${service}/${id}`,
      _created: iso(now()),
    });
    return [200, { _id: id }];
  }

  async function reschedule(req, service, id) {
    const cb = find(service, id);
    const body = readBody(req);
    if (cb._callback_state === 'COMPLETED') throw new HttpFailure(400, EXCEPTIONS.parameter, `Callback ${id} is completed`);
    const changes = Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith('_')));
    if (body._customer_number !== undefined) changes._customer_number = checkNumber(body._customer_number);
    if (body._new_desired_time !== undefined) {
      const time = parseTime(body._new_desired_time, '_new_desired_time');
      checkDesiredTime(service, time, id);
      changes._desired_time = iso(time);
      changes._expiration_time = iso(time + DAY_MS);
      changes._callback_state = 'SCHEDULED';
    }
    Object.assign(cb, changes);
    return [200, { _id: id }];
  }

  function cancel(service, id) {
    const cb = find(service, id);
    if (cb._callback_state === 'COMPLETED') throw new HttpFailure(400, EXCEPTIONS.parameter, `Callback ${id} is completed`);
    Object.assign(cb, { _callback_state: 'COMPLETED', _callback_reason: 'CANCELLED' });
    return [200, {}];
  }

  function query(service, params) {
    const conditions = [...params.entries()].filter(([key]) => key !== '_operand');
    const any = params.get('_operand')?.toUpperCase() === 'OR';
    const matches = (cb) => {
      const results = conditions.map(([key, wanted]) => {
        const actual = String(cb[key] ?? '');
        if (key === '_customer_number') return actual.replace(/\D/g, '') === wanted.replace(/\D/g, '');
        return wanted.startsWith('!') ? actual !== wanted.slice(1) : actual === wanted;
      });
      return conditions.length === 0 || (any ? results.some(Boolean) : results.every(Boolean));
    };
    const found = [...callbacks.values()].filter((cb) => (service === undefined || cb._service_name === service) && matches(cb));
    return [200, found.map(record)];
  }

  function availability(service, params, version) {
    const timeZone = version === 2 ? (params.get('timezone') ?? 'UTC') : 'UTC';
    if (!isValidTimeZone(timeZone)) throw new HttpFailure(400, EXCEPTIONS.parameter, `Unknown timezone ${timeZone}`);
    const start = params.has('start') ? parseTime(params.get('start'), 'start') : now();
    const days = params.has('number-of-days') ? Number(params.get('number-of-days')) : undefined;
    const end = params.has('end') ? parseTime(params.get('end'), 'end') : start + (days ?? 1) * DAY_MS;
    if (!(end > start) || (days !== undefined && !(days > 0))) throw new HttpFailure(400, EXCEPTIONS.parameter, 'The range is empty');
    const max = params.has('max-time-slots') ? Number(params.get('max-time-slots')) : Infinity;
    const slots = buckets(start, end, timeZone, booked(service)).slice(0, max);
    const write = version === 2 ? (t) => isoInZone(t, timeZone) : iso;
    return [200, Object.fromEntries(slots.map(([t, free]) => [write(t), free]))];
  }

  // ---- control API (for the tests; not GMS) ----

  function routeData(cb, options) {
    // What the telephony carries with the voice interaction when the callback reaches an agent.
    cb._callback_state = 'PROCESSING';
    const data = {
      _CB_SERVICE_ID: cb._id,
      GMS_Service_ID: cb._id,
      GMS_ServiceName: cb._service_name,
      GMS_Customer_Number: cb._customer_number,
      GMS_Cb_Type: options.type ?? (cb._created === cb._desired_time ? 'IMMEDIATE' : 'SCHEDULED'),
      _CB_T_CALLBACK_OFFERED: cb._created,
      _CB_T_CALLBACK_ACCEPTED: cb._created,
      _CB_EWT_WHEN_CALLBACK_WAS_OFFERED: '120',
      _CB_POS_WHEN_CALLBACK_WAS_OFFERED: '3',
      _agent_preview: String(options.preview ?? false),
      _agent_preview_timeout: String(options.previewTimeoutSeconds ?? 30),
      _agent_preview_allow_reject: String(options.allowReject ?? true),
    };
    if (cb._callback_state !== 'QUEUED') data.GMS_Cb_Desired_Time = cb._desired_time;
    for (const [key, value] of Object.entries(cb)) if (!key.startsWith('_')) data[key] = String(value);
    (options.dialResults ?? []).forEach((result, i) => (data[`_CB_DIAL_${i + 1}_RESULT`] = result));
    return data;
  }

  async function control(req, action, rest) {
    const body = req.method === 'POST' ? readBody(req) : {};
    switch (action) {
      case 'reset':
        callbacks.clear();
        failures = [];
        log = [];
        clockOffset = 0;
        return [200, {}];
      case 'fail':
        failures.push({ times: 1, ...body, pattern: new RegExp(body.path ?? '.*') });
        return [200, {}];
      case 'log':
        return [200, log];
      case 'time':
        clockOffset = typeof body.now === 'number' ? body.now - Date.now() : 0;
        return [200, { now: now() }];
      case 'callbacks':
        return [200, [...callbacks.values()].map(record)];
      case 'route':
        return [200, routeData(find(undefined, rest), body)];
      case 'complete':
        find(undefined, rest)._callback_state = 'COMPLETED';
        return [200, {}];
      default:
        throw new HttpFailure(404, EXCEPTIONS.notFound, `No control action ${action}`);
    }
  }

  async function route(req, url) {
    const path = url.pathname;
    let m;
    if ((m = /^\/__control\/([a-z]+)(?:\/(.+))?$/.exec(path))) return control(req, m[1], m[2] && decodeURIComponent(m[2]));
    if ((m = /^\/genesys\/([12])\/service\/callback\/([^/]+)\/availability$/.exec(path)) && req.method === 'GET') {
      return availability(decodeURIComponent(m[2]), url.searchParams, Number(m[1]));
    }
    if (path === '/genesys/1/service/callback' && req.method === 'GET') {
      if (!url.searchParams.has('_id')) throw new HttpFailure(400, EXCEPTIONS.parameter, '_id is required');
      return query(undefined, url.searchParams);
    }
    if ((m = /^\/genesys\/1\/service\/callback\/([^/]+)$/.exec(path))) {
      const service = decodeURIComponent(m[1]);
      if (req.method === 'POST') return create(req, service);
      if (req.method === 'GET') return query(service, url.searchParams);
    }
    if ((m = /^\/genesys\/1\/service\/callback\/([^/]+)\/([^/]+)$/.exec(path))) {
      const [service, id] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
      if (req.method === 'PUT') return reschedule(req, service, id);
      if (req.method === 'DELETE') return cancel(service, id);
      if (req.method === 'GET') return [200, record(find(service, id))];
    }
    throw new HttpFailure(404, EXCEPTIONS.notFound, `No resource ${req.method} ${path}`);
  }


  function send(res, status, body) {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A fresh connection per request: a browser resends a request that failed on a reused
    // keep-alive socket (POST included), which would hide "never retry a create" from the log.
    res.setHeader('Connection', 'close');
    if (req.headers.origin && /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.origin)) {
      origin = req.headers.origin;
      res.setHeader('Access-Control-Allow-Origin', origin);
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
    const isControl = url.pathname.startsWith('/__control/');
    req.bodyText = await readText(req);
    if (!isControl) {
      log.push({
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: req.bodyText,
        authorization: req.headers.authorization ?? null,
        at: Date.now(),
      });
    }
    const rule = isControl
      ? undefined
      : failures.find((f) => f.times > 0 && (!f.method || f.method === req.method) && f.pattern.test(url.pathname + url.search));
    try {
      if (rule) {
        rule.times -= 1;
        // `apply`: GMS does the work first and the fault hits the answer only (a reply that comes
        // late, a connection dropped on the way back, a gateway error after the change was stored).
        const applied = rule.apply ? await settle(route(req, url)) : undefined;
        if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
        if (rule.drop) {
          drop(req, res);
          return;
        }
        if (rule.status) {
          const extra = rule.availability ? { availability: rule.availability } : {};
          send(res, rule.status, { message: rule.message ?? 'Scripted failure', exception: rule.exception ?? '', ...extra });
          return;
        }
        if (applied) {
          answer(res, applied);
          return;
        }
      }
      answer(res, await settle(route(req, url)));
    } catch (error) {
      answer(res, { error });
    }
  }

  /** What the API answered, or the failure it answered with. */
  async function settle(routing) {
    try {
      return { result: await routing };
    } catch (error) {
      return { error };
    }
  }

  function answer(res, { result, error }) {
    if (result) send(res, result[0], result[1]);
    else if (error instanceof HttpFailure) send(res, error.status, error.body);
    else send(res, 500, { message: String(error), exception: 'java.lang.RuntimeException' });
  }

  const server = http.createServer((req, res) => void handle(req, res));
  return {
    /** Listens on 127.0.0.1 on a random port; resolves with the base URL (no trailing slash). */
    async start() {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: 0 }, resolve);
      });
      const { port } = server.address();
      return `http://127.0.0.1:${port}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
