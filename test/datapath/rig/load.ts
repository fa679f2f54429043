// Keep-alive load on nginx: `concurrency` clients each sending GET /<prefix>/<n> back to
// back, remembering which paths got a complete response.
import { Agent, request } from "node:http";

export interface Load {
  readonly responded: Set<string>;
  readonly failures: () => number;
  /** Stops sending and waits for the requests in flight. */
  readonly stop: () => Promise<void>;
}

/**
 * Without `perSecond`, as fast as the clients go. With it, request n is sent no earlier than
 * n/perSecond seconds after the start (a steady rate, not a burst), by whichever client is
 * free; a rate the clients cannot keep shows as fewer responses, so callers print the rate
 * reached.
 */
export function startLoad(port: number, concurrency: number, prefix: string, perSecond?: number): Load {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const responded = new Set<string>();
  const started = performance.now();
  let [next, failures, stopped] = [0, 0, false];
  const client = async () => {
    while (!stopped) {
      const n = next++;
      if (perSecond) {
        const wait = started + (n * 1000) / perSecond - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (stopped) break;
      }
      const path = `/${prefix}/${n}`;
      if (await get(agent, port, path)) responded.add(path);
      else failures++;
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    responded,
    failures: () => failures,
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
      agent.destroy();
    },
  };
}

function get(agent: Agent, port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent, headers: { Host: "load.example.com" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode === 200));
      response.on("error", () => resolve(false));
    });
    // A refused or reset connection (nginx stopping) is a request without a response.
    req.on("error", () => setTimeout(() => resolve(false), 5));
    req.end();
  });
}
