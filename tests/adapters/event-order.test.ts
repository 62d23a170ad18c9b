import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { AgentReadyState, CallbackAdapter, CallbackCapabilities } from '../../src/adapters/callback-adapter.js';
import { Emitter } from '../../src/adapters/emitter.js';
import { AdapterError, type Unsubscribe } from '../../src/adapters/errors.js';
import type { CallInfo, RegistrationStatus, TelephonyAdapter, TelephonyCapabilities } from '../../src/adapters/telephony-adapter.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Channel, Interaction } from '../../src/model/interaction.js';
import { isClosed, transition } from '../../src/model/state-machine.js';
import { makeInteraction } from '../helpers/fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';
import { recordUncaught } from '../helpers/events.js';

/**
 * A backend that misbehaves the way real ones do: it sends the same offer twice, replays an old
 * event after a newer one (a reconnecting WebSocket, a retried webhook), reports calls and
 * interactions nobody asked about. The desk must not change for any of it.
 *
 * The interaction model carries no version or sequence number, so "older" can only be told from
 * the state machine: once accepted, an interaction never goes back to being offered, rejected,
 * expired or revoked, and once closed it never opens again. Anything else arrives in order.
 */
class UnreliableCallbackService implements CallbackAdapter {
  readonly callbackCapabilities: CallbackCapabilities = { reschedule: false, availability: false, duplicateLookup: false };
  readonly #offers = new Emitter<[Interaction]>();
  readonly #changes = new Emitter<[Interaction]>();
  readonly #ready = new Emitter<[Channel, AgentReadyState]>();
  readonly #items = new Map<string, Interaction>();
  constructor(readonly clock: ManualClock) {}

  // ---- what the backend does ----
  offer(interaction: Interaction): void {
    this.#items.set(interaction.id, interaction);
    this.#offers.emit(interaction);
    this.#changes.emit(interaction);
  }

  /** Stores and publishes a change made elsewhere (another desk, the supervisor). */
  publish(interaction: Interaction): void {
    this.#commit(interaction);
  }

  /** Sends an event again as it was, without changing what the backend knows now. */
  replayOffer(interaction: Interaction): void {
    this.#offers.emit(interaction);
  }

  replayChange(interaction: Interaction): void {
    this.#changes.emit(interaction);
  }

  #commit(next: Interaction): Interaction {
    this.#items.set(next.id, next);
    this.#changes.emit(next);
    return next;
  }

  #require(id: string): Interaction {
    const found = this.#items.get(id);
    if (!found) throw new AdapterError('not-found', `No interaction "${id}".`);
    return found;
  }

  // ---- CallbackAdapter ----
  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#offers.on(listener);
  }
  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#changes.on(listener);
  }
  getInteraction(id: string): Interaction | undefined {
    return this.#items.get(id);
  }
  listInteractions(): Interaction[] {
    return [...this.#items.values()].filter((i) => !isClosed(i.state));
  }
  async accept(id: string): Promise<Interaction> {
    await Promise.resolve();
    return this.#commit(transition(this.#require(id), { type: 'accept' }, this.clock.now()));
  }
  async reject(id: string): Promise<Interaction> {
    await Promise.resolve();
    return this.#commit(transition(this.#require(id), { type: 'reject' }, this.clock.now()));
  }
  async addNote(id: string, text: string): Promise<Interaction> {
    await Promise.resolve();
    return this.#commit(transition(this.#require(id), { type: 'note', text }, this.clock.now()));
  }
  reschedule(): Promise<Interaction> {
    return Promise.reject(new AdapterError('not-supported', 'No reschedule here.'));
  }
  availability(): Promise<never[]> {
    return Promise.reject(new AdapterError('not-supported', 'No availability here.'));
  }
  setDisposition(): Promise<Interaction> {
    return Promise.reject(new AdapterError('not-supported', 'No dispositions here.'));
  }
  markDone(): Promise<Interaction> {
    return Promise.reject(new AdapterError('not-supported', 'Not here.'));
  }
  findOpenByNumber(): Promise<Interaction[]> {
    return Promise.resolve([]);
  }
  getReadyState(): AgentReadyState {
    return 'ready';
  }
  setReadyState(): Promise<void> {
    return Promise.resolve();
  }
  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#ready.on(listener);
  }
}

/** A phone that only reports calls (it is never asked to do anything in these tests). */
class ChattyPhone implements TelephonyAdapter {
  readonly telephonyCapabilities: TelephonyCapabilities = {
    dial: false, hold: true, dtmf: false, blindTransfer: false, conference: false, consultation: false,
  };
  readonly #calls = new Emitter<[CallInfo]>();
  readonly #known = new Map<string, CallInfo>();
  report(call: CallInfo, known = true): void {
    if (known) this.#known.set(call.id, call);
    this.#calls.emit(call);
  }
  status(): RegistrationStatus {
    return 'registered';
  }
  onStatus(): Unsubscribe {
    return () => undefined;
  }
  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#calls.on(listener);
  }
  getCall(id: string): CallInfo | undefined {
    return this.#known.get(id);
  }
  register = () => Promise.resolve();
  unregister = () => Promise.resolve();
  #refuse = (): Promise<never> => Promise.reject(new AdapterError('not-supported', 'This phone only reports.'));
  answer = this.#refuse;
  decline = this.#refuse;
  dial = this.#refuse;
  hangUp = this.#refuse;
  hold = this.#refuse;
  resume = this.#refuse;
  sendDtmf = this.#refuse;
  blindTransfer = this.#refuse;
  conference = this.#refuse;
  startConsultation = this.#refuse;
  completeTransfer = this.#refuse;
  completeConference = this.#refuse;
  endConsultation = this.#refuse;
}

async function setup() {
  const clock = new ManualClock();
  const service = new UnreliableCallbackService(clock);
  const phone = new ChattyPhone();
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    .callbackAdapter=${service}
    .telephonyAdapter=${phone}
    .clock=${clock}
  ></callback-desk>`);
  const rings: string[] = [];
  desk.addEventListener('callback-ring', (e) => rings.push(e.detail.interaction.id));
  const { errors, stop } = recordUncaught();
  return { clock, service, phone, desk, rings, errors, stop };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const deskRoot = (s: Setup) => s.desk.shadowRoot!;
const notification = (s: Setup) => deskRoot(s).querySelector('callback-notification')!;
const shownOffer = (s: Setup) => (notification(s) as HTMLElement & { offer?: Interaction }).offer?.id ?? 'none';
const windows = (s: Setup) => [...deskRoot(s).querySelectorAll<HTMLElement>('[part=window]')].map((w) => w.id);

const offerOf = (id: string, clock: ManualClock, channel: Interaction['channel'] = 'voice') =>
  makeInteraction({
    id,
    channel,
    offer: { offeredAt: clock.now(), expiresAt: clock.now() + 30_000, canReject: true },
    contact: { name: `Caller ${id}`, phone: '+34 912 345 678' },
  });

async function acceptShown(s: Setup) {
  await waitUntil(() => notification(s).shadowRoot!.querySelector('button.accept'), 'offer shown');
  notification(s).shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
  await settled(s.desk);
}

describe('duplicate and out-of-order adapter events', () => {
  it('the same offer twice → one notification, one ring, one offer in the queue', async () => {
    const s = await setup();
    const offer = offerOf('cb-1', s.clock);
    s.service.offer(offer);
    s.service.replayOffer(offer);
    s.service.replayChange(offer);
    await settled(s.desk);
    expect(s.rings).to.deep.equal(['cb-1']);
    expect(shownOffer(s)).to.equal('cb-1');
    await acceptShown(s);
    // Nothing else waits behind it: the duplicate was not queued.
    expect(shownOffer(s)).to.equal('none');
    expect(windows(s)).to.deep.equal(['window-cb-1']);
    expect(s.errors).to.deep.equal([]);
    s.stop();
  });

  it('the same offer again after it was accepted → not offered again', async () => {
    const s = await setup();
    const offer = offerOf('cb-1', s.clock);
    s.service.offer(offer);
    await settled(s.desk);
    await acceptShown(s);
    s.service.replayOffer(offer);
    s.service.replayChange(offer);
    await settled(s.desk);
    expect(shownOffer(s)).to.equal('none');
    expect(s.rings).to.deep.equal(['cb-1']);
    expect(windows(s)).to.deep.equal(['window-cb-1']);
    s.stop();
  });

  for (const late of ['revoked', 'expired', 'rejected'] as const) {
    it(`a "${late}" arriving after the accept → the accepted interaction stays`, async () => {
      const s = await setup();
      const offer = offerOf('cb-1', s.clock);
      s.service.offer(offer);
      await settled(s.desk);
      await acceptShown(s);
      expect(windows(s)).to.deep.equal(['window-cb-1']);
      s.service.replayChange({ ...offer, state: late });
      await settled(s.desk);
      expect(windows(s), 'window kept').to.deep.equal(['window-cb-1']);
      const status = deskRoot(s).querySelector('interaction-window')!.shadowRoot!.querySelector('call-status')!.shadowRoot!;
      expect(status.textContent).to.include('Connected');
      // No "withdrawn" or "went back to routing" notice for an offer the agent holds.
      expect(notification(s).shadowRoot!.textContent!.trim()).to.equal('');
      expect(s.service.getInteraction('cb-1')!.state).to.equal('connected');
      // The next real change still shows.
      await s.service.addNote('cb-1', 'still here');
      await settled(s.desk);
      expect(windows(s)).to.deep.equal(['window-cb-1']);
      s.stop();
    });
  }

  it('a stale "offered" after a newer state → ignored; a closed interaction does not come back', async () => {
    const s = await setup();
    const a = offerOf('cb-1', s.clock);
    const b = offerOf('cb-2', s.clock);
    s.service.offer(a);
    s.service.offer(b);
    await settled(s.desk);
    await acceptShown(s); // cb-1
    await acceptShown(s); // cb-2
    expect(windows(s)).to.deep.equal(['window-cb-1', 'window-cb-2']);
    // A replay of the first offer event, long after it was accepted.
    s.service.replayChange(a);
    await settled(s.desk);
    expect(shownOffer(s), 'the old offer is not shown again').to.equal('none');
    expect(windows(s)).to.deep.equal(['window-cb-1', 'window-cb-2']);
    const done = { ...s.service.getInteraction('cb-2')!, state: 'done' as const };
    s.service.publish(done);
    await settled(s.desk);
    expect(windows(s)).to.deep.equal(['window-cb-1']);
    s.service.replayChange({ ...done, state: 'connected' });
    await settled(s.desk);
    expect(windows(s), 'a done interaction does not reopen').to.deep.equal(['window-cb-1']);
    s.stop();
  });

  it('a call event for an unknown call id → nothing changes, nothing thrown', async () => {
    const s = await setup();
    s.service.offer(offerOf('cb-1', s.clock));
    await settled(s.desk);
    await acceptShown(s);
    const before = deskRoot(s).querySelector('interaction-window')!.shadowRoot!.textContent;
    for (const state of ['ringing', 'connected', 'held', 'ended'] as const) {
      s.phone.report({ id: 'call-nobody-knows', direction: 'inbound', state, remote: '+15550000000' }, false);
      s.phone.report({ id: 'call-other', direction: 'outbound', state, remote: '+15550000001', interactionId: 'cb-404' }, false);
    }
    await settled(s.desk);
    expect(deskRoot(s).querySelector('interaction-window')!.shadowRoot!.textContent).to.equal(before);
    expect(windows(s)).to.deep.equal(['window-cb-1']);
    expect(shownOffer(s)).to.equal('none');
    expect(s.errors).to.deep.equal([]);
    s.stop();
  });

  it('an interaction event for an id the service does not know → ignored', async () => {
    const s = await setup();
    for (const state of ['connected', 'held', 'ready-to-call', 'offered', 'revoked'] as const) {
      s.service.replayChange(makeInteraction({ id: `cb-ghost-${state}`, state }));
      await settled(s.desk);
      expect(windows(s), state).to.deep.equal([]);
      expect(shownOffer(s), state).to.equal('none');
    }
    expect(deskRoot(s).textContent).to.include('No interaction in progress');
    expect(s.errors).to.deep.equal([]);
    s.stop();
  });
});
