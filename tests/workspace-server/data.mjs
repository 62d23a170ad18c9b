// What the contract server's configuration and directories hold: reason codes, the disposition
// business attribute, targets, standard responses and UCS contacts. Plain data, copied per server.

/** Numbers whose far end behaves one way (everything else that is a valid number answers). */
export const NUMBERS = Object.freeze({
  answers: '+442079460100',
  busy: '+442079460486',
  noAnswer: '+442079460408',
  /** Refused by the switch as a destination (a premium-rate number). */
  invalid: '+19005550100',
});

/** Internal DNs of simulated agents: one answers a consultation, one declines it. */
export const AGENT_DNS = Object.freeze({ answers: '7001', declines: '7002' });

export const RING_MS = Object.freeze({ answer: 1000, busy: 500, noAnswer: 4000, decline: 800 });

export function configuration() {
  return {
    actionCodes: [
      { name: 'Lunch', code: '100', type: 'NotReady', userProperties: [] },
      { name: 'Training', code: '110', type: 'NotReady', userProperties: [] },
      { name: 'Callback follow-up', code: '120', type: 'NotReady', userProperties: [] },
    ],
    businessAttributes: [
      {
        name: 'DispositionCode',
        displayName: 'Disposition code',
        description: 'Outcome of the interaction',
        values: [
          { name: 'resolved', displayName: 'Resolved', description: 'Resolved', default: false },
          { name: 'no-answer', displayName: 'No answer', description: 'No answer', default: false },
          { name: 'follow-up', displayName: 'Follow-up needed', description: 'Follow-up needed', default: false },
          { name: 'wrong-number', displayName: 'Wrong number', description: 'Wrong number', default: false },
        ],
        userProperties: [],
      },
    ],
    transactions: [],
  };
}

export function targets() {
  return [
    { DBID: 1001, name: 'Ana Ruiz', type: 'agent', firstName: 'Ana', lastName: 'Ruiz', employeeId: 'ana', userName: 'ana', number: AGENT_DNS.answers, switchName: 'SIP_Switch', availability: { channels: [{ name: 'voice', available: true, activity: 'Idle', userState: { state: 'Ready' } }] } },
    { DBID: 1002, name: 'Bruno Keller', type: 'agent', firstName: 'Bruno', lastName: 'Keller', employeeId: 'bruno', userName: 'bruno', number: AGENT_DNS.declines, switchName: 'SIP_Switch', availability: { channels: [{ name: 'voice', available: false, activity: 'Idle', userState: { state: 'NotReady' } }] } },
    { DBID: 1003, name: 'Chen Li', type: 'agent', firstName: 'Chen', lastName: 'Li', employeeId: 'chen', userName: 'chen', number: '7003', switchName: 'SIP_Switch', availability: { channels: [{ name: 'voice', available: false, activity: 'OnCall', userState: { state: 'Ready' } }] } },
    { DBID: 2001, name: 'Billing queue', type: 'acd-queue', number: '8100', switchName: 'SIP_Switch', availability: { waitingCalls: 3 } },
    { DBID: 2002, name: 'Billing routing point', type: 'route-point', number: '8200', switchName: 'SIP_Switch', availability: { waitingCalls: 0 } },
    { DBID: 3001, name: 'Billing agents', type: 'agent-group', availability: { readyAgents: 1 } },
  ];
}

export function standardResponses() {
  return [
    { id: 'SR-1', name: 'Callback confirmation', categoryName: 'Callbacks', keywords: 'callback,confirm', text: 'We will call you back at the time you chose.' },
    { id: 'SR-2', name: 'Payment options', categoryName: 'Billing', keywords: 'pay,card,invoice', text: 'You can pay by card, bank transfer or direct debit.' },
    { id: 'SR-3', name: 'Opening hours', categoryName: 'General', keywords: 'hours,open', text: 'We are open Monday to Friday, 08:00 to 18:00.' },
  ];
}

export function contacts() {
  return [
    {
      id: 'C-1',
      attributes: { FirstName: 'Margaret', LastName: 'Chen', PhoneNumber: '+442079460123', EmailAddress: 'margaret.chen@example.com' },
      history: [
        { id: 'IXN-1', mediaType: 'voice', subject: 'Invoice 42', startDate: '2026-11-20T10:00:00.000Z', status: 'Done', comment: 'Promised a credit note' },
      ],
    },
  ];
}
