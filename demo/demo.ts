// The demo page's wiring: one simulated contact center given to <callback-desk>, which provides it
// to every element inside, and a panel that triggers the simulator's scripted scenarios.
import '../src/callback-desk.js';
import { SimulatedContactCenter, SCENARIOS, SCENARIO_NAMES, type ScenarioName } from '../src/adapters/simulated/index.js';
import { ManualClock } from '../src/model/clock.js';
import type { Policy } from '../src/model/actions.js';
import type { Interaction } from '../src/model/interaction.js';

const params = new URLSearchParams(location.search);
// `?manual-clock`: time moves only by `callbackDemo.clock.advance(ms)` (step through a call's states).
const clock = params.has('manual-clock') ? new ManualClock(Date.now()) : undefined;
// Voice callbacks are placed to the customer after Accept, as the callback service does.
const cc = new SimulatedContactCenter({ latencyMs: 300, voiceCallbackDialing: true, ...(clock ? { clock } : {}) });
const desk = document.querySelector('callback-desk')!;
if (clock) desk.clock = clock;
desk.callbackAdapter = cc;
desk.telephonyAdapter = cc;
desk.directoryAdapter = cc;

const panel = document.getElementById('scenarios')!;
for (const name of SCENARIO_NAMES) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = SCENARIOS[name].title;
  button.title = SCENARIOS[name].description;
  button.addEventListener('click', () => void cc.offer(name));
  panel.append(button);
}

const failAccept = document.getElementById('fail-accept') as HTMLInputElement;
desk.addEventListener('callback-accept', () => {
  if (failAccept.checked) {
    cc.failNext('accept', 'network');
    failAccept.checked = false;
  }
});
(document.getElementById('ring') as HTMLInputElement).addEventListener('change', (e) => {
  desk.ring = (e.target as HTMLInputElement).checked;
});
(document.getElementById('auto-dial') as HTMLInputElement).addEventListener('change', (e) => {
  desk.autoDial = (e.target as HTMLInputElement).checked;
});

// Desk settings. A switch that is off leaves the rule to the contact center (off in this demo).
const mandatory = document.getElementById('disposition-mandatory') as HTMLInputElement;
const newNumber = document.getElementById('reschedule-new-number') as HTMLInputElement;
const applyPolicy = () => {
  const policy: Partial<Policy> = {
    ...(mandatory.checked ? { dispositionMandatory: true } : {}),
    ...(newNumber.checked ? { canRescheduleOnNewNumber: true } : {}),
  };
  desk.policy = policy;
};
mandatory.addEventListener('change', applyPolicy);
newNumber.addEventListener('change', applyPolicy);
// DTMF digits are masked unless the desk is told to show them.
const dtmfShowDigits = document.getElementById('dtmf-show-digits') as HTMLInputElement;
dtmfShowDigits.checked = desk.dtmfShowDigits;
dtmfShowDigits.addEventListener('change', () => {
  desk.dtmfShowDigits = dtmfShowDigits.checked;
});
// The desk follows <html lang>; the simulator's data follows it too, for the offers sent after.
const language = document.getElementById('page-language') as HTMLSelectElement;
const setLanguage = (lang: string) => {
  cc.locale = lang;
  document.documentElement.lang = cc.locale;
  language.value = cc.locale;
};
language.addEventListener('change', () => setLanguage(language.value));
// `?lang=es` opens the page in Spanish.
setLanguage(params.get('lang') ?? document.documentElement.lang);

const events = document.getElementById('events')!;
for (const name of [
  'callback-accept',
  'callback-accepted',
  'callback-reject',
  'callback-rejected',
  'callback-expired',
  'callback-revoked',
  'callback-error',
  'callback-action',
  'callback-action-done',
  'callback-done',
  'callback-channel',
  'callback-open',
  'contact-save',
  'contact-saved',
  'response-insert',
  'agent-state-changed',
] as const) {
  desk.addEventListener(name, (e) => {
    const detail = (e as CustomEvent<{ interaction?: Interaction; interactionId?: string; message?: string; action?: string }>).detail ?? {};
    const li = document.createElement('li');
    const id = detail.interaction?.id ?? detail.interactionId ?? '';
    li.textContent = `${new Date().toLocaleTimeString()} ${name} ${detail.action ?? ''} ${id} ${detail.message ?? ''}`;
    events.prepend(li);
  });
}

const list = document.getElementById('interactions')!;
const render = () => {
  list.replaceChildren(
    ...cc.listInteractions().map((i) => {
      const li = document.createElement('li');
      li.textContent = `${i.id} · ${i.channel} · ${i.callbackType} · ${i.contact.name} · ${i.state}`;
      return li;
    }),
  );
};
cc.onInteraction(render);
cc.onOffer(render);
render();

// For the browser console (and the demo's own test): `callbackDemo.cc.offer('web-callback', { behaviour: { ringMs: 500 } })`.
declare global {
  var callbackDemo: { cc: SimulatedContactCenter; desk: typeof desk; clock: ManualClock | undefined };
}
globalThis.callbackDemo = { cc, desk, clock };

// `?scenario=<name>` sends that offer on load, `&accept` also accepts it (links and screenshots).
const requested = params.get('scenario');
if (requested && (SCENARIO_NAMES as readonly string[]).includes(requested)) {
  void cc.offer(requested as ScenarioName).then((offer) => (params.has('accept') ? cc.accept(offer.id) : offer));
}
