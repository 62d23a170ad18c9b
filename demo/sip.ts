// SIP mode (`npm run demo:sip`): the agent desk on the sip.js and phone-callback adapters, a
// customer's softphone and a supervisor, all three registered on the Kamailio of tests/sip (SIP
// over WebSocket on ws://127.0.0.1:15080, listening on 127.0.0.1 only). Note: outside a network
// namespace WebRTC may still offer the machine's other addresses as ICE host candidates.
import '../src/callback-desk.js';
import type { DirectoryAdapter, DirectoryTarget, StandardResponse } from '../src/adapters/directory-adapter.js';
import { PhoneCallbackAdapter } from '../src/adapters/phone/index.js';
import { SipTelephonyAdapter } from '../src/adapters/sipjs/index.js';
import type { Contact } from '../src/model/interaction.js';
import { Softphone, toneMicrophone } from './softphone.js';

const SERVER = 'ws://127.0.0.1:15080';
const DOMAIN = '127.0.0.1';
const AGENT = 'agent';
const CUSTOMER = '+12025550101';
const SUPERVISOR = '+12025550110';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// --- the agent: <callback-desk> on the real adapters ------------------------------------------------

const team: DirectoryTarget[] = [{ kind: 'agent', id: 'sam', name: 'Sam Supervisor', address: SUPERVISOR, availability: 'ready' }];
const responses: StandardResponse[] = [
  { id: 'hello', title: 'Greeting', category: 'Openings', keywords: ['hello'], body: 'Hello, this is Acme calling you back about your request.' },
  { id: 'bye', title: 'Closing', category: 'Closings', keywords: ['bye'], body: 'Thank you for your time. Goodbye.' },
];
const contacts = new Map<string, Contact>();
const directory: DirectoryAdapter = {
  searchTargets: async ({ text }) => team.filter((t) => t.name.toLowerCase().includes(text.toLowerCase()) || t.address?.includes(text)),
  getContact: async (id) => contacts.get(id) ?? { id, name: '', phone: '' },
  updateContact: async (contact) => {
    contacts.set(contact.id, contact);
    return contact;
  },
  searchResponses: async ({ text = '' }) => responses.filter((r) => `${r.title} ${r.body}`.toLowerCase().includes(text.toLowerCase())),
  dispositionCodes: async () => [
    { code: 'resolved', label: 'Resolved' },
    { code: 'call-again', label: 'Call again later' },
    { code: 'no-action', label: 'No action needed' },
  ],
};

const sip = new SipTelephonyAdapter({
  servers: [SERVER],
  aor: `sip:${AGENT}@${DOMAIN}`,
  displayName: 'Agent',
  dtmfMethod: 'info',
  callbackData: { valueEncoding: 'uri' },
  iceServers: [],
  // The demo's Kamailio routes GRUUs: a call survives a restart of the SIP server.
  gruu: true,
});
const phone = new PhoneCallbackAdapter({ telephony: sip });
const desk = document.querySelector('callback-desk')!;
desk.callbackAdapter = phone;
desk.telephonyAdapter = phone;
desk.directoryAdapter = directory;

const agentStatus = $('agent-status');
/** Set while this tab stands by for another one; the last registration failure, for the status line. */
let standingBy = false;
let lastFailure = '';
/**
 * The page's own line follows the connection, as the desk's agent status does: a registration
 * that was made once says nothing about a connection lost since (the SIP server restarting).
 */
function renderAgentStatus(): void {
  if (standingBy) {
    agentStatus.textContent = 'Not registered here: the agent desk is open in another tab.';
    return;
  }
  const hint = lastFailure ? ` (${lastFailure})` : '';
  const text: Record<ReturnType<typeof sip.status>, string> = {
    registered: `Registered as sip:${AGENT}@${DOMAIN}.`,
    connecting: `Connecting to ${SERVER}…`,
    reconnecting: `Connection to ${SERVER} lost, reconnecting…`,
    failed: `Registration on ${SERVER} failed${hint}.`,
    offline: lastFailure ? `The agent could not register on ${SERVER}${hint}. Is npm run demo:sip running?` : 'Not registered.',
  };
  agentStatus.textContent = text[sip.status()];
}
sip.onStatus((status) => {
  if (status === 'registered') lastFailure = '';
  renderAgentStatus();
});
// One registration per agent: only the tab that has the agent's desk registers. A second tab of
// this page stands by, unregistered, until the agent uses it instead (or the first one closes).
desk.addEventListener('callback-desk-ownership', (e) => {
  standingBy = !e.detail.owner;
  if (standingBy) {
    renderAgentStatus();
    void sip.unregister();
    return;
  }
  lastFailure = '';
  renderAgentStatus();
  sip.register().catch((error: unknown) => {
    lastFailure = (error as Error).message;
    renderAgentStatus();
  });
});

// --- the customer's softphone --------------------------------------------------------------------

const NAMES: Record<string, string> = { [AGENT]: 'the agent', [SUPERVISOR]: `Sam Supervisor (${SUPERVISOR})`, [CUSTOMER]: `the customer (${CUSTOMER})` };
const nameOf = (user: string) => NAMES[user] ?? (user || 'someone');

const microphoneNote = $('microphone');
const tone = toneMicrophone(440);
/** The real microphone; without one (or without permission), a soft tone. */
async function customerMicrophone(): Promise<MediaStream> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    microphoneNote.textContent = 'The customer talks through your microphone.';
    return stream;
  } catch (error) {
    microphoneNote.textContent = `No microphone (${(error as Error).name}): the customer sends a 440 Hz tone instead.`;
    return tone();
  }
}

const customerStatus = $('customer-status');
const dtmfLog = $('dtmf-log');
const buttons = {
  call: $<HTMLButtonElement>('call'),
  answer: $<HTMLButtonElement>('answer'),
  hangup: $<HTMLButtonElement>('hangup'),
  hold: $<HTMLButtonElement>('hold'),
  resume: $<HTMLButtonElement>('resume'),
};
/** aria-disabled, not disabled: a button that was just used keeps the keyboard focus. */
const enable = (button: HTMLButtonElement, on: boolean) => button.setAttribute('aria-disabled', String(!on));
const enabled = (button: HTMLButtonElement) => button.getAttribute('aria-disabled') !== 'true';

function customerText(p: Softphone): string {
  if (!p.registered) return 'not registered';
  const who = nameOf(p.remote);
  const transferred = p.transferredTo ? `transferred to ${nameOf(p.transferredTo)}` : '';
  switch (p.state) {
    case 'idle':
      return 'idle: fill in the form and call the agent';
    case 'calling':
      return transferred ? `${transferred}: calling…` : `calling ${who}…`;
    case 'ringing':
      return transferred ? `${transferred}: ringing` : 'ringing';
    case 'incoming':
      return `incoming call from ${who}: ringing`;
    case 'connected': {
      const base = p.heldByRemote ? `on hold by ${who}` : p.heldLocally ? `connected, you put ${who} on hold` : `connected to ${who}`;
      return [base, p.transferredTo && p.remote === p.transferredTo ? 'after a transfer' : '', p.reason].filter(Boolean).join(', ');
    }
    case 'ended':
      return p.reason ? `ended (${p.reason})` : 'ended';
  }
}

function renderCustomer(): void {
  const p = customer;
  customerStatus.textContent = customerText(p);
  dtmfLog.textContent = p.digits || 'none';
  const up = p.state === 'connected';
  enable(buttons.call, p.registered && !p.busy);
  enable(buttons.answer, p.state === 'incoming');
  enable(buttons.hangup, p.busy);
  enable(buttons.hold, up && !p.heldLocally);
  enable(buttons.resume, up && p.heldLocally);
}

const customer: Softphone = new Softphone({
  user: CUSTOMER,
  displayName: 'Customer',
  server: SERVER,
  domain: DOMAIN,
  microphone: customerMicrophone,
  remoteAudio: $<HTMLAudioElement>('customer-audio'),
  onChange: () => renderCustomer(),
});
renderCustomer();

const report = (what: string) => (error: unknown) => {
  customerStatus.textContent = `${what} failed: ${(error as Error).message}`;
};

$<HTMLFormElement>('customer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!enabled(buttons.call)) return;
  const form = new FormData(event.target as HTMLFormElement);
  const [firstname = '', ...rest] = String(form.get('name')).trim().split(/\s+/);
  // Values travel percent-encoded (the adapter is set to decode them): any text stays one header.
  const header = (name: string, value: string) => `X-Genesys-${name}: ${encodeURIComponent(value)}`;
  const headers = [
    header('_CB_SERVICE_ID', `cb-${crypto.randomUUID().slice(0, 8)}`),
    header('GMS_Customer_Number', String(form.get('number')).trim()),
    header('firstname', firstname),
    header('lastname', rest.join(' ')),
    header('instructions', String(form.get('instructions'))),
    header('GMS_Cb_Type', String(form.get('type'))),
  ];
  customer.call(AGENT, headers).catch(report('Calling'));
});
buttons.answer.addEventListener('click', () => enabled(buttons.answer) && void customer.answer().catch(report('Answering')));
buttons.hangup.addEventListener('click', () => enabled(buttons.hangup) && void customer.hangUp().catch(report('Hanging up')));
buttons.hold.addEventListener('click', () => enabled(buttons.hold) && void customer.hold(true).catch(report('Hold')));
buttons.resume.addEventListener('click', () => enabled(buttons.resume) && void customer.hold(false).catch(report('Resume')));

// --- the supervisor: answers by itself, so consult, conference and transfer have someone to reach ---

const supervisorStatus = $('supervisor-status');
const supervisorHangup = $<HTMLButtonElement>('supervisor-hangup');
function renderSupervisor(): void {
  const p = supervisor;
  const who = nameOf(p.remote);
  const text: Record<typeof p.state, string> = {
    idle: 'idle',
    calling: `calling ${who}…`,
    ringing: `calling ${who}: ringing`,
    incoming: `call from ${who}: answering in 1.5 s`,
    connected: p.heldByRemote ? `on hold by ${who}` : `talking with ${who}`,
    ended: p.reason ? `call ended (${p.reason})` : 'call ended',
  };
  supervisorStatus.textContent = p.registered ? text[p.state] : 'not registered';
  enable(supervisorHangup, p.busy);
}
const supervisor: Softphone = new Softphone({
  user: SUPERVISOR,
  displayName: 'Sam Supervisor',
  server: SERVER,
  domain: DOMAIN,
  microphone: toneMicrophone(660),
  autoAnswerMs: 1500,
  onChange: () => renderSupervisor(),
});
renderSupervisor();
supervisorHangup.addEventListener('click', () => enabled(supervisorHangup) && void supervisor.hangUp().catch(() => undefined));

for (const [p, status] of [
  [customer, customerStatus],
  [supervisor, supervisorStatus],
] as const) {
  p.start().catch((error: unknown) => {
    status.textContent = `could not register on ${SERVER}: ${(error as Error).message}`;
  });
}

// --- teardown (leaving the page, or a test) -------------------------------------------------------

async function stop(): Promise<void> {
  phone.dispose();
  await Promise.all([sip.dispose(), customer.stop(), supervisor.stop()].map((p) => p.catch(() => undefined)));
}
addEventListener('pagehide', () => void stop());

declare global {
  interface Window {
    /** For tests and the console. */
    sipDemo: { sip: SipTelephonyAdapter; phone: PhoneCallbackAdapter; customer: Softphone; supervisor: Softphone; stop: () => Promise<void> };
  }
}
window.sipDemo = { sip, phone, customer, supervisor, stop };
document.body.dataset.ready = 'true';
