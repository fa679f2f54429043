// A raw HTTP/1.1 client: the test decides every byte of the request (raw UTF-8, tabs,
// missing headers), and it reads until nginx closes, so nginx has logged the request by then.
import { connect } from "node:net";

export interface Response {
  readonly status: number;
  /** Header values by lower-case name, repeated headers in order. */
  readonly headers: ReadonlyMap<string, string[]>;
  readonly body: Buffer;
  readonly sentAt: number;
  readonly receivedAt: number;
}

export function exchange(port: number, request: Buffer, method: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let sentAt = 0;
    socket.setTimeout(10_000, () => socket.destroy(new Error("no response within 10 s")));
    socket.on("connect", () => {
      sentAt = Date.now();
      // No half-close: nginx would take the client's FIN as an abort (status 499).
      socket.write(request);
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      socket.destroy();
      const data = Buffer.concat(chunks);
      const headEnd = data.indexOf("\r\n\r\n");
      const status = Number(/^HTTP\/1\.[01] ([0-9]{3}) /.exec(data.toString("latin1"))?.[1]);
      if (headEnd < 0 || Number.isNaN(status)) return reject(new Error(`not an HTTP response: ${data.toString("latin1").slice(0, 200)}`));
      const body = method === "HEAD" ? Buffer.alloc(0) : data.subarray(headEnd + 4);
      resolve({ status, headers: headersOf(data.subarray(0, headEnd).toString("latin1")), body, sentAt, receivedAt: Date.now() });
    });
  });
}

function headersOf(head: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** Resolves once `GET path` on the port answers 200 (nginx's health server is up). */
export async function answers(port: number, path: string): Promise<boolean> {
  try {
    const response = await exchange(port, Buffer.from(`GET ${path} HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n`), "GET");
    return response.status === 200;
  } catch {
    return false;
  }
}
