// Genesys Engage mode (`npm run demo:engage`): the agent desk on the Workspace API adapter against
// the contract server of tests/workspace-server (its URL is served at /__workspace-url), with the
// GMS adapter on the GMS contract server (/__gms-url) composed in for rescheduling.
import '../src/callback-desk.js';
import { GmsCallbackAdapter } from '../src/adapters/gms/index.js';
import { WorkspaceCallbackAdapter, WorkspaceDirectoryAdapter } from '../src/adapters/workspace/index.js';
import type { CallInfo } from '../src/adapters/telephony-adapter.js';

const SERVICE = 'contract-callback';
const DN = `5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const [workspace, gmsBase] = await Promise.all(['/__workspace-url', '/__gms-url'].map(async (path) => (await (await fetch(path)).text()).trim()));

/** The contract servers' control APIs (not Workspace, not GMS): they stand in for the contact center. */
const control = async <T = unknown>(base: string, action: string, body: unknown = {}): Promise<T> =>
  (await (await fetch(`${base}/__control/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;

// Far ends answer on the wall clock (a consulted colleague picks up after a second).
await control(workspace!, 'clock', { realTime: true });

const gms = new GmsCallbackAdapter({ baseUrl: gmsBase!, service: SERVICE });
const agent = new WorkspaceCallbackAdapter({
  baseUrl: workspace!,
  apiKey: 'demo-api-key',
  // The host page's sign-in gives the token; the adapter asks again when the API answers 401.
  token: () => `demo-token-${DN}`,
  agentId: `agent-${DN}`,
  dn: DN,
  scheduler: gms,
  dispositionMandatory: true,
});
await agent.register();
const directory = new WorkspaceDirectoryAdapter(agent.telephony.session);
await agent.setReadyState('voice', 'ready');

const desk = document.querySelector('callback-desk')!;
desk.callbackAdapter = agent;
desk.telephonyAdapter = agent;
desk.directoryAdapter = directory;

const status = document.getElementById('status')!;
const stored = document.getElementById('stored')!;

interface StoredCallback {
  _id: string;
  _customer_number: string;
  _desired_time?: string;
  _callback_state: string;
  _callback_reason?: string;
}

async function refresh(): Promise<void> {
  const list = (await (await fetch(`${gmsBase}/__control/callbacks`)).json()) as StoredCallback[];
  stored.replaceChildren(
    ...list.map((cb) => {
      const li = document.createElement('li');
      li.dataset.id = cb._id;
      const state = cb._callback_reason ? `${cb._callback_state} (${cb._callback_reason})` : cb._callback_state;
      li.textContent = `${cb._id} · ${cb._customer_number} · ${state} · ${cb._desired_time ?? 'asap'} `;
      if (cb._callback_state !== 'COMPLETED' && cb._callback_state !== 'PROCESSING') {
        const route = document.createElement('button');
        route.type = 'button';
        route.textContent = 'Route to me';
        route.setAttribute('aria-label', `Route to me: callback ${cb._id}`);
        route.addEventListener('click', () => void routeToMe(cb));
        li.append(route);
      }
      return li;
    }),
  );
}

/**
 * What the contact center does when it routes a callback: GMS marks it PROCESSING and the call
 * rings on the agent's DN with the callback data as its user data.
 */
async function routeToMe(cb: StoredCallback): Promise<void> {
  const data = await control<Record<string, string>>(gmsBase!, `route/${encodeURIComponent(cb._id)}`, {});
  const { id } = await control<{ id: string }>(workspace!, 'ring', { dn: DN, from: cb._customer_number, userData: data });
  customerCall = id;
  render();
  await refresh();
}

document.getElementById('create')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  const [firstname, ...rest] = String(form.get('name')).trim().split(/\s+/);
  try {
    const id = await gms.create({ number: String(form.get('number')), data: { firstname: firstname ?? '', lastname: rest.join(' ') } });
    status.textContent = `GMS stored callback ${id}.`;
  } catch (error) {
    status.textContent = `GMS refused it: ${(error as Error).message}`;
  }
  await refresh();
});

// --- the customer's end of the call, and the call's user data ---------------------------------------

let customerCall: string | undefined;
const callText = document.getElementById('customer-call')!;
const hangUp = document.getElementById('customer-hangup') as HTMLButtonElement;
const userData = document.getElementById('user-data')!;
const CALL_TEXT: Record<CallInfo['state'], string> = {
  ringing: 'ringing at the agent',
  dialing: 'dialing',
  connected: 'talking with the agent',
  held: 'on hold',
  ended: 'ended',
};

interface ServerCall {
  state: string;
  userData: { key: string; value: string }[];
  participants: { number: string }[];
  far: { transferredTo?: string };
}

async function render(): Promise<void> {
  const call = customerCall ? agent.telephony.getCall(customerCall) : undefined;
  const onServer = customerCall ? await control<ServerCall>(workspace!, 'call', { id: agent.telephony.connIdOf(customerCall) }) : undefined;
  const transferred = onServer?.far.transferredTo;
  callText.textContent = !call ? 'no call' : transferred ? `transferred to ${transferred}` : CALL_TEXT[call.state] + (call.state !== 'ended' && call.participants?.length ? ` (with ${call.participants.join(', ')})` : '');
  // aria-disabled, not disabled: the button keeps the keyboard focus after use.
  hangUp.setAttribute('aria-disabled', String(call?.state !== 'connected' && call?.state !== 'held'));
  userData.replaceChildren(
    ...(onServer?.userData ?? []).flatMap(({ key, value }) => {
      const dt = document.createElement('dt');
      dt.textContent = key;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
}
agent.telephony.onCall(() => void render());
agent.onInteraction(() => void render());
hangUp.addEventListener('click', () => {
  if (customerCall && hangUp.getAttribute('aria-disabled') === 'false') void control(workspace!, 'hangup', { id: agent.telephony.connIdOf(customerCall) });
});

// --- what the callback service does once the agent is done ------------------------------------------

desk.addEventListener('callback-done', async (event) => {
  const id = event.detail.interaction.id;
  // A callback the agent did not reschedule is over: the service completes it. A rescheduled one
  // waits in GMS for its new time.
  const [record] = (await (await fetch(`${gmsBase}/genesys/1/service/callback?_id=${encodeURIComponent(id)}`)).json()) as StoredCallback[];
  if (record?._callback_state === 'PROCESSING') await control(gmsBase!, `complete/${encodeURIComponent(id)}`, {});
  await refresh();
  await render();
});
gms.onInteraction(() => void refresh());
await refresh();

declare global {
  interface Window {
    /** For tests and the console. */
    engageDemo: { agent: WorkspaceCallbackAdapter; gms: GmsCallbackAdapter; workspace: string; gmsBase: string; dn: string };
  }
}
window.engageDemo = { agent, gms, workspace: workspace!, gmsBase: gmsBase!, dn: DN };
document.body.dataset.ready = 'true';
