// Genesys Cloud mode (`npm run demo:cloud`): the agent desk on the Genesys Cloud adapters, against
// the contract server of tests/genesys-cloud-server (its URL is served at /__genesys-cloud-url).
import '../src/callback-desk.js';
import {
  GenesysCloudCallbackAdapter,
  GenesysCloudDirectoryAdapter,
  GenesysCloudSession,
  GenesysCloudTelephonyAdapter,
} from '../src/adapters/genesys-cloud/index.js';
import type { CallInfo } from '../src/adapters/telephony-adapter.js';

const base = (await (await fetch('/__genesys-cloud-url')).text()).trim();
// Each page is an agent of its own on the shared contract server (a token `user:<id>` signs in as that user).
const userId = `agent-demo-${Math.random().toString(36).slice(2, 8)}`;
const options = { baseUrl: base, userId, accessToken: () => `user:${userId}` };

const session = new GenesysCloudSession(options);
const phone = new GenesysCloudTelephonyAdapter({ ...options, session });
const callbacks = new GenesysCloudCallbackAdapter({ ...options, session, telephony: phone });
const directory = new GenesysCloudDirectoryAdapter({ ...options, session });
await callbacks.connect();
await phone.register();
await callbacks.setReadyState('web-callback', 'ready');
await callbacks.setReadyState('voice', 'ready');

const desk = document.querySelector('callback-desk')!;
desk.callbackAdapter = callbacks;
// The phone through the callback adapter: transfers, consultations and DTMF reach the case history.
desk.telephonyAdapter = callbacks.telephony!;
desk.directoryAdapter = directory;

interface QueuedConversation {
  id: string;
  callbackNumbers?: string[];
  callbackUserName?: string;
  participants: { purpose: string; userId?: string; state: string }[];
}

const control = async <T = unknown>(action: string, body: unknown = {}): Promise<T> =>
  (await (await fetch(`${base}/__control/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;

const status = document.getElementById('status')!;
const queued = document.getElementById('queued')!;
const queuedTitle = document.getElementById('queued-title')!;
const created: string[] = [];

/** The callbacks this page created that no agent has yet. */
async function refresh(): Promise<void> {
  const all = await control<QueuedConversation[]>('conversations');
  const waiting = all.filter((c) => created.includes(c.id) && !c.participants.some((p) => p.purpose === 'agent' && p.state !== 'disconnected'));
  // A Route to me that had focus goes with its callback: focus to the next one waiting, else to the
  // list's heading, never to <body>.
  const focusedId = queued.contains(document.activeElement) ? document.activeElement?.closest('li')?.dataset.id : undefined;
  const focusedAt = focusedId ? [...queued.children].findIndex((li) => (li as HTMLElement).dataset.id === focusedId) : -1;
  queued.replaceChildren(
    ...waiting.map((c) => {
      const li = document.createElement('li');
      li.dataset.id = c.id;
      li.textContent = `${c.callbackUserName ?? ''} · ${(c.callbackNumbers ?? []).join(', ')} `;
      const route = document.createElement('button');
      route.type = 'button';
      route.textContent = 'Route to me';
      route.setAttribute('aria-label', `Route to me: callback for ${c.callbackUserName ?? c.id}`);
      route.addEventListener('click', async () => {
        await control('route', { conversationId: c.id, userId });
        watched = c.id;
        await refresh();
      });
      li.append(route);
      return li;
    }),
  );
  if (focusedAt >= 0) {
    const items = [...queued.querySelectorAll<HTMLElement>('li')];
    const same = items.find((li) => li.dataset.id === focusedId);
    ((same ?? items[Math.min(focusedAt, items.length - 1)])?.querySelector('button') ?? queuedTitle).focus();
  }
}

document.getElementById('create')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  try {
    const id = await callbacks.create({ numbers: [String(form.get('number')).replace(/[\s()-]/g, '')], name: String(form.get('name')), data: { subject: 'Refund' } });
    created.push(id);
    status.textContent = `Genesys Cloud created callback ${id}.`;
  } catch (error) {
    status.textContent = `Genesys Cloud refused it: ${(error as Error).message}`;
  }
  await refresh();
});

// --- the customer's end of the call ------------------------------------------------------------------

/** The callback routed last: its call is the one the customer's phone shows. */
let watched: string | undefined;
const callText = document.getElementById('customer-call')!;
const hangUp = document.getElementById('customer-hangup') as HTMLButtonElement;

interface FarEnd {
  connected: boolean;
  held: boolean;
  joined: string[];
  transferredTo?: string;
}

function customerCall(): CallInfo | undefined {
  const callId = watched ? callbacks.getInteraction(watched)?.callId : undefined;
  return callId ? phone.getCall(callId) : undefined;
}

let renders = 0;
async function render(): Promise<void> {
  const turn = ++renders;
  const call = customerCall();
  const far = call ? await control<FarEnd>(`far-end/${call.id}`) : undefined;
  // A later render started meanwhile: its answer is the newer one.
  if (turn !== renders) return;
  let text = 'no call';
  if (call && far) {
    if (far.transferredTo) text = `transferred to ${far.transferredTo}`;
    else if (call.state === 'dialing') text = 'ringing';
    else if (call.state === 'ended') text = 'ended';
    else text = far.held ? 'on hold' : `talking with the agent${far.joined.length ? ` (with ${far.joined.join(', ')})` : ''}`;
  }
  callText.textContent = text;
  // aria-disabled, not disabled: the button keeps the keyboard focus after use.
  hangUp.setAttribute('aria-disabled', String(call?.state !== 'connected' && call?.state !== 'held'));
}
phone.onCall(() => void render());
callbacks.onInteraction(() => void render());
hangUp.addEventListener('click', () => {
  const call = customerCall();
  if (call && hangUp.getAttribute('aria-disabled') === 'false') void control(`hangup/${call.id}`);
});

declare global {
  interface Window {
    /** For tests and the console. */
    cloudDemo: { callbacks: GenesysCloudCallbackAdapter; phone: GenesysCloudTelephonyAdapter; base: string; userId: string };
  }
}
window.cloudDemo = { callbacks, phone, base, userId };
document.body.dataset.ready = 'true';
