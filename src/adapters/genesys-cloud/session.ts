import type { Models } from 'purecloud-platform-client-v2';
import { systemClock, type Clock } from '../../model/clock.js';
import { Emitter } from '../emitter.js';
import type { Unsubscribe } from '../errors.js';
import { DEFAULTS, type GenesysCloudOptions } from './config.js';
import { snapshotOf, type Media, type Snapshot, type WireConversation } from './conversations.js';
import { PlatformHttp } from './http.js';
import { NotificationChannel, type NotificationEnvelope, type NotificationStatus } from './notifications.js';

const PAGE_SIZE = 100;

export interface RoutingStatusChange {
  status: string;
  /** ISO time the status began. */
  startTime?: string;
}

export interface PresenceChange {
  definitionId: string;
  systemPresence?: string;
  message?: string;
}

/**
 * One signed-in agent's connection to Genesys Cloud, shared by the callback, telephony and
 * directory adapters: the HTTP client (token, rate, 429s) and the notification channel subscribed
 * to the agent's conversations (callbacks and calls), routing status and presence. Every
 * conversation heard of, from an event or a read, reaches `onConversation` as a {@link Snapshot};
 * after a new channel replaced a lost or expiring one, the agent's conversations are read again
 * (two requests, never one per conversation) so that nothing missed meanwhile is lost.
 */
export class GenesysCloudSession {
  readonly http: PlatformHttp;
  readonly userId: string;
  readonly clock: Clock;
  readonly timers: Clock;
  readonly options: GenesysCloudOptions;
  readonly #channel: NotificationChannel;
  readonly #conversations = new Emitter<[Snapshot]>();
  readonly #reread = new Emitter<[ReadonlySet<string>]>();
  readonly #routing = new Emitter<[RoutingStatusChange]>();
  readonly #presence = new Emitter<[PresenceChange]>();
  #started: Promise<void> | undefined;
  #reading: Promise<void> | undefined;
  #readAgain = false;
  /** Conversation events heard on the channel so far (a test waits until every one it caused was heard). */
  heard = 0;

  constructor(options: GenesysCloudOptions) {
    this.options = options;
    this.userId = options.userId;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemClock;
    this.http = new PlatformHttp({
      baseUrl: options.baseUrl,
      accessToken: options.accessToken,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: options.retries ?? DEFAULTS.retries,
      backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
      rateLimit: options.rateLimit ?? DEFAULTS.rateLimit,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
      timers: this.timers,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
    const user = `v2.users.${options.userId}`;
    this.#channel = new NotificationChannel({
      http: this.http,
      topics: [`${user}.conversations.callbacks`, `${user}.conversations.calls`, `${user}.routingStatus`, `${user}.presence`],
      timers: this.timers,
      renewBeforeMs: options.renewBeforeMs ?? DEFAULTS.renewBeforeMs,
      silenceMs: options.silenceMs ?? DEFAULTS.silenceMs,
      WebSocket: options.WebSocket ?? globalThis.WebSocket,
    });
    this.#channel.onEvent((envelope) => this.#event(envelope));
    this.#channel.onResubscribed(() => void this.reread().catch(() => undefined));
  }

  /** Opens the notification channel, then reads the agent's conversations. Once; later calls join it. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.#channel.start();
      await this.reread();
    })().catch((error: unknown) => {
      this.#started = undefined;
      this.#channel.stop();
      throw error;
    });
    return this.#started;
  }

  stop(): void {
    this.#channel.stop();
    this.#started = undefined;
  }

  get notificationStatus(): NotificationStatus {
    return this.#channel.status;
  }

  onNotificationStatus(listener: (status: NotificationStatus) => void): Unsubscribe {
    return this.#channel.onStatus(listener);
  }

  onConversation(listener: (snapshot: Snapshot) => void): Unsubscribe {
    return this.#conversations.on(listener);
  }

  /** After each full read: the ids of every conversation the service still lists for the agent. */
  onReread(listener: (listed: ReadonlySet<string>) => void): Unsubscribe {
    return this.#reread.on(listener);
  }

  /**
   * After each new channel but the first (a dropped socket, a channel renewed): notifications may
   * have been missed, so what the owner keeps of the agent's state is read again.
   */
  onResubscribed(listener: () => void): Unsubscribe {
    return this.#channel.onResubscribed(listener);
  }

  /** The agent's routing status as the service announces it (`IDLE`, `OFF_QUEUE`, …). */
  onRoutingStatus(listener: (change: RoutingStatusChange) => void): Unsubscribe {
    return this.#routing.on(listener);
  }

  /** The agent's presence as the service announces it. */
  onPresence(listener: (change: PresenceChange) => void): Unsubscribe {
    return this.#presence.on(listener);
  }

  #publish(media: Media, conversation: WireConversation): Snapshot | undefined {
    const snapshot = snapshotOf(media, conversation, this.userId);
    if (snapshot) this.#conversations.emit(snapshot);
    return snapshot;
  }

  /** Reads one conversation and publishes it. */
  async read(media: Media, id: string, options: { signal?: AbortSignal; timeoutMs?: number; retries?: number } = {}): Promise<Snapshot | undefined> {
    const conversation = await this.http.send<WireConversation>({
      method: 'GET',
      path: `/api/v2/conversations/${media === 'callback' ? 'callbacks' : 'calls'}/${encodeURIComponent(id)}`,
      signal: options.signal,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
    });
    return this.#publish(media, conversation);
  }

  /**
   * Reads the agent's callbacks and calls and publishes each. One read at a time: asked again while
   * one runs, one more follows it (however many asked).
   */
  reread(): Promise<void> {
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    this.#reading = (async () => {
      try {
        do {
          this.#readAgain = false;
          const [callbacks, calls] = await Promise.all([
            this.http.send<Models.CallbackConversationEntityListing>({ method: 'GET', path: '/api/v2/conversations/callbacks', query: { pageSize: PAGE_SIZE } }),
            this.http.send<Models.CallConversationEntityListing>({ method: 'GET', path: '/api/v2/conversations/calls', query: { pageSize: PAGE_SIZE } }),
          ]);
          const listed = new Set<string>();
          for (const conversation of callbacks?.entities ?? []) if (this.#publish('callback', conversation)) listed.add(conversation.id!);
          for (const conversation of calls?.entities ?? []) if (this.#publish('call', conversation)) listed.add(conversation.id!);
          this.#reread.emit(listed);
        } while (this.#readAgain);
      } finally {
        this.#reading = undefined;
      }
    })();
    return this.#reading;
  }

  #event({ topicName, eventBody }: NotificationEnvelope): void {
    const user = `v2.users.${this.userId}.`;
    if (!topicName.startsWith(user) || !eventBody || typeof eventBody !== 'object') return;
    if (topicName.startsWith(`${user}conversations`)) this.heard++;
    switch (topicName.slice(user.length)) {
      case 'conversations.callbacks': {
        const snapshot = snapshotOf('callback', eventBody as Models.ConversationCallbackEventTopicCallbackConversation, this.userId);
        if (snapshot) this.#conversations.emit(snapshot);
        return;
      }
      case 'conversations.calls': {
        const snapshot = snapshotOf('call', eventBody as Models.ConversationCallEventTopicCallConversation, this.userId);
        if (snapshot) this.#conversations.emit(snapshot);
        return;
      }
      case 'routingStatus': {
        const { routingStatus } = eventBody as Models.UserRoutingStatusUserRoutingStatus;
        if (routingStatus?.status) this.#routing.emit({ status: routingStatus.status, ...(routingStatus.startTime ? { startTime: routingStatus.startTime } : {}) });
        return;
      }
      case 'presence': {
        const { presenceDefinition, message } = eventBody as Models.PresenceEventUserPresence;
        if (presenceDefinition?.id) {
          this.#presence.emit({
            definitionId: presenceDefinition.id,
            ...(presenceDefinition.systemPresence ? { systemPresence: presenceDefinition.systemPresence } : {}),
            ...(message ? { message } : {}),
          });
        }
        return;
      }
      default:
        return;
    }
  }
}
