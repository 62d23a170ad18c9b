// Acme CRM: the host page as it would exist without the callback desk. It knows nothing of the
// library; `screenPop` and `logCall` take plain shapes a callback interaction happens to fit.
// Everything a caller or a web form supplied is untrusted, so it only ever becomes text nodes.
import { phoneKey, sampleCustomers, type Activity, type Customer } from './crm-data.js';

/** What the CRM needs from a call to find and show the customer. */
export interface IncomingCall {
  id: string;
  channel: string;
  callbackType: string;
  contact: { name: string; phone: string };
  subject?: string;
}

type Selection =
  | { kind: 'customer'; id: string }
  | { kind: 'new-caller'; key: string; phone: string; name: string; reason: string }
  | undefined;

interface OpenCall {
  key: string;
  title: string;
  reason: string;
  at: number;
}

type Child = Node | string | false | null | undefined;

/** Builds an element from static tag and attribute names; children become text, never markup. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

const callTitle = (call: IncomingCall) => `${call.channel === 'web-callback' ? 'Web callback' : 'Voice callback'} (${call.callbackType})`;

export class AcmeCrm {
  readonly #customers: Customer[] = sampleCustomers();
  /** Calls to numbers without a record, kept until someone creates one. */
  readonly #unfiled = new Map<string, { phone: string; name: string; activities: Activity[] }>();
  readonly #open = new Map<string, OpenCall>();
  /** Entries logged since the page loaded, highlighted once. */
  readonly #fresh = new WeakSet<Activity>();
  readonly #format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
  readonly #formatTime = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeStyle: 'short' });
  #selection: Selection;
  #nextId = 20001;

  readonly #list: HTMLElement;
  readonly #record: HTMLElement;
  readonly #search: HTMLInputElement;
  readonly #toasts: HTMLElement;

  constructor(doc: Document) {
    this.#list = doc.getElementById('customer-list')!;
    this.#record = doc.getElementById('record')!;
    this.#search = doc.getElementById('customer-search') as HTMLInputElement;
    this.#toasts = doc.getElementById('toasts')!;
    this.#search.addEventListener('input', () => this.#renderList());
    this.render();
  }

  /** Opens the caller's record (found by number) or the new-caller view, and flags it as a screen pop. */
  screenPop(call: IncomingCall): void {
    const key = phoneKey(call.contact.phone);
    this.#open.set(call.id, { key, title: callTitle(call), reason: call.subject ?? '', at: Date.now() });
    const customer = this.#byKey(key);
    this.#selection = customer
      ? { kind: 'customer', id: customer.id }
      : { kind: 'new-caller', key, phone: call.contact.phone, name: call.contact.name, reason: call.subject ?? '' };
    // A filter typed earlier could hide the popped customer from the list.
    this.#search.value = '';
    this.render();
    // Scrolled into view but not focused: the agent may be typing in the desk.
    this.#record.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    this.#list.querySelector('[aria-current=true]')?.scrollIntoView({ block: 'nearest' });
  }

  /** Files a finished call in the customer's activity (or the number's, when it has no record yet). */
  logCall(call: IncomingCall, disposition: { code: string; label: string } | undefined, notes: readonly string[]): void {
    const key = phoneKey(call.contact.phone);
    this.#open.delete(call.id);
    const activity: Activity = {
      at: Date.now(),
      kind: 'call',
      title: callTitle(call) + (call.subject ? `: ${call.subject}` : ''),
      ...(notes.length ? { detail: notes.join('\n\n') } : {}),
      ...(disposition ? { disposition: { code: disposition.code, label: disposition.label } } : {}),
    };
    this.#fresh.add(activity);
    const customer = this.#byKey(key);
    if (customer) {
      customer.activities.unshift(activity);
    } else {
      const unfiled = this.#unfiled.get(key) ?? { phone: call.contact.phone, name: call.contact.name, activities: [] };
      unfiled.activities.unshift(activity);
      this.#unfiled.set(key, unfiled);
    }
    this.render();
    this.toast(`Call logged for ${customer?.name ?? call.contact.phone}.`);
  }

  toast(message: string): void {
    const item = h('p', { class: 'toast' }, message);
    this.#toasts.append(item);
    setTimeout(() => item.remove(), 6_000);
  }

  render(): void {
    this.#renderList();
    this.#renderRecord();
  }

  #byKey(key: string): Customer | undefined {
    return this.#customers.find((c) => phoneKey(c.phone) === key);
  }

  #onCall(key: string): OpenCall | undefined {
    return [...this.#open.values()].find((c) => c.key === key);
  }

  #renderList(): void {
    const query = this.#search.value.trim().toLowerCase();
    const digits = phoneKey(query);
    const matches = this.#customers.filter(
      (c) =>
        !query ||
        c.name.toLowerCase().includes(query) ||
        c.account.toLowerCase().includes(query) ||
        c.cases.some((k) => k.id.toLowerCase().includes(query)) ||
        (digits.length > 2 && phoneKey(c.phone).includes(digits)),
    );
    const selectedId = this.#selection?.kind === 'customer' ? this.#selection.id : undefined;
    this.#list.replaceChildren(
      ...matches.map((c) => {
        const button = h(
          'button',
          { type: 'button', class: 'customer' },
          h('span', { class: 'customer-name' }, c.name),
          h('span', { class: 'customer-meta' }, `${c.phone} · ${c.tier}`),
          this.#onCall(phoneKey(c.phone)) && h('span', { class: 'on-call' }, 'On a callback'),
        );
        if (c.id === selectedId) button.setAttribute('aria-current', 'true');
        button.addEventListener('click', () => {
          this.#selection = { kind: 'customer', id: c.id };
          this.render();
        });
        return h('li', {}, button);
      }),
    );
    if (!matches.length) this.#list.append(h('li', { class: 'empty' }, 'No customer matches.'));
  }

  #renderRecord(): void {
    const selection = this.#selection;
    const customer = selection?.kind === 'customer' ? this.#customers.find((c) => c.id === selection.id) : undefined;
    if (customer) this.#record.replaceChildren(this.#customerView(customer));
    else if (selection?.kind === 'new-caller') this.#record.replaceChildren(this.#newCallerView(selection));
    else
      this.#record.replaceChildren(
        h('div', { class: 'placeholder' }, h('h1', {}, 'Customers'), h('p', {}, 'Choose a customer, or accept a callback: its customer opens here.')),
      );
  }

  #screenPopFlag(key: string): HTMLElement | undefined {
    const call = this.#onCall(key);
    if (!call) return undefined;
    return h(
      'p',
      { class: 'screen-pop-flag' },
      h('strong', {}, 'Screen pop'),
      ` · ${call.title} accepted at ${this.#formatTime.format(call.at)}`,
      call.reason && ` · ${call.reason}`,
    );
  }

  #customerView(c: Customer): HTMLElement {
    const flag = this.#screenPopFlag(phoneKey(c.phone));
    const field = (label: string, value: string) => [h('dt', {}, label), h('dd', {}, value)];
    return h(
      'article',
      { class: `record-card${flag ? ' screen-pop' : ''}`, 'aria-labelledby': 'record-name', 'data-customer-id': c.id },
      flag,
      h('header', { class: 'record-head' }, h('h1', { id: 'record-name' }, c.name), h('span', { class: `tier tier-${c.tier.toLowerCase()}` }, c.tier)),
      h(
        'dl',
        { class: 'fields' },
        ...field('Customer ID', c.id),
        ...field('Phone', c.phone),
        ...field('Account', c.account),
        ...field('Address', c.address),
        ...field('Tier', c.tier),
      ),
      h(
        'section',
        { class: 'cases', 'aria-labelledby': 'cases-title' },
        h('h2', { id: 'cases-title' }, `Open cases (${c.cases.length})`),
        c.cases.length
          ? h('ul', {}, ...c.cases.map((k) => h('li', {}, h('span', { class: 'case-id' }, k.id), ` ${k.subject} `, h('span', { class: 'case-status' }, k.status))))
          : h('p', {}, 'No open case.'),
      ),
      this.#activityView(c.activities, 'Activity'),
    );
  }

  #newCallerView(caller: { key: string; phone: string; name: string; reason: string }): HTMLElement {
    const create = h('button', { type: 'button', class: 'primary' }, 'Create customer record');
    create.addEventListener('click', () => this.#createRecord(caller));
    const flag = this.#screenPopFlag(caller.key);
    return h(
      'article',
      { class: `record-card new-caller${flag ? ' screen-pop' : ''}`, 'aria-labelledby': 'record-name' },
      flag,
      h('header', { class: 'record-head' }, h('h1', { id: 'record-name' }, `New caller: ${caller.phone}`)),
      h('p', {}, 'No customer record has this number.'),
      h(
        'dl',
        { class: 'fields' },
        h('dt', {}, 'Name given'),
        h('dd', { class: 'given-name' }, caller.name || 'Not given'),
        caller.reason && h('dt', {}, 'Reason'),
        caller.reason && h('dd', {}, caller.reason),
      ),
      create,
      this.#activityView(this.#unfiled.get(caller.key)?.activities ?? [], 'Activity for this number'),
    );
  }

  #createRecord(caller: { key: string; phone: string; name: string }): void {
    const customer: Customer = {
      id: `ACME-${this.#nextId++}`,
      name: caller.name.trim() || 'Unknown caller',
      phone: caller.phone,
      account: 'None yet',
      address: 'Not recorded',
      tier: 'Standard',
      cases: [],
      activities: this.#unfiled.get(caller.key)?.activities ?? [],
    };
    this.#unfiled.delete(caller.key);
    this.#customers.unshift(customer);
    this.#selection = { kind: 'customer', id: customer.id };
    this.render();
    this.toast(`Customer record ${customer.id} created.`);
  }

  #activityView(activities: readonly Activity[], title: string): HTMLElement {
    const kinds = { call: 'Call', email: 'E-mail', note: 'Note' } as const;
    return h(
      'section',
      { class: 'activity', 'aria-labelledby': 'activity-title' },
      h('h2', { id: 'activity-title' }, title),
      activities.length
        ? h(
            'ol',
            { class: 'activity-list' },
            ...activities.map((a) =>
              h(
                'li',
                { class: `activity-item kind-${a.kind}${this.#fresh.has(a) ? ' fresh' : ''}`, 'data-kind': a.kind },
                h('span', { class: 'activity-kind' }, kinds[a.kind]),
                h(
                  'div',
                  { class: 'activity-body' },
                  h('p', { class: 'activity-title' }, a.title),
                  a.disposition && h('p', { class: 'activity-disposition' }, `Disposition: ${a.disposition.label} (${a.disposition.code})`),
                  a.detail && h('p', { class: 'activity-detail' }, a.detail),
                ),
                h('time', { datetime: new Date(a.at).toISOString() }, this.#format.format(a.at)),
              ),
            ),
          )
        : h('p', {}, 'Nothing yet.'),
    );
  }
}
