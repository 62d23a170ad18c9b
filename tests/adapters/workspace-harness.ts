import {
  WorkspaceCallbackAdapter,
  WorkspaceDirectoryAdapter,
  WorkspaceTelephonyAdapter,
  type WorkspaceOptions,
} from '../../src/adapters/workspace/index.js';
import { callStateOf } from '../../src/adapters/workspace/calls.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import type { Channel, Interaction } from '../../src/model/interaction.js';
import type {
  CallbackHarness,
  CallbackHarnessConfig,
  DirectoryHarness,
  FarEnd,
  HarnessOfferOptions,
  TelephonyHarness,
} from './contract/harness.js';
import { control as gmsControl, createOnServer, freshNumber, gmsAdapter, KNOWN_DISPOSITION, routeToAgent } from './gms-harness.js';
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

/** What `advance` needs of an agent: its DN, its calls, and whether a request is on its way. */
export interface AgentSetup {
  dn: string;
  /** The call as the adapter under test publishes it. */
  call: (id: string) => CallInfo | undefined;
  inFlight: () => number;
}

export interface WorkspaceSetup extends AgentSetup {
  adapter: WorkspaceTelephonyAdapter;
  /** How many times the adapter asked for a token. */
  tokens: () => number;
  /** Requests the adapter has sent whose answer has not arrived. */
  inFlight: () => number;
}

/** Options for a fresh agent on the contract server, counting its tokens and its requests in flight. */
export async function agentOptions(dn = freshDn()): Promise<{ options: WorkspaceOptions; tokens: () => number; inFlight: () => number }> {
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
  const options: WorkspaceOptions = {
    baseUrl: await workspaceUrl(),
    apiKey: 'contract-api-key',
    agentId: `agent-${dn}`,
    dn,
    token: () => `token-${dn}-${++tokens}`,
    fetch: counting,
  };
  return { options, tokens: () => tokens, inFlight: () => inFlight };
}

/** A Workspace telephony adapter for a fresh agent on the contract server (not yet registered). */
export async function workspaceAdapter(options: Partial<WorkspaceOptions> = {}): Promise<WorkspaceSetup> {
  const agent = await agentOptions(options.dn);
  const adapter = new WorkspaceTelephonyAdapter({ ...agent.options, ...options });
  return { adapter, dn: agent.options.dn, call: (id) => adapter.getCall(id), tokens: agent.tokens, inFlight: agent.inFlight };
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
export async function advance(setup: AgentSetup, ms: number): Promise<void> {
  // A request still on its way would reach the server after the clock moved. One macrotask first:
  // a command asked for just before may not have sent its request yet.
  await macrotask();
  await waitFor('the adapter has no request in flight', () => setup.inFlight() === 0);
  const { calls } = await control<{ calls: ServerCall[] }>('advance', { ms, dn: setup.dn });
  await waitFor(`the adapter shows the server's calls (${calls.map((c) => `${c.id} ${c.state}`).join(', ')})`, () =>
    calls.every((c) => setup.call(c.id)?.state === callStateOf(c.state) || (c.state === 'Completed' && !setup.call(c.id))),
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

/** The shared CallbackAdapter contract's harness: a fresh agent, registered, with GMS composed in. */
export async function workspaceCallbackHarness(config: CallbackHarnessConfig = {}): Promise<CallbackHarness> {
  const { adapter: gms, clock } = await gmsAdapter();
  const agent = await agentOptions();
  const adapter = new WorkspaceCallbackAdapter({
    ...agent.options,
    scheduler: gms,
    dispositions: [KNOWN_DISPOSITION],
    dispositionMandatory: config.dispositionMandatory ?? false,
    clock,
  });
  await adapter.register();
  const setup: AgentSetup = { dn: agent.options.dn, call: (id) => adapter.telephony.getCall(id), inFlight: agent.inFlight };
  return {
    adapter,
    knownDisposition: KNOWN_DISPOSITION,
    now: () => clock.now(),
    async advance(ms) {
      clock.advance(ms);
      await gmsControl('time', { now: clock.now() });
      await advance(setup, ms);
    },
    offer: (channel, options = {}) => offerCallback(adapter, agent.options.dn, channel, options),
    async dispose() {
      await adapter.dispose();
      gms.dispose();
      await gmsControl('time', {});
    },
  };
}

/**
 * A customer's callback created on the GMS contract server and routed to the agent: a voice one
 * rings on the agent's DN with the GMS keys in its user data, a web callback arrives as a workitem.
 */
export async function offerCallback(
  adapter: WorkspaceCallbackAdapter,
  dn: string,
  channel: Channel,
  options: HarnessOfferOptions = {},
  number = freshNumber(),
): Promise<Interaction> {
  const id = await createOnServer({ _customer_number: number, firstname: 'Margaret', lastname: 'Chen', subject: 'Billing' });
  const data = await routeToAgent(id, {
    preview: channel === 'web-callback',
    ...(options.expiresInMs === undefined ? {} : { previewTimeoutSeconds: options.expiresInMs / 1000 }),
    ...(options.canReject === undefined ? {} : { allowReject: options.canReject }),
  });
  // A web callback comes as an open media workitem, a voice one as a call; both carry the GMS keys.
  if (channel === 'web-callback') await control('workitem', { dn, userData: data });
  else await control('ring', { dn, from: number, userData: data });
  return waitFor(`callback ${id} is offered`, () => adapter.getInteraction(id));
}

/** The shared DirectoryAdapter contract's harness: the directory of a fresh, registered agent. */
export async function workspaceDirectoryHarness(): Promise<DirectoryHarness> {
  const { adapter } = await workspaceAdapter();
  await adapter.register();
  return {
    adapter: new WorkspaceDirectoryAdapter(adapter.session),
    contactId: 'C-1',
    dispose: () => adapter.dispose(),
  };
}
