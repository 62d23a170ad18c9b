// Acme CRM's own customer records: what an existing CRM already holds before the desk arrives.
// The people are the simulated contact center's sample contacts, so a screen pop finds them; the
// numbers are written the way people type them into a CRM, not in the contact center's E.164.

export type ActivityKind = 'call' | 'email' | 'note';

export interface Activity {
  at: number;
  kind: ActivityKind;
  title: string;
  detail?: string;
  /** A call's outcome as the contact center's disposition: label and code. */
  disposition?: { code: string; label: string };
}

export interface CustomerCase {
  id: string;
  subject: string;
  status: string;
}

export interface Customer {
  id: string;
  name: string;
  phone: string;
  account: string;
  address: string;
  tier: 'Standard' | 'Silver' | 'Gold' | 'Platinum' | 'Business';
  cases: CustomerCase[];
  activities: Activity[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The sample data is dated relative to page load, so "3 days ago" stays true whenever it is opened. */
export function sampleCustomers(now = Date.now()): Customer[] {
  const ago = (ms: number) => now - ms;
  return [
    {
      id: 'ACME-10231',
      name: 'Margaret Chen',
      phone: '+44 20 7946 0123',
      account: 'GB29 NWBK 6016 1331 9268 19 · Personal current',
      address: '14 Hanover Terrace, London NW1 4RJ, United Kingdom',
      tier: 'Gold',
      cases: [
        { id: 'CS-7781', subject: 'Card declined abroad', status: 'Waiting for callback' },
        { id: 'CS-7702', subject: 'Travel notice for Japan', status: 'Open' },
      ],
      activities: [
        { at: ago(2 * HOUR), kind: 'note', title: 'IVR', detail: 'Asked for a callback from Cards › Lost, stolen or declined.' },
        { at: ago(3 * DAY), kind: 'email', title: 'Travel notice received', detail: 'Travelling to Tokyo and Osaka until the 28th.' },
        { at: ago(40 * DAY), kind: 'call', title: 'Inbound call', detail: 'Raised the contactless limit.', disposition: { code: 'RES-INFO', label: 'Information given' } },
      ],
    },
    {
      id: 'ACME-10388',
      name: 'José Álvarez García',
      phone: '+34 919 93 01 23',
      account: 'MTG-2291-0057 · Mortgage',
      address: 'Calle de Alcalá 120, 28009 Madrid, España',
      tier: 'Silver',
      cases: [{ id: 'CS-7790', subject: 'Pausa en el pago de la hipoteca', status: 'Open' }],
      activities: [
        { at: ago(1 * DAY), kind: 'email', title: 'Documentos recibidos', detail: 'Nómina de los últimos tres meses.' },
        { at: ago(9 * DAY), kind: 'note', title: 'Language', detail: 'Prefers Spanish on the phone.' },
      ],
    },
    {
      id: 'ACME-10412',
      name: 'Amelia Johnson',
      phone: '+1 (212) 555-0142',
      account: 'HOM-44812-US · Home insurance',
      address: '350 W 57th St, Apt 12B, New York, NY 10019, USA',
      tier: 'Platinum',
      cases: [
        { id: 'CS-7741', subject: 'Home insurance renewal quote', status: 'Callback booked' },
        { id: 'CMP-2026-0313', subject: 'Complaint follow-up', status: 'Open' },
      ],
      activities: [
        { at: ago(2 * DAY), kind: 'note', title: 'Callback booked in the mobile app', detail: 'Renewal due on the 30th.' },
        { at: ago(21 * DAY), kind: 'email', title: 'Renewal reminder sent' },
      ],
    },
    {
      id: 'ACME-10455',
      name: 'Lukas Becker',
      phone: '+49 30 23125456',
      account: 'DE89 3704 0044 0532 0130 00 · Girokonto',
      address: 'Torstraße 48, 10119 Berlin, Deutschland',
      tier: 'Standard',
      cases: [{ id: 'CS-7795', subject: 'Kündigung Girokonto', status: 'Open' }],
      activities: [{ at: ago(1 * DAY), kind: 'email', title: 'Web form', detail: 'Close my current account. After 17:00, please.' }],
    },
    {
      id: 'ACME-10502',
      name: 'Sophie Dubois',
      phone: '+33 1 99 00 12 34',
      account: 'FR76 3000 6000 0112 3456 7890 189 · Compte courant',
      address: '8 rue des Martyrs, 75009 Paris, France',
      tier: 'Gold',
      cases: [{ id: 'CS-7799', subject: 'Contester une opération (249,90 €)', status: 'Open' }],
      activities: [{ at: ago(5 * HOUR), kind: 'note', title: 'Card blocked', detail: 'Disputed payment at Boutique Lumière SARL.' }],
    },
    {
      id: 'ACME-10517',
      name: 'Liam Walker',
      phone: '+61 2 5550 1234',
      account: 'BSB 062-000 · Everyday account',
      address: '22 Campbell Parade, Bondi Beach NSW 2026, Australia',
      tier: 'Standard',
      cases: [{ id: 'CS-7803', subject: 'Lost card', status: 'Open' }],
      activities: [],
    },
    {
      id: 'ACME-10560',
      name: 'Priya Natarajan',
      phone: '+1 416 555 0123',
      account: 'BIZ-88120 · Business account',
      address: '100 King St W, Toronto, ON M5X 1A9, Canada',
      tier: 'Business',
      cases: [{ id: 'CS-7810', subject: 'Charged twice for October', status: 'Waiting for callback' }],
      activities: [
        { at: ago(4 * HOUR), kind: 'email', title: 'Web callback request', detail: 'I was charged twice for October. Please call me in the afternoon.' },
        { at: ago(31 * DAY), kind: 'call', title: 'Outbound call', detail: 'Explained the new invoice layout.', disposition: { code: 'RES-INFO', label: 'Information given' } },
      ],
    },
    {
      id: 'ACME-10577',
      name: 'Oliver Grant',
      phone: '+44 20 7946 0958',
      account: 'GB33 BUKB 2020 1555 5555 55 · Personal current',
      address: 'Flat 3, 27 Mill Lane, Bristol BS3 4DZ, United Kingdom',
      tier: 'Standard',
      cases: [{ id: 'CS-7815', subject: 'Raise my overdraft limit', status: 'Open' }],
      activities: [],
    },
    {
      id: 'ACME-10601',
      name: 'Noah Kim',
      phone: '+1 213 555 0199',
      account: 'CHK-55102 · Checking',
      address: '611 S Grand Ave, Los Angeles, CA 90017, USA',
      tier: 'Silver',
      cases: [{ id: 'CS-7821', subject: 'Fee waiver ($145.00)', status: 'Needs supervisor' }],
      activities: [{ at: ago(6 * DAY), kind: 'call', title: 'Inbound call', detail: 'Asked about the overdraft fee.', disposition: { code: 'FU-ESCALATED', label: 'Escalated to a supervisor' } }],
    },
    {
      id: 'ACME-10644',
      name: 'Inès Moreau',
      phone: '+61 2 5550 9876',
      account: 'TRV-88-1042 · Travel insurance',
      address: '41 Macleay Street, Potts Point NSW 2011, Australia',
      tier: 'Gold',
      cases: [{ id: 'TRV-88-1042', subject: 'Travel insurance claim', status: 'Open' }],
      activities: [],
    },
  ];
}

/** Digits only: the CRM writes "+44 20 7946 0123", the contact center sends "+442079460123". */
export function phoneKey(phone: string): string {
  return phone.replace(/\D/g, '');
}
