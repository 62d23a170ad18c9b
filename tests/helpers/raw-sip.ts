// A scripted SIP caller for what a browser sip.js peer cannot send: hand-written INVITEs (a desk
// phone's plain RTP/AVP offer, a malformed SDP, a From sip.js cannot parse, `Require: 100rel`) over
// its own WebSocket to the tests' Kamailio. It needs no registration: Kamailio answers it on the
// connection the request came in on.

const random = () => Math.random().toString(36).slice(2, 12);

export interface RawResponse {
  status: number;
  text: string;
  /** The first value of a header (compact names not used by Kamailio), or undefined. */
  header(name: string): string | undefined;
}

function parseResponse(text: string): RawResponse | undefined {
  const status = /^SIP\/2\.0 (\d{3})/.exec(text)?.[1];
  if (!status) return undefined;
  const head = text.split(/\r\n\r\n/, 1)[0]!.split('\r\n');
  return {
    status: Number(status),
    text,
    header: (name) => {
      const line = head.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return line?.slice(line.indexOf(':') + 1).trim();
    },
  };
}

export interface RawInvite {
  callId: string;
  /** Every response to this INVITE, in order of arrival. */
  responses: RawResponse[];
  /** Resolves with the first final response (≥ 200); the ACK for a failure is sent. */
  final: Promise<RawResponse>;
  /** Resolves with the first response with this status. */
  response(status: number): Promise<RawResponse>;
  /** CANCELs the INVITE (after a provisional response). */
  cancel(): void;
}

export interface InviteOptions {
  /** The From user part, as written on the wire (escapes and all). */
  fromUser?: string;
  headers?: string[];
  /** The body; none (a late offer) when absent. */
  body?: string;
  contentType?: string;
}

export class RawSipCaller {
  readonly #socket: WebSocket;
  readonly #host = `${random()}.invalid`;
  readonly #listeners = new Set<(message: string) => void>();

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      for (const listener of this.#listeners) listener(String(event.data));
    });
  }

  static async open(wsServer: string): Promise<RawSipCaller> {
    const socket = new WebSocket(wsServer, 'sip');
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot open ${wsServer}`)), { once: true });
    });
    return new RawSipCaller(socket);
  }

  /** Sends an INVITE to `target` (`user@domain`) and follows its responses. */
  invite(target: string, options: InviteOptions = {}): RawInvite {
    const callId = random();
    const branch = `z9hG4bK${random()}`;
    const fromUser = options.fromUser ?? 'raw-caller';
    const domain = target.split('@')[1]!;
    const from = `"Raw caller" <sip:${fromUser}@${domain}>;tag=${random()}`;
    const via = `SIP/2.0/WS ${this.#host};branch=${branch}`;
    const body = options.body ?? '';
    const head = [
      `INVITE sip:${target} SIP/2.0`,
      `Via: ${via}`,
      'Max-Forwards: 70',
      `To: <sip:${target}>`,
      `From: ${from}`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      `Contact: <sip:raw@${this.#host};transport=ws>`,
      ...(options.headers ?? []),
      ...(body ? [`Content-Type: ${options.contentType ?? 'application/sdp'}`] : []),
      `Content-Length: ${new TextEncoder().encode(body).length}`,
    ];
    const responses: RawResponse[] = [];
    const waiting: Array<{ test: (r: RawResponse) => boolean; resolve: (r: RawResponse) => void }> = [];
    const ack = (response: RawResponse, method: 'ACK') =>
      this.#socket.send(
        [`${method} sip:${target} SIP/2.0`, `Via: ${via}`, 'Max-Forwards: 70', `To: ${response.header('to')}`, `From: ${from}`, `Call-ID: ${callId}`, `CSeq: 1 ${method}`, 'Content-Length: 0', '', ''].join('\r\n'),
      );
    const listener = (message: string) => {
      const response = parseResponse(message);
      if (!response || response.header('call-id') !== callId || !/INVITE$/.test(response.header('cseq') ?? '')) return;
      responses.push(response);
      if (response.status >= 300) ack(response, 'ACK');
      for (const w of [...waiting]) {
        if (!w.test(response)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(response);
      }
      if (response.status >= 200) this.#listeners.delete(listener);
    };
    this.#listeners.add(listener);
    const when = (test: (r: RawResponse) => boolean) =>
      new Promise<RawResponse>((resolve) => {
        const seen = responses.find(test);
        if (seen) resolve(seen);
        else waiting.push({ test, resolve });
      });
    this.#socket.send(`${head.join('\r\n')}\r\n\r\n${body}`);
    return {
      callId,
      responses,
      final: when((r) => r.status >= 200),
      response: (status) => when((r) => r.status === status),
      cancel: () =>
        this.#socket.send(
          [`CANCEL sip:${target} SIP/2.0`, `Via: ${via}`, 'Max-Forwards: 70', `To: <sip:${target}>`, `From: ${from}`, `Call-ID: ${callId}`, 'CSeq: 1 CANCEL', 'Content-Length: 0', '', ''].join('\r\n'),
        ),
    };
  }

  close(): void {
    this.#socket.close();
  }
}

/** A desk phone's offer: plain RTP/AVP, G.711, no ICE, no DTLS fingerprint. */
export const PLAIN_RTP_SDP = [
  'v=0',
  'o=deskphone 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=sendrecv',
  '',
].join('\r\n');

/** A real WebRTC offer made by this browser (ICE, DTLS-SRTP, rtcp-mux), for comparison. */
export async function browserOffer(): Promise<string> {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  await pc.setLocalDescription(await pc.createOffer());
  const sdp = pc.localDescription!.sdp;
  pc.close();
  return sdp;
}
