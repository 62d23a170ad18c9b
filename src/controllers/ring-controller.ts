import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Plays a ring while an offer waits. With a ringtone URL it loops that file; without one it plays
 * a two-tone ring generated with Web Audio (no asset to host). Browsers may refuse to play before
 * the page had a user gesture: that is swallowed, the visual offer is what counts.
 */
export class RingController implements ReactiveController {
  #audio: HTMLAudioElement | undefined;
  #context: AudioContext | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #ringing = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get ringing(): boolean {
    return this.#ringing;
  }

  start(ringtone?: string, sinkId?: string): void {
    if (this.#ringing) return;
    this.#ringing = true;
    if (ringtone) {
      const audio = new Audio(ringtone);
      audio.loop = true;
      if (sinkId && 'setSinkId' in audio) void (audio as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(sinkId).catch(() => {});
      this.#audio = audio;
      audio.play().catch(() => {});
      return;
    }
    try {
      this.#context = new AudioContext();
    } catch {
      return;
    }
    const burst = () => this.#burst();
    burst();
    this.#interval = setInterval(burst, 4000);
  }

  stop(): void {
    this.#ringing = false;
    if (this.#interval !== undefined) clearInterval(this.#interval);
    this.#interval = undefined;
    this.#audio?.pause();
    this.#audio = undefined;
    void this.#context?.close().catch(() => {});
    this.#context = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  #burst(): void {
    const ctx = this.#context;
    if (!ctx) return;
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    for (const frequency of [440, 480]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(ctx.currentTime);
      osc.stop(ctx.currentTime + 1.5);
    }
  }
}
