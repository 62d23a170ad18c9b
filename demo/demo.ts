// The demo page's wiring: one simulated contact center given to <callback-desk>, which provides it
// to every element inside, and a panel that triggers the simulator's scripted scenarios.
import '../src/callback-desk.js';
import { SimulatedContactCenter, SCENARIOS, SCENARIO_NAMES, type ScenarioName } from '../src/adapters/simulated/index.js';
import type { Interaction } from '../src/model/interaction.js';

const cc = new SimulatedContactCenter({ latencyMs: 300 });
const desk = document.querySelector('callback-desk')!;
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
  var callbackDemo: { cc: SimulatedContactCenter; desk: typeof desk };
}
globalThis.callbackDemo = { cc, desk };

// `?scenario=<name>` sends that offer on load, `&accept` also accepts it (links and screenshots).
const params = new URLSearchParams(location.search);
const requested = params.get('scenario');
if (requested && (SCENARIO_NAMES as readonly string[]).includes(requested)) {
  void cc.offer(requested as ScenarioName).then((offer) => (params.has('accept') ? cc.accept(offer.id) : offer));
}
