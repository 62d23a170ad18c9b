import { GmsCallbackAdapter, type GmsCallbackAdapterOptions } from '../../src/adapters/gms/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { DispositionRef, Interaction } from '../../src/model/interaction.js';
import type { CallbackHarness, CallbackHarnessConfig } from './contract/harness.js';

export const SERVICE = 'contract-callback';
export const KNOWN_DISPOSITION: DispositionRef = { code: 'RES-INFO', label: 'Information given' };

let baseUrl: Promise<string> | undefined;

/** Where the contract server started by web-test-runner listens (the plugin answers /__gms-url). */
export function gmsUrl(): Promise<string> {
  baseUrl ??= fetch('/__gms-url').then(async (r) => {
    const url = await r.text();
    if (!r.ok || !url.startsWith('http')) throw new Error('The GMS contract server is not running (see web-test-runner.config.mjs).');
    return url;
  });
  return baseUrl;
}

/** What the contract server saw of one request (see tests/gms-server/server.mjs). */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  authorization: string | null;
  at: number;
}

export interface ScriptedFailure {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A regular expression matched against path and query. */
  path?: string;
  status?: number;
  exception?: string;
  message?: string;
  availability?: Record<string, number>;
  times?: number;
  delayMs?: number;
  drop?: boolean;
  /** Carry the request out first: only its answer is late, dropped or replaced by `status`. */
  apply?: boolean;
}

/** The contract server's control API: adapter-independent, for arranging and observing. */
export async function control<T = unknown>(action: string, body?: unknown): Promise<T> {
  const response = await fetch(`${await gmsUrl()}/__control/${action}`, {
    method: body === undefined && (action === 'log' || action === 'callbacks') ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`control ${action}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const scriptFailure = (failure: ScriptedFailure): Promise<unknown> => control('fail', failure);
export const requestLog = (): Promise<LoggedRequest[]> => control<LoggedRequest[]>('log');

/** A number the contract server accepts, different each time (UK drama range). */
export function freshNumber(): string {
  return `+4420794${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
}

export interface GmsSetup {
  adapter: GmsCallbackAdapter;
  clock: ManualClock;
  url: string;
}

export async function gmsAdapter(options: Partial<GmsCallbackAdapterOptions> = {}): Promise<GmsSetup> {
  const url = await gmsUrl();
  const clock = new ManualClock(Date.now());
  await control('time', { now: clock.now() });
  const adapter = new GmsCallbackAdapter({
    baseUrl: url,
    service: SERVICE,
    clock,
    timeoutMs: 400,
    retry: { attempts: 2, backoffMs: 20 },
    dispositionCodes: [
      { code: 'folder:resolved', label: 'Resolved', children: [KNOWN_DISPOSITION] },
      { code: 'NR-BUSY', label: 'Busy' },
    ],
    ...options,
  });
  return { adapter, clock, url };
}

export interface RouteOptions {
  preview?: boolean;
  previewTimeoutSeconds?: number;
  allowReject?: boolean;
  dialResults?: string[];
  type?: string;
}

/** Creates a callback straight on the server (a customer asked for it), without the adapter. */
export async function createOnServer(body: Record<string, string>): Promise<string> {
  const response = await fetch(`${await gmsUrl()}/genesys/1/service/callback/${SERVICE}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = (await response.json()) as { _id?: string };
  if (!response.ok || !reply._id) throw new Error(`create failed: ${JSON.stringify(reply)}`);
  return reply._id;
}

/** Routes the callback to the agent: resolves with the data the telephony carries with the call. */
export const routeToAgent = (id: string, options: RouteOptions = {}): Promise<Record<string, string>> =>
  control<Record<string, string>>(`route/${encodeURIComponent(id)}`, options);

/**
 * A customer's callback created on the server, routed to the agent and accepted through `adapter`:
 * a web callback (agent preview) by default, a voice one with `preview` false.
 */
export async function acceptedOnServer(adapter: GmsCallbackAdapter, preview = true): Promise<Interaction> {
  const id = await createOnServer({ _customer_number: freshNumber() });
  return adapter.accept(adapter.ingest(await routeToAgent(id, { preview })).id);
}

export async function gmsCallbackHarness(config: CallbackHarnessConfig = {}): Promise<CallbackHarness> {
  // The shared contract checks behaviour, not timeouts (gms.test.ts and gms-reconcile script those at
  // 400 ms): a request is given the time a loaded browser may need to answer.
  const { adapter, clock } = await gmsAdapter({ dispositionMandatory: config.dispositionMandatory ?? false, timeoutMs: 3_000 });
  return {
    adapter,
    knownDisposition: KNOWN_DISPOSITION,
    now: () => clock.now(),
    async advance(ms) {
      clock.advance(ms);
      await control('time', { now: clock.now() });
    },
    async offer(channel, options = {}) {
      const id = await createOnServer({ _customer_number: freshNumber(), firstname: 'Margaret', lastname: 'Chen', subject: 'Billing' });
      const data = await routeToAgent(id, {
        preview: channel === 'web-callback',
        ...(options.expiresInMs === undefined ? {} : { previewTimeoutSeconds: options.expiresInMs / 1000 }),
        ...(options.canReject === undefined ? {} : { allowReject: options.canReject }),
      });
      return adapter.ingest(data);
    },
    async dispose() {
      adapter.dispose();
      await control('time', {});
    },
  };
}
