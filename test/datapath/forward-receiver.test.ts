// The Forward-protocol receiver the forward tests trust (rig/forward-receiver.ts), checked
// against hand-built messages of each mode of the specification (fluent/fluentd wiki,
// "Forward Protocol Specification v1") and the shared-key handshake. The same receiver is
// then run against the real fluent-bit in forward-output.test.ts.
import { decodeMultiStream, encode } from "@msgpack/msgpack";
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { eventTimeCodec, ForwardReceiver, sharedKeyDigest, type ForwardReceiverOptions } from "./rig/forward-receiver.ts";
import { waitFor } from "./rig/wait.ts";

const TIME = { seconds: 1_764_650_000, nanoseconds: 123_456_789 };
const RECORD = { request_id: "a1", uri: "/x?q=ü", status: "200" };

/** A client speaking the spec by hand: the other side of every exchange below. */
class Client {
  private readonly replies: AsyncIterator<unknown>;
  private constructor(private readonly socket: Socket) {
    this.replies = decodeMultiStream(socket, { extensionCodec: eventTimeCodec, rawStrings: true })[Symbol.asyncIterator]();
  }
  static async open(port: number): Promise<Client> {
    const socket = connect({ host: "127.0.0.1", port });
    await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    return new Client(socket);
  }
  async reply(): Promise<unknown> {
    const next = await this.replies.next();
    return next.done ? undefined : next.value;
  }
  send(message: unknown): void {
    this.socket.write(encode(message, { extensionCodec: eventTimeCodec }));
  }
  /** HELO → PING → PONG; returns the PONG with its strings as text. */
  async handshake(key: string, hostname = "sender"): Promise<unknown[]> {
    const [helo, options] = (await this.reply()) as [Uint8Array, { nonce: Uint8Array; auth: Uint8Array; keepalive: boolean }];
    expect(Buffer.from(helo).toString()).toBe("HELO");
    // Salt bytes that are not UTF-8, as fluent-bit's random salt mostly is.
    const salt = Buffer.from([0xff, 0xfe, ...randomBytes(14)]);
    this.send(["PING", hostname, salt, sharedKeyDigest(salt, hostname, options.nonce, key), "", ""]);
    const pong = (await this.reply()) as unknown[];
    const texts = pong.map((item) => (item instanceof Uint8Array ? Buffer.from(item).toString() : item));
    if (texts[1] === true) expect(texts[4]).toBe(sharedKeyDigest(salt, String(texts[3]), options.nonce, key));
    return texts;
  }
  destroy(): void {
    this.socket.destroy();
  }
}

let receiver: ForwardReceiver | undefined;
let client: Client | undefined;
afterEach(async () => {
  client?.destroy();
  await receiver?.close();
  [receiver, client] = [undefined, undefined];
});

async function start(options: ForwardReceiverOptions = {}): Promise<Client> {
  receiver = await ForwardReceiver.listen(options, { port: 0 });
  client = await Client.open(receiver.port);
  return client;
}

const packed = (...entries: unknown[]) => Buffer.concat(entries.map((entry) => encode(entry, { extensionCodec: eventTimeCodec })));

describe("the test's Forward receiver decodes every mode of the specification", () => {
  it.each([
    { mode: "Message", message: ["app.access", TIME, RECORD] },
    { mode: "Message", message: ["app.access", 1_764_650_000, RECORD, {}] },
    { mode: "Forward", message: ["app.access", [[TIME, RECORD], [1_764_650_001, { n: 2 }]]] },
    { mode: "PackedForward", message: ["app.access", packed([TIME, RECORD], [1_764_650_001, { n: 2 }]), { size: 2 }] },
    { mode: "CompressedPackedForward", message: ["app.access", gzipSync(packed([TIME, RECORD], [1_764_650_001, { n: 2 }])), { size: 2, compressed: "gzip" }] },
  ])("$mode", async ({ mode, message }) => {
    (await start()).send(message);
    const expected = Array.isArray(message[1]) || message[1] instanceof Uint8Array ? 2 : 1;
    await waitFor(() => receiver!.events.length === expected, 5_000, "the events");
    expect(receiver!.protocolErrors).toEqual([]);
    expect(receiver!.events.map((event) => event.mode)).toEqual(Array(expected).fill(mode));
    expect(receiver!.events[0]!.tag).toBe("app.access");
    expect(receiver!.events[0]!.record).toEqual(RECORD);
    expect(receiver!.events[0]!.time).toEqual(message[1] === 1_764_650_000 ? 1_764_650_000 : TIME);
  });

  it("answers a chunk option with {ack: chunk} after taking the events, and only then", async () => {
    const c = await start();
    c.send(["app.access", [[TIME, RECORD]], { chunk: "p8n9gmxTQVC8/nh2wlKKeQ==", size: 1 }]);
    const reply = (await c.reply()) as { ack: Uint8Array };
    expect(Buffer.from(reply.ack).toString()).toBe("p8n9gmxTQVC8/nh2wlKKeQ==");
    expect(receiver!.events).toHaveLength(1);
    c.send(["app.access", [[TIME, RECORD]]]);
    await waitFor(() => receiver!.events.length === 2, 5_000, "the second event");
    expect(receiver!.acks).toBe(1);
  });

  it("records what is not a Forward message as a protocol error and drops the connection", async () => {
    (await start()).send(["app.access", "not a time", RECORD]);
    await waitFor(() => receiver!.protocolErrors.length > 0, 5_000, "the protocol error");
    expect(receiver!.events).toEqual([]);
  });
});

describe("the test's Forward receiver's shared-key handshake", () => {
  it("accepts the right key, proves it holds the key too, and takes events after it", async () => {
    const c = await start({ sharedKey: "s3cret", selfHostname: "fluentd-0" });
    expect(await c.handshake("s3cret", "gateway-pod")).toEqual(["PONG", true, "", "fluentd-0", expect.stringMatching(/^[0-9a-f]{128}$/)]);
    c.send(["app.access", [[TIME, RECORD]]]);
    await waitFor(() => receiver!.events.length === 1, 5_000, "the event");
    expect(receiver!.events[0]!.from).toBe("gateway-pod");
  });

  it("refuses a wrong key with PONG false, closes, and takes nothing", async () => {
    const c = await start({ sharedKey: "s3cret" });
    expect(await c.handshake("wrong")).toEqual(["PONG", false, "shared_key mismatch", "", ""]);
    c.send(["app.access", [[TIME, RECORD]]]);
    expect(await c.reply()).toBeUndefined();
    expect(receiver!.events).toEqual([]);
    expect(receiver!.refusals).toEqual(["shared_key mismatch"]);
  });

  it("refuses events sent instead of a PING", async () => {
    (await start({ sharedKey: "s3cret" })).send(["app.access", [[TIME, RECORD]]]);
    await waitFor(() => receiver!.protocolErrors.length > 0, 5_000, "the protocol error");
    expect(receiver!.events).toEqual([]);
  });
});
