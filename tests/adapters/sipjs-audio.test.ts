import { expect, waitUntil } from '@open-wc/testing';
import type { PeerSession } from '../helpers/sip-peer.js';
import { requireLoopbackOnly } from '../helpers/sip-env.js';
import { makeSipHarness, PEOPLE, type SipHarness } from './sipjs-harness.js';

/**
 * The agent's audio, checked by ear at the far end: the agent's "microphones" are oscillators at
 * known pitches, and the customer's phone analyses what it receives.
 */
// `quiet` is above every DTMF frequency: audio keeps flowing (Chromium sends telephone events
// only along with audio) without masking the digits.
const MICS: Record<string, number> = { 'mic-a': 880, 'mic-b': 1300, quiet: 3600 };
const context = new AudioContext();
const microphone = async (deviceId: string | undefined): Promise<MediaStream> => {
  if (context.state !== 'running') await context.resume();
  const destination = context.createMediaStreamDestination();
  const hz = MICS[deviceId ?? 'mic-a'];
  if (hz) {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = hz;
    oscillator.connect(destination);
    oscillator.start();
  }
  return destination.stream;
};

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS = ['123A', '456B', '789C', '*0#D'];

/**
 * Listens to what the far end receives and writes down the DTMF digits it hears (both tones of a
 * row/column pair well above the rest), as a listener would: a digit counts after 60 ms of it.
 */
function listenForDtmf(session: PeerSession): { stop(): string } {
  const track = session.peerConnection?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
  if (!track) throw new Error('no received audio');
  const stream = new MediaStream([track]);
  const audio = document.createElement('audio');
  audio.muted = true;
  audio.srcObject = stream;
  document.body.append(audio);
  void audio.play().catch(() => undefined);
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  analyser.smoothingTimeConstant = 0;
  source.connect(analyser);
  const data = new Float32Array(analyser.frequencyBinCount);
  const binHz = context.sampleRate / analyser.fftSize;
  const level = (hz: number) => Math.max(...[-1, 0, 1].map((d) => data[Math.round(hz / binHz) + d]!));
  let heard = '';
  let current = '';
  let frames = 0;
  let silent = 0;
  const timer = setInterval(() => {
    analyser.getFloatFrequencyData(data);
    const sorted = [...data.slice(Math.round(300 / binHz), Math.round(3000 / binHz))].sort((a, b) => a - b);
    const floor = Math.max(sorted[Math.floor(sorted.length / 2)]!, -160);
    const row = ROWS.map(level);
    const col = COLS.map(level);
    const r = row.indexOf(Math.max(...row));
    const c = col.indexOf(Math.max(...col));
    const digit = row[r]! - floor > 25 && col[c]! - floor > 25 ? KEYS[r]![c]! : '';
    if (digit && digit === current) {
      frames++;
      if (frames === 3) heard += digit;
    } else if (digit) {
      current = digit;
      frames = 1;
    } else if (++silent >= 2) {
      current = '';
      frames = 0;
    }
    if (digit) silent = 0;
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      source.disconnect();
      audio.remove();
      return heard;
    },
  };
}

describe('SipTelephonyAdapter audio, heard at the far end (real Kamailio)', function () {
  this.timeout(30_000);
  let h: SipHarness | undefined;

  before(async () => {
    await requireLoopbackOnly();
  });

  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  async function connected(options: Parameters<typeof makeSipHarness>[0] = {}) {
    h = await makeSipHarness({ audio: { microphone }, ...options });
    await h.adapter.register();
    const call = await h.adapter.dial({ number: h.numbers.answers });
    const far = await h.peers.customer.nextSession();
    await far.established;
    await waitUntil(() => h!.adapter.getCall(call.id)?.state === 'connected', 'our side connected');
    return { call, far, adapter: h.adapter };
  }

  it('switching the microphone mid-call changes what the customer hears', async () => {
    const { call, far, adapter } = await connected();
    expect(await far.hearsTone(MICS['mic-a']!), 'hears the first microphone').to.equal(true);
    await adapter.setInputDevice('mic-b');
    expect(await far.hearsTone(MICS['mic-b']!), 'hears the second microphone').to.equal(true);
    expect(await far.hearsTone(MICS['mic-a']!, { timeoutMs: 1000 }), 'no longer the first').to.equal(false);
    expect(adapter.getCall(call.id)?.state).to.equal('connected');
  });

  it('mute silences the agent for the customer; unmute brings the voice back', async () => {
    const { call, far, adapter } = await connected();
    expect(await far.hearsTone(MICS['mic-a']!)).to.equal(true);
    const muted = await adapter.mute(call.id, true);
    expect(muted.muted, 'published on the call').to.equal(true);
    expect(adapter.isMuted(call.id)).to.equal(true);
    // The far end's jitter buffer conceals the last packets for a moment before it goes quiet.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await far.hearsTone(MICS['mic-a']!, { timeoutMs: 1000 }), 'silence while muted').to.equal(false);
    expect((await adapter.mute(call.id, false)).muted).to.equal(false);
    expect(await far.hearsTone(MICS['mic-a']!), 'voice back').to.equal(true);
  });

  it('in a conference, mute silences the agent for every party, who still hear one another; removing one party leaves the customer hearing the agent', async () => {
    const { call, far, adapter } = await connected();
    const supervisor = h!.targets.answers;
    await adapter.conference(call.id, supervisor);
    const leg = h!.peers.supervisor.sessions.filter((s) => s.state === 'Established').at(-1)!;
    // Each party hears the agent and the other party at once: the agent's tone is one of two.
    expect(await leg.hearsTone(MICS['mic-a']!, { mixed: true }), 'the supervisor hears the agent').to.equal(true);
    expect(await far.hearsTone(MICS['mic-a']!, { mixed: true }), 'the customer hears the agent').to.equal(true);
    await adapter.mute(call.id, true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await far.hearsTone(MICS['mic-a']!, { timeoutMs: 1000 }), 'the customer: silence from the agent').to.equal(false);
    expect(await leg.hearsTone(MICS['mic-a']!, { timeoutMs: 1000 }), 'the supervisor: silence from the agent').to.equal(false);
    expect(await far.hearsTone(PEOPLE.supervisor.tone), 'the customer still hears the supervisor').to.equal(true);
    expect(await leg.hearsTone(PEOPLE.customer.tone), 'the supervisor still hears the customer').to.equal(true);
    await adapter.mute(call.id, false);
    const after = await adapter.removeParticipant(call.id, supervisor);
    expect(after.participants ?? []).not.to.include(supervisor.address);
    await waitUntil(() => leg.state === 'Terminated', 'the supervisor is hung up');
    expect(await far.hearsTone(MICS['mic-a']!), 'the customer hears the agent, no longer through the mix').to.equal(true);
    expect(adapter.getCall(call.id)?.state).to.equal('connected');
  });

  it('sends DTMF by RFC 4733 telephone events; the customer hears the digits', async () => {
    const { call, far, adapter } = await connected({ audio: { microphone: (id) => microphone(id ?? 'quiet') }, dtmfMethod: 'rfc4733' });
    const ear = listenForDtmf(far);
    await adapter.sendDtmf(call.id, '1#9');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ear.stop()).to.equal('1#9');
    expect(far.digits, 'nothing came by SIP INFO').to.equal('');
  });
});
