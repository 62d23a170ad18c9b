// Every WebSocket the page opens (the agent's and the far-end phones' alike), seen from the wire:
// what a real far end or proxy did on the wire is made here, in the page, against the tests' real
// Kamailio. Install before the user agents connect; uninstall after the test.

/** Rewrites, delays and records the page's SIP messages. */
export class SipWire {
  /** An outgoing message this returns a string for is sent as that string instead. */
  outgoing: ((message: string) => string | undefined) | undefined;
  /** An incoming message this returns a string for is delivered as that string instead. */
  incoming: ((message: string) => string | undefined) | undefined;
  /** An outgoing message this returns a number for is sent that many ms late. */
  delay: ((message: string) => number | undefined) | undefined;
  /** Messages rewritten (as sent or delivered). */
  readonly rewritten: string[] = [];
  /** Every outgoing message, in the order it reached its socket. */
  readonly sent: string[] = [];
  readonly #original = globalThis.WebSocket;

  install(): this {
    const wire = {
      outgoing: (m: string) => this.outgoing?.(m),
      incoming: (m: string) => this.incoming?.(m),
      delay: (m: string) => this.delay?.(m),
      rewritten: this.rewritten,
      sent: this.sent,
    };
    class WiredWebSocket extends this.#original {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (typeof data !== 'string') return super.send(data);
        const changed = wire.outgoing(data);
        if (changed !== undefined) wire.rewritten.push(changed);
        const message = changed ?? data;
        const late = wire.delay(message);
        const write = () => {
          wire.sent.push(message);
          super.send(message);
        };
        if (late === undefined) write();
        else setTimeout(write, late);
      }

      override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
        if (type !== 'message' || typeof listener !== 'function') return super.addEventListener(type, listener, options);
        super.addEventListener(
          type,
          (event: Event) => {
            const data = (event as MessageEvent).data as unknown;
            const changed = typeof data === 'string' ? wire.incoming(data) : undefined;
            if (changed !== undefined) wire.rewritten.push(changed);
            listener.call(this, changed === undefined ? event : new MessageEvent('message', { data: changed }));
          },
          options,
        );
      }
    }
    globalThis.WebSocket = WiredWebSocket;
    return this;
  }

  uninstall(): void {
    globalThis.WebSocket = this.#original;
  }
}
