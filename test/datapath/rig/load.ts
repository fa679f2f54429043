// Keep-alive load on nginx: `concurrency` clients each sending GET /<prefix>/<n> back to
// back, remembering which paths got a complete response.
import { Agent, request, type ClientRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { Agent as TlsAgent, request as tlsRequest } from "node:https";

export interface Load {
  readonly responded: Set<string>;
  readonly failures: () => number;
  /** Requests sent again after a kept-alive connection was closed under them (retryReusedSocketReset). */
  readonly retries: () => number;
  /** Stops sending and waits for the requests in flight. */
  readonly stop: () => Promise<void>;
}

/**
 * Without `perSecond`, as fast as the clients go. With it, request n is sent no earlier than
 * n/perSecond seconds after the start (a steady rate, not a burst), by whichever client is
 * free; a rate the clients cannot keep shows as fewer responses, so callers print the rate
 * reached.
 */
/** HTTPS instead of HTTP: the CA to verify nginx's certificate against and the name to ask for by SNI. */
export interface LoadTls {
  readonly ca: string;
  readonly servername: string;
}

export interface LoadOptions {
  readonly tls?: LoadTls;
  /**
   * Send a request again, once, when the kept-alive connection it was sent on is reset before
   * any response: the server closed the idle connection as the request left (nginx does so
   * when a worker exits gracefully), so the request never reached it. Node's documentation
   * asks clients to retry exactly this case (http, request.reusedSocket), and browsers and
   * load balancers do. Off by default: tests that count what a stopping nginx drops need the
   * plain failure.
   */
  readonly retryReusedSocketReset?: boolean;
}

export function startLoad(port: number, concurrency: number, prefix: string, perSecond?: number, options: LoadOptions = {}): Load {
  const { tls } = options;
  const agent = tls ? new TlsAgent({ keepAlive: true, maxSockets: concurrency, ca: tls.ca, servername: tls.servername }) : new Agent({ keepAlive: true, maxSockets: concurrency });
  const responded = new Set<string>();
  const started = performance.now();
  let [next, failures, retries, stopped] = [0, 0, 0, false];
  const client = async () => {
    while (!stopped) {
      const n = next++;
      if (perSecond) {
        const wait = started + (n * 1000) / perSecond - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (stopped) break;
      }
      const path = `/${prefix}/${n}`;
      let outcome = await get(agent, port, path, tls);
      if (outcome === "reset on a reused connection" && options.retryReusedSocketReset) {
        retries++;
        outcome = await get(agent, port, path, tls);
      }
      if (outcome === "answered") responded.add(path);
      else failures++;
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    responded,
    failures: () => failures,
    retries: () => retries,
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
      agent.destroy();
    },
  };
}

type Outcome = "answered" | "failed" | "reset on a reused connection";

function get(agent: Agent | TlsAgent, port: number, path: string, tls: LoadTls | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const send: (options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest = tls ? tlsRequest : request;
    const req = send({ host: "127.0.0.1", port, path, agent, headers: { Host: tls?.servername ?? "load.example.com" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode === 200 ? "answered" : "failed"));
      response.on("error", () => resolve("failed"));
    });
    // A refused or reset connection (nginx stopping) is a request without a response.
    req.on("error", (error: NodeJS.ErrnoException) => {
      const outcome = req.reusedSocket && error.code === "ECONNRESET" ? "reset on a reused connection" : "failed";
      setTimeout(() => resolve(outcome), 5);
    });
    req.end();
  });
}
