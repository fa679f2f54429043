// Envoy's stand-in on the upstream port: a raw HTTP/1.1 server that records each request
// exactly as nginx sent it (Node's own parser refuses raw UTF-8 in a request target) and
// answers /status/<code> with that code, /delay/<ms> that many milliseconds late, and never
// reads the body of a request to /unread/ (nor answers it).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";

export interface UpstreamRequest {
  readonly method: string;
  readonly target: Buffer;
  /** The request line's protocol, as HTTP/1.1. */
  readonly version: string;
  /** Header values by lower-case name, as raw bytes; repeated headers in order. */
  readonly headers: ReadonlyMap<string, Buffer[]>;
  readonly bodyLength: number;
}

export function upstreamHeader(request: UpstreamRequest, name: string): string | undefined {
  const values = request.headers.get(name.toLowerCase());
  return values?.map((value) => value.toString("utf8")).join(", ");
}

export class EnvoyStandIn {
  readonly requests: UpstreamRequest[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private notAccepting: ChildProcess | undefined;

  /** Requests answered, recorded or not. */
  served = 0;

  /** Connections accepted: fewer than requests when nginx keeps them alive. */
  connections = 0;

  /** false: count requests without keeping them (long load runs). */
  record = true;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(this.port, "127.0.0.1", resolve));
    this.server = server;
  }

  /** Down: no listener and every kept-alive connection from nginx closed. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
    if (this.notAccepting) {
      const exited = once(this.notAccepting, "exit");
      this.notAccepting.kill();
      await exited;
      this.notAccepting = undefined;
    }
  }

  /**
   * Listening but never accepting (full_accept_queue.rb): a connection to the port neither
   * opens nor is refused, as with an Envoy too busy to accept. `start()` after `stop()` restores it.
   */
  async stopAccepting(): Promise<void> {
    await this.stop();
    const script = fileURLToPath(new URL("./full_accept_queue.rb", import.meta.url));
    const child = spawn("ruby", [script, String(this.port)], { stdio: ["ignore", "pipe", "inherit"] });
    this.notAccepting = child;
    const [ready] = (await Promise.race([once(child.stdout!, "data"), once(child, "exit").then(() => [undefined])])) as [Buffer | undefined];
    if (!ready) throw new Error(`full_accept_queue.rb exited before listening on port ${this.port}`);
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    this.connections++;
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.indexOf("\r\n\r\n") >= 0 && / \/unread\//.test(buffered.subarray(0, buffered.indexOf("\r\n")).toString("latin1"))) {
        // Read no further: the kernel's buffers fill and nginx's writes stall.
        socket.pause();
        return;
      }
      for (let parsed = parseRequest(buffered); parsed; parsed = parseRequest(buffered)) {
        buffered = buffered.subarray(parsed.consumed);
        this.served++;
        if (this.record) this.requests.push(parsed.request);
        const delay = Number(/^\/delay\/([0-9]+)/.exec(parsed.request.target.toString("latin1"))?.[1] ?? 0);
        const response = respond(parsed.request);
        if (delay === 0) socket.write(response);
        else setTimeout(() => socket.writable && socket.write(response), delay);
      }
    });
  }
}

function parseRequest(data: Buffer): { request: UpstreamRequest; consumed: number } | undefined {
  const headEnd = data.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const [requestLine, ...headerLines] = splitLines(data.subarray(0, headEnd));
  const firstSpace = requestLine!.indexOf(" ");
  const lastSpace = requestLine!.lastIndexOf(" ");
  const headers = new Map<string, Buffer[]>();
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    const name = line.subarray(0, colon).toString("latin1").toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), trimSpaces(line.subarray(colon + 1))]);
  }
  const bodyLength = Number(headers.get("content-length")?.[0]?.toString() ?? 0);
  if (data.length < headEnd + 4 + bodyLength) return undefined;
  const method = requestLine!.subarray(0, firstSpace).toString("latin1");
  const version = requestLine!.subarray(lastSpace + 1).toString("latin1");
  return { request: { method, target: requestLine!.subarray(firstSpace + 1, lastSpace), version, headers, bodyLength }, consumed: headEnd + 4 + bodyLength };
}

function respond(request: UpstreamRequest): Buffer {
  const status = /^\/status\/([1-5][0-9]{2})/.exec(request.target.toString("latin1"))?.[1] ?? "200";
  const body = `envoy stand-in answered ${status}\n`;
  const head = `HTTP/1.1 ${status} Stand-In\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.from(request.method === "HEAD" ? head : head + body, "latin1");
}

function splitLines(data: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start <= data.length; ) {
    const end = data.indexOf("\r\n", start);
    lines.push(data.subarray(start, end < 0 ? data.length : end));
    start = end < 0 ? data.length + 1 : end + 2;
  }
  return lines;
}

function trimSpaces(value: Buffer): Buffer {
  let [start, end] = [0, value.length];
  while (start < end && (value[start] === 0x20 || value[start] === 0x09)) start++;
  while (end > start && (value[end - 1] === 0x20 || value[end - 1] === 0x09)) end--;
  return value.subarray(start, end);
}
