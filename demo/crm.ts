// Acme CRM (crm-app.ts) with the callback desk dropped in. The block marked "the whole
// integration" is everything the desk needs; the harness below it stands in for the customers.
import { AcmeCrm } from './crm-app.js';
import { SAMPLE_CONTACTS, SCENARIOS, SimulatedContactCenter, type OfferOverrides, type ScenarioName } from '../src/adapters/simulated/index.js';
// — the whole integration — (1 of 2: the element)
import '../src/callback-desk.js';

const crm = new AcmeCrm(document);

// The contact center runs in this page for the demo; a deployment passes its GMS or SIP adapters.
const contactCenter = new SimulatedContactCenter({ latencyMs: 300 });

// — the whole integration — (2 of 2: adapters in, three events out)
const desk = document.querySelector('callback-desk')!;
desk.callbackAdapter = contactCenter;
desk.telephonyAdapter = contactCenter;
desk.directoryAdapter = contactCenter;
desk.addEventListener('callback-accepted', (e) => crm.screenPop(e.detail.interaction));
desk.addEventListener('callback-done', (e) => crm.logCall(e.detail.interaction, e.detail.disposition, e.detail.notes));
desk.addEventListener('callback-error', (e) => crm.toast(e.detail.message));
// — end of the integration —

// Demo harness: what the contact center would route to this agent. Not part of the CRM.
const UNKNOWN_CALLER: OfferOverrides = {
  contact: { id: 'contact-dana-whitfield', name: 'Dana Whitfield', phone: '+442079460777', email: undefined, sms: undefined, timeZone: 'Europe/London' },
  subject: 'Opening a joint account',
  instructions: 'First contact: no customer record yet.',
  caseData: [
    { key: 'firstname', label: 'First name', value: 'Dana' },
    { key: 'lastname', label: 'Last name', value: 'Whitfield' },
    { key: 'ivr_path', label: 'IVR path', value: 'New customers › Accounts' },
  ],
};
const contactOf = (scenario: ScenarioName) => SAMPLE_CONTACTS.find((c) => c.id === SCENARIOS[scenario].contactId)?.name ?? '';
const offers: { label: string; send: () => Promise<unknown> }[] = [
  { label: `Voice, immediate: ${contactOf('immediate')}`, send: () => contactCenter.offer('immediate') },
  { label: `Voice, scheduled: ${contactOf('scheduled')}`, send: () => contactCenter.offer('scheduled') },
  { label: `Web callback: ${contactOf('web-callback')}`, send: () => contactCenter.offer('web-callback') },
  { label: 'Voice, immediate: unknown number', send: () => contactCenter.offer('immediate', UNKNOWN_CALLER) },
  { label: 'Web callback: hostile form data', send: () => contactCenter.offer('hostile-data') },
  {
    label: 'Make the next accept fail',
    send: async () => contactCenter.failNext('accept', 'network'),
  },
];
const harness = document.getElementById('harness-offers')!;
for (const offer of offers) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = offer.label;
  button.addEventListener('click', () => void offer.send());
  harness.append(button);
}
