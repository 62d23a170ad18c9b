import { GenesysCloudCallbackAdapter, type GenesysCloudCallbackOptions, type GenesysCloudSession } from '../../src/adapters/genesys-cloud/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { DispositionRef } from '../../src/model/interaction.js';
import { waitFor } from '../helpers/wait.js';
import type { CallbackHarness, CallbackHarnessConfig } from './contract/harness.js';

/** A wrap-up code the contract server's queues have (tests/genesys-cloud-server/server.mjs). */
export const KNOWN_WRAPUP: DispositionRef = { code: 'wrap-info', label: 'Information given' };

let baseUrl: Promise<string> | undefined;

/** Where the contract server started by web-test-runner listens (the plugin answers /__genesys-cloud-url). */
export function cloudUrl(): Promise<string> {
  baseUrl ??= fetch('/__genesys-cloud-url').then(async (r) => {
    const url = await r.text();
    if (!r.ok || !url.startsWith('http')) throw new Error('The Genesys Cloud contract server is not running (see web-test-runner.config.mjs).');
    return url;
  });
  return baseUrl;
}

/** What the contract server saw of one Platform API request. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  authorization: string;
  at: number;
}

/** The contract server's control API (not Genesys Cloud): arranging and observing. */
export async function control<T = unknown>(action: string, body?: unknown): Promise<T> {
  const response = await fetch(`${await cloudUrl()}/__control/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`control ${action}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const requestLog = (): Promise<LoggedRequest[]> => control<LoggedRequest[]>('log');

/** A number the server accepts, different each time (UK drama range). */
export function freshNumber(): string {
  return `+4420794${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
}

/** An agent of its own for each adapter: the server knows `agent-…` users as soon as they are named. */
export function freshAgent(): string {
  return `agent-${Math.random().toString(36).slice(2, 10)}`;
}

export interface CloudSetup {
  adapter: GenesysCloudCallbackAdapter;
  clock: ManualClock;
  userId: string;
  url: string;
  /** Tokens handed out so far, in order. */
  tokens: string[];
}

/** A connected adapter for a new agent; the server's clock follows `clock`. */
export async function cloudAdapter(options: Partial<GenesysCloudCallbackOptions> = {}): Promise<CloudSetup> {
  const url = await cloudUrl();
  const userId = options.userId ?? freshAgent();
  const clock = new ManualClock(Date.now());
  await control('time', { now: clock.now() });
  const tokens: string[] = [];
  const adapter = new GenesysCloudCallbackAdapter({
    baseUrl: url,
    userId,
    accessToken: () => {
      const token = `user:${userId}#${tokens.length + 1}`;
      tokens.push(token);
      return token;
    },
    clock,
    timeoutMs: 1_000,
    backoffMs: 20,
    ...options,
  });
  await adapter.connect();
  return { adapter, clock, userId, url, tokens };
}

export interface RouteOptions {
  media?: 'callback' | 'call';
  number?: string;
  name?: string;
  scheduledTime?: string;
  attributes?: Record<string, string>;
  alertingTimeoutMs?: number;
  skipEnabled?: boolean;
  wrapupPrompt?: string;
  conversationId?: string;
}

/** The queue routes a conversation to the agent; resolves with its ids. */
export const route = (userId: string, options: RouteOptions = {}): Promise<{ conversationId: string; participantId: string }> =>
  control('route', { userId, number: freshNumber(), name: 'Margaret Chen', ...options });

export async function cloudCallbackHarness(config: CallbackHarnessConfig = {}): Promise<CallbackHarness> {
  const { adapter, clock, userId } = await cloudAdapter({ dispositionMandatory: config.dispositionMandatory ?? false });
  const wrapupPrompt = config.dispositionMandatory ? 'mandatory' : 'optional';
  return {
    adapter,
    knownDisposition: KNOWN_WRAPUP,
    now: () => clock.now(),
    async advance(ms) {
      clock.advance(ms);
      await control('time', { now: clock.now() });
    },
    async offer(channel, options = {}) {
      const { conversationId } = await route(userId, {
        media: channel === 'voice' ? 'call' : 'callback',
        wrapupPrompt,
        attributes: { subject: 'Billing', account: 'A-77', ...(options.canReject === false ? { allowReject: 'false' } : {}) },
        ...(options.expiresInMs === undefined ? {} : { alertingTimeoutMs: options.expiresInMs }),
      });
      return waitFor('the offer to reach the adapter', () => adapter.getInteraction(conversationId));
    },
    dispose() {
      adapter.dispose();
    },
  };
}

/**
 * The contract server's rings run on a clock the test drives (`autoRing: false`): `advance(ms)`
 * waits for the adapter's requests in flight to reach the server, runs the rings' clock, and waits
 * until the session heard every conversation event the server sent this agent; `sync()` only waits
 * for the events.
 */
export function ringClock(session: GenesysCloudSession, userId: string) {
  const caughtUp = async (published: Record<string, number>) => {
    await waitFor('the adapter to hear the server\'s events', () => session.heard >= (published[userId] ?? 0));
  };
  return {
    async advance(ms: number) {
      await waitFor('the adapter\'s requests to be answered', () => session.http.inFlight === 0);
      await caughtUp((await control<{ published: Record<string, number> }>('tick', { ms })).published);
    },
    async sync() {
      await caughtUp((await control<{ published: Record<string, number> }>('published')).published);
    },
  };
}
