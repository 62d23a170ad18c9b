import type { Contact, DispositionNode } from '../../model/interaction.js';
import type { DirectoryTarget, StandardResponse } from '../directory-adapter.js';
import type { ContactBehaviour, TargetBehaviour } from './behaviour.js';

/**
 * The sample contact center: people, queues, customers, words. Phone numbers come from ranges set
 * aside for drama and documentation (Ofcom 020 7946 0xxx, ACMA 02 5550 xxxx, ARCEP 01 99 00 xx xx,
 * NANP 555-01xx) and all pass the model's `validatePhoneNumber`.
 */

export type SampleContact = Contact & { id: string };

export const SAMPLE_CONTACTS: readonly SampleContact[] = [
  {
    id: 'contact-margaret-chen',
    name: 'Margaret Chen',
    phone: '+442079460123',
    email: 'margaret.chen@example.co.uk',
    sms: '+442079460124',
    timeZone: 'Europe/London',
  },
  {
    id: 'contact-jose-alvarez',
    name: 'José Álvarez García',
    phone: '+34919930123',
    email: 'jose.alvarez@example.es',
    timeZone: 'Europe/Madrid',
  },
  {
    id: 'contact-amelia-johnson',
    name: 'Amelia Johnson',
    phone: '+12125550142',
    email: 'amelia.johnson@example.com',
    chat: '@amelia.j',
    timeZone: 'America/New_York',
  },
  { id: 'contact-lukas-becker', name: 'Lukas Becker', phone: '+493023125456', timeZone: 'Europe/Berlin' },
  {
    id: 'contact-sophie-dubois',
    name: 'Sophie Dubois',
    phone: '+33199001234',
    email: 'sophie.dubois@example.fr',
    timeZone: 'Europe/Paris',
  },
  { id: 'contact-liam-walker', name: 'Liam Walker', phone: '+61255501234', timeZone: 'Australia/Sydney' },
  {
    id: 'contact-priya-natarajan',
    name: 'Priya Natarajan',
    phone: '+14165550123',
    email: 'priya.n@example.ca',
    timeZone: 'America/Toronto',
  },
  { id: 'contact-oliver-grant', name: 'Oliver Grant', phone: '+442079460958', timeZone: 'Europe/London' },
  { id: 'contact-noah-kim', name: 'Noah Kim', phone: '+12135550199', timeZone: 'America/Los_Angeles' },
  { id: 'contact-ines-moreau', name: 'Inès Moreau', phone: '+61255509876', timeZone: 'Australia/Sydney' },
  {
    id: 'contact-hostile',
    name: '<img src=x onerror=alert(1)> O\'Brien & "Sons"',
    phone: '+442079460666',
    email: 'x"><script>alert(1)</script>@example.com',
    timeZone: 'Europe/London',
  },
];

/** Numbers the telephony contract can dial, by what the far end does. */
export const SAMPLE_NUMBERS = Object.freeze({
  answers: '+442079460123',
  busy: '+442079460958',
  noAnswer: '+12135550199',
  answeringMachine: '+61255509876',
  /** Looks like a number, is not one (Ofcom drama mobiles fail libphonenumber's check). */
  invalid: '+447700900123',
});

/** How the people behind known numbers behave when dialled; unknown numbers answer. */
export const CONTACT_BEHAVIOURS: Readonly<Record<string, ContactBehaviour>> = {
  [SAMPLE_NUMBERS.busy]: { ringMs: 2_000, attempts: ['busy'] },
  [SAMPLE_NUMBERS.noAnswer]: { ringMs: 4_000, attempts: ['no-answer'] },
  [SAMPLE_NUMBERS.answeringMachine]: { ringMs: 6_000, attempts: ['answering-machine'] },
};

const agent = (id: string, name: string, extension: string, availability: DirectoryTarget['availability']): DirectoryTarget => ({
  kind: 'agent',
  id,
  name,
  address: extension,
  ...(availability ? { availability } : {}),
});

export const SAMPLE_TARGETS: readonly DirectoryTarget[] = [
  agent('agent-ana-ruiz', 'Ana Ruiz', '4101', 'ready'),
  agent('agent-ben-okafor', 'Ben Okafor', '4102', 'ready'),
  agent('agent-chloe-martin', 'Chloé Martin', '4103', 'busy'),
  agent('agent-devika-rao', 'Devika Rao', '4104', 'not-ready'),
  agent('agent-erik-lindqvist', 'Erik Lindqvist', '4105', 'ready'),
  agent('agent-fatima-al-sayed', 'Fatima Al-Sayed', '4106', 'offline'),
  agent('agent-grace-oneill', "Grace O'Neill", '4107', 'ready'),
  agent('agent-hiroshi-tanaka', 'Hiroshi Tanaka', '4108', 'not-ready'),
  { kind: 'queue', id: 'queue-billing', name: 'Billing', address: '6001', waiting: 4 },
  { kind: 'queue', id: 'queue-technical', name: 'Technical Support', address: '6002', waiting: 9 },
  { kind: 'queue', id: 'queue-retention', name: 'Retention', address: '6003', waiting: 1 },
  { kind: 'queue', id: 'queue-soporte', name: 'Soporte en español', address: '6004', waiting: 2 },
  { kind: 'routing-point', id: 'rp-sales', name: 'RP 5000 Sales', address: '5000' },
  { kind: 'routing-point', id: 'rp-claims', name: 'RP 5100 Claims', address: '5100' },
  { kind: 'skill', id: 'skill-mortgages', name: 'Mortgages', address: 'skill:mortgages' },
  { kind: 'skill', id: 'skill-french', name: 'French speakers', address: 'skill:french' },
  { kind: 'skill', id: 'skill-premium', name: 'Premium accounts', address: 'skill:premium' },
];

/** How each target answers a consultation; targets not listed answer after a few seconds. */
export const TARGET_BEHAVIOURS: Readonly<Record<string, TargetBehaviour>> = {
  'agent-ben-okafor': { response: 'answer', ringMs: 5_000 },
  'agent-chloe-martin': { response: 'decline', ringMs: 4_000 },
  'agent-devika-rao': { response: 'no-answer', ringMs: 0 },
  'agent-fatima-al-sayed': { response: 'no-answer', ringMs: 0 },
  'queue-technical': { response: 'answer', ringMs: 9_000 },
};

/** Targets the telephony contract uses, by how they respond. */
export const SAMPLE_TARGET_IDS = Object.freeze({
  answers: 'agent-ana-ruiz',
  declines: 'agent-chloe-martin',
  noAnswer: 'agent-devika-rao',
});

export const STANDARD_RESPONSES: readonly StandardResponse[] = [
  {
    id: 'resp-greeting',
    title: 'Callback greeting',
    category: 'Greetings',
    keywords: ['hello', 'callback', 'opening'],
    body: 'Hello, this is your callback from Northwind Bank. Is now still a good time to talk?',
  },
  {
    id: 'resp-identity',
    title: 'Identity check',
    category: 'Security',
    keywords: ['verify', 'identity', 'security', 'date of birth'],
    body: 'Before we continue, could you confirm your date of birth and the first line of your address?',
  },
  {
    id: 'resp-recording',
    title: 'Call recording notice',
    category: 'Security',
    keywords: ['recording', 'gdpr', 'privacy'],
    body: 'This call may be recorded for training and quality purposes.',
  },
  {
    id: 'resp-payment-keypad',
    title: 'Card payment by keypad',
    category: 'Billing',
    keywords: ['payment', 'card', 'keypad', 'dtmf', 'pci'],
    body: 'Please enter your card number on your keypad now. I will not hear the digits.',
  },
  {
    id: 'resp-late-fee',
    title: 'Late fee waiver',
    category: 'Billing',
    keywords: ['fee', 'refund', 'waiver', 'invoice'],
    body: 'I can waive this late fee once as a goodwill gesture; it will show on your next statement.',
  },
  {
    id: 'resp-reschedule',
    title: 'Offer another time',
    category: 'Scheduling',
    keywords: ['reschedule', 'later', 'time', 'appointment'],
    body: 'If now is not convenient, I can schedule another call at a time that suits you.',
  },
  {
    id: 'resp-voicemail',
    title: 'Voicemail message',
    category: 'Scheduling',
    keywords: ['voicemail', 'answering machine', 'message'],
    body: 'Hello, this is Northwind Bank returning your call. We will try again later today.',
  },
  {
    id: 'resp-closing',
    title: 'Closing',
    category: 'Closing',
    keywords: ['goodbye', 'closing', 'thanks'],
    body: 'Thank you for your time today. Is there anything else I can help you with?',
  },
  {
    // Pasted from an e-mail by an editor: markup and line breaks must reach the agent as text.
    id: 'resp-pasted-markup',
    title: 'Pasted <b>apology</b> & "quotes"',
    category: 'Closing',
    keywords: ['apology', 'sorry', 'pasted'],
    body: 'We are sorry for the wait.\n<img src=x onerror="alert(1)"> <script>alert("response")</script>\n\n<a href="javascript:alert(1)">Rate us</a> & {{survey_link}}',
  },
];

export const DISPOSITION_TREE: readonly DispositionNode[] = [
  {
    code: 'folder:resolved',
    label: 'Resolved',
    children: [
      { code: 'RES-INFO', label: 'Information given' },
      { code: 'RES-PAYMENT', label: 'Payment taken' },
      { code: 'RES-APPOINTMENT', label: 'Appointment booked' },
    ],
  },
  {
    code: 'folder:follow-up',
    label: 'Follow-up needed',
    children: [
      { code: 'FU-CALLBACK', label: 'Callback requested' },
      { code: 'FU-ESCALATED', label: 'Escalated to a supervisor' },
      {
        code: 'folder:follow-up-documents',
        label: 'Documents',
        children: [
          { code: 'FU-DOCS-SENT', label: 'Documents sent by e-mail' },
          { code: 'FU-DOCS-AWAITED', label: 'Waiting for documents' },
        ],
      },
    ],
  },
  {
    code: 'folder:not-reached',
    label: 'Not reached',
    children: [
      { code: 'NR-NO-ANSWER', label: 'No answer' },
      { code: 'NR-BUSY', label: 'Busy' },
      { code: 'NR-VOICEMAIL', label: 'Left a voicemail' },
      { code: 'NR-WRONG-NUMBER', label: 'Wrong number' },
    ],
  },
  { code: 'OTHER', label: 'Other' },
];
