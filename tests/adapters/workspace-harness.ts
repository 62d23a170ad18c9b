import { WorkspaceTelephonyAdapter, type WorkspaceOptions } from '../../src/adapters/workspace/index.js';
import { callStateOf } from '../../src/adapters/workspace/calls.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import type { FarEnd, TelephonyHarness } from './contract/harness.js';
import { macrotask, waitFor } from '../helpers/wait.js';

let baseUrl: Promise<string> | undefined;

/** Where the contract server started by web-test-runner listens (the plugin answers /__workspace-url). */
export function workspaceUrl(): Promise<string> {
  baseUrl ??= fetch('/__workspace-url').then(async (r) => {
    const url = await r.text();
    if (!r.ok || !url.startsWith('http')) throw new Error('The Workspace contract server is not running (see web-test-runner.config.mjs).');
    return url;
  });
  return baseUrl;
}

/** What the contract server saw of one request (tests/workspace-server/server.mjs). */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  authorization: string | null;
  apiKey: string | null;
  session: string | null;
  at: number;
}

export interface ScriptedFailure {
  method?: 'GET' | 'POST';
  /** A regular expression matched against path and query. */
  path?: string;
  status?: number;
  message?: string;
  times?: number;
  delayMs?: number;
  drop?: boolean;
  /** Carry the request out first: only its answer is late, dropped or replaced by `status`. */
  apply?: boolean;
  /** The fault hits the CometD notification requests instead. */
  notifications?: boolean;
}

/** The contract server's control API: adapter-independent, for arranging and observing. */
export async function control<T = unknown>(action: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${await workspaceUrl()}/__control/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${action}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const scriptFailure = (failure: ScriptedFailure): Promise<unknown> => control('fail', failure);
export const requestLog = (): Promise<LoggedRequest[]> => control<LoggedRequest[]>('log');

export const NUMBERS = Object.freeze({ answers: '+442079460100', busy: '+442079460486', noAnswer: '+442079460408', invalid: '+19005550100' });
export const TARGETS = Object.freeze({
  answers: { kind: 'agent', id: 'ana', name: 'Ana Ruiz', address: '7001' },
  declines: { kind: 'agent', id: 'bruno', name: 'Bruno Keller', address: '7002' },
} as const);

/** A DN no other test uses (the server lives for the whole run). */
export function freshDn(): string {
  return `5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

export interface WorkspaceSetup {
  adapter: WorkspaceTelephonyAdapter;
  dn: string;
  /** How many times the adapter asked for a token. */
  tokens: () => number;
  /** Requests the adapter has sent whose answer has not arrived. */
  inFlight: () => number;
}

/** A Workspace telephony adapter for a fresh agent on the contract server (not yet registered). */
export async function workspaceAdapter(options: Partial<WorkspaceOptions> = {}): Promise<WorkspaceSetup> {
  const dn = options.dn ?? freshDn();
  let tokens = 0;
  let inFlight = 0;
  const counting: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  const adapter = new WorkspaceTelephonyAdapter({
    baseUrl: await workspaceUrl(),
    apiKey: 'contract-api-key',
    agentId: `agent-${dn}`,
    dn,
    token: () => `token-${dn}-${++tokens}`,
    fetch: counting,
    ...options,
  });
  return { adapter, dn, tokens: () => tokens, inFlight: () => inFlight };
}

interface ServerCall {
  id: string;
  state: string;
  remote: string;
  far: FarEnd;
}

/**
 * Runs the server's clock forward for this agent's calls, then waits until the adapter shows every
 * call of the agent as the server has it: the notifications it sent have arrived.
 */
export async function advance(setup: WorkspaceSetup, ms: number): Promise<void> {
  // A request still on its way would reach the server after the clock moved. One macrotask first:
  // a command asked for just before may not have sent its request yet.
  await macrotask();
  await waitFor('the adapter has no request in flight', () => setup.inFlight() === 0);
  const { calls } = await control<{ calls: ServerCall[] }>('advance', { ms, dn: setup.dn });
  await waitFor(`the adapter shows the server's calls (${calls.map((c) => `${c.id} ${c.state}`).join(', ')})`, () =>
    calls.every((c) => setup.adapter.getCall(c.id)?.state === callStateOf(c.state) || (c.state === 'Completed' && !setup.adapter.getCall(c.id))),
  );
}

/** The shared TelephonyAdapter contract's harness: a fresh agent, registered. */
export async function workspaceTelephonyHarness(): Promise<TelephonyHarness> {
  const setup = await workspaceAdapter();
  const { adapter, dn } = setup;
  await adapter.register();
  return {
    adapter,
    numbers: { ...NUMBERS },
    targets: { answers: { ...TARGETS.answers }, declines: { ...TARGETS.declines } },
    maxRingMs: 5000,
    now: () => Date.now(),
    advance: (ms) => advance(setup, ms),
    async ringIn(): Promise<CallInfo> {
      const { id } = await control<{ id: string }>('ring', { dn, from: NUMBERS.answers });
      return waitFor(`call ${id} rings`, () => adapter.getCall(id));
    },
    async hangUpRemotely(callId) {
      await control('hangup', { id: adapter.connIdOf(callId) });
      await waitFor(`call ${callId} ends`, () => adapter.getCall(callId)?.state === 'ended');
    },
    async farEnd(callId) {
      const call = await control<{ far: FarEnd }>('call', { id: adapter.connIdOf(callId) });
      return call.far;
    },
    async dispose() {
      await adapter.dispose();
    },
  };
}
