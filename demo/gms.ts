// GMS mode (`npm run demo:gms`): the agent desk on the GMS adapter, against the contract server of
// tests/gms-server (its URL is served at /__gms-url), with the simulated contact center's telephony
// as the phone the routed callback call rings on.
import '../src/callback-desk.js';
import { GmsCallbackAdapter } from '../src/adapters/gms/index.js';
import { SimulatedContactCenter } from '../src/adapters/simulated/index.js';
import type { CallInfo } from '../src/adapters/telephony-adapter.js';

const SERVICE = 'contract-callback';
const base = (await (await fetch('/__gms-url')).text()).trim();

// The phone (and the directory: team, standard responses, dispositions). Its own callback side is
// not used: the callbacks are GMS's.
const phone = new SimulatedContactCenter();
const gms = new GmsCallbackAdapter({
  baseUrl: base,
  service: SERVICE,
  // GMS has no disposition codes: they are the desktop's, here the directory's.
  dispositionCodes: await phone.dispositionCodes(),
  dispositionMandatory: true,
  // The adapter follows this phone: the routed call is the offer, and the call's end is the interaction's.
  telephony: phone,
});
await gms.setReadyState('voice', 'ready');

const desk = document.querySelector('callback-desk')!;
desk.callbackAdapter = gms;
desk.telephonyAdapter = phone;
desk.directoryAdapter = phone;
// The GMS adapter learns of the call only from the phone's reports: a transfer, a conference or a
// consultation would read as the agent hanging up, and DTMF digits would not reach the history.
desk.policy = { canTransfer: false, canConference: false, canConsult: false, canDtmf: false };

const status = document.getElementById('status')!;
const stored = document.getElementById('stored')!;

interface StoredCallback {
  _id: string;
  _customer_number: string;
  _desired_time?: string;
  _callback_state: string;
  _callback_reason?: string;
}

const control = (action: string, id: string, body: unknown = {}) =>
  fetch(`${base}/__control/${action}/${encodeURIComponent(id)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function refresh(): Promise<void> {
  const list = (await (await fetch(`${base}/__control/callbacks`)).json()) as StoredCallback[];
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
 * What the callback service does when it routes a callback: GMS marks it PROCESSING and the call
 * reaches the agent with the callback data attached (here, the simulated phone rings with it).
 */
async function routeToMe(cb: StoredCallback): Promise<void> {
  const data = (await (await control('route', cb._id)).json()) as Record<string, string>;
  customerCall = phone.ringIn(cb._customer_number, data).id;
  renderCustomerCall();
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

// --- the customer's end of the call ----------------------------------------------------------------

let customerCall: string | undefined;
const callText = document.getElementById('customer-call')!;
const hangUp = document.getElementById('customer-hangup') as HTMLButtonElement;
const CALL_TEXT: Record<CallInfo['state'], string> = {
  ringing: 'ringing at the agent',
  dialing: 'dialing',
  connected: 'talking with the agent',
  held: 'on hold',
  ended: 'ended',
};
function renderCustomerCall(): void {
  const call = customerCall ? phone.getCall(customerCall) : undefined;
  callText.textContent = call ? CALL_TEXT[call.state] : 'no call';
  // aria-disabled, not disabled: the button keeps the keyboard focus after use.
  hangUp.setAttribute('aria-disabled', String(call?.state !== 'connected' && call?.state !== 'held'));
}
phone.onCall((call) => {
  if (call.id === customerCall) renderCustomerCall();
});
hangUp.addEventListener('click', () => {
  if (customerCall && hangUp.getAttribute('aria-disabled') === 'false') phone.hangUpRemotely(customerCall);
});

// --- what the callback service does once the agent is done ------------------------------------------

desk.addEventListener('callback-done', async (event) => {
  const id = event.detail.interaction.id;
  // A callback the agent did not reschedule is over: the service completes it (the contract
  // server's control API stands in for it). A rescheduled one waits in GMS for its new time.
  const [record] = (await (await fetch(`${base}/genesys/1/service/callback?_id=${encodeURIComponent(id)}`)).json()) as StoredCallback[];
  if (record?._callback_state === 'PROCESSING') await control('complete', id);
  await refresh();
});
gms.onInteraction(() => void refresh());
await refresh();

declare global {
  interface Window {
    /** For tests and the console. */
    gmsDemo: { gms: GmsCallbackAdapter; phone: SimulatedContactCenter; base: string };
  }
}
window.gmsDemo = { gms, phone, base };
document.body.dataset.ready = 'true';
