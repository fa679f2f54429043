// Keep-alive load on nginx: `concurrency` clients each sending GET /<prefix>/<n> back to
// back, remembering which paths got a complete response.
import { Agent, request } from "node:http";

export interface Load {
  readonly responded: Set<string>;
  readonly failures: () => number;
  /** Stops sending and waits for the requests in flight. */
  readonly stop: () => Promise<void>;
}

/** `gapMs` paces each client: it waits that long after each response (a rate, not a burst). */
export function startLoad(port: number, concurrency: number, prefix: string, gapMs = 0): Load {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const responded = new Set<string>();
  let [next, failures, stopped] = [0, 0, false];
  const client = async () => {
    while (!stopped) {
      const path = `/${prefix}/${next++}`;
      if (await get(agent, port, path)) responded.add(path);
      else failures++;
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
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
