import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { SipTelephonyAdapter } from '../../src/adapters/sipjs/index.js';
import type { SipTelephonyOptions } from '../../src/adapters/sipjs/index.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { SipPeer, type PeerSession } from '../helpers/sip-peer.js';
import type { FarEnd, TelephonyHarness } from './contract/harness.js';
import { sleep } from '../helpers/wait.js';

/** The people at the far ends: real sip.js phones registered on the tests' Kamailio. */
export const PEOPLE = {
  customer: { user: '+12025550101', tone: 440 },
  busy: { user: '+12025550102', behaviour: 'busy' as const },
  noAnswer: { user: '+12025550103', behaviour: 'no-answer' as const },
  supervisor: { user: '+12025550110', tone: 1000, answerDelayMs: 700 },
  declines: { user: '+12025550111', behaviour: 'decline' as const },
};

let agents = 0;

export interface SipHarness extends TelephonyHarness {
  adapter: SipTelephonyAdapter;
  agentUser: string;
  peers: Record<keyof typeof PEOPLE, SipPeer>;
  /** The far end's side of an adapter call. */
  farSession(callId: string): PeerSession | undefined;
}

/**
 * A SipTelephonyAdapter registered as a fresh agent, and five far-end phones. Time is real:
 * `advance(ms)` waits. Far-end facts come from the far end's own sip.js session and WebRTC
 * statistics: media bytes, the negotiated direction, INFO digits, tones heard.
 */
export async function makeSipHarness(options: Partial<SipTelephonyOptions> = {}): Promise<SipHarness> {
  const env = await requireLoopbackOnly();
  const agentUser = `agent-${Date.now().toString(36)}-${++agents}`;
  const started: SipPeer[] = [];
  const peers = {} as Record<keyof typeof PEOPLE, SipPeer>;
  try {
    for (const [name, opts] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
      const peer = await SipPeer.start(opts);
      started.push(peer);
      peers[name] = peer;
    }
  } catch (error) {
    await SipPeer.stopAll(started);
    throw error;
  }
  const adapter = new SipTelephonyAdapter({
    servers: [env.wsServer],
    aor: `sip:${agentUser}@${env.domain}`,
    dtmfMethod: 'info',
    noAnswerTimeoutMs: 1_200,
    requestTimeoutMs: 5_000,
    ...options,
  });
  const byUser = new Map(Object.values(peers).map((p) => [p.user, p]));
  const inbound = new Map<string, PeerSession>();

  const farSession = (callId: string): PeerSession | undefined => {
    const known = inbound.get(callId);
    if (known) return known;
    const call = adapter.getCall(callId);
    const peer = call ? byUser.get(call.remote) : undefined;
    if (!peer) return undefined;
    const live = peer.sessions.filter((s) => !s.referredBy);
    return live.at(-1);
  };

  const harness: SipHarness = {
    adapter,
    agentUser,
    peers,
    farSession,
    numbers: { answers: PEOPLE.customer.user, busy: PEOPLE.busy.user, noAnswer: PEOPLE.noAnswer.user, invalid: '+1202555' },
    targets: {
      answers: { kind: 'agent', id: 'supervisor', name: 'Supervisor', address: PEOPLE.supervisor.user },
      declines: { kind: 'agent', id: 'declines', name: 'Declining agent', address: PEOPLE.declines.user },
    },
    maxRingMs: 1_800,
    now: () => Date.now(),
    // advance(0) still lets a round trip through Kamailio happen (a re-INVITE, an INVITE sent).
    advance: (ms) => sleep(Math.max(ms, 300)),
    async ringIn(): Promise<CallInfo> {
      const ringing = new Promise<CallInfo>((resolve) => {
        const stop = adapter.onCall((call) => {
          if (call.direction === 'inbound' && call.state === 'ringing') {
            stop();
            resolve(call);
          }
        });
      });
      const session = await peers.customer.call(agentUser);
      const call = await ringing;
      inbound.set(call.id, session);
      return call;
    },
    async hangUpRemotely(callId) {
      const session = farSession(callId);
      if (!session) throw new Error(`no far end for ${callId}`);
      await session.hangUp();
      await sleep(200);
    },
    async farEnd(callId): Promise<FarEnd> {
      const session = farSession(callId);
      if (!session) return { connected: false, held: false, digits: '', joined: [] };
      // Our side is up once it sent its 200 OK; the far end once that arrived.
      await Promise.race([session.established.catch(() => undefined), sleep(2_000)]);
      const up = session.state === 'Established';
      const connected = up && (await session.receivesMedia());
      const joined: string[] = [];
      if (up) {
        for (const target of [peers.supervisor]) {
          const leg = target.sessions.filter((s) => s.state === 'Established').at(-1);
          if (leg && (await leg.hearsTone(session.peer.tone)) && (await session.hearsTone(target.tone))) joined.push(target.user);
        }
      }
      const referred = session.referredSession;
      const transferredTo = referred && referred.state === 'Established' ? session.transferredTo : undefined;
      // What the far end can observe of the agent: whether audio packets from them keep arriving.
      const hearsAgent = connected;
      return { connected, held: up && session.isHeldByRemote(), digits: session.digits, joined, hearsAgent, ...(transferredTo ? { transferredTo } : {}) };
    },
    async dispose() {
      await adapter.dispose();
      await SipPeer.stopAll(Object.values(peers));
    },
  };
  return harness;
}
