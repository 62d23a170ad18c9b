import { aTimeout, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/agent-status.js';
import '../../src/call-actions.js';
import '../../src/callback-notification.js';
import '../../src/callback-scheduler.js';
import '../../src/contact-directory.js';
import '../../src/disposition-picker.js';
import '../../src/dtmf-keypad.js';
import '../../src/interaction-note.js';
import type { AgentStatus } from '../../src/agent-status.js';
import type { ContactDirectory } from '../../src/contact-directory.js';
import { SAMPLE_TARGETS, SimulatedContactCenter, type SimulatedOperation } from '../../src/adapters/simulated/index.js';
import type { ScenarioName } from '../../src/adapters/simulated/scenarios.js';
import type { AdapterErrorCode } from '../../src/adapters/errors.js';
import { AdapterError } from '../../src/adapters/errors.js';
import { ManualClock } from '../../src/model/clock.js';
import type { HistoryKind, Interaction, TargetRef } from '../../src/model/interaction.js';
import { adapterErrorMessage } from '../../src/messages/messages.js';
import { contactErrorMessage } from '../../src/elements/shared/contact-messages.js';
import { clearNoteDraft } from '../../src/elements/interaction-note/note-drafts.js';
import { settled } from './wait.js';

/**
 * Shared by the fault and double-click tests: every agent action, each set up in the element that
 * owns it, on the simulated contact center (ManualClock, latency 0), with the one gesture that
 * performs it and what to look at afterwards.
 */

export interface Arranged {
  cc: SimulatedContactCenter;
  clock: ManualClock;
  el: HTMLElement;
  /** The interaction acted on, when there is one. */
  id: string | undefined;
}

export interface ActionCase {
  /** The agent's action, as the brief names it. */
  action: string;
  /** The adapter method it calls (the simulated center's fault name is the method name). */
  op: SimulatedOperation;
  /** The final gesture is a pick in a popup that closes with it (transfer, conference, consult). */
  panel?: boolean;
  arrange(): Promise<Arranged>;
  /** Brings the UI to the moment just before the final gesture (opens a panel, types, picks a slot). */
  prepare(a: Arranged): Promise<void>;
  /** The final gesture: one synchronous click (or pick) that performs the action. */
  gesture(a: Arranged): void;
  /** A second try after a failure, when it is not the same gesture. */
  retryGesture?(a: Arranged): void;
  /** The control that must be usable again after a failure. */
  control(a: Arranged): HTMLElement | null;
  /** Whether that control is in its busy (in-flight) state. */
  busy(a: Arranged): boolean;
  /** Where the element shows its error. */
  alert(a: Arranged): HTMLElement | null;
  /** The adapter-side state a failure must leave as it was. */
  snapshot(a: Arranged): unknown;
  /** What the agent sees of that state (which buttons, which state words). */
  ui(a: Arranged): unknown;
  /** How many times the action's outcome happened (history entries, state changes). */
  outcomes(a: Arranged): number;
  /** The message the agent must read for an adapter failure with `code`. */
  message(code: AdapterErrorCode): string;
}

// ---- shared set-ups ----

function center() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  return { clock, cc };
}

const touched = new Map<string, SimulatedContactCenter>();

/** Note drafts outlive the page (the agent's pending work is stored): a test leaves none behind. */
export function forgetDrafts(): void {
  for (const [id, cc] of touched) clearNoteDraft(id, undefined, cc);
  touched.clear();
}

/** An accepted interaction of `scenario` on a fresh center. */
async function accepted(scenario: ScenarioName = 'immediate') {
  const { clock, cc } = center();
  const offer = await cc.offer(scenario);
  const interaction = await cc.accept(offer.id);
  touched.set(interaction.id, cc);
  return { clock, cc, interaction };
}

const shadow = (el: HTMLElement) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => shadow(el).querySelector<T>(selector);
const historyCount = (cc: SimulatedContactCenter, id: string | undefined, ...kinds: HistoryKind[]) =>
  (id ? cc.getInteraction(id)?.history ?? [] : []).filter((h) => kinds.includes(h.kind)).length;
const interactionOf = (a: Arranged): Interaction => a.cc.getInteraction(a.id!)!;
const isAriaBusy = (node: Element | null) => node?.getAttribute('aria-busy') === 'true';

export const TARGETS = {
  ana: SAMPLE_TARGETS.find((t) => t.id === 'agent-ana-ruiz')!,
  ben: SAMPLE_TARGETS.find((t) => t.id === 'agent-ben-okafor')!,
};

// ---- <call-actions> ----

async function mountToolbar(cc: SimulatedContactCenter, clock: ManualClock, id: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(html`<call-actions
    interaction-id=${id}
    .adapter=${cc}
    .telephony=${cc}
    .directory=${cc}
    .clock=${clock}
  ></call-actions>`);
  await settled(el);
  return el;
}

export const toolbarButton = (el: HTMLElement, action: string) => q<HTMLButtonElement>(el, `[data-action="${action}"]`);

/** The toolbar's buttons with their enabled state: what the agent sees of the call. */
const toolbarUi = (a: Arranged) =>
  [...shadow(a.el).querySelectorAll<HTMLButtonElement>('[part~=button]')].map(
    (b) => `${b.dataset.action}${b.getAttribute('aria-disabled') === 'true' ? ':disabled' : ''}`,
  );

const callSnapshot = (a: Arranged) => {
  const i = interactionOf(a);
  return {
    state: i.state,
    consultation: i.consultation?.state ?? 'none',
    participants: (i.participants ?? []).map((p) => p.id),
    history: i.history.length,
    call: i.callId ? a.cc.getCall(i.callId)?.state : 'none',
  };
};

/** Chooses a target in the open panel's team communicator, as its `target-select` event would. */
function chooseTarget(el: HTMLElement, target: TargetRef): void {
  const communicator = q(el, '#panel team-communicator');
  if (!communicator) throw new Error('no team communicator open');
  communicator.dispatchEvent(
    new CustomEvent('target-select', { detail: { target, purpose: communicator.getAttribute('purpose') }, bubbles: true, composed: true }),
  );
}

interface ToolbarSpec {
  action: string;
  op: SimulatedOperation;
  scenario?: ScenarioName;
  /** Brings the interaction to the state the action needs. */
  before?: (cc: SimulatedContactCenter, clock: ManualClock, interaction: Interaction) => Promise<void>;
  /** Panel actions: the target chosen in the team communicator. */
  target?: TargetRef;
  outcome: HistoryKind[];
}

/** A consultation with Ben, answered (he answers after 5 s). */
async function consulting(cc: SimulatedContactCenter, clock: ManualClock, interaction: Interaction): Promise<void> {
  const started = cc.startConsultation(interaction.callId!, TARGETS.ben);
  await aTimeout(0);
  clock.advance(5_000);
  await started;
}

function toolbarCase(spec: ToolbarSpec): ActionCase {
  return {
    action: spec.action,
    op: spec.op,
    panel: !!spec.target,
    async arrange() {
      const { clock, cc, interaction } = await accepted(spec.scenario);
      await spec.before?.(cc, clock, interaction);
      const el = await mountToolbar(cc, clock, interaction.id);
      return { cc, clock, el, id: interaction.id };
    },
    async prepare(a) {
      if (!spec.target) return;
      const button = toolbarButton(a.el, spec.action)!;
      if (button.getAttribute('aria-expanded') !== 'true') button.click();
      await settled(a.el);
      await waitUntil(() => q(a.el, '#panel team-communicator'), 'team communicator open');
    },
    gesture(a) {
      if (spec.target) chooseTarget(a.el, spec.target);
      else toolbarButton(a.el, spec.action)!.click();
    },
    control: (a) => toolbarButton(a.el, spec.action),
    busy: (a) => isAriaBusy(toolbarButton(a.el, spec.action)),
    alert: (a) => q(a.el, '[part=error]'),
    snapshot: callSnapshot,
    ui: toolbarUi,
    outcomes: (a) => historyCount(a.cc, a.id, ...spec.outcome),
    message: adapterErrorMessage,
  };
}

const hangUp = async (cc: SimulatedContactCenter, _clock: ManualClock, i: Interaction) => {
  await cc.hangUp(i.callId!);
};

export const TOOLBAR_CASES: ActionCase[] = [
  toolbarCase({ action: 'call', op: 'dial', scenario: 'web-callback', outcome: ['dial'] }),
  toolbarCase({ action: 'end-call', op: 'hangUp', outcome: ['hang-up'] }),
  toolbarCase({ action: 'hold', op: 'hold', outcome: ['hold'] }),
  toolbarCase({ action: 'resume', op: 'resume', before: async (cc, _c, i) => void (await cc.hold(i.callId!)), outcome: ['resume'] }),
  toolbarCase({ action: 'transfer', op: 'blindTransfer', target: TARGETS.ana, outcome: ['transfer'] }),
  toolbarCase({ action: 'conference', op: 'conference', target: TARGETS.ana, outcome: ['conference'] }),
  toolbarCase({ action: 'consult', op: 'startConsultation', target: TARGETS.ben, outcome: ['consultation-started'] }),
  toolbarCase({ action: 'consult-transfer', op: 'completeTransfer', before: consulting, outcome: ['consultation-ended'] }),
  toolbarCase({ action: 'consult-conference', op: 'completeConference', before: consulting, outcome: ['consultation-ended'] }),
  toolbarCase({ action: 'consult-end', op: 'endConsultation', before: consulting, outcome: ['consultation-ended'] }),
  toolbarCase({ action: 'mark-done', op: 'markDone', before: hangUp, outcome: ['done'] }),
];

// ---- offers: <callback-notification> ----

function offerCase(action: 'accept' | 'reject'): ActionCase {
  const button = (a: Arranged) => q<HTMLButtonElement>(a.el, `button.${action}`);
  return {
    action,
    op: action,
    async arrange() {
      const { clock, cc } = center();
      const offer = await cc.offer('immediate');
      const el = await fixture<HTMLElement>(html`<callback-notification .adapter=${cc} .clock=${clock}></callback-notification>`);
      await settled(el);
      return { cc, clock, el, id: offer.id };
    },
    prepare: async () => undefined,
    gesture: (a) => button(a)!.click(),
    control: button,
    busy: (a) => isAriaBusy(button(a)),
    alert: (a) => q(a.el, '[part=error]'),
    snapshot: (a) => ({ state: interactionOf(a).state, history: interactionOf(a).history.length }),
    ui: (a) => ({ offered: (a.el as HTMLElement & { offer?: Interaction }).offer?.id ?? 'none', text: q(a.el, '.who')?.textContent }),
    outcomes: (a) =>
      action === 'accept'
        ? historyCount(a.cc, a.id, 'accepted')
        : a.cc.routingLog.filter((e) => e.interactionId === a.id && e.kind === 'back-to-routing').length,
    message: adapterErrorMessage,
  };
}

// ---- <dtmf-keypad> ----

const dtmfCase: ActionCase = {
  action: 'dtmf',
  op: 'sendDtmf',
  async arrange() {
    const { clock, cc, interaction } = await accepted();
    const el = await fixture<HTMLElement>(html`<dtmf-keypad
      interaction-id=${interaction.id}
      buffer="0"
      .adapter=${cc}
      .telephony=${cc}
      .clock=${clock}
    ></dtmf-keypad>`);
    await settled(el);
    return { cc, clock, el, id: interaction.id };
  },
  prepare: async () => undefined,
  gesture: (a) => q<HTMLButtonElement>(a.el, 'button[data-key="5"]')!.click(),
  control: (a) => q(a.el, 'button[data-key="5"]'),
  busy: (a) => (a.el as HTMLElement & { hasState(s: string): boolean }).hasState('sending'),
  alert: (a) => q(a.el, '[part=error]'),
  snapshot: (a) => ({ state: interactionOf(a).state, digits: a.cc.farEnd(interactionOf(a).callId!).digits }),
  ui: (a) => (q<HTMLButtonElement>(a.el, 'button[data-key="5"]')?.disabled ? 'keys disabled' : 'keys enabled'),
  outcomes: (a) => historyCount(a.cc, a.id, 'dtmf'),
  message: adapterErrorMessage,
};

// ---- <callback-scheduler> ----

const rescheduleCase: ActionCase = {
  action: 'reschedule',
  op: 'reschedule',
  async arrange() {
    const { clock, cc, interaction } = await accepted();
    const el = await fixture<HTMLElement>(html`<callback-scheduler
      lang="en-GB"
      time-zone="Europe/Madrid"
      interaction-id=${interaction.id}
      .adapter=${cc}
      .telephony=${cc}
      .clock=${clock}
    ></callback-scheduler>`);
    await settled(el);
    return { cc, clock, el, id: interaction.id };
  },
  async prepare(a) {
    await waitUntil(() => q(a.el, '[part=slots] input[type=radio]:not([disabled])'), 'free slots listed');
    q<HTMLInputElement>(a.el, '[part=slots] input[type=radio]:not([disabled])')!.click();
    await settled(a.el);
  },
  gesture: (a) => q<HTMLButtonElement>(a.el, 'button[type=submit]')!.click(),
  control: (a) => q(a.el, 'button[type=submit]'),
  busy: (a) => {
    const submit = q<HTMLButtonElement>(a.el, 'button[type=submit]');
    return !!submit && (submit.disabled || isAriaBusy(submit));
  },
  alert: (a) => q(a.el, '[part=error]'),
  snapshot: (a) => ({ state: interactionOf(a).state, desiredTime: interactionOf(a).desiredTime, history: interactionOf(a).history.length }),
  ui: () => 'scheduler',
  outcomes: (a) => historyCount(a.cc, a.id, 'rescheduled'),
  message: adapterErrorMessage,
};

// ---- <interaction-note> ----

const NOTE = 'Customer asked for a refund';
const noteCase: ActionCase = {
  action: 'note save',
  op: 'addNote',
  async arrange() {
    const { clock, cc, interaction } = await accepted();
    const el = await fixture<HTMLElement>(html`<interaction-note interaction-id=${interaction.id} .adapter=${cc} .clock=${clock}></interaction-note>`);
    await settled(el);
    return { cc, clock, el, id: interaction.id };
  },
  async prepare(a) {
    const field = q<HTMLTextAreaElement>(a.el, 'textarea')!;
    // After a failure the draft must still be there: only type it when it is not.
    if (field.value !== NOTE) {
      field.value = NOTE;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await settled(a.el);
  },
  gesture: (a) => q<HTMLButtonElement>(a.el, '[part=save-button]')!.click(),
  control: (a) => q(a.el, '[part=save-button]'),
  busy: (a) => isAriaBusy(q(a.el, 'textarea')),
  alert: (a) => q(a.el, '[part=error]'),
  snapshot: (a) => ({ state: interactionOf(a).state, notes: historyCount(a.cc, a.id, 'note') }),
  ui: (a) => q<HTMLTextAreaElement>(a.el, 'textarea')?.value,
  outcomes: (a) => historyCount(a.cc, a.id, 'note'),
  message: adapterErrorMessage,
};

// ---- <disposition-picker> ----

const firstRadio = (a: Arranged) => q<HTMLInputElement>(a.el, 'input[type=radio]');
const dispositionCase: ActionCase = {
  action: 'disposition set',
  op: 'setDisposition',
  async arrange() {
    const { clock, cc, interaction } = await accepted();
    const el = await fixture<HTMLElement>(html`<disposition-picker
      interaction-id=${interaction.id}
      mode="list"
      .adapter=${cc}
      .directory=${cc}
      .clock=${clock}
    ></disposition-picker>`);
    await settled(el);
    return { cc, clock, el, id: interaction.id };
  },
  async prepare(a) {
    await waitUntil(() => firstRadio(a), 'disposition codes listed');
  },
  gesture: (a) => firstRadio(a)!.click(),
  // After a failed store the picked code is kept and a Save button offers the retry.
  retryGesture: (a) => q<HTMLButtonElement>(a.el, '[part=save-button]')!.click(),
  control: (a) => firstRadio(a),
  busy: (a) => isAriaBusy(q(a.el, 'fieldset')),
  alert: (a) => q(a.el, '[part=error]'),
  snapshot: (a) => ({ state: interactionOf(a).state, disposition: interactionOf(a).disposition?.code ?? 'none' }),
  ui: (a) => q(a.el, '[part=current]')?.textContent?.trim(),
  outcomes: (a) => historyCount(a.cc, a.id, 'disposition'),
  message: adapterErrorMessage,
};

// ---- <agent-status> ----

const readyEvents = new WeakMap<SimulatedContactCenter, { count: number }>();
const voiceToggle = (a: Arranged) => shadow(a.el).querySelector<HTMLButtonElement>('[data-channel=voice] .toggle');
const agentReadyCase: ActionCase = {
  action: 'agent ready state',
  op: 'setReadyState',
  async arrange() {
    const { clock, cc } = center();
    await cc.setReadyState('voice', 'not-ready');
    const counter = { count: 0 };
    readyEvents.set(cc, counter);
    cc.onReadyState((channel, state) => {
      if (channel === 'voice' && state === 'ready') counter.count++;
    });
    const el = await fixture<AgentStatus>(html`<agent-status .adapter=${cc} .telephony=${cc} .clock=${clock}></agent-status>`);
    await settled(el);
    return { cc, clock, el, id: undefined };
  },
  prepare: async () => undefined,
  gesture: (a) => voiceToggle(a)!.click(),
  control: voiceToggle,
  busy: (a) => isAriaBusy(voiceToggle(a)),
  alert: (a) => shadow(a.el).querySelector('[data-channel=voice] [role=alert]'),
  snapshot: (a) => a.cc.getReadyState('voice'),
  ui: (a) => shadow(a.el).querySelector('[data-channel=voice] [part=state]')?.textContent?.replace(/\s+/g, ' ').trim(),
  outcomes: (a) => readyEvents.get(a.cc)!.count,
  message: adapterErrorMessage,
};

// ---- <contact-directory> ----

const savedContacts = new WeakMap<HTMLElement, { count: number }>();
const contactSaveCase: ActionCase = {
  action: 'contact save',
  op: 'updateContact',
  async arrange() {
    const { clock, cc, interaction } = await accepted();
    const el = await fixture<ContactDirectory>(html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    el.adapter = cc;
    el.directory = cc;
    el.clock = clock;
    const counter = { count: 0 };
    savedContacts.set(el, counter);
    el.addEventListener('contact-saved', () => counter.count++);
    await settled(el);
    return { cc, clock, el, id: interaction.id };
  },
  async prepare(a) {
    const el = a.el as ContactDirectory;
    if (!el.editing) await el.edit();
    await settled(el);
    const name = q<HTMLInputElement>(el, '#field-name')!;
    if (name.value !== 'Margaret Chen-Li') {
      name.value = 'Margaret Chen-Li';
      name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await settled(el);
  },
  gesture: (a) => q<HTMLButtonElement>(a.el, '[part=save-button]')!.click(),
  control: (a) => q(a.el, '[part=save-button]'),
  busy: (a) => q(a.el, '[part=save-button]')?.getAttribute('aria-disabled') === 'true',
  alert: (a) => q(a.el, '[part=error]'),
  snapshot: (a) => interactionOf(a).contact.name,
  ui: (a) => q<HTMLInputElement>(a.el, '#field-name')?.value ?? 'view',
  outcomes: (a) => savedContacts.get(a.el)!.count,
  message: contactErrorMessage,
};

/** Every action that reaches an adapter, in the brief's order. */
export const ACTION_CASES: ActionCase[] = [
  offerCase('accept'),
  offerCase('reject'),
  ...TOOLBAR_CASES,
  dtmfCase,
  rescheduleCase,
  noteCase,
  dispositionCase,
  agentReadyCase,
  contactSaveCase,
];

/** Counts calls of the adapter method `op` on `cc` (the element looks the method up at each call). */
export function spy(cc: SimulatedContactCenter, op: SimulatedOperation): { calls: number } {
  const counter = { calls: 0 };
  const target = cc as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = target[op]!.bind(cc);
  target[op] = (...args: unknown[]) => {
    counter.calls++;
    return original(...args);
  };
  return counter;
}

/**
 * The adapter method `op` never answers (a backend that took the request and went silent): the
 * promise only settles when the caller aborts its signal, as a real adapter's would.
 */
export function hang(cc: SimulatedContactCenter, op: SimulatedOperation): { calls: number; aborted: number } {
  const counter = { calls: 0, aborted: 0 };
  const target = cc as unknown as Record<string, (...args: unknown[]) => unknown>;
  target[op] = (...args: unknown[]) => {
    counter.calls++;
    const options = args.find((x): x is { signal?: AbortSignal } => typeof x === 'object' && x !== null && 'signal' in x);
    return new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => {
        counter.aborted++;
        reject(new AdapterError('aborted', 'The request was cancelled.'));
      });
    });
  };
  return counter;
}

export const isShown = (node: HTMLElement | null) => !!node && !node.hidden && !!node.textContent?.trim();
export const usable = (node: HTMLElement | null) =>
  !!node && node.isConnected && !(node as HTMLButtonElement).disabled && node.getAttribute('aria-disabled') !== 'true';
