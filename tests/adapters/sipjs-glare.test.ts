// Re-INVITE glare for the sip.js TelephonyAdapter against the tests' real Kamailio (tests/sip/): the
// agent's hold or resume and the far end's own hold or resume cross on the wire, both sides answer
// 491 Request Pending, and each retries after the wait RFC 3261 §14.1 gives it: 2.1–4 s for the
// side that owns the Call-ID (placed the call), 0–2 s for the other.
//
// The crossing is made certain, not left to timing: a WebSocket wrapper (Wire) sees every SIP
// message of the page (the agent's and the far end's sockets alike) and holds each side's
// re-INVITE until the other side's has been handed to its socket too, then writes both; each then
// reaches a side whose own re-INVITE is in progress, which sip.js answers 491. Every test asserts,
// from the wire, that both sides sent and received a 491, so none can pass without glare.
//
// The far end (a SipPeer) retries as the RFC says too, after a fixed wait inside its window (1 s as
// non-owner, 3 s as owner): the two windows never overlap, so the retries do not collide again. Its
// session description handler gets the rollback of a refused offer that sip.js 0.21's Web handler
// lacks (giveRollback), as a working phone has.
//
// The waits run on a hand-driven clock (GlareClock): the adapter's `clock` option, on which the far
// end's waits are scheduled too. Whenever every side that got a 491 is waiting and nothing is under
// way on the wire, the test runs time to the earliest wait; the messages themselves go through the
// real Kamailio in real time. The agent's wait is measured in clock time from the 491 arriving at
// its socket to its next createOffer() (and to the retry on the wire) and checked against its RFC
// window; in real time, the retry must follow the firing of the back-off at once. Whole file: about
// 16 s (31 s when the RFC's seconds were waited for real).
import { expect } from '@open-wc/testing';
import { RequestPendingError, type Inviter } from 'sip.js';
import { } from '../../src/adapters/errors.js';
import { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { ManualClock, type Clock } from '../../src/model/clock.js';
import { requireLoopbackOnly, type SipEnv } from '../helpers/sip-env.js';
import { SipCallFailed, SipPeer, type PeerSession } from '../helpers/sip-peer.js';
import { rejectionOf, sleep, waitFor } from '../helpers/wait.js';

/** RFC 3261 §14.1: how long a UAC waits before retrying a re-INVITE that got a 491, ms. */
const RFC_WAIT = { owner: { min: 2_100, max: 4_000 }, other: { min: 0, max: 2_000 } } as const;
/** The far end's retry wait: fixed, inside its RFC window, well clear of the agent's window. */
const FAR_WAIT = { owner: 3_000, other: 1_000 } as const;
/** Real time from the back-off firing to the retry's createOffer(): sip.js's promise hops (measured: 2–20 ms). */
const TIMER_SLACK_MS = 50;
/** The same plus the retry's offer (createOffer, setLocalDescription) until it is written (measured: 3–25 ms). */
const WIRE_SLACK_MS = 300;
/** The agent's request and ACK timeouts, longer than any back-off: its only shorter timer is the back-off. */
const REQUEST_TIMEOUT_MS = 5_000;

// --- time ----------------------------------------------------------------------------------------

interface ClockTimer {
  /** The delay asked for, ms of clock time. */
  ms: number;
  due: number;
  /** One of the far end's waits (scheduled by the test), not the agent's. */
  far: boolean;
}

/**
 * The agent's clock (the adapter's `clock` option), which also runs the far end's waits: a
 * ManualClock whose pending timers the test sees. The agent's only timer shorter than its request
 * timeout is its 491 back-off.
 */
class GlareClock implements Clock {
  readonly #manual = new ManualClock(0);
  readonly #pending = new Map<unknown, ClockTimer>();
  /** Each of the agent's back-offs as it fired: its delay and the real time (performance.now()). */
  readonly fired: Array<{ ms: number; real: number }> = [];

  now(): number {
    return this.#manual.now();
  }

  setTimeout(callback: () => void, ms: number): unknown {
    return this.#schedule(callback, ms, false);
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle);
    this.#manual.clearTimeout(handle);
  }

  /** A wait of the far end, in clock time. */
  farWait(ms: number): Promise<void> {
    return new Promise((resolve) => this.#schedule(resolve, ms, true));
  }

  /** The agent is in its back-off (or another of its waits shorter than a request timeout). */
  get agentWaiting(): boolean {
    return [...this.#pending.values()].some((t) => !t.far && t.ms < REQUEST_TIMEOUT_MS);
  }

  get farWaiting(): boolean {
    return [...this.#pending.values()].some((t) => t.far);
  }

  /** Runs time to the earliest wait (the agent's or the far end's), which fires. */
  runToNextWait(): void {
    const waits = [...this.#pending.values()].filter((t) => t.far || t.ms < REQUEST_TIMEOUT_MS);
    const next = Math.min(...waits.map((t) => t.due));
    if (!Number.isFinite(next)) throw new Error('no wait to run to');
    this.#manual.advance(next - this.now());
  }

  #schedule(callback: () => void, ms: number, far: boolean): unknown {
    const handle = this.#manual.setTimeout(() => {
      this.#pending.delete(handle);
      if (!far && ms < REQUEST_TIMEOUT_MS) this.fired.push({ ms, real: performance.now() });
      callback();
    }, ms);
    this.#pending.set(handle, { ms, due: this.now() + ms, far });
    return handle;
  }
}

/** Tracks whether a promise has settled (without handling its rejection for the caller). */
function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

// --- SIP text ------------------------------------------------------------------------------------

function head(message: string): string {
  const end = message.indexOf('\r\n\r\n');
  return end < 0 ? message : message.slice(0, end);
}

function header(message: string, name: string): string {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head(message))?.[1]?.trim() ?? '';
}

function statusOf(message: string): number | undefined {
  const match = /^SIP\/2\.0 (\d{3})/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function cseqOf(message: string): { seq: number; method: string } {
  const [seq = '0', method = ''] = header(message, 'CSeq').split(/\s+/);
  return { seq: Number(seq), method };
}

/** An INVITE inside the dialog `callId` (its To has a tag). */
function isReinvite(message: string, callId: string): boolean {
  return message.startsWith('INVITE ') && header(message, 'Call-ID') === callId && /;\s*tag=/i.test(header(message, 'To'));
}

/** The audio direction an SDP body states (RFC 3264; none stated means sendrecv). */
function sdpDirection(message: string): string | undefined {
  const start = message.indexOf('\r\n\r\n');
  if (start < 0 || !message.slice(start).includes('m=audio')) return undefined;
  const audio = message.slice(message.indexOf('m=audio', start)).split(/\r\nm=/)[0] ?? '';
  return /\r\na=(sendrecv|sendonly|recvonly|inactive)\r\n/.exec(audio)?.[1] ?? 'sendrecv';
}

// --- the wire ------------------------------------------------------------------------------------

interface WireMessage {
  socket: number;
  dir: 'out' | 'in';
  /** performance.now() when sip.js handed it to the WebSocket (out) or when it arrived (in). */
  at: number;
  /** The same moment in the agent's clock time. */
  clock: number;
  data: string;
}

/**
 * Every SIP message of the page, on every WebSocket opened after install(). `gate` may hold an
 * outgoing message: when it returns a promise, the message is written once that settles.
 */
class Wire {
  readonly messages: WireMessage[] = [];
  gate: ((socket: number, data: string) => Promise<void> | undefined) | undefined;
  readonly #original = globalThis.WebSocket;

  constructor(readonly clock: Clock) {}

  install(): void {
    const messages = this.messages;
    const clock = this.clock;
    const gate = (socket: number, data: string) => this.gate?.(socket, data);
    let sockets = 0;
    class WireSocket extends this.#original {
      readonly index = ++sockets;
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event: MessageEvent) => {
          if (typeof event.data === 'string') messages.push({ socket: this.index, dir: 'in', at: performance.now(), clock: clock.now(), data: event.data });
        });
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (typeof data !== 'string') {
          super.send(data);
          return;
        }
        const record: WireMessage = { socket: this.index, dir: 'out', at: performance.now(), clock: clock.now(), data };
        const held = gate(this.index, data);
        if (!held) {
          messages.push(record);
          super.send(data);
          return;
        }
        void held.then(() => {
          messages.push(record);
          super.send(data);
        });
      }
    }
    globalThis.WebSocket = WireSocket;
  }

  uninstall(): void {
    globalThis.WebSocket = this.#original;
  }

  /** The socket `user` registered on. */
  socketOf(user: string): number {
    const register = this.messages.find((m) => m.dir === 'out' && m.data.startsWith('REGISTER ') && header(m.data, 'From').includes(`sip:${user}@`));
    if (!register) throw new Error(`no REGISTER from ${user} on the wire`);
    return register.socket;
  }

  /** How many messages so far: pass it as `since` to look only at what came after. */
  mark(): number {
    return this.messages.length;
  }

  /** One side's re-INVITEs in dialog `callId`, each with its final response, in order. */
  attempts(
    socket: number,
    callId: string,
    since = 0,
  ): Array<{ seq: number; sentAt: number; sentClock: number; offer: string; status?: number; finalAt?: number; finalClock?: number; answer?: string }> {
    const mine = this.messages.slice(since).filter((m) => m.socket === socket && header(m.data, 'Call-ID') === callId);
    return mine
      .filter((m) => m.dir === 'out' && isReinvite(m.data, callId))
      .map((m) => {
        const seq = cseqOf(m.data).seq;
        const final = mine.find((r) => r.dir === 'in' && (statusOf(r.data) ?? 0) >= 200 && cseqOf(r.data).seq === seq && cseqOf(r.data).method === 'INVITE');
        return {
          seq,
          sentAt: m.at,
          sentClock: m.clock,
          offer: m.data,
          ...(final ? { status: statusOf(final.data), finalAt: final.at, finalClock: final.clock, answer: final.data } : {}),
        };
      });
  }

  /** The 491s a side wrote in dialog `callId`, as the CSeq numbers they answered. */
  sent491(socket: number, callId: string, since = 0): number[] {
    return this.messages
      .slice(since)
      .filter((m) => m.socket === socket && m.dir === 'out' && statusOf(m.data) === 491 && header(m.data, 'Call-ID') === callId)
      .map((m) => cseqOf(m.data).seq);
  }

  /**
   * True once every answered INVITE of dialog `callId` has its ACK at the other side. A side whose
   * re-INVITE server transaction still waits for its ACK cannot re-INVITE (sip.js throws "There is
   * an ongoing re-INVITE server transaction"), and the ACK leaves only after the sender's
   * hold()/resume() resolved.
   */
  acked(callId: string): boolean {
    const mine = this.messages.filter((m) => header(m.data, 'Call-ID') === callId);
    return mine
      .filter((m) => m.dir === 'in' && (statusOf(m.data) ?? 0) >= 200 && (statusOf(m.data) ?? 0) < 300 && cseqOf(m.data).method === 'INVITE')
      .every((ok) => mine.some((m) => m.dir === 'in' && m.socket !== ok.socket && m.data.startsWith('ACK ') && cseqOf(m.data).seq === cseqOf(ok.data).seq));
  }

  /** The SIP ladder of dialog `callId`, one line per message: for a failed test's log. */
  ladder(callId: string, names: Record<number, string>): string[] {
    const mine = this.messages.filter((m) => header(m.data, 'Call-ID') === callId);
    const t0 = mine[0]?.at ?? 0;
    return mine
      .map((m) => {
        const first = m.data.slice(0, m.data.indexOf('\r\n'));
        const sdp = sdpDirection(m.data);
        return `${String(Math.round(m.at - t0)).padStart(6)} ms ${names[m.socket] ?? m.socket} ${m.dir === 'out' ? '→' : '←'} ${first.replace(/ SIP\/2\.0$/, '')} (CSeq ${header(m.data, 'CSeq')})${sdp ? ` ${sdp}` : ''}`;
      });
  }

  /** The last offer/answer completed in dialog `callId` (either side's re-INVITE and its 200). */
  lastExchange(callId: string): { offer: string; answer: string } {
    const ok = this.messages.filter((m) => m.dir === 'in' && statusOf(m.data) === 200 && cseqOf(m.data).method === 'INVITE' && header(m.data, 'Call-ID') === callId).at(-1);
    if (!ok) throw new Error('no 200 to an INVITE on the wire');
    const seq = cseqOf(ok.data).seq;
    const offer = this.messages.find((m) => m.dir === 'out' && m.data.startsWith('INVITE ') && header(m.data, 'Call-ID') === callId && cseqOf(m.data).seq === seq && m.socket === ok.socket);
    if (!offer) throw new Error(`no INVITE for the 200 (CSeq ${seq})`);
    return { offer: offer.data, answer: ok.data };
  }
}

/**
 * Makes the next `pairs` re-INVITEs of the two sides cross: each is held at its socket until the
 * other side's is there too, then both are written. When the agent's comes and the far end has
 * none under way, `provoke` starts one (a far end that keeps causing glare).
 */
class Crossing {
  pairs = 0;
  readonly #held = new Map<number, () => void>();

  /** A re-INVITE is held at its socket, waiting for the other side's. */
  get holding(): boolean {
    return this.#held.size > 0;
  }

  constructor(
    readonly callId: string,
    readonly agentSocket: number,
    readonly farSocket: number,
    private remaining: number,
    readonly provoke?: () => void,
  ) {}

  readonly gate = (socket: number, data: string): Promise<void> | undefined => {
    if (this.remaining <= 0 || (socket !== this.agentSocket && socket !== this.farSocket) || !isReinvite(data, this.callId)) return undefined;
    if (this.#held.has(socket)) throw new Error(`two re-INVITEs from one side (socket ${socket}) at once`);
    const written = new Promise<void>((resolve) => this.#held.set(socket, resolve));
    if (this.#held.size === 2) {
      this.remaining -= 1;
      this.pairs += 1;
      const release = [...this.#held.values()];
      this.#held.clear();
      for (const write of release) write();
    } else if (socket === this.agentSocket) {
      this.provoke?.();
    }
    return written;
  };
}

// --- media ---------------------------------------------------------------------------------------

async function inboundBytes(pc: RTCPeerConnection | undefined): Promise<number> {
  let bytes = 0;
  if (!pc) return bytes;
  (await pc.getStats()).forEach((report: { type: string; bytesReceived?: number }) => {
    if (report.type === 'inbound-rtp') bytes += report.bytesReceived ?? 0;
  });
  return bytes;
}

/** True once inbound audio bytes grow by more than 200 within `timeoutMs`. */
async function receives(pc: RTCPeerConnection | undefined, timeoutMs = 3_000): Promise<boolean> {
  const start = await inboundBytes(pc);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    await sleep(100);
    if ((await inboundBytes(pc)) - start > 200) return true;
  }
  return false;
}

function currentDirection(pc: RTCPeerConnection | undefined): RTCRtpTransceiverDirection | null | undefined {
  return pc?.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.currentDirection;
}

/** When createOffer() is called, in real (performance.now()) and clock time. */
interface Offer {
  at: number;
  clock: number;
}

/** Records when createOffer() is called on `pc`: the moment sip.js starts a (re-)offer. */
function watchOffers(pc: RTCPeerConnection, clock: Clock): Offer[] {
  const calls: Offer[] = [];
  const original = pc.createOffer.bind(pc);
  pc.createOffer = ((options?: RTCOfferOptions) => {
    calls.push({ at: performance.now(), clock: clock.now() });
    return original(options);
  }) as RTCPeerConnection['createOffer'];
  return calls;
}

/**
 * sip.js 0.21's Web SessionDescriptionHandler has no `rollbackDescription()`: after a 491 (any
 * non-2xx) to a re-INVITE, the refused offer stays applied (`have-local-offer`); the next
 * re-INVITE of that side then fails at once ("Invalid signaling state have-local-offer"), and an
 * offer from the other side is applied as if it were the answer (the handler picks the SDP type
 * from the signaling state). sip.js calls `rollbackDescription()` when the handler has one: give
 * the far end's handler one, so that the far end behaves as a working phone.
 */
function giveRollback(far: PeerSession): void {
  const handler = far.session.sessionDescriptionHandler;
  if (!handler) throw new Error('the far end has no session description handler');
  handler.rollbackDescription = async () => {
    const pc = far.peerConnection;
    if (pc?.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
  };
}

/** The far end's hold/unhold, retried on 491 after `waitMs` of `clock` (as RFC 3261 §14.1 says); resolves with the attempts made. */
async function farReinvite(far: PeerSession, hold: boolean, waitMs: number, clock: GlareClock): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await (hold ? far.hold() : far.unhold());
      return attempt;
    } catch (error) {
      if (!(error instanceof SipCallFailed && error.statusCode === 491) || attempt >= 4) throw error;
      await clock.farWait(waitMs);
    }
  }
}

/**
 * The far end starts a hold re-INVITE now (for a Crossing's `provoke`); what it got (491, or
 * 'accepted') goes to `outcomes`. A hold still settling its last 491 is retried at once.
 */
function provokeHold(far: PeerSession, outcomes: unknown[]): void {
  void (async () => {
    for (;;) {
      try {
        await far.hold();
        outcomes.push('accepted');
        return;
      } catch (error) {
        if (error instanceof RequestPendingError) {
          await sleep(5);
          continue;
        }
        outcomes.push(error instanceof SipCallFailed ? error.statusCode : error);
        return;
      }
    }
  })();
}

const fmt = (ms: number) => `${Math.round(ms)} ms`;

describe('SipTelephonyAdapter: re-INVITE glare (491) against Kamailio', function () {
  this.timeout(30_000);

  let env: SipEnv;
  let clock: GlareClock;
  let wire: Wire;
  let adapter: SipTelephonyAdapter;
  let agentUser: string;
  let customer: SipPeer | undefined;
  let unhandled: unknown[] = [];
  let tests = 0;
  /** The call of the running test, for the ladder of a failed one. */
  let current: Connected | undefined;
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);

  before(async () => {
    env = await requireLoopbackOnly();
  });

  beforeEach(async () => {
    tests += 1;
    clock = new GlareClock();
    wire = new Wire(clock);
    wire.install();
    unhandled = [];
    globalThis.addEventListener('unhandledrejection', onUnhandled);
    agentUser = `agent-glare-${Date.now().toString(36)}-${tests}`;
    adapter = new SipTelephonyAdapter({ servers: [env.wsServer], aor: `sip:${agentUser}@${env.domain}`, requestTimeoutMs: REQUEST_TIMEOUT_MS, clock });
    await adapter.register();
    customer = await SipPeer.start({ user: `+120255503${String(tests).padStart(2, '0')}` });
  });

  afterEach(async function () {
    this.timeout(15_000);
    wire.gate = undefined;
    if (this.currentTest?.state === 'failed' && current) {
      console.log('[glare] SIP ladder of the failed test:');
      for (const line of wire.ladder(current.callId, { [current.agentSocket]: 'agent', [current.farSocket]: 'far  ' })) console.log(`[ladder] ${line}`);
    }
    current = undefined;
    globalThis.removeEventListener('unhandledrejection', onUnhandled);
    await adapter.dispose().catch(() => undefined);
    await SipPeer.stopAll([customer]);
    customer = undefined;
    wire.uninstall();
  });

  interface Connected {
    call: CallInfo;
    far: PeerSession;
    callId: string;
    agentSocket: number;
    farSocket: number;
    /** The agent placed the call: it owns the Call-ID. */
    agentOwns: boolean;
    pc: RTCPeerConnection;
  }

  /** An answered call between the agent and the customer, placed by either side. */
  async function connect(direction: 'inbound' | 'outbound'): Promise<Connected> {
    const peer = customer!;
    let call: CallInfo;
    let far: PeerSession;
    if (direction === 'inbound') {
      let stop = () => {};
      const ringing = new Promise<CallInfo>((resolve) => {
        stop = adapter.onCall((info) => {
          if (info.direction === 'inbound' && info.state === 'ringing') resolve(info);
        });
      });
      far = await peer.call(agentUser);
      call = await Promise.race([ringing, sleep(5_000).then(() => Promise.reject(new Error('no call rang on the agent')))]).finally(stop);
      await adapter.answer(call.id);
    } else {
      call = await adapter.dial({ number: peer.user });
      far = await peer.nextSession();
    }
    await far.established;
    giveRollback(far);
    await waitFor('the call connected', () => adapter.getCall(call.id)?.state === 'connected');
    const callId = far.direction === 'outgoing' ? (far.session as Inviter).request.callId : far.request!.callId;
    const pc = adapter.peerConnection(call.id);
    if (!pc) throw new Error('no peer connection on the agent');
    expect(await far.receivesMedia(), 'far end hears the agent before the glare').to.equal(true);
    expect(await receives(pc), 'agent hears the far end before the glare').to.equal(true);
    current = { call: adapter.getCall(call.id)!, far, callId, agentSocket: wire.socketOf(agentUser), farSocket: wire.socketOf(peer.user), agentOwns: direction === 'outbound', pc };
    return current;
  }

  /**
   * Runs the clock until the agent's operation (and the far end's, when it retries: `far`) settled:
   * whenever nothing is under way on the wire (each re-INVITE answered, each 2xx acknowledged, none
   * held at a Crossing) and every side whose last re-INVITE got a 491 is waiting, time runs to the
   * earliest wait. Between waits, only the real round trips take real time.
   */
  async function runClock(c: Connected, since: number, agent: Promise<unknown>, far?: Promise<unknown>, crossing?: Crossing): Promise<void> {
    const agentDone = settledFlag(agent);
    const farDone = far ? settledFlag(far) : () => true;
    const got491 = (socket: number) => wire.attempts(socket, c.callId, since).at(-1)?.status === 491;
    const ready = () => {
      const all = [...wire.attempts(c.agentSocket, c.callId, since), ...wire.attempts(c.farSocket, c.callId, since)];
      if (crossing?.holding || all.some((a) => a.status === undefined) || !wire.acked(c.callId)) return false;
      if (got491(c.agentSocket) && !agentDone() && !clock.agentWaiting) return false;
      if (got491(c.farSocket) && !farDone() && !clock.farWaiting) return false;
      return clock.agentWaiting || clock.farWaiting;
    };
    const done = () => agentDone() && farDone();
    while (!done()) {
      await waitFor('a side waiting, or both done', () => done() || ready(), { timeout: 20_000 });
      if (!done()) clock.runToNextWait();
    }
  }

  /**
   * Checks the glare happened (both sides sent and got a 491 for their first re-INVITE, then
   * succeeded) and measures the agent's wait before its retry, in clock time.
   */
  function checkGlare(c: Connected, offers: Offer[], since: number, tag: string): { wait: number; wireDelay: number } {
    const agent = wire.attempts(c.agentSocket, c.callId, since);
    const far = wire.attempts(c.farSocket, c.callId, since);
    expect(agent.map((a) => a.status), `${tag}: answers to the agent's re-INVITEs`).to.deep.equal([491, 200]);
    expect(far.map((a) => a.status), `${tag}: answers to the far end's re-INVITEs`).to.deep.equal([491, 200]);
    // Each 491 was written by the other side, to the first re-INVITE of each.
    expect(wire.sent491(c.farSocket, c.callId, since), `${tag}: 491s written by the far end`).to.deep.equal([agent[0]!.seq]);
    expect(wire.sent491(c.agentSocket, c.callId, since), `${tag}: 491s written by the agent`).to.deep.equal([far[0]!.seq]);
    // The re-INVITEs crossed: each was written before the other side's 491 arrived.
    expect(agent[0]!.sentAt, `${tag}: the agent's re-INVITE left before the far end's 491 came`).to.be.below(far[0]!.finalAt!);
    expect(far[0]!.sentAt, `${tag}: the far end's re-INVITE left before the agent's 491 came`).to.be.below(agent[0]!.finalAt!);
    // The agent's retry: from its 491 arriving to its new offer (createOffer) and to the wire, in clock time.
    const retryOffer = offers.find((o) => o.at > agent[0]!.finalAt!);
    expect(retryOffer, `${tag}: the agent made a new offer after its 491`).to.be.an('object');
    const wait = retryOffer!.clock - agent[0]!.finalClock!;
    const wireDelay = agent[1]!.sentClock - agent[0]!.finalClock!;
    const window = c.agentOwns ? RFC_WAIT.owner : RFC_WAIT.other;
    expect(wait, `${tag}: the agent's wait before retrying (${c.agentOwns ? 'owner' : 'not owner'} of the Call-ID), clock ms`)
      .to.be.at.least(window.min)
      .and.at.most(window.max);
    expect(wireDelay, `${tag}: 491 in → retry on the wire, clock ms`).to.be.at.least(window.min).and.at.most(window.max);
    // That wait was the agent's back-off on its clock, and the retry followed its firing at once.
    const fired = clock.fired.find((f) => f.real >= agent[0]!.finalAt!);
    expect(fired?.ms, `${tag}: the back-off that fired after the 491, clock ms`).to.be.closeTo(wait, 1e-6);
    expect(retryOffer!.at - fired!.real, `${tag}: back-off fired → createOffer(), real ms`).to.be.at.most(TIMER_SLACK_MS);
    expect(agent[1]!.sentAt - fired!.real, `${tag}: back-off fired → retry on the wire, real ms`).to.be.at.most(WIRE_SLACK_MS);
    return { wait, wireDelay };
  }

  for (const direction of ['inbound', 'outbound'] as const) {
    const owner = direction === 'outbound' ? 'the agent owns the Call-ID: retry after 2.1–4 s' : 'the far end owns the Call-ID: the agent retries after 0–2 s';
    const farWait = direction === 'outbound' ? FAR_WAIT.other : FAR_WAIT.owner;

    it(`glare on hold, ${direction} call (${owner}): both holds land, inactive both ways`, async () => {
      const c = await connect(direction);
      const offers = watchOffers(c.pc, clock);
      const since = wire.mark();
      const crossing = new Crossing(c.callId, c.agentSocket, c.farSocket, 1);
      wire.gate = crossing.gate;
      const [t0, c0] = [performance.now(), clock.now()];
      // Both re-INVITEs start in the same task.
      const agentHold = adapter.hold(c.call.id);
      const farHold = farReinvite(c.far, true, farWait, clock);
      const [held, farAttempts] = await Promise.all([agentHold, farHold, runClock(c, since, agentHold, farHold)]);
      const [took, tookClock] = [performance.now() - t0, clock.now() - c0];
      expect(crossing.pairs, 're-INVITE pairs crossed').to.equal(1);
      expect(farAttempts, "the far end's attempts").to.equal(2);
      const { wait, wireDelay } = checkGlare(c, offers, since, `hold/${direction}`);
      const agentAttempts = wire.attempts(c.agentSocket, c.callId, since);
      const handOff = agentAttempts[0]!.sentAt - t0;

      // The agent's hold resolved after its retry; the far end's own hold is seen.
      expect(held.state).to.equal('held');
      await waitFor('remoteHold on the adapter', () => adapter.getCall(c.call.id)?.remoteHold === true);
      expect(adapter.getCall(c.call.id)).to.include({ state: 'held', remoteHold: true });
      // Both hold: inactive on both sides, in the last offer/answer and in WebRTC.
      const last = wire.lastExchange(c.callId);
      expect([sdpDirection(last.offer), sdpDirection(last.answer)], 'last offer/answer').to.deep.equal(['inactive', 'inactive']);
      expect(currentDirection(c.pc), "agent's negotiated direction").to.equal('inactive');
      expect(c.far.remoteDirection(), "far end's negotiated direction").to.equal('inactive');
      // The far end is held by the agent: the agent's last SDP (its offer or its answer) holds it.
      const agentSdp = last.offer === agentAttempts.at(-1)!.offer ? last.offer : last.answer;
      expect(sdpDirection(agentSdp), "the agent's last SDP").to.be.oneOf(['sendonly', 'inactive']);
      await sleep(300);
      const [farBytes, agentBytes] = [await c.far.bytesReceived(), await inboundBytes(c.pc)];
      await sleep(600);
      expect(await c.far.bytesReceived(), 'far end receives nothing').to.equal(farBytes);
      expect(await inboundBytes(c.pc), 'agent receives nothing').to.equal(agentBytes);

      // The far end alone resumes: it is still held by the agent (recvonly), and no longer holds.
      await waitFor('the ACKs', () => wire.acked(c.callId));
      await c.far.unhold();
      expect(c.far.remoteDirection(), "far end's direction after its own resume").to.equal('recvonly');
      expect(c.far.isHeldByRemote(), 'far end held by the agent').to.equal(true);
      await waitFor('remoteHold cleared', () => adapter.getCall(c.call.id)?.remoteHold === false);
      expect(adapter.getCall(c.call.id)?.state).to.equal('held');
      expect(currentDirection(c.pc)).to.equal('sendonly');
      console.log(
        `[glare] hold/${direction}: agent ${c.agentOwns ? 'owns' : 'does not own'} the Call-ID; retry wait ${fmt(wait)} of clock (491 in → retry written ${fmt(wireDelay)}; first re-INVITE written ${fmt(handOff)} after hold()); both holds took ${fmt(tookClock)} of clock, ${fmt(took)} real`,
      );
      expect(unhandled, 'unhandled rejections').to.deep.equal([]);
    });

    it(`glare on resume, ${direction} call (${owner}): both resumes land, sendrecv and audio both ways`, async () => {
      const c = await connect(direction);
      // Both hold first (one after the other: no glare).
      await adapter.hold(c.call.id);
      await waitFor('the ACKs', () => wire.acked(c.callId));
      await c.far.hold();
      await waitFor('the ACKs', () => wire.acked(c.callId));
      await waitFor('remoteHold on the adapter', () => adapter.getCall(c.call.id)?.remoteHold === true);
      expect(currentDirection(c.pc)).to.equal('inactive');
      expect(c.far.remoteDirection()).to.equal('inactive');
      const offers = watchOffers(c.pc, clock);
      const since = wire.mark();
      const crossing = new Crossing(c.callId, c.agentSocket, c.farSocket, 1);
      wire.gate = crossing.gate;
      const [t0, c0] = [performance.now(), clock.now()];
      const agentResume = adapter.resume(c.call.id);
      const farResume = farReinvite(c.far, false, farWait, clock);
      const [resumed, farAttempts] = await Promise.all([agentResume, farResume, runClock(c, since, agentResume, farResume)]);
      const [took, tookClock] = [performance.now() - t0, clock.now() - c0];
      expect(crossing.pairs, 're-INVITE pairs crossed').to.equal(1);
      expect(farAttempts, "the far end's attempts").to.equal(2);
      const result = checkGlare(c, offers, since, `resume/${direction}`);

      expect(resumed.state).to.equal('connected');
      await waitFor('remoteHold cleared', () => adapter.getCall(c.call.id)?.remoteHold === false);
      expect(adapter.getCall(c.call.id)).to.include({ state: 'connected', remoteHold: false });
      const last = wire.lastExchange(c.callId);
      expect([sdpDirection(last.offer), sdpDirection(last.answer)], 'last offer/answer').to.deep.equal(['sendrecv', 'sendrecv']);
      expect(currentDirection(c.pc), "agent's negotiated direction").to.equal('sendrecv');
      expect(c.far.remoteDirection(), "far end's negotiated direction").to.equal('sendrecv');
      expect(c.far.isHeldByRemote(), 'far end held by the agent').to.equal(false);
      expect(await c.far.receivesMedia(), 'far end hears the agent').to.equal(true);
      expect(await receives(c.pc), 'agent hears the far end').to.equal(true);
      console.log(
        `[glare] resume/${direction}: agent ${c.agentOwns ? 'owns' : 'does not own'} the Call-ID; retry wait ${fmt(result.wait)} of clock (491 in → retry written ${fmt(result.wireDelay)}); both resumes took ${fmt(tookClock)} of clock, ${fmt(took)} real`,
      );
      expect(unhandled, 'unhandled rejections').to.deep.equal([]);
    });
  }

  it('a far end that causes glare on every retry: hold() rejects with conflict after 3 retries; the call stays up with audio both ways', async () => {
    const c = await connect('inbound');
    const offers = watchOffers(c.pc, clock);
    const farFailures: unknown[] = [];
    const since = wire.mark();
    const crossing = new Crossing(c.callId, c.agentSocket, c.farSocket, 4, () => provokeHold(c.far, farFailures));
    wire.gate = crossing.gate;
    const [t0, c0] = [performance.now(), clock.now()];
    const holding = adapter.hold(c.call.id);
    const [error] = await Promise.all([rejectionOf(holding), runClock(c, since, holding, undefined, crossing)]);
    const [took, tookClock] = [performance.now() - t0, clock.now() - c0];
    expect(error.code).to.equal('conflict');
    expect(error.retryable).to.equal(true);
    expect(crossing.pairs, 're-INVITE pairs crossed').to.equal(4);
    const agent = wire.attempts(c.agentSocket, c.callId);
    expect(agent.map((a) => a.status), "answers to the agent's re-INVITEs (1 + 3 retries)").to.deep.equal([491, 491, 491, 491]);
    expect(wire.sent491(c.farSocket, c.callId), '491s written by the far end').to.deep.equal(agent.map((a) => a.seq));
    expect(wire.sent491(c.agentSocket, c.callId).length, '491s written by the agent').to.equal(4);
    await waitFor("the far end's four 491s", () => farFailures.length === 4, { timeout: 2_000 });
    expect(farFailures).to.deep.equal([491, 491, 491, 491]);
    // Each retry waited 0–2 s (the agent does not own the Call-ID): 491 in → next createOffer().
    const retries = agent.slice(0, -1).map((a) => offers.find((o) => o.at > a.finalAt!)!);
    const waits = agent.slice(0, -1).map((a, i) => retries[i]!.clock - a.finalClock!);
    for (const w of waits) expect(w, 'wait before a retry (not the Call-ID owner), clock ms').to.be.at.least(RFC_WAIT.other.min).and.at.most(RFC_WAIT.other.max);
    agent.slice(1).forEach((a, i) => expect(a.sentClock - agent[i]!.finalClock!, '491 in → retry on the wire, clock ms').to.be.at.most(RFC_WAIT.other.max));
    // Each wait was a back-off on the agent's clock, and each retry followed its firing at once.
    expect(clock.fired.length, "the agent's back-offs").to.equal(waits.length);
    clock.fired.forEach((f, i) => {
      expect(f.ms, "the agent's back-off, clock ms").to.be.closeTo(waits[i]!, 1e-6);
      expect(retries[i]!.at - f.real, 'back-off fired → createOffer(), real ms').to.be.at.most(TIMER_SLACK_MS);
      expect(agent[i + 1]!.sentAt - f.real, 'back-off fired → retry on the wire, real ms').to.be.at.most(WIRE_SLACK_MS);
    });

    // The call is as it was: connected, nobody holding, audio both ways.
    wire.gate = undefined;
    expect(adapter.getCall(c.call.id)).to.include({ state: 'connected' });
    expect(adapter.getCall(c.call.id)?.remoteHold ?? false).to.equal(false);
    expect(c.far.state).to.equal('Established');
    expect(currentDirection(c.pc), "agent's negotiated direction").to.equal('sendrecv');
    expect(c.far.remoteDirection(), "far end's negotiated direction").to.equal('sendrecv');
    expect(await c.far.receivesMedia(), 'far end hears the agent').to.equal(true);
    expect(await receives(c.pc), 'agent hears the far end').to.equal(true);
    expect(wire.attempts(c.agentSocket, c.callId).length, 'no fifth attempt').to.equal(4);
    console.log(`[glare] conflict: hold() rejected after ${fmt(tookClock)} of clock, ${fmt(took)} real; waits before the 3 retries: ${waits.map(fmt).join(', ')} of clock`);
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });

  it('after a conflict, the call still works: the far end re-INVITEs and the agent answers as an active call; hold() then works', async () => {
    const c = await connect('inbound');
    const farOutcomes: unknown[] = [];
    const since = wire.mark();
    const crossing = new Crossing(c.callId, c.agentSocket, c.farSocket, 4, () => provokeHold(c.far, farOutcomes));
    wire.gate = crossing.gate;
    const holding = adapter.hold(c.call.id);
    const [error] = await Promise.all([rejectionOf(holding), runClock(c, since, holding, undefined, crossing)]);
    expect(error.code).to.equal('conflict');
    wire.gate = undefined;
    await waitFor("the far end's four 491s", () => farOutcomes.length === 4, { timeout: 2_000 });
    expect(adapter.getCall(c.call.id)?.state).to.equal('connected');

    // An ordinary re-INVITE from the far end (sendrecv: a refresh, or a codec change).
    await waitFor('the ACKs', () => wire.acked(c.callId));
    await c.far.unhold();
    await waitFor('the ACKs', () => wire.acked(c.callId));
    const last = wire.lastExchange(c.callId);
    expect(sdpDirection(last.offer), "the far end's offer").to.equal('sendrecv');
    expect(sdpDirection(last.answer), "the agent's answer to it (its call is connected)").to.equal('sendrecv');
    expect(c.far.isHeldByRemote(), 'far end held by the agent').to.equal(false);
    expect(await c.far.receivesMedia(), 'far end hears the agent').to.equal(true);

    // And the agent can hold now.
    const held = await adapter.hold(c.call.id);
    expect(held.state).to.equal('held');
    expect(c.far.isHeldByRemote(), 'far end held by the agent').to.equal(true);
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });
});
