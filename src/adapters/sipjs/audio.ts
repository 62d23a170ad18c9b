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
  /** The in-page conference: who is mixed with whom, and each call's microphone level (0 = muted). */
  #mix: { context: AudioContext; groups: string[][]; mic: MediaStream; micGain: Map<string, GainNode> } | undefined;

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
    if (this.#muted.has(callId) && !this.#mixed(callId) && audioSender(handle)?.track) void this.setMuted(callId, true);
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
    const mix = this.#mix;
    if (mix) {
      mix.micGain.delete(callId);
      const groups = mix.groups.map((g) => g.filter((id) => id !== callId));
      mix.groups = groups.filter((g) => g.length > 1);
      // A call left alone by the others hanging up talks straight from the microphone again: its
      // mix goes with the mix's audio context, and the customer would hear nothing.
      for (const [alone] of groups.filter((g) => g.length === 1)) void this.#unmix(alone!, mix.mic);
      if (mix.groups.length === 0) this.#stopMix();
    }
  }

  /**
   * Mutes by taking the track off the sender (`replaceTrack(null)`): a disabled Web Audio track
   * still reaches the far end in Chromium, an absent one cannot. A call in a conference mix keeps
   * its track (the parties hear one another through it): the microphone's level in the mix goes
   * to zero instead.
   */
  async setMuted(callId: string, muted: boolean): Promise<void> {
    if (muted) this.#muted.add(callId);
    else this.#muted.delete(callId);
    if (this.#mixed(callId)) {
      this.#levelMix();
      return;
    }
    const handle = this.#handles.get(callId);
    const sender = handle && audioSender(handle);
    if (muted) {
      if (sender?.track) {
        this.#mutedTracks.set(callId, sender.track);
        await sender.replaceTrack(null);
      }
      return;
    }
    const track = this.#mutedTracks.get(callId);
    this.#mutedTracks.delete(callId);
    if (sender && track) await sender.replaceTrack(track);
  }

  /** A call out of the mix: its sender gets its own copy of the microphone (kept aside while muted). */
  async #unmix(callId: string, mic: MediaStream): Promise<void> {
    const handle = this.#handles.get(callId);
    const [track] = mic.getAudioTracks();
    if (!handle || !track) return;
    await this.#send(callId, audioSender(handle), track.clone());
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
      this.#mix = { context: new AudioContext(), groups: [], mic, micGain: new Map() };
    }
    // Muted on its own before joining: from now on the mix's microphone level says it.
    for (const id of callIds) {
      this.#mutedTracks.get(id)?.stop();
      this.#mutedTracks.delete(id);
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
    mix.micGain.clear();
    for (const group of mix.groups) {
      const level = context.createGain();
      mic.connect(level);
      for (const id of group) mix.micGain.set(id, level);
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
        level.connect(out);
        for (const [other, source] of remotes) if (other !== id) source.connect(out);
        const [track] = out.stream.getAudioTracks();
        const sender = audioSender(handle);
        const old = sender?.track;
        if (track) void sender?.replaceTrack(track).then(() => old && old !== track && old.stop());
      }
    }
    this.#levelMix();
  }

  /** The microphone's level in each mixed group: silent while any call of the group is muted. */
  #levelMix(): void {
    const mix = this.#mix;
    if (!mix) return;
    for (const group of mix.groups) {
      const level = mix.micGain.get(group[0]!);
      if (level) level.gain.value = group.some((id) => this.#muted.has(id)) ? 0 : 1;
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
