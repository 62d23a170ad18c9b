import type { CallbackType, CaseField, Channel, Contact, Interaction } from '../../model/interaction.js';
import type { ContactBehaviour } from './behaviour.js';
import { localizedScenarioText, type DataLocale } from './localized-data.js';

/** The scripted situations the demo panel and the tests can start. */
export type ScenarioName =
  | 'immediate'
  | 'delayed'
  | 'scheduled'
  | 'preview'
  | 'web-callback'
  | 'web-callback-no-answer-first'
  | 'customer-hangs-up'
  | 'busy'
  | 'answering-machine'
  | 'consultation-declined'
  | 'offer-times-out'
  | 'no-reject'
  | 'hostile-data';

export interface Scenario {
  name: ScenarioName;
  /** A line for the demo panel (English: the demo is not localized). */
  title: string;
  description: string;
  channel: Channel;
  callbackType: CallbackType;
  /** A contact of the sample directory (see `SAMPLE_CONTACTS`). */
  contactId: string;
  /** Desired time relative to the offer; absent: as soon as possible. */
  desiredInMs?: number;
  subject?: string;
  instructions?: string;
  caseData: readonly CaseField[];
  /** Overrides the contact center's offer timeout. */
  offerTimeoutMs?: number;
  canReject: boolean;
  behaviour: ContactBehaviour;
}

/** What a test or the demo may change in a scenario when starting it. */
export interface OfferOverrides {
  id?: string;
  contact?: Partial<Contact>;
  callbackType?: CallbackType;
  desiredTime?: number;
  subject?: string;
  instructions?: string;
  caseData?: readonly CaseField[];
  offerTimeoutMs?: number;
  canReject?: boolean;
  behaviour?: Partial<ContactBehaviour>;
}

const field = (key: string, label: string, value: string): CaseField => ({ key, label, value });
const MINUTE = 60_000;

// A voice callback's ring time is how long the contact's phone rings when the callback service
// places the accepted callback to them (with the `voiceCallbackDialing` option).
const voice = { channel: 'voice' as const, canReject: true, behaviour: { ringMs: 4_000, attempts: ['answer' as const] } };
const web = { channel: 'web-callback' as const, canReject: true };

const SCENARIO_LIST: readonly Scenario[] = [
  {
    ...voice,
    name: 'immediate',
    title: 'Immediate voice callback',
    description: 'Routed as soon as the customer asked; accept or reject.',
    callbackType: 'immediate',
    contactId: 'contact-margaret-chen',
    // As soon as possible: GMS records the time the customer asked as the desired time.
    desiredInMs: -6 * MINUTE,
    subject: 'Card declined abroad',
    instructions: 'Customer is travelling: confirm the country before lifting the block.',
    caseData: [
      field('firstname', 'First name', 'Margaret'),
      field('lastname', 'Last name', 'Chen'),
      field('account', 'Account', 'GB29 NWBK 6016 1331 9268 19'),
      field('ivr_path', 'IVR path', 'Cards › Lost, stolen or declined'),
      field('_CB_EWT_WHEN_CALLBACK_WAS_OFFERED', 'Wait when offered', '6 min'),
    ],
  },
  {
    ...voice,
    name: 'delayed',
    title: 'Delayed voice callback',
    description: 'The customer asked to be called in 15 minutes; now is the time.',
    callbackType: 'delayed',
    contactId: 'contact-jose-alvarez',
    desiredInMs: 0,
    subject: 'Pausa en el pago de la hipoteca',
    instructions: 'Prefers Spanish. Mortgage payment holiday request.',
    caseData: [
      field('firstname', 'First name', 'José'),
      field('lastname', 'Last name', 'Álvarez García'),
      field('language', 'Language', 'Español'),
      field('mortgage', 'Mortgage reference', 'MTG-2291-0057'),
    ],
  },
  {
    ...voice,
    name: 'scheduled',
    title: 'Scheduled voice callback',
    description: 'Routed at the time the customer booked two days ago.',
    callbackType: 'scheduled',
    contactId: 'contact-amelia-johnson',
    desiredInMs: 0,
    subject: 'Home insurance renewal quote',
    instructions: 'Booked through the mobile app. Renewal due on the 30th.',
    caseData: [
      field('firstname', 'First name', 'Amelia'),
      field('lastname', 'Last name', 'Johnson'),
      field('policy', 'Policy', 'HOM-44812-US'),
      field('channel', 'Requested from', 'Mobile app'),
    ],
  },
  {
    ...voice,
    name: 'preview',
    title: 'Voice callback with agent preview',
    description: 'Delayed callback the agent previews before accepting (30 s to decide).',
    callbackType: 'preview',
    contactId: 'contact-sophie-dubois',
    desiredInMs: -5 * MINUTE,
    offerTimeoutMs: 30_000,
    subject: 'Contester une opération',
    instructions: 'Disputed card payment of 249,90 € at an online shop.',
    caseData: [
      field('firstname', 'First name', 'Sophie'),
      field('lastname', 'Last name', 'Dubois'),
      field('amount', 'Amount', '249,90 €'),
      field('merchant', 'Merchant', 'Boutique Lumière SARL'),
    ],
  },
  {
    ...web,
    name: 'web-callback',
    title: 'Web callback',
    description: 'Accept to preview, then Call: the contact answers after a few rings.',
    callbackType: 'scheduled',
    contactId: 'contact-priya-natarajan',
    desiredInMs: 0,
    subject: 'Question about my invoice',
    caseData: [
      field('Subject', 'Subject', 'Question about my invoice'),
      field('AccountType', 'Account type', 'Business'),
      field('Message', 'Message', 'I was charged twice for October. Please call me in the afternoon.'),
    ],
    behaviour: { ringMs: 4_000, attempts: ['answer'] },
  },
  {
    ...web,
    name: 'web-callback-no-answer-first',
    title: 'Web callback, no answer at first',
    description: 'The first attempt rings out (20 s); the second is answered.',
    callbackType: 'scheduled',
    contactId: 'contact-lukas-becker',
    desiredInMs: 0,
    subject: 'Kündigung Girokonto',
    caseData: [
      field('Subject', 'Subject', 'Close my current account'),
      field('PreferredTime', 'Preferred time', 'After 17:00'),
    ],
    behaviour: { ringMs: 5_000, attempts: ['no-answer', 'answer'] },
  },
  {
    ...voice,
    name: 'customer-hangs-up',
    title: 'Customer hangs up',
    description: 'The customer hangs up 15 s after the call connects.',
    callbackType: 'immediate',
    contactId: 'contact-liam-walker',
    subject: 'Lost card',
    caseData: [field('firstname', 'First name', 'Liam'), field('lastname', 'Last name', 'Walker')],
    behaviour: { ringMs: 3_000, attempts: ['answer'], hangUpAfterMs: 15_000 },
  },
  {
    ...web,
    name: 'busy',
    title: 'Web callback, line busy',
    description: 'Every attempt meets a busy tone: reschedule.',
    callbackType: 'scheduled',
    contactId: 'contact-oliver-grant',
    desiredInMs: 0,
    subject: 'Overdraft limit',
    caseData: [field('Subject', 'Subject', 'Raise my overdraft limit')],
    behaviour: { ringMs: 2_000, attempts: ['busy'] },
  },
  {
    ...web,
    name: 'answering-machine',
    title: 'Web callback, answering machine',
    description: 'Every attempt reaches voicemail.',
    callbackType: 'scheduled',
    contactId: 'contact-ines-moreau',
    desiredInMs: 0,
    subject: 'Travel insurance claim',
    caseData: [field('Subject', 'Subject', 'Travel insurance claim'), field('Claim', 'Claim', 'TRV-88-1042')],
    behaviour: { ringMs: 6_000, attempts: ['answering-machine'] },
  },
  {
    ...voice,
    name: 'consultation-declined',
    title: 'Consultation declined',
    description: 'Whoever the agent consults on this call declines after 4 s.',
    callbackType: 'immediate',
    contactId: 'contact-noah-kim',
    subject: 'Fee waiver above agent limit',
    instructions: 'Waivers above $100 need a supervisor. Supervisors are in a meeting today.',
    caseData: [field('firstname', 'First name', 'Noah'), field('fee', 'Fee', '$145.00')],
    behaviour: { ringMs: 5_000, attempts: ['answer'], consultation: { response: 'decline', ringMs: 4_000 } },
  },
  {
    ...voice,
    name: 'offer-times-out',
    title: 'Offer times out',
    description: 'The offer goes back to routing after 8 s unless accepted.',
    callbackType: 'immediate',
    contactId: 'contact-margaret-chen',
    offerTimeoutMs: 8_000,
    subject: 'Change of address',
    caseData: [field('firstname', 'First name', 'Margaret')],
  },
  {
    ...voice,
    name: 'no-reject',
    title: 'Offer that cannot be rejected',
    description: 'Agent preview where the service does not allow rejecting.',
    callbackType: 'preview',
    contactId: 'contact-amelia-johnson',
    canReject: false,
    subject: 'Complaint follow-up',
    instructions: 'Regulatory complaint: must be handled by the assigned agent.',
    caseData: [field('complaint', 'Complaint', 'CMP-2026-0313')],
  },
  {
    ...web,
    name: 'hostile-data',
    title: 'Hostile form data',
    description: 'Markup and control characters in every field: must show as plain text.',
    callbackType: 'scheduled',
    contactId: 'contact-hostile',
    desiredInMs: 0,
    subject: '<img src=x onerror=alert(1)>',
    instructions: '<script>alert("instructions")</script> **bold** {{template}} ${injection}',
    caseData: [
      field('<b>key</b>', '<i>label</i>', '<img src=x onerror=alert(1)>'),
      field('link', 'Website', 'javascript:alert(1)'),
      field('rtl', 'Direction', '\u202Egnp.exe'),
      field('multiline', 'Message', 'Line one\nLine two\n\n<a href="https://evil.example">click</a>'),
      field('long', 'Long', 'A'.repeat(300)),
    ],
    behaviour: { ringMs: 3_000, attempts: ['answer'] },
  },
];

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = Object.freeze(
  Object.fromEntries(SCENARIO_LIST.map((s) => [s.name, s])) as Record<ScenarioName, Scenario>,
);

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIO_LIST.map((s) => s.name);

export function isScenarioName(name: string): name is ScenarioName {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, name);
}

/** An offer ready to be routed: the interaction except its offer times, and the contact's script. */
export interface OfferPlan {
  interaction: Omit<Interaction, 'offer'>;
  canReject: boolean;
  offerTimeoutMs: number;
  behaviour: ContactBehaviour;
}

/** The interaction a scenario starts, with `overrides` applied. */
export function planOffer(
  scenario: Scenario,
  overrides: OfferOverrides,
  context: { id: string; now: number; contact: Contact; offerTimeoutMs: number; locale?: DataLocale },
): OfferPlan {
  const desiredTime =
    overrides.desiredTime ?? (scenario.desiredInMs === undefined ? undefined : context.now + scenario.desiredInMs);
  const subject = overrides.subject ?? scenario.subject;
  const own = localizedScenarioText(scenario.name, scenario, context.locale ?? 'en');
  const instructions = overrides.instructions ?? own.instructions;
  return {
    interaction: {
      id: overrides.id ?? context.id,
      channel: scenario.channel,
      callbackType: overrides.callbackType ?? scenario.callbackType,
      state: 'offered',
      contact: { ...context.contact, ...overrides.contact },
      ...(desiredTime === undefined ? {} : { desiredTime }),
      ...(subject === undefined ? {} : { subject }),
      ...(instructions === undefined ? {} : { instructions }),
      caseData: (overrides.caseData ?? own.caseData).map((f) => ({ ...f })),
      attempts: [],
      history: [],
      note: '',
    },
    canReject: overrides.canReject ?? scenario.canReject,
    offerTimeoutMs: overrides.offerTimeoutMs ?? scenario.offerTimeoutMs ?? context.offerTimeoutMs,
    behaviour: { ...scenario.behaviour, ...overrides.behaviour },
  };
}

/** GMS-style data attached to the routed voice call (what SIP headers or user data would carry). */
export function callData(interaction: Interaction): Record<string, string> {
  const data: Record<string, string> = {
    _CB_SERVICE_ID: interaction.id,
    GMS_ServiceName: `callback-${interaction.callbackType}`,
    GMS_Cb_Type: interaction.callbackType.toUpperCase(),
    GMS_Customer_Number: interaction.contact.phone,
  };
  if (interaction.desiredTime !== undefined) data.GMS_Cb_Desired_Time = new Date(interaction.desiredTime).toISOString();
  for (const f of interaction.caseData) data[f.key] = f.value;
  return data;
}
