import type { SipAudioOptions } from './config.js';

/** The parts of sip.js's web session description handler the audio code uses. */
export interface MediaHandle {
  readonly peerConnection: RTCPeerConnection | undefined;
  readonly remoteMediaStream: MediaStream;
  readonly localMediaStream: MediaStream;
}

const audioSender = (handle: MediaHandle): RTCRtpSender | undefined =>
  handle.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);

/**
 * The agent's audio: which microphone calls use, where each call's remote audio plays, mute, and
 * the in-page conference mix (each party hears the agent and every other party).
 */
export class CallAudio {
  readonly #options: SipAudioOptions;
  #inputDeviceId: string | undefined;
  #outputDeviceId: string | undefined;
  readonly #players = new Map<string, HTMLAudioElement>();
  readonly #handles = new Map<string, MediaHandle>();
  readonly #muted = new Set<string>();
  readonly #mutedTracks = new Map<string, MediaStreamTrack>();
  #mix: { context: AudioContext; groups: string[][]; mic: MediaStream } | undefined;

  constructor(options: SipAudioOptions = {}) {
    this.#options = options;
    this.#inputDeviceId = options.inputDeviceId;
    this.#outputDeviceId = options.outputDeviceId;
  }

  /**
   * Opens the microphone for a new call (sip.js `mediaStreamFactory`). With no microphone at all
   * the call still connects, with a silent track: the agent hears the customer and can act.
   */
  readonly microphone = async (): Promise<MediaStream> => {
    if (this.#options.microphone) return this.#options.microphone(this.#inputDeviceId);
    try {
      return await navigator.mediaDevices.getUserMedia({
        audio: this.#inputDeviceId ? { deviceId: { exact: this.#inputDeviceId } } : true,
        video: false,
      });
    } catch (error) {
      if (!(error instanceof DOMException) || error.name !== 'NotFoundError') throw error;
      const context = new AudioContext();
      return context.createMediaStreamDestination().stream;
    }
  };

  /** Plays the call's remote audio. Called again after a re-INVITE renegotiates. */
  attach(callId: string, handle: MediaHandle): void {
    this.#handles.set(callId, handle);
    let player = this.#players.get(callId);
    if (!player) {
      player = this.#options.createRemoteAudio?.() ?? new Audio();
      player.autoplay = true;
      this.#players.set(callId, player);
      if (this.#outputDeviceId) void this.#sink(player, this.#outputDeviceId);
    }
    if (player.srcObject !== handle.remoteMediaStream) player.srcObject = handle.remoteMediaStream;
    void player.play().catch(() => undefined);
    if (this.#muted.has(callId) && audioSender(handle)?.track) this.setMuted(callId, true);
  }

  detach(callId: string): void {
    const player = this.#players.get(callId);
    if (player) {
      player.pause();
      player.srcObject = null;
    }
    this.#players.delete(callId);
    this.#handles.delete(callId);
    this.#muted.delete(callId);
    this.#mutedTracks.get(callId)?.stop();
    this.#mutedTracks.delete(callId);
    if (this.#mix) {
      this.#mix.groups = this.#mix.groups.map((g) => g.filter((id) => id !== callId)).filter((g) => g.length > 1);
      if (this.#mix.groups.length === 0) this.#stopMix();
    }
  }

  /**
   * Mutes by taking the track off the sender (`replaceTrack(null)`): a disabled Web Audio track
   * still reaches the far end in Chromium, an absent one cannot.
   */
  setMuted(callId: string, muted: boolean): void {
    const handle = this.#handles.get(callId);
    const sender = handle && audioSender(handle);
    if (muted) {
      this.#muted.add(callId);
      if (sender?.track) {
        this.#mutedTracks.set(callId, sender.track);
        void sender.replaceTrack(null);
      }
      return;
    }
    this.#muted.delete(callId);
    const track = this.#mutedTracks.get(callId);
    this.#mutedTracks.delete(callId);
    if (sender && track) void sender.replaceTrack(track);
  }

  /** Puts `track` on the call's sender, or keeps it aside while the call is muted. */
  async #send(callId: string, sender: RTCRtpSender | undefined, track: MediaStreamTrack): Promise<void> {
    const old = this.#muted.has(callId) ? this.#mutedTracks.get(callId) : sender?.track;
    if (this.#muted.has(callId)) this.#mutedTracks.set(callId, track);
    else await sender?.replaceTrack(track);
    if (old && old !== track) old.stop();
  }

  isMuted(callId: string): boolean {
    return this.#muted.has(callId);
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    this.#outputDeviceId = deviceId;
    await Promise.all([...this.#players.values()].map((p) => this.#sink(p, deviceId)));
  }

  /** Switches the microphone, mid-call too: every call's outgoing track is replaced. */
  async setInputDevice(deviceId: string | undefined): Promise<void> {
    this.#inputDeviceId = deviceId;
    if (this.#handles.size === 0) return;
    const stream = await this.microphone();
    const [track] = stream.getAudioTracks();
    if (!track) return;
    if (this.#mix) {
      this.#mix.mic.getTracks().forEach((t) => t.stop());
      this.#mix.mic = stream;
      this.#rebuildMix();
    }
    for (const [callId, handle] of this.#handles) {
      if (this.#mixed(callId)) continue;
      await this.#send(callId, audioSender(handle), track.clone());
    }
    track.stop();
  }

  /** Mixes the calls together: each one's outgoing audio becomes the microphone plus the others. */
  async conference(callIds: readonly string[]): Promise<void> {
    if (!this.#mix) {
      const mic = await this.microphone();
      this.#mix = { context: new AudioContext(), groups: [], mic };
    }
    const merged = new Set(callIds);
    const rest = this.#mix.groups.filter((g) => {
      if (!g.some((id) => merged.has(id))) return true;
      g.forEach((id) => merged.add(id));
      return false;
    });
    this.#mix.groups = [...rest, [...merged]];
    this.#rebuildMix();
  }

  /** The call ids mixed with `callId` (itself excluded). */
  mixedWith(callId: string): string[] {
    return this.#mix?.groups.find((g) => g.includes(callId))?.filter((id) => id !== callId) ?? [];
  }

  dispose(): void {
    for (const id of [...this.#players.keys()]) this.detach(id);
    this.#stopMix();
  }

  #mixed(callId: string): boolean {
    return this.mixedWith(callId).length > 0;
  }

  #rebuildMix(): void {
    const mix = this.#mix;
    if (!mix) return;
    const { context } = mix;
    void context.resume().catch(() => undefined);
    const mic = context.createMediaStreamSource(mix.mic);
    for (const group of mix.groups) {
      const remotes = new Map(
        group.flatMap((id) => {
          const handle = this.#handles.get(id);
          return handle ? [[id, context.createMediaStreamSource(handle.remoteMediaStream)] as const] : [];
        }),
      );
      for (const id of group) {
        const handle = this.#handles.get(id);
        if (!handle) continue;
        const out = context.createMediaStreamDestination();
        mic.connect(out);
        for (const [other, source] of remotes) if (other !== id) source.connect(out);
        const [track] = out.stream.getAudioTracks();
        if (track) void this.#send(id, audioSender(handle), track);
      }
    }
  }

  #stopMix(): void {
    if (!this.#mix) return;
    this.#mix.mic.getTracks().forEach((t) => t.stop());
    void this.#mix.context.close().catch(() => undefined);
    this.#mix = undefined;
  }

  async #sink(player: HTMLAudioElement, deviceId: string): Promise<void> {
    const withSink = player as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    await withSink.setSinkId?.(deviceId);
  }
}
