// A receiver of fluentd's Forward protocol, written from the specification
// (fluent/fluentd wiki, "Forward Protocol Specification v1"), to check what the chart's
// forward output sends without a fluentd:
// - handshake (only with a shared key): the server sends HELO {nonce, auth, keepalive}, the
//   client answers PING [hostname, salt, sha512_hex(salt + hostname + nonce + key), user,
//   password digest], the server PONG [ok, reason, own hostname, sha512_hex(salt + own
//   hostname + nonce + key)] and, on a wrong digest, PONG false and closes;
// - the four event modes: Message [tag, time, record, option?], Forward [tag, [[time,
//   record], ...], option?], PackedForward [tag, <entries as bin/str>, option?] and
//   CompressedPackedForward (the same, gzipped, option compressed: "gzip");
// - time as an integer or as EventTime (extension type 0: seconds and nanoseconds, 32-bit
//   big-endian each);
// - an option `chunk` asks for {ack: chunk} once the events are taken.
// No library here speaks the protocol; msgpack itself is @msgpack/msgpack's.
import { decodeMulti, decodeMultiStream, encode, ExtensionCodec } from "@msgpack/msgpack";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { gunzipSync } from "node:zlib";

export type ForwardMode = "Message" | "Forward" | "PackedForward" | "CompressedPackedForward";

/** EventTime: the spec's nanosecond time (extension type 0). */
export interface EventTime {
  readonly seconds: number;
  readonly nanoseconds: number;
}

export interface ForwardEvent {
  readonly tag: string;
  readonly time: number | EventTime;
  readonly record: Record<string, unknown>;
  readonly mode: ForwardMode;
  /** The client's hostname from its PING, when there was a handshake. */
  readonly from: string | undefined;
}

export interface ForwardReceiverOptions {
  /** With a key, every connection must pass the handshake before it may send events. */
  readonly sharedKey?: string;
  /** The hostname this server puts in its PONG. */
  readonly selfHostname?: string;
  /** PEM key and certificate: the receiver then speaks TLS. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

const EVENT_TIME = 0;

export const eventTimeCodec = new ExtensionCodec();
eventTimeCodec.register({
  type: EVENT_TIME,
  encode: (value: unknown) => {
    if (typeof value !== "object" || value === null || !("nanoseconds" in value)) return null;
    const time = value as EventTime;
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, time.seconds);
    view.setUint32(4, time.nanoseconds);
    return bytes;
  },
  decode: (data: Uint8Array): EventTime => {
    if (data.length !== 8) throw new Error(`EventTime must be 8 bytes, got ${data.length}`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { seconds: view.getUint32(0), nanoseconds: view.getUint32(4) };
  },
});

/** sha512_hex(salt + hostname + nonce + key): the digest of PING and of PONG. */
export function sharedKeyDigest(salt: Uint8Array | string, hostname: string, nonce: Uint8Array | string, key: string): string {
  return createHash("sha512").update(salt).update(hostname).update(nonce).update(key).digest("hex");
}

function isTime(value: unknown): value is number | EventTime {
  return typeof value === "number" || (typeof value === "object" && value !== null && "nanoseconds" in value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * Messages are decoded with rawStrings: fluent-bit packs its 16 random salt bytes as a msgpack
 * str (plugins/out_forward/forward.c, secure_forward_ping), which UTF-8 decoding would mangle.
 * Map keys stay strings; every other string arrives as bytes and is turned back here.
 */
const RAW = { extensionCodec: eventTimeCodec, rawStrings: true } as const;

function text(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  if (Array.isArray(value)) return value.map(text);
  if (isRecord(value) && !("nanoseconds" in value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, text(item)]));
  return value;
}

/** One decoded message as the events it carries, its mode and its option map. */
export function eventsOf(message: unknown): { mode: ForwardMode; entries: [number | EventTime, Record<string, unknown>][]; tag: string; option: Record<string, unknown> } {
  if (!Array.isArray(message) || !(message[0] instanceof Uint8Array)) throw new Error(`not a Forward protocol event message: ${JSON.stringify(message)}`);
  const tag = text(message[0]) as string;
  const second = message[1] as unknown;
  const entry = (value: unknown): [number | EventTime, Record<string, unknown>] => {
    if (!Array.isArray(value) || value.length !== 2 || !isTime(value[0]) || !isRecord(value[1])) throw new Error(`an entry is not [time, record]: ${JSON.stringify(value)}`);
    return [value[0], text(value[1]) as Record<string, unknown>];
  };
  if (isTime(second)) {
    const [, time, record, option = {}] = message as [string, number | EventTime, unknown, unknown];
    if (!isRecord(record) || !isRecord(option)) throw new Error("Message mode needs [tag, time, record, option?]");
    return { mode: "Message", tag, entries: [entry([time, record])], option: text(option) as Record<string, unknown> };
  }
  const option = text(message[2] ?? {});
  if (!isRecord(option)) throw new Error("the option element must be a map");
  if (Array.isArray(second)) return { mode: "Forward", tag, entries: second.map(entry), option };
  // PackedForward's entries may be a bin or (older senders) a str: both arrive as bytes.
  if (second instanceof Uint8Array) {
    const compressed = option.compressed === "gzip";
    const packed = compressed ? gunzipSync(second) : second;
    const entries = [...decodeMulti(packed, RAW)].map(entry);
    if (typeof option.size === "number" && option.size !== entries.length) throw new Error(`option size ${option.size} but ${entries.length} entries`);
    return { mode: compressed ? "CompressedPackedForward" : "PackedForward", tag, entries, option };
  }
  throw new Error(`the second element is neither a time, entries nor packed entries: ${JSON.stringify(second)}`);
}

export class ForwardReceiver {
  readonly events: ForwardEvent[] = [];
  /** Why each refused handshake was refused (the PONG's reason). */
  readonly refusals: string[] = [];
  /** What could not be decoded, per connection: a test of the sender fails on any. */
  readonly protocolErrors: string[] = [];
  /** Acks sent: one per message with a chunk option. */
  acks = 0;
  private readonly connections = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly options: ForwardReceiverOptions,
  ) {}

  /**
   * Listens on 127.0.0.1:port, or on a listening handle made elsewhere (a server bound in
   * another network namespace, netns.ts).
   */
  static async listen(options: ForwardReceiverOptions, where: { port: number } | { handle: Server }): Promise<ForwardReceiver> {
    let receiver: ForwardReceiver | undefined;
    const accept = (socket: Socket) => void receiver!.serve(socket);
    const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, accept) : createServer(accept);
    receiver = new ForwardReceiver(server, options);
    server.on("tlsClientError", (error: Error) => receiver!.protocolErrors.push(`TLS: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      if ("handle" in where) server.listen(where.handle, resolve);
      else server.listen(where.port, "127.0.0.1", resolve);
    });
    return receiver;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** Records of one tag, in arrival order. */
  records(tag?: string): Record<string, unknown>[] {
    return this.events.filter((event) => tag === undefined || event.tag === tag).map((event) => event.record);
  }

  /** Stops listening and drops every connection: an outage as the sender sees it. */
  async close(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(socket: Socket): Promise<void> {
    this.connections.add(socket);
    socket.on("close", () => this.connections.delete(socket));
    socket.on("error", () => undefined);
    const messages = decodeMultiStream(socket, RAW)[Symbol.asyncIterator]();
    try {
      const from = this.options.sharedKey === undefined ? undefined : await this.handshake(socket, messages, this.options.sharedKey);
      if (from === null) return;
      for (let next = await messages.next(); !next.done; next = await messages.next()) {
        const { mode, tag, entries, option } = eventsOf(next.value);
        for (const [time, record] of entries) this.events.push({ tag, time, record, mode, from });
        if (typeof option.chunk === "string") {
          socket.write(encode({ ack: option.chunk }));
          this.acks++;
        }
      }
    } catch (error) {
      if (!socket.destroyed) this.protocolErrors.push((error as Error).message);
      socket.destroy();
    }
  }

  /** The client's hostname once the handshake passed; null when it was refused. */
  private async handshake(socket: Socket, messages: AsyncIterator<unknown>, key: string): Promise<string | null> {
    const nonce = randomBytes(16);
    socket.write(encode(["HELO", { nonce, auth: "", keepalive: true }]));
    const ping = await messages.next();
    if (ping.done) return null;
    const [type, hostnameBytes, salt, digestBytes] = ping.value as [unknown, unknown, unknown, unknown];
    const [hostname, digest] = [text(hostnameBytes), text(digestBytes)];
    if (text(type) !== "PING" || typeof hostname !== "string" || !(salt instanceof Uint8Array) || typeof digest !== "string") {
      throw new Error(`expected PING [hostname, salt, digest, user, password], got ${JSON.stringify(text(ping.value))}`);
    }
    const selfHostname = this.options.selfHostname ?? "forward-receiver";
    const refuse = (reason: string) => {
      this.refusals.push(reason);
      socket.end(encode(["PONG", false, reason, "", ""]));
      return null;
    };
    // fluentd's in_forward refuses a client that claims the server's own hostname.
    if (hostname === selfHostname) return refuse("same hostname between input and output: invalid configuration");
    if (digest !== sharedKeyDigest(salt, hostname, nonce, key)) return refuse("shared_key mismatch");
    socket.write(encode(["PONG", true, "", selfHostname, sharedKeyDigest(salt, selfHostname, nonce, key)]));
    return hostname;
  }
}
