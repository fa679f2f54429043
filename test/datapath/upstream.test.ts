// nginx's side of the connection to Envoy and what it tells clients about itself, with real
// nginx: HTTP/1.1 over connections kept alive (and renewed after nginx.upstream.keepaliveRequests),
// WebSocket upgrades passed on, a Server header without nginx's version, and the limits the
// values set (timeouts, body and header sizes, connections).
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, type Response } from "./rig/client.ts";
import { Rig, withRig, type Values } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";

const get = (rig: Rig, path: string, headers: Record<string, string> = {}): Promise<Response> =>
  exchange(
    rig.listenPort,
    Buffer.from(`GET ${path} HTTP/1.1\r\nHost: gateway.example\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")}Connection: close\r\n\r\n`),
    "GET",
  );

/** Sends `count` requests one after another through a started rig with `values`, then stops it. */
function sequentially<T>(values: Values, count: number, check: (rig: Rig, responses: Response[]) => T): Promise<T> {
  return withRig(values, async (rig) => {
    await rig.startInChartOrder();
    const responses: Response[] = [];
    for (let index = 0; index < count; index++) responses.push(await get(rig, `/item/${index}`));
    await rig.stopInChartOrder();
    return check(rig, responses);
  });
}

// One worker: each worker keeps connections of its own (ngx_http_upstream_keepalive_module
// caches per process), and with one the count below does not depend on which worker accepted.
const ONE_WORKER = { workerProcesses: 1 };

describe("nginx to Envoy", () => {
  it("speaks HTTP/1.1 over kept-alive connections, each closed after nginx.upstream.keepaliveRequests requests", async () => {
    // ngx_http_upstream_keepalive_module.c (ngx_http_upstream_free_keepalive_peer): a connection
    // that has served keepalive_requests requests is closed instead of cached; one that answered
    // HTTP/1.0 (no proxy_http_version 1.1) or with "Connection: close" is never cached.
    const seen = await sequentially({ nginx: { ...ONE_WORKER, upstream: { keepalive: 4, keepaliveRequests: 3 } } }, 9, (rig) => ({
      versions: [...new Set(rig.envoy.requests.map((request) => request.version))],
      connections: rig.envoy.connections,
      requests: rig.envoy.requests.length,
    }));
    expect(seen).toEqual({ versions: ["HTTP/1.1"], connections: 3, requests: 9 });
  });

  it("opens a connection per request when nginx.upstream.keepalive is 0", async () => {
    const connections = await sequentially({ nginx: { ...ONE_WORKER, upstream: { keepalive: 0 } } }, 4, (rig) => rig.envoy.connections);
    expect(connections).toBe(4);
  });

  it("passes a WebSocket upgrade on to Envoy with its Upgrade and Connection headers", async () => {
    // Upgrade and Connection are hop-by-hop: nginx drops both unless set again
    // (https://nginx.org/en/docs/http/websocket.html); the chart sets Connection from the
    // $connection_upgrade map, "upgrade" whenever the client sent an Upgrade header.
    await withRig({}, async (rig) => {
      await rig.startInChartOrder();
      await get(rig, "/socket", { Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" });
      await rig.stopInChartOrder();
      const [received] = rig.envoy.requests;
      expect([received?.headers.get("upgrade")?.map(String), received?.headers.get("connection")?.map(String)]).toEqual([["websocket"], ["upgrade"]]);
    });
  });
});

describe("nginx to clients", () => {
  it("names itself nginx without its version, on Envoy's responses and on its own", async () => {
    // ngx_http_header_filter_module.c: "Server: nginx" unless server_tokens is on, which
    // sends "Server: nginx/<version>" (NGINX_VER); proxied responses get nginx's own Server
    // header, Envoy's is hidden (ngx_http_proxy_hide_headers in ngx_http_proxy_module.c).
    await withRig({}, async (rig) => {
      await rig.startInChartOrder();
      const proxied = await get(rig, "/status/200");
      await rig.envoy.stop();
      const ownError = await get(rig, "/unreachable");
      await rig.envoy.start();
      await rig.stopInChartOrder();
      expect([proxied.status, proxied.headers.get("server"), ownError.status, ownError.headers.get("server")]).toEqual([200, ["nginx"], 502, ["nginx"]]);
    });
  });
});

describe("the values' snippets and nginx's own bodies", () => {
  it("puts httpSnippet in the http block and serverSnippet in the proxying server, and serves bodies nginx writes as text/plain, its pages as text/html", async () => {
    // A map may appear only in http (ngx_http_map_module) and a location only in a server; a
    // variable of the first used by the second shows both landed where they should. A body
    // of `return` takes default_type, "text/plain" unless set (ngx_http_core_merge_loc_conf,
    // ngx_http_core_module.c); the chart's error pages are .html, which nginx types as
    // text/html without a mime.types (ngx_http_core_default_types).
    const values = {
      nginx: {
        httpSnippet: 'map $http_x_team $team {\n  default none;\n  "~." $http_x_team;\n}',
        serverSnippet: 'location = /team {\n  return 200 "team=$team\\n";\n}',
      },
    };
    await withRig(values, async (rig) => {
      await rig.startInChartOrder();
      const fromSnippet = await get(rig, "/team", { "X-Team": "payments" });
      const health = await exchange(rig.healthPort, Buffer.from("GET /healthz HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n"), "GET");
      await rig.envoy.stop();
      const ownError = await get(rig, "/unreachable");
      await rig.envoy.start();
      await rig.stopInChartOrder();
      const seen = (response: Response) => [response.status, response.headers.get("content-type")?.map(String), response.body.toString("utf8").trim()];
      expect([seen(fromSnippet), seen(health), seen(ownError).slice(0, 2), rig.envoy.requests.length]).toEqual([
        [200, ["text/plain"], "team=payments"],
        [200, ["text/plain"], "ok"],
        [502, ["text/html"]],
        0,
      ]);
    });
  });
});

describe("nginx's own error pages", () => {
  it("serves them only through its internal redirects: /_errors/ from outside is 404 and reaches no one", async () => {
    // ngx_http_core_find_location (ngx_http_core_module.c): an `internal` location matched by
    // a client's own request ends in 404; error_page reaches it by an internal redirect.
    await withRig({}, async (rig) => {
      await rig.startInChartOrder();
      const direct = await get(rig, "/_errors/error-502.html");
      await rig.stopInChartOrder();
      expect([direct.status, direct.body.toString("utf8") === rig.pod.nginxConfigMap["error-502.html"], rig.envoy.requests.length]).toEqual([404, false, 0]);
    });
  });
});

describe("nginx's timeouts towards Envoy, from the values (each differs from nginx's 60 s default)", () => {
  const values = { nginx: { clientMaxBodySize: "64m", upstream: { connectTimeout: "1s", sendTimeout: "1s" } } };
  let rig: Rig;
  beforeAll(async () => {
    rig = await Rig.create(values);
    await rig.startInChartOrder();
  });
  afterAll(async () => {
    await rig?.envoy.stop();
    await rig?.envoy.start();
    await rig?.stopInChartOrder().catch(() => undefined);
    rig?.dispose();
  });

  // The log action names the phase that timed out: "sending request to upstream"
  // (ngx_http_upstream_send_request) and "connecting to upstream" (ngx_http_upstream_connect),
  // both in ngx_http_upstream.c; with nginx's 60 s, exchange()'s 10 s guard fails first.
  it("answers 504 with the chart's page when Envoy stops reading a request body for longer than nginx.upstream.sendTimeout", async () => {
    // 56 MiB: more than the loopback connection's socket buffers hold (net.ipv4.tcp_rmem, tcp_wmem).
    const bytes = 56 * 1024 * 1024;
    const head = Buffer.from(`POST /unread/body HTTP/1.1\r\nHost: gateway.example\r\nContent-Length: ${bytes}\r\nConnection: close\r\n\r\n`);
    const stalled = await exchange(rig.listenPort, Buffer.concat([head, Buffer.alloc(bytes, 0x62)]), "POST");
    expect([stalled.status, stalled.body.toString("utf8"), /upstream timed out \(110: Connection timed out\) while sending request to upstream/.test(rig.nginx!.stderr)]).toEqual([504, rig.pod.nginxConfigMap["error-504.html"], true]);
  });

  it("answers 504 with the chart's page when Envoy does not accept a connection within nginx.upstream.connectTimeout", async () => {
    await rig.envoy.stopAccepting();
    const unaccepted = await exchange(rig.listenPort, Buffer.from("GET /not-accepted HTTP/1.1\r\nHost: gateway.example\r\nConnection: close\r\n\r\n"), "GET");
    expect([unaccepted.status, unaccepted.body.toString("utf8"), /upstream timed out \(110: Connection timed out\) while connecting to upstream/.test(rig.nginx!.stderr)]).toEqual([504, rig.pod.nginxConfigMap["error-504.html"], true]);
  });
});

describe("nginx's limits, from the values (each differs from nginx's own default)", () => {
  // nginx's defaults (ngx_http_core_module.c, ngx_http_proxy_module.c, ngx_event.c): client_max_body_size
  // 1m, large_client_header_buffers 4 8k, keepalive_timeout 75s, proxy_read_timeout 60s, worker_connections 512.
  const values = { nginx: { workerProcesses: 1, workerConnections: 64, keepaliveTimeout: "1s", upstream: { readTimeout: "1s" } } };
  let rig: Rig;
  beforeAll(async () => {
    rig = await Rig.create(values);
    await rig.startInChartOrder();
  });
  afterAll(async () => {
    await rig?.stopInChartOrder().catch(() => undefined);
    rig?.dispose();
  });

  it("answers 504 with the chart's page when Envoy is silent longer than nginx.upstream.readTimeout", async () => {
    const late = await get(rig, "/delay/3000");
    expect([late.status, late.body.toString("utf8")]).toEqual([504, rig.pod.nginxConfigMap["error-504.html"]]);
  });

  it("passes a body up to nginx.clientMaxBodySize (10m) on to Envoy, and refuses a larger one with 413", async () => {
    const post = (bytes: number) =>
      exchange(rig.listenPort, Buffer.concat([Buffer.from(`POST /upload/${bytes} HTTP/1.1\r\nHost: gateway.example\r\nContent-Length: ${bytes}\r\nConnection: close\r\n\r\n`), Buffer.alloc(bytes, 0x61)]), "POST");
    const [accepted, refused] = [await post(2 * 1024 * 1024), await post(11 * 1024 * 1024)];
    const received = rig.envoy.requests.filter((request) => request.target.toString("latin1").startsWith("/upload/")).map((request) => request.bodyLength);
    expect([accepted.status, refused.status, received]).toEqual([200, 413, [2 * 1024 * 1024]]);
  });

  it("accepts a 12 KiB cookie within nginx.largeClientHeaderBuffers (4 16k)", async () => {
    const response = await get(rig, "/big-cookie", { Cookie: `session=${"c".repeat(12 * 1024)}` });
    expect(response.status).toBe(200);
  });

  it("closes an idle client connection after nginx.keepaliveTimeout", async () => {
    const socket = connect(rig.listenPort, "127.0.0.1");
    const closedAfter = await new Promise<number>((resolve, reject) => {
      let answeredAt = 0;
      socket.setTimeout(20_000, () => socket.destroy(new Error("nginx kept the idle connection open for 20 s")));
      socket.on("error", reject);
      socket.on("data", () => (answeredAt ||= Date.now()));
      socket.on("end", () => resolve(Date.now() - answeredAt));
      socket.write("GET /kept-alive HTTP/1.1\r\nHost: gateway.example\r\n\r\n");
    });
    socket.destroy();
    // 1 s and the timer's granularity; nginx's own 75 s would hit the 20 s guard above.
    expect(closedAfter).toBeLessThan(10_000);
  });

  it("runs out of connections beyond nginx.workerConnections per worker, and says so", async () => {
    const sockets = await Promise.all(Array.from({ length: 80 }, () => new Promise<Socket>((resolve) => {
      const socket = connect(rig.listenPort, "127.0.0.1", () => resolve(socket));
      socket.on("error", () => resolve(socket));
    })));
    try {
      // ngx_event_accept.c: "%ui worker_connections are not enough" at alert level, on stderr.
      await waitFor(() => rig.nginx!.stderr.includes("64 worker_connections are not enough"), 5_000, "nginx's alert about worker_connections");
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
