import type { Models } from 'purecloud-platform-client-v2';
import type { Clock } from '../../model/clock.js';
import { Emitter } from '../emitter.js';
import { AdapterError, type Unsubscribe } from '../errors.js';
import type { PlatformHttp } from './http.js';

/** What the notification service sends on the socket (Genesys's documented envelope). */
export interface NotificationEnvelope {
  topicName: string;
  version?: string;
  eventBody: unknown;
  metadata?: { CorrelationId?: string };
}

export type NotificationStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

export interface NotificationOptions {
  http: PlatformHttp;
  topics: readonly string[];
  timers: Clock;
  renewBeforeMs: number;
  silenceMs: number;
  WebSocket: typeof WebSocket;
}

const HEARTBEAT = 'channel.metadata';
const CLOSING = 'v2.system.socket_closing';
const MAX_BACKOFF_MS = 30_000;

interface Live {
  channel: Required<Pick<Models.Channel, 'id' | 'connectUri'>> & { expires: number };
  socket: WebSocket;
}

/**
 * The agent's notification channel: `POST /api/v2/notifications/channels`, a WebSocket on its
 * `connectUri`, then `PUT .../subscriptions` with the topics. Heartbeats and pongs keep it known to
 * be alive; silence for `silenceMs` sends a ping, and silence again is a drop. Before the channel
 * expires (or when the service announces `v2.system.socket_closing`) a new channel is opened and
 * subscribed before the old one is closed; after a drop a new one is opened with a growing,
 * jittered back-off, one attempt at a time. Each time a new channel is subscribed after the first,
 * `onResubscribed` runs: events may have been missed, and the owner reads its state again.
 */
export class NotificationChannel {
  readonly #o: NotificationOptions;
  readonly #events = new Emitter<[NotificationEnvelope]>();
  readonly #resubscribed = new Emitter<[]>();
  readonly #statuses = new Emitter<[NotificationStatus]>();
  #status: NotificationStatus = 'offline';
  #live: Live | undefined;
  #opening: Promise<void> | undefined;
  #stopped = true;
  #subscribedOnce = false;
  #failures = 0;
  #renewTimer: unknown;
  #silenceTimer: unknown;
  #retryTimer: unknown;
  #pinged = false;

  constructor(options: NotificationOptions) {
    this.#o = options;
  }

  get status(): NotificationStatus {
    return this.#status;
  }

  onEvent(listener: (envelope: NotificationEnvelope) => void): Unsubscribe {
    return this.#events.on(listener);
  }

  onResubscribed(listener: () => void): Unsubscribe {
    return this.#resubscribed.on(listener);
  }

  onStatus(listener: (status: NotificationStatus) => void): Unsubscribe {
    return this.#statuses.on(listener);
  }

  /** Opens and subscribes the first channel; rejects when that fails (nothing is retried then). */
  start(): Promise<void> {
    this.#stopped = false;
    return this.#open();
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimers();
    const live = this.#live;
    this.#live = undefined;
    live?.socket.close(1000);
    this.#setStatus('offline');
  }

  #setStatus(status: NotificationStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#statuses.emit(status);
  }

  /** One opening at a time: a drop during a renewal joins it rather than opening a third channel. */
  #open(): Promise<void> {
    this.#opening ??= this.#connect().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #connect(): Promise<void> {
    this.#setStatus(this.#subscribedOnce ? 'reconnecting' : 'connecting');
    const created = await this.#o.http.send<Models.Channel>({ method: 'POST', path: '/api/v2/notifications/channels' });
    if (!created?.id || !created.connectUri) throw new AdapterError('unknown', 'Genesys Cloud created a channel without an id or connectUri.');
    const expires = created.expires ? Date.parse(created.expires) : NaN;
    const channel = { id: created.id, connectUri: created.connectUri, expires: Number.isNaN(expires) ? Infinity : expires };
    const socket = await this.#openSocket(channel.connectUri);
    // Listen at once: events may follow the subscription before its answer is read.
    this.#watch(socket);
    if (this.#stopped) {
      socket.close(1000);
      return;
    }
    try {
      await this.#o.http.send<Models.ChannelTopicEntityListing>({
        method: 'PUT',
        path: `/api/v2/notifications/channels/${encodeURIComponent(channel.id)}/subscriptions`,
        body: this.#o.topics.map((id): Models.ChannelTopic => ({ id })),
      });
    } catch (error) {
      socket.close(1000);
      throw error;
    }
    const previous = this.#live;
    this.#live = { channel, socket };
    previous?.socket.close(1000);
    this.#failures = 0;
    this.#quiet();
    this.#scheduleRenewal(channel.expires);
    this.#setStatus('online');
    const again = this.#subscribedOnce;
    this.#subscribedOnce = true;
    if (again) this.#resubscribed.emit();
  }

  #openSocket(uri: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new this.#o.WebSocket(uri);
      const fail = () => {
        socket.removeEventListener('open', opened);
        reject(new AdapterError('network', 'The Genesys Cloud notification socket could not be opened.'));
      };
      const opened = () => {
        socket.removeEventListener('error', fail);
        socket.removeEventListener('close', fail);
        resolve(socket);
      };
      socket.addEventListener('open', opened, { once: true });
      socket.addEventListener('error', fail, { once: true });
      socket.addEventListener('close', fail, { once: true });
    });
  }

  /**
   * Both channels' events count while one replaces the other: the owner applies a conversation's
   * state, so an event heard twice changes nothing, and none falls between the two.
   */
  #watch(socket: WebSocket): void {
    socket.addEventListener('message', (event: MessageEvent) => {
      if (this.#live?.socket === socket) this.#quiet();
      let envelope: NotificationEnvelope;
      try {
        envelope = JSON.parse(String(event.data)) as NotificationEnvelope;
      } catch {
        return;
      }
      if (!envelope || typeof envelope.topicName !== 'string') return;
      if (envelope.topicName === HEARTBEAT) return;
      if (envelope.topicName === CLOSING) {
        // The service closes this channel soon: open the next one now.
        if (this.#live?.socket === socket) void this.#renew();
        return;
      }
      this.#events.emit(envelope);
    });
    socket.addEventListener('close', () => {
      if (this.#live?.socket !== socket || this.#stopped) return;
      this.#live = undefined;
      this.#dropped();
    });
  }

  /** Any message shows the socket alive: the silence watch starts again. */
  #quiet(): void {
    const { timers, silenceMs } = this.#o;
    if (this.#silenceTimer !== undefined) timers.clearTimeout(this.#silenceTimer);
    this.#pinged = false;
    const check = () => {
      const live = this.#live;
      if (!live || this.#stopped) return;
      if (this.#pinged) {
        // No heartbeat and no pong: the socket is dead even if the browser has not noticed.
        this.#live = undefined;
        live.socket.close(4000, 'silent');
        this.#dropped();
        return;
      }
      this.#pinged = true;
      try {
        live.socket.send(JSON.stringify({ message: 'ping' }));
      } catch {
        // A socket that cannot send is found dead at the next check.
      }
      this.#silenceTimer = timers.setTimeout(check, silenceMs);
    };
    this.#silenceTimer = timers.setTimeout(check, silenceMs);
  }

  #scheduleRenewal(expires: number): void {
    const { timers, renewBeforeMs } = this.#o;
    if (this.#renewTimer !== undefined) timers.clearTimeout(this.#renewTimer);
    this.#renewTimer = undefined;
    if (!Number.isFinite(expires)) return;
    this.#renewTimer = timers.setTimeout(() => void this.#renew(), Math.max(0, expires - Date.now() - renewBeforeMs));
  }

  async #renew(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.#open();
    } catch {
      // The old channel may still live: try again like after a drop, without closing it.
      this.#retryLater();
    }
  }

  #dropped(): void {
    if (this.#stopped) return;
    this.#setStatus('reconnecting');
    this.#retryLater();
  }

  #retryLater(): void {
    if (this.#stopped || this.#retryTimer !== undefined) return;
    const { timers } = this.#o;
    // Back-off with jitter, so that agents dropped together do not come back together.
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#failures);
    const delay = this.#failures === 0 ? 0 : base / 2 + Math.random() * (base / 2);
    this.#failures++;
    this.#retryTimer = timers.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#open().catch(() => this.#retryLater());
    }, delay);
  }

  #clearTimers(): void {
    const { timers } = this.#o;
    for (const timer of [this.#renewTimer, this.#silenceTimer, this.#retryTimer]) if (timer !== undefined) timers.clearTimeout(timer);
    this.#renewTimer = this.#silenceTimer = this.#retryTimer = undefined;
  }
}
