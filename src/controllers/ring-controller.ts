import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LifetimeScope } from './lifetime-scope.js';

/**
 * Plays a ring while an offer waits. With a ringtone URL it loops that file; without one it plays
 * a two-tone ring generated with Web Audio (no asset to host). Browsers may refuse to play before
 * the page had a user gesture: that is swallowed, the visual offer is what counts. Rings only while
 * the host is connected: a ring started by an update after the host left would never stop.
 */
export class RingController implements ReactiveController {
  readonly #lifetime = new LifetimeScope();
  /** One ring: its audio, or its generated tone and the timer repeating it. */
  readonly #ring = new LifetimeScope(this.#lifetime);

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get ringing(): boolean {
    return this.#ring.active;
  }

  start(ringtone?: string, sinkId?: string): void {
    if (this.#ring.active || !this.#ring.open()) return;
    const ring = this.#ring;
    if (ringtone) {
      const audio = new Audio(ringtone);
      audio.loop = true;
      if (sinkId && 'setSinkId' in audio) void (audio as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(sinkId).catch(() => {});
      ring.subscribe(() => () => audio.pause());
      audio.play().catch(() => {});
      return;
    }
    let context: AudioContext;
    try {
      context = new AudioContext();
    } catch {
      return;
    }
    ring.subscribe(() => () => void context.close().catch(() => {}));
    const burst = () => this.#burst(context);
    burst();
    ring.subscribe(() => {
      const interval = setInterval(burst, 4000);
      return () => clearInterval(interval);
    });
  }

  stop(): void {
    this.#ring.close();
  }

  hostConnected(): void {
    this.#lifetime.open();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  #burst(ctx: AudioContext): void {
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
