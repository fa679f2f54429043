// What Envoy's fluentd access logger (envoy.access_loggers.fluentd) sends to fluent-bit's
// forward input, byte for byte in shape, and a TCP connection to send it on as Envoy does.
//
// Envoy packs each flush as one Forward-mode message, [tag, [[time, record], ...]]: no
// options element (it asks for no acks), time the whole seconds of the moment it logged as
// a plain unsigned integer (msgpack-c's pack(uint64_t), never the EventTime extension), and
// each record the msgpack nlohmann/json makes of the typed JSON formatter's output: numbers
// stay numbers, an operator without a value is JSON null (msgpack nil), and the keys come
// sorted (nlohmann's objects are std::maps).
import { encode } from "@msgpack/msgpack";
import { connect, type Socket } from "node:net";

/**
 * One value of Envoy's typed record. null is what Envoy sends for an operator without a
 * value (msgpack nil); undefined leaves the key out of the map, as a record without that
 * key would arrive.
 */
export type EnvoyValue = string | number | boolean | null | undefined;
export type EnvoyRecord = { readonly [key: string]: EnvoyValue };

export interface EnvoyEntry {
  /** Epoch seconds when Envoy logged the request: an unsigned integer. */
  readonly time: number;
  readonly record: EnvoyRecord;
}

/** One Forward-mode message as one flush of Envoy's logger: `[tag, [[time, record], ...]]`. */
export function envoyForwardMessage(tag: string, entries: readonly EnvoyEntry[]): Uint8Array {
  for (const { time } of entries) {
    // A fraction would be packed as a float, which Envoy never sends (and fluent-bit would
    // read differently): refuse it rather than test a message Envoy cannot produce.
    if (!Number.isSafeInteger(time) || time < 0) throw new Error(`Envoy sends the time as unsigned whole seconds, not ${time}`);
  }
  const message = [tag, entries.map(({ time, record }) => [time, record])];
  return encode(message, { sortKeys: true, ignoreUndefined: true });
}

/** A TCP connection to the forward input, held open between sends as Envoy holds its own. */
export class ForwardConnection {
  private error: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on("error", (error) => (this.error = error));
  }

  static async open(port: number, timeoutMs: number): Promise<ForwardConnection> {
    const socket = connect({ host: "127.0.0.1", port });
    await bounded(
      new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject)),
      timeoutMs,
      `a TCP connection to fluent-bit's forward input on 127.0.0.1:${port}`,
      () => socket.destroy(),
    );
    return new ForwardConnection(socket);
  }

  /** Writes one message; resolves when the kernel has taken it. */
  async send(message: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.error) throw this.error;
    await bounded(
      new Promise<void>((resolve, reject) => this.socket.write(message, (error) => (error ? reject(error) : resolve()))),
      timeoutMs,
      `fluent-bit's forward input to take a ${message.length}-byte message`,
      () => this.socket.destroy(),
    );
  }

  /** Ends the connection (FIN after the data sent) and waits for it to close. */
  async close(timeoutMs: number): Promise<void> {
    if (this.socket.destroyed) return;
    const closed = new Promise<void>((resolve) => this.socket.once("close", () => resolve()));
    this.socket.end();
    await bounded(closed, timeoutMs, "the forward connection to close", () => this.socket.destroy());
  }

  destroy(): void {
    this.socket.destroy();
  }
}

async function bounded<T>(promise: Promise<T>, timeoutMs: number, what: string, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
