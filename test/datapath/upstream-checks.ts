// What Envoy must receive from nginx for a request: the request unchanged (full URI, not the
// capped log value), the client's Host with its port, and the client address headers.
import { header } from "./expect/request.ts";
import type { UpstreamRequest } from "./rig/envoy.ts";
import { upstreamHeader } from "./rig/envoy.ts";
import type { Logged } from "./run-catalogue.ts";

export function envoyChecks({ request }: Logged, received: UpstreamRequest): string[] {
  const clientXff = header(request, "X-Forwarded-For");
  const expected: [string, string | undefined, string | undefined][] = [
    ["method", request.method, received.method],
    ["target", request.target, received.target.toString("utf8")],
    ["body length", String(Buffer.byteLength(request.body ?? "")), String(received.bodyLength)],
    ["Host", header(request, "Host"), upstreamHeader(received, "Host")],
    ["X-Forwarded-For", clientXff ? `${clientXff}, 127.0.0.1` : "127.0.0.1", upstreamHeader(received, "X-Forwarded-For")],
    ["X-Real-IP", "127.0.0.1", upstreamHeader(received, "X-Real-IP")],
    // nginx's own scheme whatever the client claims: the rig's client (127.0.0.1) is not among
    // nginx.realIp.trustedCidrs in any of these value sets (real-ip.test.ts has one that is).
    ["X-Forwarded-Proto", "http", upstreamHeader(received, "X-Forwarded-Proto")],
    ["User-Agent", header(request, "User-Agent"), upstreamHeader(received, "User-Agent")],
    ["Cookie", header(request, "Cookie"), upstreamHeader(received, "Cookie")],
    // An empty Connection is dropped, so the connection to Envoy stays keepalive.
    ["Connection", undefined, upstreamHeader(received, "Connection")],
  ];
  return expected.filter(([, want, got]) => want !== got).map(([what, want, got]) => `${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}
